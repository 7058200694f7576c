import { addDays, format, isValid, parse } from "date-fns";

/**
 * School calendar in England, as used for TSM sheet names and meeting numbers.
 *
 * Rules (documented because terms vary by school and local authority):
 * - The academic year runs from 1 September to 31 August: 31/08/2026 is in 2025/26, 01/09/2026 in 2026/27.
 * - Autumn term: 1 September to 31 December.
 * - Spring term: 1 January to Easter Sunday (inclusive). Schools break for Easter around Easter Sunday,
 *   so a meeting held before the Easter holiday is a Spring meeting, whatever the month.
 * - Summer term: the day after Easter Sunday to 31 August.
 * - Targeting Support Meetings are termly, three a year (handbook section 16 ii):
 *   Autumn = meeting 1, Spring = meeting 2, Summer = meeting 3.
 */
export type Term = "Autumn" | "Spring" | "Summer";

/** A calendar date without a time or time zone. */
export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Reads "yyyy-MM-dd"; null when it is not a real date (e.g. "2025-02-30"). */
export function parseIsoDate(iso: string): CalendarDate | null {
  if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(iso.trim())) return null;
  const date = parse(iso.trim(), "yyyy-MM-dd", new Date(2000, 0, 1));
  if (!isValid(date)) return null;
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

function requireDate(iso: string): CalendarDate {
  const date = parseIsoDate(iso);
  if (!date) throw new Error(`"${iso}" is not a date: give it as yyyy-MM-dd, for example 2025-11-14.`);
  return date;
}

/** Easter Sunday (Gregorian calendar), by the anonymous Gregorian ("Meeus/Jones/Butcher") algorithm. */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The calendar year in which the academic year of `iso` starts (1 September). */
export function academicYearStart(iso: string): number {
  const { year, month } = requireDate(iso);
  return month >= 9 ? year : year - 1;
}

/** "2025/26" for any date from 01/09/2025 to 31/08/2026. */
export function academicYear(iso: string): string {
  const start = academicYearStart(iso);
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** "2025-26": the academic year in a form allowed in sheet names (no "/"). */
export function academicYearForSheetName(iso: string): string {
  return academicYear(iso).replace("/", "-");
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The term of a date, by the rules at the top of this file. */
export function term(iso: string): Term {
  const date = requireDate(iso);
  if (date.month >= 9) return "Autumn";
  return compare(date, easterSunday(date.year)) <= 0 ? "Spring" : "Summer";
}

/** Meeting 1, 2 or 3 of the academic year (one Targeting Support Meeting a term). */
export function meetingNumber(iso: string): 1 | 2 | 3 {
  const t = term(iso);
  return t === "Autumn" ? 1 : t === "Spring" ? 2 : 3;
}

/** "14/11/2025" (British order, as every date the add-in shows). */
export function formatUkDate(iso: string): string {
  const { year, month, day } = requireDate(iso);
  return format(new Date(year, month - 1, day), "dd/MM/yyyy");
}

/**
 * Excel's serial number for a date (days since 30/12/1899), so a plan can write a real date cell
 * with the number format "dd/mm/yyyy". Counted in whole calendar days, with no time zone involved.
 */
export function excelDateSerial(iso: string): number {
  const { year, month, day } = requireDate(iso);
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** The inverse of excelDateSerial, for dates read back from a sheet; null for a value that is not a date serial. */
export function isoFromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = addDays(new Date(1899, 11, 30), Math.floor(serial));
  return format(date, "yyyy-MM-dd");
}
