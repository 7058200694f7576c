/**
 * Dates, the one home: ISO yyyy-MM-dd as the code carries them, British dd/MM/yyyy as people read
 * and type them, Excel's serial numbers, dates written in export headings, academic years (2025/26)
 * and terms (Autumn, Spring, Summer).
 *
 * Calendar dates only: no time of day and no time zone, so a date never moves by a day. This module
 * never reads the clock: "today" is an argument, turned into a date at the edge (pane, ribbon, command
 * line) by `localIsoDate(new Date())`.
 */

/** A calendar date without a time or time zone. */
export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** The academic term a date falls in (see `term`). */
export type Term = "Autumn" | "Spring" | "Summer";

const msPerDay = 86_400_000;
/** Day 0 of Excel's 1900 date system: serial 1 is 01/01/1900, and from 01/03/1900 serials count on from here. */
const excelEpoch = Date.UTC(1899, 11, 30);
/** 31/12/9999, the last date Excel can show. */
const lastExcelSerial = 2_958_465;

/** A real calendar date or null: 31/02/2025 is not one; leap years are counted. */
export function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || year < 0 || year > 9999) return null;
  return day <= daysInMonth(year, month) ? { year, month, day } : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Earlier dates first: negative, zero or positive. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// ---- ISO yyyy-MM-dd ----

/** Reads "yyyy-MM-dd" (spaces around allowed); null when it is not a real date ("2025-02-30"). */
export function parseIsoDate(iso: string): CalendarDate | null {
  if (typeof iso !== "string") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** Exactly "yyyy-MM-dd" and a real date: "2024-02-29" yes, "2025-02-29", "2025-1-1" and " 2025-01-01" no. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseIsoDate(text) !== null;
}

