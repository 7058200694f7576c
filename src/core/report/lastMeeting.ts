import { oneDecimal } from "../common/numbers";
import type { CellValue, Grid } from "../read/grid";
import { bandLabels } from "../rules/bandLabels";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import { asFraction, gapFormat } from "./figureTables";
import type { CellBlock, PlanValue } from "./plan";
import { excelDateSerial } from "../common/dates";
import { admissionNumberHeading, dateOfBirthHeading, type PupilReferenceBook } from "./pupilReferences";
import { tsmDateFormat } from "./tsmColumns";
import { yearGroupText } from "./pupilText";
import { cellText, columnOf, findHeadingRow, findTable, isoFromCell } from "./readBack";
import { readTypedTsm, tsmSectionHeadings, unmatchedRowMarker } from "./tsmMerge";

/**
 * "Pupils from the last meeting" on a new term's TSM form (docs/rules.md §11; handbook section 16: TSMs
 * agree actions and come back to them): each pupil discussed at the previous meeting in this workbook,
 * their attendance then and now, the change, what was typed then (barriers, agreed actions, lead
 * practitioner, owner), and an empty "Outcome" to fill in, kept when the form is made again. Pupils who have
 * left the export are listed "Not in this export". In a shareable form pupils appear by reference only.
 */
export const outcomeHeading = "Outcome";
export const notInThisExport = "Not in this export";
const typedThen = ["Barriers", "Agreed actions", "Lead practitioner", "Owner"] as const;

export interface LastMeetingPupil {
  reference: string;
  /** The pupil now, or null when not in this export (or not matched). */
  pupil: PupilAnalysis | null;
  /** The row could not be matched to one pupil safely (docs/rules.md §14): shown, never put on a guessed child. */
  unmatched: boolean;
  name: string | null;
  upn: string | null;
  admissionNumber: string | null;
  /** ISO yyyy-MM-dd. */
  dateOfBirth: string | null;
  yearGroup: string | null;
  /** 0–1 as the old form held it; null when it said "Not known". */
  attendanceThen: number | null;
  bandThen: string | null;
  typed: Record<(typeof typedThen)[number], CellValue | null>;
}

/** The pupils of the last meeting's form, with what was typed for them; [] when there is no such form. */
export function readLastMeeting(grid: Grid | undefined, book: PupilReferenceBook, pupils: readonly PupilAnalysis[]): LastMeetingPupil[] {
  if (!grid) return [];
  const typed = readTypedTsm(grid, book);
  const indexByReference = new Map(book.byPupil.map((reference, index) => [reference, index]));
  const entryByReference = new Map(book.entries.map((entry) => [entry.reference, entry]));
  const seen = new Set<string>();
  const rows: LastMeetingPupil[] = [];
  for (const row of typed.pupilRows) {
    if (row.reference === null || seen.has(row.reference)) continue;
    seen.add(row.reference);
    // The same rule as the typed notes (tsmMerge.ts mergePupilRows): the row names the pupil, or its printed
    // reference was carried over from the key, and the key can tell that pupil from any other.
    const matched =
      !book.unmatched.has(row.reference) && (row.matchedBy === "identity" || (row.matchedBy === "reference" && book.carriedOver));
    const index = matched ? indexByReference.get(row.reference) : undefined;
    const pupil = index === undefined ? null : (pupils[index] ?? null);
    const entry = entryByReference.get(row.reference);
    const attendance = row.cells["Attendance"];
    rows.push({
      reference: row.reference,
      pupil,
      unmatched: !matched,
      name: pupil?.record.name ?? ((matched ? entry?.name : null) || cellText(row.cells["Name"]) || null),
      upn: pupil?.record.upn ?? (matched ? entry?.upn : null) ?? (cellText(row.cells["UPN"]) || null),
      admissionNumber: pupil?.record.admissionNumber ?? (matched ? entry?.admissionNumber : null) ?? (cellText(row.cells[admissionNumberHeading]) || null),
      dateOfBirth: pupil?.record.dateOfBirth ?? (matched ? entry?.dateOfBirth : null) ?? isoFromCell(row.cells[dateOfBirthHeading]),
      yearGroup: pupil?.record.yearGroup ?? (matched ? entry?.yearGroup : null) ?? row.yearGroup,
      attendanceThen: typeof attendance === "number" && attendance >= 0 && attendance <= 1 ? attendance : null,
      bandThen: cellText(row.cells["Band"]) || null,
      typed: Object.fromEntries(typedThen.map((heading) => [heading, row.inputs[heading] ?? null])) as LastMeetingPupil["typed"],
    });
  }
  return rows;
}

