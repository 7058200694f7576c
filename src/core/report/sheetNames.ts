import { academicYearForSheetName, term } from "../common/dates";
import { excelLimits } from "./excelLimits";

/**
 * Excel's rules for worksheet names: 1–31 characters; none of \ / ? * [ ] :; not blank;
 * not starting or ending with an apostrophe; not "History" (reserved by Excel); and unique in
 * the workbook, compared without regard to case.
 */
export const maxSheetNameLength = excelLimits.sheetNameLength;
const forbidden = new RegExp(`[${excelLimits.sheetNameForbidden.replace(/[\\\][]/g, "\\$&")}]`);
// Control characters cannot be typed into a tab name either.
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001f\u007f]/;

export function isValidSheetName(name: string): boolean {
  if (typeof name !== "string") return false;
  if (name.length === 0 || name.length > maxSheetNameLength) return false;
  if (name.trim().length === 0) return false;
  if (forbidden.test(name) || control.test(name)) return false;
  if (name.startsWith("'") || name.endsWith("'")) return false;
  if (excelLimits.sheetNameReserved.some((reserved) => name.trim().toLowerCase() === reserved.toLowerCase())) return false;
  return true;
}

function sanitise(wanted: string): string {
  let name = String(wanted ?? "")
    .replace(/[\\/:]/g, "-")
    .replace(/[?*[\]]/g, "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  name = name.replace(/^'+|'+$/g, "").trim();
  if (name.length === 0) name = "Sheet";
  return name;
}

function fit(base: string, suffix: string): string {
  const room = maxSheetNameLength - suffix.length;
  let trimmed = base.length > room ? base.slice(0, room) : base;
  // Trimming can leave a trailing space or apostrophe, which Excel would reject or hide.
  trimmed = trimmed.replace(/[\s']+$/g, "");
  return trimmed + suffix;
}

/**
 * A valid sheet name as close as possible to `wanted`: forbidden characters replaced, cut to 31
 * characters, and made unique against `existing` (case-insensitively) with " (2)", " (3)", …
 */
export function makeSheetName(wanted: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  const base = sanitise(wanted);
  const first = fit(base, "");
  if (isValidSheetName(first) && !taken.has(first.toLowerCase())) return first;
  for (let n = 2; ; n++) {
    const candidate = fit(base, ` (${n})`);
    if (isValidSheetName(candidate) && !taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** "TSM Autumn 2025-26" for a meeting on 14/11/2025. */
export function tsmSheetName(date: string): string {
  return `TSM ${term(date)} ${academicYearForSheetName(date)}`;
}

/** "Governors summary 2025-26". */
export function summarySheetName(date: string): string {
  return `Governors summary ${academicYearForSheetName(date)}`;
}

/** The school-only sheet that links pupil references to pupils. */
export const keySheetName = "Pupil key (school only)";

/**
 * Where a TSM form's sheet name ("TSM Spring 2025-26", or "TSM Spring 2025-26 (2)" as Excel makes unique)
 * puts it in time: academic year start × 3 + term (Autumn 0, Spring 1, Summer 2); null for any other name.
 */
export function tsmSheetOrder(name: string): number | null {
  const match = /^TSM (Autumn|Spring|Summer) (\d{4})-\d{2}(?: \(\d+\))?$/.exec(name.trim());
  if (!match) return null;
  return Number(match[2]) * 3 + ["Autumn", "Spring", "Summer"].indexOf(match[1] ?? "");
}

/** The latest of `names` that is a TSM form for a term before the meeting on `date`, or null. */
export function lastMeetingSheet(names: readonly string[], date: string): string | null {
  const current = tsmSheetOrder(tsmSheetName(date));
  let best: { name: string; order: number } | null = null;
  for (const name of names) {
    const order = tsmSheetOrder(name);
    if (order === null || current === null || order >= current) continue;
    if (!best || order > best.order) best = { name, order };
  }
  return best?.name ?? null;
}
