import { isExists } from "date-fns";
import type { SessionColumn } from "./pupilRecord";

/** A calendar date without a time zone. */
export interface DayDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const isoDate = /(\d{4})-(\d{1,2})-(\d{1,2})/;
// British day-first dates: 01/09/2025, 1.9.25, 01-09-2025. Never read month-first.
const britishDate = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/;
const namedMonthDate = /(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})[\s,-]+(\d{4}|\d{2})(?!\d)/;
const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A real calendar date or null (31/02/2025 is not); two-digit years are 20yy. */
function dayDate(year: number, month: number, day: number): DayDate | null {
  const fullYear = year < 100 ? 2000 + year : year;
  // date-fns checks the day exists in that month (leap years included) without building a parser per cell.
  return isExists(fullYear, month - 1, day) ? { year: fullYear, month, day } : null;
}

/**
 * The date in a text such as "Mon 01/09/2025 AM", "2025-09-01", "01/09/25" or "1 Sep 2025",
 * read day-first as in Britain. Null when there is none or it is not a real date (31/02/2025).
 */
export function findDateInText(text: string): { date: DayDate; start: number; end: number } | null {
  let match = isoDate.exec(text);
  let date: DayDate | null = null;
  if (match) {
    date = dayDate(Number(match[1]), Number(match[2]), Number(match[3]));
  } else if ((match = britishDate.exec(text))) {
    date = dayDate(Number(match[3]), Number(match[2]), Number(match[1]));
  } else if ((match = namedMonthDate.exec(text))) {
    const month = monthNames.indexOf(match[2]!.slice(0, 3).toLowerCase());
    if (month >= 0) date = dayDate(Number(match[3]), month + 1, Number(match[1]));
  }
  return match && date ? { date, start: match.index, end: match.index + match[0].length } : null;
}

export function isoFromDay(date: DayDate): string {
  return `${date.year}-${date.month < 10 ? "0" : ""}${date.month}-${date.day < 10 ? "0" : ""}${date.day}`;
}

const amWords = /(?:^|[^a-z])(am|a\.m\.?|morning|mor)(?![a-z])/;
const pmWords = /(?:^|[^a-z])(pm|p\.m\.?|afternoon|aft)(?![a-z])/;

/** "Mon 01/09/2025 AM" → { date: "2025-09-01", session: "AM" }; null when the heading is not a session. */
export function parseSessionHeading(text: string): { date: string; session: "AM" | "PM" } | null {
  if (text.length < 6 || text.length > 60) return null;
  const found = findDateInText(text);
  if (!found) return null;
  const rest = (text.slice(0, found.start) + " " + text.slice(found.end)).toLowerCase();
  const am = amWords.test(rest);
  const pm = pmWords.test(rest);
  if (am === pm) return null;
  return { date: isoFromDay(found.date), session: am ? "AM" : "PM" };
}

/** Register-mark columns of a header row, sorted by date then AM before PM (then sheet order). */
export function findSessionColumns(headerCells: readonly unknown[]): SessionColumn[] {
  const sessions: SessionColumn[] = [];
  for (let column = 0; column < headerCells.length; column++) {
    const cell = headerCells[column];
    if (typeof cell !== "string") continue;
    const heading = cell.trim();
    // Cheap check first: a session heading always holds a digit.
    if (!/\d/.test(heading)) continue;
    const parsed = parseSessionHeading(heading);
    if (parsed) sessions.push({ column, date: parsed.date, session: parsed.session, heading });
  }
  return sortSessions(sessions);
}

export function sortSessions(sessions: SessionColumn[]): SessionColumn[] {
  return sessions.sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    if (a.session !== b.session) return a.session === "AM" ? -1 : 1;
    return a.column - b.column;
  });
}

/** "AM" / "PM" alone in a cell (the second row of a two-row register heading). */
export function sessionOfCell(value: unknown): "AM" | "PM" | null {
  if (typeof value !== "string" || value.length > 12) return null;
  const text = value.trim().toLowerCase().replace(/\./g, "");
  if (text === "am" || text === "morning" || text === "a") return "AM";
  if (text === "pm" || text === "afternoon" || text === "p") return "PM";
  return null;
}

/** A date heading cell: text such as "Mon 01/09/2025", or an Excel serial date number. */
function dateOfCell(value: unknown): DayDate | null {
  if (typeof value === "number") {
    // Excel serial dates between 1954 and 2119; smaller numbers are not dates.
    if (!Number.isInteger(value) || value < 20000 || value > 80000) return null;
    const date = new Date(Date.UTC(1899, 11, 30) + value * 86400000);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  if (typeof value !== "string" || value.length > 60) return null;
  return findDateInText(value)?.date ?? null;
}

/**
 * Register headings over two rows: the dates in one row (often merged across the AM and PM columns,
 * so the PM column's date cell is blank) and "AM"/"PM" in the row below. Empty when the rows are not
 * laid out like that (at least two AM/PM cells, each with a date above it or one column to its left).
 */
export function findTwoRowSessionColumns(dateCells: readonly unknown[], sessionCells: readonly unknown[]): SessionColumn[] {
  const sessions: SessionColumn[] = [];
  for (let column = 0; column < sessionCells.length; column++) {
    const session = sessionOfCell(sessionCells[column]);
    if (!session) continue;
    let date = dateOfCell(dateCells[column]);
    let dateColumn = column;
    if (!date && column > 0 && String(dateCells[column] ?? "").trim() === "") {
      date = dateOfCell(dateCells[column - 1]);
      dateColumn = column - 1;
    }
    if (!date) continue;
    const dateText = typeof dateCells[dateColumn] === "string" ? String(dateCells[dateColumn]).trim() : isoFromDay(date);
    sessions.push({ column, date: isoFromDay(date), session, heading: `${dateText} ${session}` });
  }
  return sessions.length >= 2 ? sortSessions(sessions) : [];
}
