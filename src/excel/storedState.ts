import { fieldLabels } from "../core/read/headings";
import type { ColumnField } from "../core/read/pupilRecord";
import { checkNationalFigureTable, nationalTableToJson } from "../core/report/checkNationalFigures";
import type { SheetRole } from "../core/report/plan";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import { defaultSettings } from "../core/rules/settings";
import { validateSettings } from "../core/rules/validateSettings";
import type { CellRect } from "../core/common/a1";
import type { MappingOverride, StoredState } from "./workbookGateway";

/**
 * What the add-in keeps in `workbook.settings` (saved in the file, so co-editors share it):
 * the school's rules and meeting details under one key, and a record of what it wrote under another,
 * so a re-run finds and replaces its own columns, rules and sheets and never touches anything else.
 */
export const stateSettingKey = "AttendanceInsight.state";
export const writtenSettingKey = "AttendanceInsight.written";
/** Worksheet-scoped name over the added columns: it moves with the columns if people insert some. */
export const highlightName = "AttendanceInsight_Highlight";

/** Where Analyse wrote on one sheet (0-based sheet positions). */
export interface HighlightRecord {
  sheetName: string;
  /** The added columns, heading row included. */
  area: CellRect;
  headings: string[];
  legend: CellRect | null;
}

export interface GeneratedSheetRecord {
  role: SheetRole;
  sheetId: string;
  name: string;
}

export interface WrittenRecord {
  version: 1;
  /** Keyed by worksheet id (ids survive renaming). */
  highlights: Record<string, HighlightRecord>;
  sheets: GeneratedSheetRecord[];
  /** The sheet analysed last, so pressing a button while a generated sheet is showing analyses that sheet again. */
  lastSourceSheetId?: string;
}

export function emptyWritten(): WrittenRecord {
  return { version: 1, highlights: {}, sheets: [] };
}

export function defaultState(): StoredState {
  return { settings: structuredCloneSafe(defaultSettings), details: null, mappings: {} };
}

function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw !== "string") return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

const phases: readonly TsmMeetingDetails["phase"][] = ["primary", "secondary", "special", "all-through", "other"];

function parseDetails(value: unknown): TsmMeetingDetails | null | "invalid" {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) return "invalid";
  const text = (k: string): string | null => (typeof value[k] === "string" ? (value[k] as string) : value[k] === undefined ? "" : null);
  const fields = ["schoolName", "urn", "meetingDate", "seniorAttendanceLead", "linkPiasOfficer"].map(text);
  if (fields.some((f) => f === null)) return "invalid";
  const phase = value.phase;
  if (typeof phase !== "string" || !phases.includes(phase as TsmMeetingDetails["phase"])) return "invalid";
  const [schoolName, urn, meetingDate, seniorAttendanceLead, linkPiasOfficer] = fields as string[];
  return {
    schoolName: schoolName ?? "",
    urn: urn ?? "",
    phase: phase as TsmMeetingDetails["phase"],
    meetingDate: meetingDate ?? "",
    seniorAttendanceLead: seniorAttendanceLead ?? "",
    linkPiasOfficer: linkPiasOfficer ?? "",
  };
}

function parseMappings(value: unknown): Record<string, MappingOverride> | "invalid" {
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) return "invalid";
  const out: Record<string, MappingOverride> = {};
  for (const [sheet, mapping] of Object.entries(value)) {
    if (!isRecord(mapping)) return "invalid";
    const clean: MappingOverride = {};
    for (const [field, column] of Object.entries(mapping)) {
      if (!(field in fieldLabels)) return "invalid";
      if (column !== null && !(typeof column === "number" && Number.isInteger(column) && column >= 0 && column < 16384)) return "invalid";
      clean[field as ColumnField] = column as number | null;
    }
    out[sheet] = clean;
  }
  return out;
}

/**
 * Reads the stored state, whatever is in the workbook: missing → defaults; corrupt or out-of-range parts →
 * defaults for those parts and one message saying what was reset (never a crash).
 */
