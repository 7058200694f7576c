import { calendarDate, dateFromExcelSerial, isoDate, type CalendarDate } from "../common/dates";
import { cellText } from "./cellValues";

/**
 * A date-of-birth cell (docs/rules.md §7): an Excel date (a serial number), or text written day first as in
 * Britain (14/03/2014, 14-03-2014, 14.03.2014, 14 Mar 2014) or as ISO 2014-03-14, with a time of day
 * Excel may add ("14/03/2014 00:00") ignored. Month-first dates are never read: 03/14/2014 is unreadable.
 * Returns the ISO date, "blank", or "unreadable" (a two-digit year, other text, a number that is no date).
 */
export function readDateOfBirth(value: unknown): string | "blank" | "unreadable" {
  if (typeof value === "number") {
    // Serial 61 is 01/03/1900: anything earlier is no one's birthday in a school export, and Excel's
    // 1900 leap-year bug makes serials below it ambiguous.
    if (!Number.isFinite(value) || value < 61) return "unreadable";
    const date = dateFromExcelSerial(value);
    return date ? isoDate(date) : "unreadable";
  }
  const text = cellText(value);
  if (text === "") return "blank";
  if (text.length > 40) return "unreadable";
  const date = dateInText(text.replace(/[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/, "").trim());
  return date ? isoDate(date) : "unreadable";
}

const monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const months = monthNames.map((name) => name.slice(0, 3));

/** The whole text as one date, four-digit years only (a two-digit year could be either century). */
function dateInText(text: string): CalendarDate | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4})$/.exec(text);
  if (match) {
    const name = match[2]!.toLowerCase();
    const month = months.indexOf(name.slice(0, 3));
    // "Mar", "Sept", "March": a month's name or the start of one, not any word that starts like one.
    if (month < 0 || !monthNames[month]!.startsWith(name)) return null;
    return calendarDate(Number(match[3]), month + 1, Number(match[1]));
  }
  return null;
}
