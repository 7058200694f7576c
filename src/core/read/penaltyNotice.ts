import { academicYearStart, dateFromExcelSerial, findDateInText, parseIsoDate } from "../common/dates";
import { readFlag } from "./cellValues";

/** The start year of the academic year of an ISO date (core/common/dates.ts: 1 September); null when not a date. */
export function academicYearOfIso(iso: string | undefined): number | null {
  const date = iso === undefined ? null : parseIsoDate(iso);
  return date ? academicYearStart(date) : null;
}

const penaltyWords = new Set(["fpn", "pn", "issued", "penalty notice", "fixed penalty notice"]);

/**
 * Whether a penalty notice is recorded in the reference academic year (handbook section 16: no second
 * notice in the same academic year). "Y"/"N" flags are taken as given; a date (text or an Excel serial
 * number) counts when it falls in the reference academic year or later; an older date is false.
 * Blank → false (the column exists and records none); unreadable → null, and so is a date when no
 * reference year is known (docs/rules.md §6: a notice is never guessed into or out of this year).
 */
export function readPenaltyNotice(value: unknown, referenceYear: number | null): boolean | null {
  if (typeof value === "number" && value > 59) {
    const day = dateFromExcelSerial(value);
    return day && referenceYear !== null ? academicYearStart(day) >= referenceYear : null;
  }
  const flag = readFlag(value, penaltyWords);
  if (flag !== null) return flag;
  if (typeof value !== "string" || value.length > 40) return null;
  const found = findDateInText(value);
  if (!found || referenceYear === null) return null;
  return academicYearStart(found.date) >= referenceYear;
}
