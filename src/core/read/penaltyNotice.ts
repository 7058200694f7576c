import { excelSerialToDay, readFlag } from "./cellValues";
import { findDateInText, type DayDate } from "./sessionColumns";

/** Start year of the academic year (1 August – 31 July) a date falls in: 15/03/2026 → 2025. */
export function academicYearOf(date: DayDate): number {
  return date.month >= 8 ? date.year : date.year - 1;
}

/** "2025-09-01" → its academic year; null when not an ISO date. */
export function academicYearOfIso(iso: string | undefined): number | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return academicYearOf({ year: Number(match[1]), month, day: Number(match[3]) });
}

const penaltyWords = new Set(["fpn", "pn", "issued", "penalty notice", "fixed penalty notice"]);

/**
 * Whether a penalty notice is recorded in the reference academic year (handbook section 16: no second
 * notice in the same academic year). "Y"/"N" flags are taken as given; a date (text or an Excel serial
 * number) counts when it falls in the reference academic year or later; an older date is false.
 * Blank → false (the column exists and records none); unreadable → null. A date when the academic year
 * is not known (the caller gave no date and the sheet has no session dates) → null.
 */
export function readPenaltyNotice(value: unknown, referenceYear: number | null): boolean | null {
  if (typeof value === "number" && value > 59) {
    const day = excelSerialToDay(value);
    return day && referenceYear !== null ? academicYearOf(day) >= referenceYear : null;
  }
  const flag = readFlag(value, penaltyWords);
  if (flag !== null) return flag;
  if (typeof value !== "string" || value.length > 40) return null;
  const found = findDateInText(value);
  if (!found || referenceYear === null) return null;
  return academicYearOf(found.date) >= referenceYear;
}
