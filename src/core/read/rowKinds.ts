import type { CellValue } from "./grid";
import { isBlank } from "./cellValues";

/**
 * What a row below the header is. Only "pupil" rows become records; the rest are skipped
 * (with a warning where the user might not expect it: totals, repeated headers, unreadable pupils).
 */
export type RowKind = "pupil" | "blank" | "groupHeading" | "repeatedHeader" | "totals" | "noFigures";

const totalsLabel =
  /^(?:grand\s+|school\s+|sub-?\s*|overall\s+|whole[-\s]school\s+|year\s+\w+\s+|group\s+)?(?:totals?|average|averages|mean|median|summary|count|all\s+(?:pupils|students))\b/i;

/**
 * First two letters (lower-cased ASCII) that a totals label can start with: "gr"and, "sc"hool, "su"b or
 * "su"mmary, "ov"erall, "wh"ole, "ye"ar, "gr"oup, "to"tal, "av"erage, "me"an or "me"dian, "co"unt, "al"l.
 * A table lookup lets almost every pupil's name skip the regular expression ("Smith", "Chen", "Taylor").
 */
const totalsStarts = new Uint8Array(128 * 128);
for (const start of ["gr", "sc", "su", "ov", "wh", "ye", "to", "av", "me", "co", "al"]) {
  totalsStarts[start.charCodeAt(0) * 128 + start.charCodeAt(1)] = 1;
}

/** "Total", "School total", "Average", "Grand total", "All pupils" … */
export function isTotalsLabel(text: string): boolean {
  if (text.length < 2 || text.length >= 80) return false;
  // `| 32` lower-cases an ASCII letter; the expression matches ASCII letters only at the start.
  const first = text.charCodeAt(0) | 32;
  const second = text.charCodeAt(1) | 32;
  if (first >= 128 || second >= 128 || totalsStarts[first * 128 + second] === 0) return false;
  return totalsLabel.test(text);
}

const groupHeading =
  /^(?:(?:registration|reg|tutor|form|year|teaching|class)\s*group|reg(?:istration)?\s*form|form|class|house|year|yr|nc\s*year|group|key\s*stage|ks\d|reception|nursery)\b/i;

/** "Registration Group: 7A", "Year 7", "Form 10X", "House: Tudor". */
export function isGroupHeadingLabel(text: string): boolean {
  return text.length > 0 && text.length < 60 && groupHeading.test(text);
}

/** A row with nothing in it. Jagged or missing rows count as blank. */
export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  if (!Array.isArray(row)) return true;
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

/** The first non-blank text in a row, for describing a skipped row. */
export function firstText(row: readonly CellValue[]): string {
  for (let c = 0; c < row.length; c++) {
    const value = row[c];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return "";
}

/**
 * The header repeated down the sheet (exports that print a header on every page or group).
 * `headerTexts` holds the lower-cased header text of a few mapped columns, so this costs a handful
 * of comparisons per row.
 */
export function isRepeatedHeader(
  row: readonly CellValue[],
  checkColumns: readonly number[],
  headerTexts: readonly string[],
): boolean {
  if (checkColumns.length === 0) return false;
  // A repeated header repeats every heading, so the first two checked columns must both match.
  const needed = Math.min(2, checkColumns.length);
  for (let i = 0; i < needed; i++) {
    const value = row[checkColumns[i]!];
    const heading = headerTexts[i]!;
    // Cheap length test first: most cells are shorter or longer than the heading.
    if (typeof value !== "string" || value.length < heading.length) return false;
    const text = value.length === heading.length ? value : value.trim();
    if (text.length !== heading.length || text.toLowerCase() !== heading) return false;
  }
  return true;
}
