/** Which counts a shareable copy withholds so that no count of 1 or 2 can be worked out (docs/rules.md §7). */
import type { AttendanceSummary, Band, CohortFigures } from "../rules/pupilAnalysis";

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
  const pa = bandCounts.severe + bandCounts.persistent;
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
