import { fieldLabels } from "../core/read/headings";
import type { ColumnField } from "../core/read/pupilRecord";
import { checkNationalFigureTable, nationalTableToJson } from "../core/report/checkNationalFigures";
import { excelLimits, utf8Bytes } from "../core/report/excelLimits";
import type { SheetRole } from "../core/report/plan";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import { defaultSettings } from "../core/rules/settings";
import { validateSettings } from "../core/rules/validateSettings";
import type { CellRect } from "../core/common/a1";
import { ukDate } from "../core/common/dates";
import type { MappingOverride, StoredState } from "./workbookGateway";

/**
 * What the add-in keeps in `workbook.settings` (saved in the file, so co-editors share it), laid out for
 * co-authoring: ONE SETTING PER CONCERN AND PER SHEET, never one blob. A school officer and a Kent PIAS
 * officer editing the workbook at once each hold their own copy of the settings; a blob written whole by
 * one would put back the other's older copy of everything else (column choices, national figures, sheet
 * records lost, then duplicate "(2)" sheets). With one key each, a write touches only what that person
 * changed, and every write is planned from the settings re-read in the same run (diffEntries).
 *
 *   AttendanceInsight.rules                   the school's rules (docs/rules.md)
 *   AttendanceInsight.meetingDetails          the TSM meeting details
 *   AttendanceInsight.nationalFigures         national figures the school saved (absent: the shipped table)
 *   AttendanceInsight.columns.<sheet name>    the column choices for one export sheet, and the heading row
 *                                             the user chose for it ("headerRowNumber", 1-based)
 *   AttendanceInsight.highlight.<sheet id>    where Analyse wrote on one sheet
 *   AttendanceInsight.generated.<role>        the latest TSM form, summary or pupil key the add-in made
 *   AttendanceInsight.lastSource              the sheet analysed last
 *   AttendanceInsight.unreadable.<concern>    a saved value that could not be read, kept aside (with the date)
 *                                             before anything was written over it, e.g. ….unreadable.rules
 *
 * Records of sheets that no longer exist are pruned when the add-in next writes (pruneWrites). A value the
 * add-in cannot read is never written over or removed without first being kept aside (keepUnreadable).
 */
const prefix = "AttendanceInsight.";
export const settingKeys = {
  rules: `${prefix}rules`,
  meetingDetails: `${prefix}meetingDetails`,
  nationalFigures: `${prefix}nationalFigures`,
  lastSource: `${prefix}lastSource`,
  columns: (sheetName: string) => `${prefix}columns.${sheetName}`,
  highlight: (sheetId: string) => `${prefix}highlight.${sheetId}`,
  generated: (role: SheetRole) => `${prefix}generated.${role}`,
  /** Where an unreadable value of `key` is kept: "AttendanceInsight.rules" → "AttendanceInsight.unreadable.rules". */
  unreadable: (key: string) => `${prefix}unreadable.${key.startsWith(prefix) ? key.slice(prefix.length) : key}`,
} as const;
const columnsPrefix = settingKeys.columns("");
const highlightPrefix = settingKeys.highlight("");
const generatedPrefix = `${prefix}generated.`;

/** The add-in's settings as read from the workbook: key → stored value (a JSON string). */
export type SettingEntries = ReadonlyMap<string, unknown>;

/** One change to the workbook's settings: a new value (JSON text) or, with null, removal of the key. */
export interface SettingWrite {
  key: string;
  value: string | null;
}

/** The sheet's page setup before the first Analyse, as Excel gave it (docs/rules.md §15). */
export interface PageOriginal {
  orientation: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** Addresses without the sheet name ("A1:K40, M1:P40"), or null for none. */
  printArea: string | null;
  printTitleRows: string | null;
  printTitleColumns: string | null;
  centerHeader: string;
  centerFooter: string;
  rightFooter: string;
  /** Left and right margins in points (absent in records made before Analyse set margins). */
  leftMargin?: number;
  rightMargin?: number;
}

