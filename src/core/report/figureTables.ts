import { columnLetter } from "../common/a1";
import type { AttendanceSummary, Band, CohortFigures } from "../rules/pupilAnalysis";
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
      ? Math.round((cohort.persistentRate - summary.persistentRate) * 10) / 10
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


/**
 * Secondary suppression for shareable copies (docs/rules.md §7). Hiding a count below 3 is not enough when
 * the figures around it add up: "PA pupils (SA included)" 17 beside a PA band row of 15 gives SA = 2.
 * Every count the shareable copy shows (on the form and the summary together, since they travel
 * together) is a cell, and every way they add up is a relation. A count of 1 or 2 must not be workable
 * out from the shown figures by any adding or taking away, so further counts are withheld ("[c]"),
 * cheapest first: band rows before headline figures, smaller counts before larger ones. A rate follows
 * its count, since a rate and its denominator give the count back. A derived zero names no pupil, so only
 * 1 and 2 are protected; zeros are still shown as "<3".
 */
export const cellId = {
  pupils: "pupils",
  withData: "withData",
  /** PA pupils, SA included. */
  pa: "pa",
  band: (band: Band): string => `band:${band}`,
  cohortPupils: (cohort: CohortFigures): string => `${cohort.key}:pupils`,
  cohortPa: (cohort: CohortFigures): string => `${cohort.key}:pa`,
  cohortSa: (cohort: CohortFigures): string => `${cohort.key}:sa`,
} as const;

interface CountCell {
  value: number;
  /** False for a count no table shows but the others imply (e.g. a year group's PA-but-not-SA pupils). */
  shown: boolean;
  /** How much is lost by withholding it: headline figures cost more than band rows. */
  cost: number;
}

/** total = sum of parts. */
interface Relation {
  total: string;
  parts: string[];
}

export interface FigureModel {
  cells: Map<string, CountCell>;
  relations: Relation[];
}

/** The counts a shareable copy shows, and how they add up. */
export function figureModel(summary: AttendanceSummary): FigureModel {
  const cells = new Map<string, CountCell>();
  const relations: Relation[] = [];
  const cell = (id: string, value: number, cost: number, shown = true) => cells.set(id, { value, shown, cost });
  const { bandCounts } = summary;
  const pa = persistentIncludingSevere(bandCounts);
  cell(cellId.pupils, summary.pupils, 100);
  cell(cellId.withData, summary.withData, 40);
  cell(cellId.pa, pa, 100);
  cell(cellId.band("severe"), bandCounts.severe, 60);
  cell(cellId.band("persistent"), bandCounts.persistent, 10);
  cell(cellId.band("at-risk"), bandCounts["at-risk"], 30);
  cell(cellId.band("expected"), bandCounts.expected, 10);
  cell(cellId.band("no-data"), bandCounts["no-data"], 10);
  const bands = (["severe", "persistent", "at-risk", "expected", "no-data"] as const).map(cellId.band);
  relations.push({ total: cellId.pupils, parts: bands });
  relations.push({ total: cellId.pa, parts: [cellId.band("severe"), cellId.band("persistent")] });
  relations.push({ total: cellId.pupils, parts: [cellId.withData, cellId.band("no-data")] });

  for (const cohort of [...summary.byYearGroup, ...summary.byCharacteristic]) {
    cell(cellId.cohortPupils(cohort), cohort.pupils, 20);
    cell(cellId.cohortPa(cohort), cohort.severe + cohort.persistent, 15);
    cell(cellId.cohortSa(cohort), cohort.severe, 15);
    const paOnly = `${cohort.key}:paOnly`;
    cell(paOnly, cohort.persistent, 0, false);
    relations.push({ total: cellId.cohortPa(cohort), parts: [cellId.cohortSa(cohort), paOnly] });
  }
  // Year groups cover every pupil (a "not known" year is a group of its own), so they add up to the whole school.
  if (summary.byYearGroup.length > 0) {
    const sums: [string, (c: CohortFigures) => string, (c: CohortFigures) => number][] = [
      [cellId.pupils, cellId.cohortPupils, (c) => c.pupils],
      [cellId.pa, cellId.cohortPa, (c) => c.severe + c.persistent],
      [cellId.band("severe"), cellId.cohortSa, (c) => c.severe],
    ];
    for (const [total, id, value] of sums) {
      const parts = summary.byYearGroup.map(id);
      const rest = (cells.get(total)?.value ?? 0) - summary.byYearGroup.reduce((sum, c) => sum + value(c), 0);
      if (rest !== 0) {
        cell(`noYear:${total}`, rest, 0, false);
        parts.push(`noYear:${total}`);
      }
      relations.push({ total, parts });
    }
  }
  return { cells, relations };
}

const tolerance = 1e-9;