/** Outcomes typed into this form's own "Pupils from the last meeting" last time, by reference. */
export function readTypedOutcomes(grid: Grid | undefined): Map<string, CellValue> {
  const outcomes = new Map<string, CellValue>();
  if (!grid) return outcomes;
  const heading = findHeadingRow(grid, [tsmSectionHeadings.lastMeeting]);
  if (!heading) return outcomes;
  const table = findTable(grid, ["Reference", outcomeHeading], heading.row + 1);
  if (!table) return outcomes;
  const end = findHeadingRow(grid, Object.values(tsmSectionHeadings).filter((h) => h !== tsmSectionHeadings.lastMeeting), table.headerRow + 1)?.row ?? grid.length;
  const referenceColumn = columnOf(table, "Reference");
  const outcomeColumn = columnOf(table, outcomeHeading);
  if (referenceColumn === null || outcomeColumn === null) return outcomes;
  for (let r = table.headerRow + 1; r < end; r++) {
    const row = grid[r] ?? [];
    const reference = cellText(row[referenceColumn]).toUpperCase();
    const outcome = row[outcomeColumn];
    if (reference !== "" && outcome !== undefined && cellText(outcome) !== "") outcomes.set(reference, outcome);
  }
  return outcomes;
}

export interface LastMeetingSection {
  blocks: CellBlock[];
  /** Rows the section takes, its heading included. */
  height: number;
  /** A1-free positions of the Outcome cells (0-based sheet rows and the column), for input ranges. */
  outcomeCells: { firstRow: number; lastRow: number; column: number } | null;
  lastColumn: number;
}

/**
 * The section's cells from `row` down. Its first columns (Reference, Name, UPN, Admission number and Date
 * of birth where the pupils table has them, Year) stand where the pupils table has them, so a reader of
 * references (the key's) finds the same pairs in both tables.
 */
export function planLastMeetingSection(
  pupils: readonly LastMeetingPupil[],
  outcomes: ReadonlyMap<string, CellValue>,
  options: { row: number; shareable: boolean; meetingName: string; admissionNumbers?: boolean; datesOfBirth?: boolean },
): LastMeetingSection {
  const { row, shareable } = options;
  // School-only, as on the pupils table (tsmColumns.ts).
  const admission = !shareable && options.admissionNumbers === true;
  const birth = !shareable && options.datesOfBirth === true;
  const headings = [
    "Reference",
    ...(shareable ? [] : ["Name", "UPN"]),
    ...(admission ? [admissionNumberHeading] : []),
    ...(birth ? [dateOfBirthHeading] : []),
    "Year",
    "Attendance then",
    "Attendance now",
    "Change",
    "Band then",
    "Band now",
    ...typedThen,
    outcomeHeading,
  ];
  const blocks: CellBlock[] = [
    { row, column: 0, values: [[tsmSectionHeadings.lastMeeting]], style: "heading" },
    {
      row: row + 1,
      column: 0,
      values: [[`Pupils discussed at the last meeting (${options.meetingName}), with what was agreed then. Write what happened in "Outcome"; it is kept when this form is made again.`]],
      style: "note",
    },
  ];
  if (pupils.length === 0) {
    blocks.push({ row: row + 2, column: 0, values: [["No pupils were listed at the last meeting."]], style: "note" });
    return { blocks, height: 4, outcomeCells: null, lastColumn: headings.length - 1 };
  }
  blocks.push({ row: row + 2, column: 0, values: [headings], style: "tableHeader" });
  const values: PlanValue[][] = pupils.map((p) => {
    const now = p.pupil?.attendancePercent ?? null;
    const missing = p.unmatched ? unmatchedRowMarker : notInThisExport;
    const nowCell: PlanValue = p.pupil ? (now === null ? "Not known" : asFraction(now)) : missing;
    const change = now !== null && p.attendanceThen !== null ? oneDecimal(now - p.attendanceThen * 100) : null;
    return [
      p.reference,
      ...(shareable ? [] : [p.name, p.upn]),
      ...(admission ? [p.admissionNumber] : []),
      ...(birth ? [p.dateOfBirth === null ? null : excelDateSerial(p.dateOfBirth)] : []),
      yearGroupText(p.yearGroup),
      p.attendanceThen ?? "Not known",
      nowCell,
      change,
      p.bandThen,
      p.pupil ? bandLabels[p.pupil.band].long : missing,
    ];
  });
  const dataColumns = values[0]?.length ?? 0;
  blocks.push({
    row: row + 3,
    column: 0,
    values,
    numberFormats: ["@", ...(shareable ? [] : ["@", "@"]), ...(admission ? ["@"] : []), ...(birth ? [tsmDateFormat] : []), "@", "0.0%", "0.0%", gapFormat, "@", "@"],
    style: "valueWrap",
  });
  // What was typed then, shown as it was typed (not an input here: it belongs to the last meeting's form).
  blocks.push({
    row: row + 3,
    column: dataColumns,
    values: pupils.map((p) => typedThen.map((heading) => p.typed[heading])),
    style: "valueWrap",
  });
  const outcomeColumn = dataColumns + typedThen.length;
  blocks.push({
    row: row + 3,
    column: outcomeColumn,
    values: pupils.map((p) => [outcomes.get(p.reference) ?? null]),
    numberFormats: ["@"],
    style: "input",
  });
  return {
    blocks,
    height: 3 + pupils.length + 1,
    outcomeCells: { firstRow: row + 3, lastRow: row + 2 + pupils.length, column: outcomeColumn },
    lastColumn: outcomeColumn,
  };
}