/** What Analyse changed besides cells, as it was before the first Analyse, so it can be put back. */
export interface SheetOriginals {
  /** Width in points by 0-based column, for the columns Analyse may write (read before it first did); "standard" for the sheet's standard width. */
  columnWidths: Record<string, number | "standard">;
  /** Columns whose width Analyse has set (the union over its runs): only these are put back. */
  touched: number[];
  page: PageOriginal | null;
}

/** Where Analyse wrote on one sheet (0-based sheet positions). */
export interface HighlightRecord {
  sheetName: string;
  /** The added columns, heading row included. */
  area: CellRect;
  headings: string[];
  legend: CellRect | null;
  /** Absent in records written before it was kept: then widths and page setup cannot be put back. */
  original?: SheetOriginals;
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

/** A loaded `workbook.settings` collection as entries (every key: the collection holds this add-in's only). */
export function settingEntries(items: readonly { key: string; value: unknown }[]): Map<string, unknown> {
  return new Map(items.map((item) => [item.key, item.value]));
}

/**
 * Every setting this run means to change: its own changes (`before` → `after`, see diffEntries) and the
 * records of sheets that are gone; where both name a key, this run's own change wins.
 */
export function planSettingWrites(
  entries: SettingEntries,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  sheets: readonly { id: string; name: string }[] | null,
): SettingWrite[] {
  const own = diffEntries(before, after);
  const touched = new Set(own.map((w) => w.key));
  const pruned = sheets ? pruneWrites(entries, sheets).filter((w) => !touched.has(w.key)) : [];
  return [...own, ...pruned];
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

/** The key of the heading row in a sheet's column-choices setting (no column field has this name). */
const headerRowKey = "headerRowNumber";

function parseMapping(mapping: unknown): { columns: MappingOverride; headerRowNumber: number | null } | "invalid" {
  if (!isRecord(mapping)) return "invalid";
  const clean: MappingOverride = {};
  let headerRowNumber: number | null = null;
  for (const [field, column] of Object.entries(mapping)) {
    if (field === headerRowKey) {
      if (!(typeof column === "number" && Number.isInteger(column) && column >= 1 && column <= 1_048_576)) return "invalid";
      headerRowNumber = column;
      continue;
    }
    if (!(field in fieldLabels)) return "invalid";
    if (column !== null && !(typeof column === "number" && Number.isInteger(column) && column >= 0 && column < 16384)) return "invalid";
    clean[field as ColumnField] = column as number | null;
  }
  return { columns: clean, headerRowNumber };
}

/**
 * The stored state from the add-in's settings, whatever is in the workbook: missing → defaults; a corrupt
 * or out-of-range concern → defaults for that concern and one message saying what was reset (never a crash).
 * The unreadable setting itself is left in the workbook until someone saves that concern again.
 */
export function storedStateFrom(entries: SettingEntries): { state: StoredState; warning: string | null; unreadable: string[] } {
  const problems: string[] = [];
  // The keys whose value could not be used: kept aside before any write replaces them (keepUnreadable).
  const unreadable: string[] = [];
  const read = (key: string, what: string): unknown => {
    const parsed = parseJson(entries.get(key));
    if (parsed.ok) return parsed.value;
    problems.push(what);
    unreadable.push(key);
    return null;
  };

  let settings = defaultState().settings;
  const rules = read(settingKeys.rules, "the attendance rules");
  if (rules !== null) {
    const validated = validateSettings(rules);
    if (validated.ok) settings = validated.settings;
    else {
      problems.push(`the attendance rules (${validated.errors.join(" ")})`);
      unreadable.push(settingKeys.rules);
    }
  }
  const details = parseDetails(read(settingKeys.meetingDetails, "the meeting details"));
  if (details === "invalid" && !unreadable.includes(settingKeys.meetingDetails)) {
    problems.push("the meeting details");
    unreadable.push(settingKeys.meetingDetails);
  }

  const mappings: Record<string, MappingOverride> = {};
  const headerRows: Record<string, number> = {};
  const badColumns: string[] = [];
  for (const key of entries.keys()) {
    if (!key.startsWith(columnsPrefix)) continue;
    const sheetName = key.slice(columnsPrefix.length);
    const parsed = parseJson(entries.get(key));
    const mapping = parsed.ok && parsed.value !== null ? parseMapping(parsed.value) : "invalid";
    if (mapping === "invalid") {
      badColumns.push(`“${sheetName}”`);
      unreadable.push(key);
    } else {
      if (Object.keys(mapping.columns).length > 0 || mapping.headerRowNumber === null) mappings[sheetName] = mapping.columns;
      if (mapping.headerRowNumber !== null) headerRows[sheetName] = mapping.headerRowNumber;
    }
  }
  if (badColumns.length > 0) problems.push(`the saved column choices for ${badColumns.join(", ")}`);

  // Checked by the same core function as the pane and --national; unusable figures fall back to the shipped ones.
  const savedNational = read(settingKeys.nationalFigures, "the national figures");
  const national = savedNational === null ? null : checkNationalFigureTable(savedNational);
  if (national && !national.ok) {
    problems.push(`the national figures (${national.problems.map((p) => p.message).join(" ")})`);
    unreadable.push(settingKeys.nationalFigures);
  }

  const state: StoredState = {
    settings,
    details: details === "invalid" ? null : details,
    mappings,
    ...(Object.keys(headerRows).length > 0 ? { headerRows } : {}),
    ...(national?.ok ? { nationalFigures: national.table } : {}),
  };
  if (problems.length === 0) return { state, warning: null, unreadable };
  return {
    state,
    warning:
      `Some saved settings in this workbook could not be used, so the standard ones apply for now: ${problems.join("; ")}. ` +
      `Nothing is lost: what could not be read stays in the workbook, and when new settings are saved over it, it is first kept ` +
      `in the add-in's settings under ${unreadable.map((key) => `“${settingKeys.unreadable(key)}”`).join(", ")}, with the date. Check the settings and save them again.`,
    unreadable,
  };
}

/** What an unreadable setting is kept as: the text exactly as it was, where it came from, and when it was kept. */
export interface KeptSetting {
  key: string;
  keptOn: string;
  value: unknown;
}

/**
 * Before `writes` replace or remove a setting that could not be read, a write keeping it aside under
 * settingKeys.unreadable (a later keep of the same key gets " (2)", " (3)": an earlier one is never written
 * over), so nothing the add-in could not read is lost. `keptOn` is the ISO date.
 */
export function keepUnreadable(entries: SettingEntries, writes: readonly SettingWrite[], keptOn: string): { writes: SettingWrite[]; kept: { from: string; to: string }[] } {
  const unreadable = new Set(storedStateFrom(entries).unreadable);
  const taken = new Set(entries.keys());
  const kept: { from: string; to: string }[] = [];
  const aside: SettingWrite[] = [];
  for (const write of writes) {
    if (!unreadable.has(write.key) || !entries.has(write.key) || write.value === entries.get(write.key)) continue;
    const base = settingKeys.unreadable(write.key);
    let to = base;
    for (let n = 2; taken.has(to); n += 1) to = `${base} (${n})`;
    taken.add(to);
    const record: KeptSetting = { key: write.key, keptOn, value: entries.get(write.key) };
    aside.push({ key: to, value: JSON.stringify(record) });
    kept.push({ from: write.key, to });
  }
  // Kept first, so a request that fails part-way has kept the value before replacing it.
  return { writes: [...aside, ...writes], kept };
}

/** The sentence saying where unreadable settings were kept (empty when none were). */
export function keptMessage(kept: readonly { from: string; to: string }[], keptOn: string): string {
  if (kept.length === 0) return "";
  const date = ukDate(keptOn);
  return (
    `The settings that could not be read were kept before the new ones were saved: ` +
    `${kept.map((k) => `“${k.from}” as “${k.to}”`).join(", ")} (kept on ${date}), in this workbook's add-in settings.`
  );
}

/** The stored state as settings, one key per concern and per sheet's column choices. */
export function stateEntries(state: StoredState): Map<string, string> {
  const out = new Map<string, string>();
  out.set(settingKeys.rules, JSON.stringify(state.settings));
  if (state.details) out.set(settingKeys.meetingDetails, JSON.stringify(state.details));
  // In the documented JSON shape (README "National figures"); left out when the shipped table is in use.
  if (state.nationalFigures) out.set(settingKeys.nationalFigures, JSON.stringify(nationalTableToJson(state.nationalFigures)));
  const headerRows = state.headerRows ?? {};
  for (const sheetName of new Set([...Object.keys(state.mappings), ...Object.keys(headerRows)])) {
    const headerRowNumber = headerRows[sheetName];
    const setting = { ...(state.mappings[sheetName] ?? {}), ...(headerRowNumber !== undefined ? { [headerRowKey]: headerRowNumber } : {}) };
    out.set(settingKeys.columns(sheetName), JSON.stringify(setting));
  }
  return out;
}

function isRect(value: unknown): value is CellRect {
  return (
    isRecord(value) &&
    ["firstRow", "firstColumn", "lastRow", "lastColumn"].every((k) => Number.isInteger(value[k]) && (value[k] as number) >= 0) &&
    (value.firstRow as number) <= (value.lastRow as number) &&
    (value.firstColumn as number) <= (value.lastColumn as number)
  );
}

function parseHighlight(h: unknown): HighlightRecord | null {
  if (
    isRecord(h) &&
    typeof h.sheetName === "string" &&
    isRect(h.area) &&
    Array.isArray(h.headings) &&
    h.headings.every((x) => typeof x === "string") &&
    (h.legend === null || isRect(h.legend))
  ) {
    const original = parseOriginals(h.original);
    return { sheetName: h.sheetName, area: h.area, headings: h.headings as string[], legend: h.legend as CellRect | null, ...(original ? { original } : {}) };
  }
  return null;
}

function parseOriginals(o: unknown): SheetOriginals | null {
  if (!isRecord(o) || !isRecord(o.columnWidths) || !Array.isArray(o.touched)) return null;
  const columnWidths: Record<string, number | "standard"> = {};
  for (const [column, width] of Object.entries(o.columnWidths)) {
    if (/^\d+$/.test(column) && (width === "standard" || (typeof width === "number" && Number.isFinite(width) && width >= 0))) columnWidths[column] = width;
  }
  const touched = o.touched.filter((c): c is number => Number.isInteger(c) && (c as number) >= 0);
  const p = o.page;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const address = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const margin = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
  const page: PageOriginal | null =
    isRecord(p) && typeof p.orientation === "string" && isRecord(p.zoom)
      ? {
          orientation: p.orientation,
          zoom: p.zoom as PageOriginal["zoom"],
          printArea: address(p.printArea),
          printTitleRows: address(p.printTitleRows),
          printTitleColumns: address(p.printTitleColumns),
          centerHeader: text(p.centerHeader),
          centerFooter: text(p.centerFooter),
          rightFooter: text(p.rightFooter),
          ...(margin(p.leftMargin) !== undefined ? { leftMargin: margin(p.leftMargin) } : {}),
          ...(margin(p.rightMargin) !== undefined ? { rightMargin: margin(p.rightMargin) } : {}),
        }
      : null;
  return { columnWidths, touched, page };
}

const roles: readonly SheetRole[] = ["tsm", "summary", "key", "history"];

/** The record of what the add-in wrote; anything unreadable is dropped (the add-in then writes afresh). */
export function writtenFrom(entries: SettingEntries): WrittenRecord {
  const out = emptyWritten();
  for (const [key, raw] of entries) {
    const parsed = parseJson(raw);
    if (!parsed.ok) continue;
    if (key.startsWith(highlightPrefix)) {
      const record = parseHighlight(parsed.value);
      if (record) out.highlights[key.slice(highlightPrefix.length)] = record;
    } else if (key.startsWith(generatedPrefix)) {
      const role = key.slice(generatedPrefix.length) as SheetRole;
      const s = parsed.value;
      if (roles.includes(role) && isRecord(s) && typeof s.sheetId === "string" && typeof s.name === "string") {
        out.sheets.push({ role, sheetId: s.sheetId, name: s.name });
      }
    } else if (key === settingKeys.lastSource && typeof parsed.value === "string") {
      out.lastSourceSheetId = parsed.value;
    }
  }
  out.sheets.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
  return out;
}

/** The record as settings: one key per sheet's highlight, one per generated sheet's role, one for the last source. */
export function writtenEntries(written: WrittenRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const [sheetId, record] of Object.entries(written.highlights)) out.set(settingKeys.highlight(sheetId), JSON.stringify(record));
  for (const s of written.sheets) out.set(settingKeys.generated(s.role), JSON.stringify({ sheetId: s.sheetId, name: s.name }));
  if (written.lastSourceSheetId !== undefined) out.set(settingKeys.lastSource, JSON.stringify(written.lastSourceSheetId));
  return out;
}

/**
 * What to write so that the workbook goes from `before` to `after` for the keys this person changed, and
 * nothing else: keys whose value is unchanged are not written (a co-author's newer value stays), and a key
 * is removed only where `before` had it and `after` does not.
 */
export function diffEntries(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): SettingWrite[] {
  const writes: SettingWrite[] = [];
  for (const [key, value] of after) if (before.get(key) !== value) writes.push({ key, value });
  for (const key of before.keys()) if (!after.has(key)) writes.push({ key, value: null });
  return writes;
}

/** Records of sheets that are gone (highlights and generated sheets by id, column choices by name): removed. */
export function pruneWrites(entries: SettingEntries, sheets: readonly { id: string; name: string }[]): SettingWrite[] {
  const ids = new Set(sheets.map((s) => s.id));
  const names = new Set(sheets.map((s) => s.name.toLowerCase()));
  const writes: SettingWrite[] = [];
  for (const [key, raw] of entries) {
    if (key.startsWith(highlightPrefix) && !ids.has(key.slice(highlightPrefix.length))) writes.push({ key, value: null });
    else if (key.startsWith(columnsPrefix) && !names.has(key.slice(columnsPrefix.length).toLowerCase())) writes.push({ key, value: null });
    else if (key.startsWith(generatedPrefix)) {
      const parsed = parseJson(raw);
      const sheetId = parsed.ok && isRecord(parsed.value) ? parsed.value.sheetId : undefined;
      if (typeof sheetId !== "string" || !ids.has(sheetId)) writes.push({ key, value: null });
    } else if (key === settingKeys.lastSource) {
      const parsed = parseJson(raw);
      if (!parsed.ok || typeof parsed.value !== "string" || !ids.has(parsed.value)) writes.push({ key, value: null });
    }
  }
  return writes;
}

/** The settings after `writes`, as the document would hold them. */
export function applyWrites(entries: SettingEntries, writes: readonly SettingWrite[]): Map<string, unknown> {
  const out = new Map(entries);
  for (const w of writes) {
    if (w.value === null) out.delete(w.key);
    else out.set(w.key, w.value);
  }
  return out;
}

/** Bytes the add-in's settings take in the document: every key and its value as JSON, in UTF-8. */
export function settingsBytes(entries: SettingEntries): number {
  let total = 0;
  for (const [key, value] of entries) total += utf8Bytes(key) + utf8Bytes(JSON.stringify(value ?? null));
  return total;
}

/** Null when the settings after `writes` fit Excel's store for an add-in; else what to tell the user. */
export function settingsSizeProblem(entries: SettingEntries, writes: readonly SettingWrite[]): string | null {
  const bytes = settingsBytes(applyWrites(entries, writes));
  if (bytes <= excelLimits.settingsBytes) return null;
  const mb = (n: number) => (n / (1024 * 1024)).toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return (
    `Nothing was saved: the add-in's saved information in this workbook would take ${mb(bytes)} MB, and Excel keeps at most ` +
    `${mb(excelLimits.settingsBytes)} MB for an add-in. Remove national figures you no longer need (Settings), or start the new term in a fresh copy of the workbook.`
  );
}
