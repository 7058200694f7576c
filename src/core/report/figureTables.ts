import { oneDecimal } from "../common/numbers";
import { columnLetter } from "../common/a1";
import type { AttendanceSummary, Band, CohortFigures } from "../rules/pupilAnalysis";
import { cellId, withheldCounts } from "./disclosureControl";
import type { NationalComparison, NationalFigure } from "./nationalFigures";
import type { CellBlock, PlanValue } from "./plan";

/**
 * The figure tables shared by the TSM form and the governors' summary: whole school against national,
 * and cohorts against the whole school. In shareable mode (docs/rules.md §7; handbook section 25) a count
 * below 3 is shown as "<3" and a rate that would reveal it is not shown, so no pupil can be singled out.
 */

export const smallCountText = "<3";
export const suppressedRateText = "n/a (<3)";
/** A count (or its rate) held back because, with the figures around it, it would give away a count below 3. */
export const withheldText = "[c]";
export const notKnownText = "Not known";
export const smallCountNote =
  'Counts below 3 are shown as "<3", and rates based on them as "n/a (<3)". A figure shown as "[c]" is held back too, because adding up or taking away the other figures would give away a count below 3. This is so that no pupil can be identified.';

export const percentFormat = "0.0%";
export const countFormat = "0";
export const gapFormat = '+0.0" pp";-0.0" pp";0.0" pp"';

/**
 * A 0–100 percentage as the fraction Excel formats with "0.0%". Rounded to 9 decimal places so that
 * 100 − 8.9 is written as 0.911, not 0.9109999999999999 (the shown value is the same; the stored one is tidy).
 */
export function asFraction(percent: number): number {
  return Math.round(percent * 1e7) / 1e9;
}

/** A count as shown: "<3" when shareable and below 3 (zero included: the rule is "below 3"). */
export function shownCount(count: number, shareable: boolean): PlanValue {
  return shareable && count < 3 ? smallCountText : count;
}

/** A 0–100 rate as a cell value (a fraction, formatted as %), or a word when it cannot be shown. */
export function shownRate(percent: number | null, basisCount: number | null, shareable: boolean): PlanValue {
  if (percent === null || !Number.isFinite(percent)) return notKnownText;
  if (shareable && basisCount !== null && basisCount < 3) return suppressedRateText;
  return asFraction(percent);
}

function nationalValue(figure: NationalFigure | null, asAttendance = false): PlanValue {
  if (!figure) return "Not in the national table";
  return asFraction(asAttendance ? 100 - figure.percent : figure.percent);
}

/** Where a table goes: its first column, and how many columns its label cells span (merged). */
export interface TablePlace {
  row: number;
  column: number;
  labelSpan: number;
}

export interface PlacedTable {
  blocks: CellBlock[];
  merges: string[];
  /** Rows used, header included. */
  height: number;
}

function labelMerge(place: TablePlace, row: number): string[] {
  if (place.labelSpan <= 1) return [];
  return [`${columnLetter(place.column)}${row + 1}:${columnLetter(place.column + place.labelSpan - 1)}${row + 1}`];
}

/** A table with a label column (spanning `labelSpan` columns) and value columns, one block per row. */
function placeTable(
  place: TablePlace,
  headings: readonly string[],
  rows: readonly PlanValue[][],
  formats: readonly (readonly (string | null)[])[],
): PlacedTable {
  const blocks: CellBlock[] = [];
  const merges: string[] = [];
  const valueColumn = place.column + place.labelSpan;
  const emit = (row: number, values: readonly PlanValue[], rowFormats: readonly (string | null)[], header: boolean) => {
    const [label, ...rest] = values;
    const padding: PlanValue[] = Array.from({ length: place.labelSpan - 1 }, () => null);
    blocks.push({
      row,
      column: place.column,
      values: [[label ?? null, ...padding]],
      numberFormats: [rowFormats[0] ?? null, ...padding.map(() => null)],
      style: header ? "tableHeader" : "label",
    });
    blocks.push({
      row,
      column: valueColumn,
      values: [rest],
      numberFormats: rowFormats.slice(1),
      style: header ? "tableHeader" : "value",
    });
    merges.push(...labelMerge(place, row));
  };
  emit(place.row, headings, headings.map(() => null), true);
  rows.forEach((values, i) => emit(place.row + 1 + i, values, formats[i] ?? [], false));
  return { blocks, merges, height: rows.length + 1 };
}

export const wholeSchoolHeadings = ["Measure", "School", "National", "National figure is for"];

/**
 * PA pupils as the DfE and the governors' summary count them: severe absence included (every SA pupil has
 * also missed 10% or more). The bands count SA apart; the pane shows both (one vocabulary, issue 12 §4).
 */
export function persistentIncludingSevere(bandCounts: AttendanceSummary["bandCounts"]): number {
  return bandCounts.severe + bandCounts.persistent;
}