export function parseStoredState(raw: unknown): { state: StoredState; warning: string | null } {
  const parsed = parseJson(raw);
  if (!parsed.ok) {
    return {
      state: defaultState(),
      warning: "The add-in's saved settings in this workbook could not be read, so the standard settings are in use. Check them under Settings and save again.",
    };
  }
  if (parsed.value === null) return { state: defaultState(), warning: null };
  if (!isRecord(parsed.value)) {
    return {
      state: defaultState(),
      warning: "The add-in's saved settings in this workbook were not in the expected form, so the standard settings are in use. Check them under Settings and save again.",
    };
  }
  const problems: string[] = [];
  const validated = validateSettings(parsed.value.settings);
  let settings = defaultState().settings;
  if (validated.ok) settings = validated.settings;
  else problems.push(`the attendance rules (${validated.errors.join(" ")})`);
  const details = parseDetails(parsed.value.details);
  if (details === "invalid") problems.push("the meeting details");
  const mappings = parseMappings(parsed.value.mappings);
  if (mappings === "invalid") problems.push("the saved column choices");
  // Checked by the same core function as the pane and --national; unusable figures fall back to the shipped ones.
  const savedNational = parsed.value.nationalFigures;
  const national = savedNational === undefined || savedNational === null ? null : checkNationalFigureTable(savedNational);
  if (national && !national.ok) problems.push(`the national figures (${national.problems.map((p) => p.message).join(" ")})`);
  const state: StoredState = {
    settings,
    details: details === "invalid" ? null : details,
    mappings: mappings === "invalid" ? {} : mappings,
    ...(national?.ok ? { nationalFigures: national.table } : {}),
  };
  if (problems.length === 0) return { state, warning: null };
  return {
    state,
    warning: `Some saved settings in this workbook could not be used and were reset to the standard ones: ${problems.join("; ")}. Check them and save again.`,
  };
}

export function serialiseStoredState(state: StoredState): string {
  return JSON.stringify({
    version: 1,
    settings: state.settings,
    details: state.details,
    mappings: state.mappings,
    // In the documented JSON shape (README "National figures"); left out when the shipped table is in use.
    ...(state.nationalFigures ? { nationalFigures: nationalTableToJson(state.nationalFigures) } : {}),
  });
}

function isRect(value: unknown): value is CellRect {
  return (
    isRecord(value) &&
    ["firstRow", "firstColumn", "lastRow", "lastColumn"].every((k) => Number.isInteger(value[k]) && (value[k] as number) >= 0) &&
    (value.firstRow as number) <= (value.lastRow as number) &&
    (value.firstColumn as number) <= (value.lastColumn as number)
  );
}

/** The record of what the add-in wrote; anything unreadable is dropped (the add-in then writes afresh). */
export function parseWritten(raw: unknown): WrittenRecord {
  const parsed = parseJson(raw);
  if (!parsed.ok || !isRecord(parsed.value)) return emptyWritten();
  const out = emptyWritten();
  const highlights = parsed.value.highlights;
  if (isRecord(highlights)) {
    for (const [sheetId, h] of Object.entries(highlights)) {
      if (
        isRecord(h) &&
        typeof h.sheetName === "string" &&
        isRect(h.area) &&
        Array.isArray(h.headings) &&
        h.headings.every((x) => typeof x === "string") &&
        (h.legend === null || isRect(h.legend))
      ) {
        out.highlights[sheetId] = {
          sheetName: h.sheetName,
          area: h.area,
          headings: h.headings as string[],
          legend: h.legend as CellRect | null,
        };
      }
    }
  }
  if (typeof parsed.value.lastSourceSheetId === "string") out.lastSourceSheetId = parsed.value.lastSourceSheetId;
  const sheets = parsed.value.sheets;
  if (Array.isArray(sheets)) {
    for (const s of sheets) {
      if (isRecord(s) && typeof s.sheetId === "string" && typeof s.name === "string" && (s.role === "tsm" || s.role === "summary" || s.role === "key" || s.role === "history")) {
        out.sheets.push({ role: s.role, sheetId: s.sheetId, name: s.name });
      }
    }
  }
  return out;
}
