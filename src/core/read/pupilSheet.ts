import type { Grid } from "./grid";
import { readGrid } from "./readGrid";

/** A worksheet offered to the reader; its grid is built only when it is looked at. */
export interface SheetCandidate {
  name: string;
  grid: () => Grid;
}

export type PupilSheetChoice =
  /** The sheet to read; `instead` is set when it is not the first one (the user is told why). */
  | { ok: true; index: number; instead: { firstName: string } | null }
  /** The first sheet holds no pupil table and several others do: the user must say which. */
  | { ok: false; firstName: string; candidates: string[] };

/** Whether a sheet holds a table the reader can take pupils from. */
export function holdsPupilTable(grid: Grid): boolean {
  return grid.length > 0 && readGrid(grid).ok;
}

/**
 * Which sheet of a workbook holds the pupils: the first one when it does (or when no other does, so its
 * own message explains); else the only other sheet that does; else the sheets that do, for the user to
 * choose from. An officer's workbook often starts with a cover or notes sheet.
 */
export function choosePupilSheet(sheets: readonly SheetCandidate[]): PupilSheetChoice {
  const first = sheets[0];
  if (!first || holdsPupilTable(first.grid())) return { ok: true, index: 0, instead: null };
  const others: number[] = [];
  for (let i = 1; i < sheets.length; i++) if (holdsPupilTable(sheets[i]!.grid())) others.push(i);
  if (others.length === 0) return { ok: true, index: 0, instead: null };
  if (others.length === 1) return { ok: true, index: others[0]!, instead: { firstName: first.name } };
  return { ok: false, firstName: first.name, candidates: others.map((i) => sheets[i]!.name) };
}
