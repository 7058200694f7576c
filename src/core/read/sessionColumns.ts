import { dateFromExcelSerial, findDateInText, isoDate, type CalendarDate } from "../common/dates";
import type { SessionColumn } from "./pupilRecord";

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
  return { date: isoDate(found.date), session: am ? "AM" : "PM" };
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
function dateOfCell(value: unknown): CalendarDate | null {
  if (typeof value === "number") {
    // Excel serial dates between 1954 and 2119; smaller numbers are not dates.
    if (!Number.isInteger(value) || value < 20000 || value > 80000) return null;
    return dateFromExcelSerial(value);
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
    const dateText = typeof dateCells[dateColumn] === "string" ? String(dateCells[dateColumn]).trim() : isoDate(date);
    sessions.push({ column, date: isoDate(date), session, heading: `${dateText} ${session}` });
  }
  return sessions.length >= 2 ? sortSessions(sessions) : [];
}