/** Whole-school rows: pupils, attendance, absence, PA and SA counts and rates, at-risk count. */
export function wholeSchoolRows(summary: AttendanceSummary, national: NationalComparison, shareable: boolean): PlanValue[][] {
  const pa = persistentIncludingSevere(summary.bandCounts);
  const sa = summary.bandCounts.severe;
  const withheld = withheldCounts(summary, shareable);
  const count = (id: string, n: number) => (withheld.has(id) ? withheldText : shownCount(n, shareable));
  const rate = (id: string, percent: number | null, n: number) =>
    withheld.has(id) ? withheldText : shownRate(percent, n, shareable);
  const label = (figure: NationalFigure | null): PlanValue => figure?.label ?? null;
  const percentOrUnknown = (p: number | null): PlanValue => (p === null ? notKnownText : asFraction(p));
  return [
    ["Pupils in the export", count(cellId.pupils, summary.pupils), null, null],
    ["Pupils with attendance data", count(cellId.withData, summary.withData), null, null],
    ["Overall attendance", percentOrUnknown(summary.overallAttendancePercent), nationalValue(national.overallAbsence, true), label(national.overallAbsence)],
    ["Overall absence", percentOrUnknown(summary.overallAbsencePercent), nationalValue(national.overallAbsence), label(national.overallAbsence)],
    ["PA pupils (SA included)", count(cellId.pa, pa), null, null],
    ["PA rate", rate(cellId.pa, summary.persistentRate, pa), nationalValue(national.persistentRate), label(national.persistentRate)],
    ["SA pupils", count(cellId.band("severe"), sa), null, null],
    ["SA rate", rate(cellId.band("severe"), summary.severeRate, sa), nationalValue(national.severeRate), label(national.severeRate)],
    ["At-risk pupils", count(cellId.band("at-risk"), summary.bandCounts["at-risk"]), null, null],
  ];
}

/** A band's row in the governors' summary: its count and its share of all pupils, as shown. */
export function bandCells(summary: AttendanceSummary, band: Band, shareable: boolean): [PlanValue, PlanValue] {
  const count = summary.bandCounts[band];
  if (withheldCounts(summary, shareable).has(cellId.band(band))) return [withheldText, withheldText];
  const shown = shownCount(count, shareable);
  if (shown === smallCountText) return [shown, suppressedRateText];
  return [shown, summary.pupils > 0 ? asFraction((count / summary.pupils) * 100) : null];
}

/** Per-row number formats for wholeSchoolRows (counts, then percentages). */
const wholeSchoolFormats: (string | null)[][] = [
  [null, countFormat, null, "@"],
  [null, countFormat, null, "@"],
  [null, percentFormat, percentFormat, "@"],
  [null, percentFormat, percentFormat, "@"],
  [null, countFormat, null, "@"],
  [null, percentFormat, percentFormat, "@"],
  [null, countFormat, null, "@"],
  [null, percentFormat, percentFormat, "@"],
  [null, countFormat, null, "@"],
];

export function wholeSchoolTable(
  summary: AttendanceSummary,
  national: NationalComparison,
  shareable: boolean,
  place: TablePlace,
): PlacedTable {
  return placeTable(place, wholeSchoolHeadings, wholeSchoolRows(summary, national, shareable), wholeSchoolFormats);
}

export const cohortHeadings = [
  "Group",
  "Pupils",
  "Attendance",
  "PA rate",
  "SA rate",
  "PA gap to whole school (percentage points)",
];

/** One row per cohort: pupils, attendance, PA and SA rates and the PA gap to the whole school. */
export function cohortRow(
  cohort: CohortFigures,
  summary: AttendanceSummary,
  shareable: boolean,
  withheld: ReadonlySet<string> = withheldCounts(summary, shareable),
): PlanValue[] {
  const small = shareable && cohort.pupils < 3;
  // SA pupils are also PA (docs/rules.md §2); the band counts are exclusive, so PA = severe + persistent.
  const paCount = small ? 0 : cohort.severe + cohort.persistent;
  const saCount = small ? 0 : cohort.severe;
  const paRate = withheld.has(cellId.cohortPa(cohort)) ? withheldText : shownRate(cohort.persistentRate, paCount, shareable);
  const gap =
    typeof paRate === "number" && summary.persistentRate !== null && cohort.persistentRate !== null
      ? oneDecimal(cohort.persistentRate - summary.persistentRate)
      : paRate === suppressedRateText || paRate === withheldText
        ? paRate
        : notKnownText;
  return [
    cohort.label,
    withheld.has(cellId.cohortPupils(cohort)) ? withheldText : shownCount(cohort.pupils, shareable),
    small
      ? suppressedRateText
      : cohort.attendancePercent === null
        ? notKnownText
        : asFraction(cohort.attendancePercent),
    paRate,
    withheld.has(cellId.cohortSa(cohort)) ? withheldText : shownRate(cohort.severeRate, saCount, shareable),
    gap,
  ];
}

export const cohortFormats: (string | null)[] = ["@", countFormat, percentFormat, percentFormat, percentFormat, gapFormat];

/** What a cohort table groups by, for the sentence shown when the sheet has none of it. */
export type CohortKind = "year groups" | "characteristics" | "year groups or characteristics";

/** Cohorts against the whole school; a sentence instead when the sheet has nothing to group by. */
export function cohortTable(
  cohorts: readonly CohortFigures[],
  summary: AttendanceSummary,
  shareable: boolean,
  place: TablePlace,
  kind: CohortKind = "year groups or characteristics",
): PlacedTable {
  if (cohorts.length === 0) {
    const table = placeTable(place, cohortHeadings, [], []);
    table.blocks.push({
      row: place.row + 1,
      column: place.column,
      values: [[`The sheet has no ${kind} to group pupils by.`]],
      style: "note",
    });
    return { ...table, height: 2 };
  }
  const withheld = withheldCounts(summary, shareable);
  return placeTable(
    place,
    cohortHeadings,
    cohorts.map((cohort) => cohortRow(cohort, summary, shareable, withheld)),
    cohorts.map(() => cohortFormats),
  );
}