/** A date as ISO yyyy-MM-dd. */
export function isoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, "0")}-${date.month < 10 ? "0" : ""}${date.month}-${date.day < 10 ? "0" : ""}${date.day}`;
}

/** The calendar date a clock reading falls on where the user is (the edge passes `new Date()`). */
export function localIsoDate(moment: Date): string {
  return isoDate({ year: moment.getFullYear(), month: moment.getMonth() + 1, day: moment.getDate() });
}

/** The calendar date of a UTC midnight, as ExcelJS gives date cells. */
export function utcIsoDate(moment: Date): string {
  return isoDate({ year: moment.getUTCFullYear(), month: moment.getUTCMonth() + 1, day: moment.getUTCDate() });
}

function requireDate(iso: string): CalendarDate {
  const date = parseIsoDate(iso);
  if (!date) throw new Error(`"${iso}" is not a date: give it as yyyy-MM-dd, for example 2025-11-14.`);
  return date;
}

// ---- British dd/MM/yyyy ----

/**
 * ISO yyyy-MM-dd → "14/11/2025", the British order every date people read is in. Text that is not an
 * ISO date comes back unchanged, so a message never loses what it was given.
 */
export function ukDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return `${date.day < 10 ? "0" : ""}${date.day}/${date.month < 10 ? "0" : ""}${date.month}/${String(date.year).padStart(4, "0")}`;
}

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * ISO yyyy-MM-dd → "Thursday 4 December 2025 (04/12/2025)": a date no one can read the American way (a date
 * picker shows the computer's own order). Text that is not an ISO date comes back unchanged.
 */
export function ukDateInWords(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return `${weekdays[weekday]} ${date.day} ${months[date.month - 1]} ${date.year} (${ukDate(iso)})`;
}

/** A typed dd/MM/yyyy (or d/M/yyyy) → ISO yyyy-MM-dd; null when it is not a real date. */
export function parseUkDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const date = calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return date ? isoDate(date) : null;
}

/** A date typed either way, dd/MM/yyyy or yyyy-MM-dd → ISO; null when it is not a real date. */
export function parseUkOrIsoDate(text: string): string | null {
  const iso = parseIsoDate(text);
  return iso ? isoDate(iso) : parseUkDate(text);
}

// ---- Dates inside text, as exports write them ----

const isoInText = /(\d{4})-(\d{1,2})-(\d{1,2})/;
// British day-first dates: 01/09/2025, 1.9.25, 01-09-2025. Never read month-first.
const britishInText = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/;
const namedMonthInText = /(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})[\s,-]+(\d{4}|\d{2})(?!\d)/;
const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A real date, with two-digit years read as 20yy. */
function dateWithShortYear(year: number, month: number, day: number): CalendarDate | null {
  return calendarDate(year < 100 ? 2000 + year : year, month, day);
}

/**
 * The date in a text such as "Mon 01/09/2025 AM", "2025-09-01", "01/09/25" or "1 Sep 2025", read
 * day-first as in Britain, and where it sits in the text. Null when there is none or it is not a real
 * date (31/02/2025).
 */
export function findDateInText(text: string): { date: CalendarDate; start: number; end: number } | null {
  let match = isoInText.exec(text);
  let date: CalendarDate | null = null;
  if (match) {
    date = dateWithShortYear(Number(match[1]), Number(match[2]), Number(match[3]));
  } else if ((match = britishInText.exec(text))) {
    date = dateWithShortYear(Number(match[3]), Number(match[2]), Number(match[1]));
  } else if ((match = namedMonthInText.exec(text))) {
    const month = monthNames.indexOf(match[2]!.slice(0, 3).toLowerCase());
    if (month >= 0) date = dateWithShortYear(Number(match[3]), month + 1, Number(match[1]));
  }
  return match && date ? { date, start: match.index, end: match.index + match[0].length } : null;
}

// ---- Excel serial numbers (1900 date system) ----

/**
 * Excel's serial number for a date (days since 30/12/1899), so a plan can write a real date cell with
 * the number format "dd/mm/yyyy". Counted in whole calendar days, with no time zone involved.
 */
export function excelDateSerial(iso: string): number {
  const { year, month, day } = requireDate(iso);
  return Math.round((Date.UTC(year, month - 1, day) - excelEpoch) / msPerDay);
}

/** The date of an Excel serial number (any time of day ignored); null for a number that is not one (below 1, past 9999). */
export function dateFromExcelSerial(serial: number): CalendarDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > lastExcelSerial) return null;
  const date = new Date(excelEpoch + Math.floor(serial) * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The inverse of excelDateSerial, for dates read back from a sheet; null for a value that is not a date serial. */
export function isoFromExcelSerial(serial: number): string | null {
  const date = dateFromExcelSerial(serial);
  return date ? isoDate(date) : null;
}

/**
 * The serial number of a moment given as UTC, time of day as a fraction: the inverse of ExcelJS's
 * reading of date cells (serial − 25569 days from 1970), so the number stored in a file comes back.
 */
export function excelSerialOfUtc(moment: Date): number | null {
  const time = moment.getTime();
  // 25569 days from 30/12/1899 to 01/01/1970, added as ExcelJS subtracts it, so the number comes back bit for bit.
  return Number.isNaN(time) ? null : 25569 + time / msPerDay;
}

// ---- Academic years and terms ----

/**
 * The calendar year in which the academic year of a date starts.
 *
 * ONE rule for the whole product: the academic year runs from 1 September to 31 August, so
 * 31/08/2026 is in 2025/26 and 01/09/2026 in 2026/27. Why 1 September: the Education Act 1996 s.579
 * defines the school year as beginning with the first term to begin after July, and ending when the
 * next such term begins, so the summer holiday belongs to the year that is ending; schools in England
 * start in early September. The rules that ask "which academic year" are the handbook's "no penalty
 * notice in the same academic year" (docs/rules.md §6), the termly TSM and its academic-year label
 * (docs/rules.md §7) and progress "in the same academic year" (docs/rules.md §11). (An earlier copy
 * of this rule started the year on 1 August, the financial year of some LA returns; no rule we apply
 * counts from August.)
 */
export function academicYearStart(date: CalendarDate | string): number {
  const { year, month } = typeof date === "string" ? requireDate(date) : date;
  return month >= 9 ? year : year - 1;
}

/** "2025/26" for the academic year that starts in 2025. */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** "2025/26" for any date from 01/09/2025 to 31/08/2026. */
export function academicYear(iso: string): string {
  return academicYearLabel(academicYearStart(iso));
}

/** "2025-26": the academic year in a form allowed in sheet names (no "/"). */
export function academicYearForSheetName(iso: string): string {
  return academicYear(iso).replace("/", "-");
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

/**
 * The term of a date. Terms vary by school and local authority, so the product uses one documented
 * approximation:
 * - Autumn: 1 September to 31 December;
 * - Spring: 1 January to Easter Sunday inclusive (schools break for Easter around Easter Sunday, so a
 *   meeting held before the Easter holiday is a Spring meeting, whatever the month);
 * - Summer: the day after Easter Sunday to 31 August.
 */
export function term(iso: string): Term {
  const date = requireDate(iso);
  if (date.month >= 9) return "Autumn";
  return compareDates(date, easterSunday(date.year)) <= 0 ? "Spring" : "Summer";
}

/** Meeting 1, 2 or 3 of the academic year: Targeting Support Meetings are termly (docs/rules.md §7). */
export function meetingNumber(iso: string): 1 | 2 | 3 {
  const t = term(iso);
  return t === "Autumn" ? 1 : t === "Spring" ? 2 : 3;
}
