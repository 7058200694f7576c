import type { SheetRole } from "./plan";

/**
 * The marker a workbook written by this product carries, so a later run recognises its own earlier output
 * by something only the product wrote, never by sheet names (a budget whose only sheet is "Sheet1" is not
 * an earlier output). The same idea as the add-in's marker (docs/architecture.md "Excel as it really is").
 *
 * It is stored as text properties (the .xlsx file's custom document properties), which Excel and LibreOffice
 * keep when the file is edited and saved. Excel cuts a text property at 255 characters, so each sheet is one
 * short property of its own rather than one long list.
 */

/** What a sheet the product wrote holds: the export's data, the cover of a shareable copy, or a planned sheet. */
export type OutputSheetRole = SheetRole | "data" | "cover";

export interface OutputRecord {
  sheets: { name: string; role: OutputSheetRole }[];
}

/** Property names and values: "AttendanceInsight" = "output v1", then one "AttendanceInsight sheet N" per sheet. */
export const outputRecordProperty = "AttendanceInsight";
const outputRecordValue = "output v1";
const sheetProperty = (index: number) => `${outputRecordProperty} sheet ${index + 1}`;
const roles: readonly OutputSheetRole[] = ["data", "cover", "tsm", "summary", "key", "history"];

/** The properties that record `record`, in order. */
export function outputRecordProperties(record: OutputRecord): { name: string; value: string }[] {
  return [
    { name: outputRecordProperty, value: outputRecordValue },
    ...record.sheets.map((sheet, index) => ({ name: sheetProperty(index), value: `${sheet.role}:${sheet.name}` })),
  ];
}

/** The record the properties hold, or null when they are not this product's (no marker, or another version's). */
export function readOutputRecord(properties: ReadonlyMap<string, string>): OutputRecord | null {
  if (properties.get(outputRecordProperty) !== outputRecordValue) return null;
  const sheets: OutputRecord["sheets"] = [];
  for (let index = 0; ; index++) {
    const value = properties.get(sheetProperty(index));
    if (value === undefined) break;
    const colon = value.indexOf(":");
    const role = value.slice(0, colon) as OutputSheetRole;
    if (colon < 0 || !roles.includes(role)) continue;
    sheets.push({ name: value.slice(colon + 1), role });
  }
  return { sheets };
}

/** The sheet of an earlier file, as far as deciding what may replace it needs. */
export interface EarlierSheet {
  name: string;
  /** The highlight marker is in one of its cell notes (highlightPlan.ts): a data sheet the product highlighted. */
  highlighted: boolean;
}

export type ReplaceDecision =
  /** `replaced`: earlier data sheets (another export's) this run's data sheet takes the place of. */
  | { ok: true; replaced: string[] }
  /** `notOurs`: the file carries no marker of this product. `lost`: its sheets this run would drop or overwrite. */
  | { ok: false; reason: "notOurs" }
  | { ok: false; reason: "lost"; sheets: string[] };

/**
 * May a file holding `earlier` sheets (with `record`, its marker, or null) be replaced by one holding
 * `writing` sheet names? Only when the product wrote it, and every sheet of it this run would drop or
 * overwrite is one the product wrote: a sheet of someone's own, or one renamed since, stops the run.
 * A data sheet from an earlier export (another file name) is dropped only when `replaceEarlierData`.
 */
export function decideReplacement(
  earlier: readonly EarlierSheet[],
  record: OutputRecord | null,
  writing: readonly string[],
  options: { replaceEarlierData: boolean },
): ReplaceDecision {
  if (earlier.length === 0) return { ok: true, replaced: [] };
  if (record === null) return { ok: false, reason: "notOurs" };
  const key = (name: string) => name.toLowerCase();
  const roleOf = new Map(record.sheets.map((sheet) => [key(sheet.name), sheet.role]));
  const kept = new Set(writing.map(key));
  const lost: string[] = [];
  const replaced: string[] = [];
  for (const sheet of earlier) {
    const role = roleOf.get(key(sheet.name));
    // A data sheet is the product's only while it still carries the highlight marker it was written with.
    const ours = role !== undefined && (role !== "data" || sheet.highlighted);
    if (kept.has(key(sheet.name))) {
      if (!ours) lost.push(sheet.name);
    } else if (ours && role === "data" && options.replaceEarlierData) {
      replaced.push(sheet.name);
    } else {
      lost.push(sheet.name);
    }
  }
  return lost.length > 0 ? { ok: false, reason: "lost", sheets: lost } : { ok: true, replaced };
}

/**
 * What the product made a sheet as, by its record, when that is not the export's data: a TSM form, a
 * governors' summary, the pupil key, the history or a shareable copy's cover, in the users' words. Such a
 * sheet holds no export to analyse (a summary's cohort rows read as pupils with no names); null for the
 * data sheet, a sheet the record does not list, or a file without the record.
 */
export function productSheetDescription(record: OutputRecord | null, sheetName: string): string | null {
  const role = record?.sheets.find((sheet) => sheet.name.toLowerCase() === sheetName.toLowerCase())?.role;
  if (role === undefined || role === "data") return null;
  return productSheetWords[role];
}

const productSheetWords: Record<Exclude<OutputSheetRole, "data">, string> = {
  tsm: "a Targeting Support Meeting form",
  summary: "a governors' summary",
  key: "the pupil key",
  history: "the attendance history",
  cover: "the cover of a shareable copy",
};