/**
 * Which hidden counts the shown ones pin down exactly, by any adding and taking away: a hidden count is
 * pinned down when its row of the reduced row echelon form of the relations (over hidden counts only)
 * has no other entry.
 */
export function workedOut(relations: readonly Relation[], hidden: ReadonlySet<string>): Set<string> {
  const ids = [...hidden];
  const column = new Map(ids.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(ids.length).fill(0);
    let any = false;
    const add = (id: string, sign: number) => {
      const j = column.get(id);
      if (j === undefined) return;
      row[j] = (row[j] as number) + sign;
      any = true;
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    if (any) rows.push(row);
  }
  const pivots: number[] = [];
  for (let c = 0, r = 0; c < ids.length && r < rows.length; c++) {
    let best = -1;
    for (let i = r; i < rows.length; i++) {
      const v = Math.abs((rows[i] as number[])[c] as number);
      if (v > tolerance && (best < 0 || v > Math.abs((rows[best] as number[])[c] as number))) best = i;
    }
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best] as number[], rows[r] as number[]];
    const pivotRow = rows[r] as number[];
    const pivot = pivotRow[c] as number;
    for (let j = 0; j < ids.length; j++) pivotRow[j] = (pivotRow[j] as number) / pivot;
    rows.forEach((other, i) => {
      const factor = other[c] as number;
      if (i === r || Math.abs(factor) <= tolerance) return;
      for (let j = 0; j < ids.length; j++) other[j] = (other[j] as number) - factor * (pivotRow[j] as number);
    });
    pivots.push(c);
    r++;
  }
  const found = new Set<string>();
  pivots.forEach((c, i) => {
    const nonZero = (rows[i] as number[]).filter((v) => Math.abs(v) > tolerance).length;
    if (nonZero === 1) found.add(ids[c] as string);
  });
  return found;
}

/** The counts to withhold ("[c]") so that no count of 1 or 2 can be worked out (see cellId). */
export function chooseWithheld(model: FigureModel): Set<string> {
  const { cells, relations } = model;
  const hidden = new Set([...cells].filter(([, c]) => !c.shown || c.value < 3).map(([id]) => id));
  const leaks = (extra: readonly string[]): string[] => {
    const trial = new Set([...hidden, ...extra]);
    return [...workedOut(relations, trial)].filter((id) => {
      const value = cells.get(id)?.value;
      return value === 1 || value === 2;
    });
  };
  const withheld = new Set<string>();
  const order = (a: string, b: string) => {
    const ca = cells.get(a) as CountCell;
    const cb = cells.get(b) as CountCell;
    return ca.cost - cb.cost || ca.value - cb.value || (a < b ? -1 : a > b ? 1 : 0);
  };
  for (let guard = 0; guard <= cells.size; guard++) {
    const leaked = leaks([]);
    if (leaked.length === 0) break;
    const open = [...cells.keys()].filter((id) => !hidden.has(id)).sort(order);
    if (open.length === 0) break;
    // Prefer counts that add up with a leaked one: withholding them is what breaks the sum.
    const near = open.filter((id) => relations.some((r) => [r.total, ...r.parts].includes(id) && leaked.some((l) => [r.total, ...r.parts].includes(l))));
    const candidates = near.length > 0 ? near : open;
    // The cheapest one or two counts that protect something: two cheap band rows before one headline total.
    const costOf = (ids: readonly string[]) => ids.reduce((sum, id) => sum + (cells.get(id) as CountCell).cost, 0);
    let pick: string[] | undefined = candidates.map((id) => [id]).find((one) => leaks(one).length < leaked.length);
    let bestCost = pick ? costOf(pick) : Number.POSITIVE_INFINITY;
    for (let i = 0; i < candidates.length; i++) {
      for (let j = i + 1; j < candidates.length; j++) {
        const pair = [candidates[i] as string, candidates[j] as string];
        const cost = costOf(pair);
        if (cost < bestCost && leaks(pair).length < leaked.length) {
          bestCost = cost;
          pick = pair;
        }
      }
    }
    for (const id of pick ?? [candidates[0] as string]) {
      hidden.add(id);
      withheld.add(id);
    }
  }
  return withheld;
}

const noneWithheld: ReadonlySet<string> = new Set();
const withheldBySummary = new WeakMap<AttendanceSummary, ReadonlySet<string>>();

/** The counts withheld in a shareable copy of this summary (none in the school's own view). */
export function withheldCounts(summary: AttendanceSummary, shareable: boolean): ReadonlySet<string> {
  // Partial summaries (a cohort row on its own) have nothing to add up against.
  if (!shareable || !summary.bandCounts || !summary.byYearGroup || !summary.byCharacteristic) return noneWithheld;
  let withheld = withheldBySummary.get(summary);
  if (!withheld) {
    withheld = chooseWithheld(figureModel(summary));
    withheldBySummary.set(summary, withheld);
  }
  return withheld;
}
