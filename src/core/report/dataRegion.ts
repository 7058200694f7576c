import { excelLimits } from "./excelLimits";
import { cellAddress } from "../common/a1";

/**
 * What one input may cost, and where its data is. A sheet's data region runs from A1 to its last value:
 * empty rows and columns after it cost nothing. A value far beyond the rest (one cell at XFD1048576 of a
 * 200-pupil export, typed by accident) would stretch that region to billions of cells, so it is named and
 * left out instead of being read. Excel's own limits (excelLimits) bound rows and columns.
 */
export const inputLimits = {
  /** Bytes of an export file read at all (a 300,000-pupil export is about 40 MB). */
  fileBytes: 256 * 1024 * 1024,
  /**
   * Bytes an .xlsx export may unpack to (its XML parts together). Reading one costs about 30 bytes of memory
   * for each (measured: 28 MB of sheet XML, 50,000 pupils × 20 columns, peaked at 0.8 GB), so 40 MB keeps a
   * read near 1.2 GB; 20,000 pupils × 40 columns is about 22 MB. A CSV has no such cost: it is read as text.
   */
  xlsxUnpackedBytes: 40 * 1024 * 1024,
  /** Cells of the data region, rows × columns (300,000 pupils × 60 columns fit). */
  regionCells: 20_000_000,
  /** Empty rows between a value and the rest of the data beyond which it is a stray, not data. */
  strayRowGap: 10_000,
  /** Empty columns between a value and the rest of the data beyond which it is a stray. */
  strayColumnGap: 1_000,
} as const;

/** A value's place: 0-based row and column. */
export interface CellPlace {
  row: number;
  column: number;
}

/** Calls `visit` once for every non-empty value of a sheet, with its 0-based row and column. */
export type EachValue = (visit: (row: number, column: number) => void) => void;

/**
 * Where a sheet's data is: the block of rows and columns holding most of its values, and the values that
 * lie far from it (after more than strayRowGap empty rows or strayColumnGap empty columns), which are not data.
 */
export interface DataBlock {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
  /** The first few values outside the block, in reading order (at most strayNamed). */
  strays: CellPlace[];
  /** How many values lie outside the block in all. */
  strayCount: number;
}

/** How many stray cells a warning names; the rest are counted. */
const strayNamed = 3;

/**
 * The run of `counts`' keys (rows or columns) holding the most values, where a run ends at a gap of more
 * than `gap` empty keys; the earlier run on a tie. Null when there are no keys.
 */
function busiestRun(counts: ReadonlyMap<number, number>, gap: number): { first: number; last: number } | null {
  const keys = [...counts.keys()].sort((a, b) => a - b);
  let best: { first: number; last: number; values: number } | null = null;
  let run: { first: number; last: number; values: number } | null = null;
  for (const key of keys) {
    if (run === null || key - run.last - 1 > gap) {
      if (run !== null && (best === null || run.values > best.values)) best = run;
      run = { first: key, last: key, values: 0 };
    }
    run.last = key;
    run.values += counts.get(key) ?? 0;
  }
  if (run !== null && (best === null || run.values > best.values)) best = run;
  return best === null ? null : { first: best.first, last: best.last };
}

/**
 * The sheet's data block (DataBlock). Rows first: the busiest run of rows; then, within those rows, the
 * busiest run of columns. A lone value at XFD1048576 of a 200-pupil export, or a note typed far to the
 * right, is then left out and named, never read as data nor allowed to stretch the region to millions of
 * empty cells. Null for a sheet with no values.
 */
export function findDataBlock(eachValue: EachValue): DataBlock | null {
  const rowCounts = new Map<number, number>();
  eachValue((row) => rowCounts.set(row, (rowCounts.get(row) ?? 0) + 1));
  const rows = busiestRun(rowCounts, inputLimits.strayRowGap);
  if (rows === null) return null;
  const columnCounts = new Map<number, number>();
  eachValue((row, column) => {
    if (row >= rows.first && row <= rows.last) columnCounts.set(column, (columnCounts.get(column) ?? 0) + 1);
  });
  const columns = busiestRun(columnCounts, inputLimits.strayColumnGap);
  if (columns === null) return null;
  const block: DataBlock = { firstRow: rows.first, lastRow: rows.last, firstColumn: columns.first, lastColumn: columns.last, strays: [], strayCount: 0 };
  eachValue((row, column) => {
    if (inBlock(block, row, column)) return;
    block.strayCount += 1;
    block.strays.push({ row, column });
    // Keep only the first few in reading order.
    if (block.strays.length > strayNamed) {
      block.strays.sort((a, b) => a.row - b.row || a.column - b.column);
      block.strays.length = strayNamed;
    }
  });
  block.strays.sort((a, b) => a.row - b.row || a.column - b.column);
  return block;
}

export function inBlock(block: DataBlock, row: number, column: number): boolean {
  return row >= block.firstRow && row <= block.lastRow && column >= block.firstColumn && column <= block.lastColumn;
}

/** "cell XFD1048576" or "cells A9000, B9000 and 12 more": the stray cells of `block`, by address only. */
function strayCellsText(block: DataBlock): string {
  const named = block.strays.map((cell) => cellAddress(cell.row, cell.column));
  const others = block.strayCount - named.length;
  if (block.strayCount === 1) return `cell ${named[0] ?? ""}`;
  if (others > 0) return `cells ${named.join(", ")} and ${others.toLocaleString("en-GB")} more`;
  return `cells ${named.slice(0, -1).join(", ")} and ${named[named.length - 1] ?? ""}`;
}

/**
 * The warning for values left out of a sheet's data (findDataBlock), or null when there are none. It names
 * the cells, never their values (a stray may be a pupil's name, and warnings reach the shareable outputs).
 */
export function strayWarning(where: string, block: DataBlock | null): string | null {
  if (block === null || block.strayCount === 0) return null;
  const one = block.strayCount === 1;
  return `${where} has a value in ${strayCellsText(block)}, far from the rest of the data, so ${one ? "it was" : "they were"} not read: if ${one ? "it belongs" : "they belong"} to the export, move ${one ? "it" : "them"} next to it; otherwise delete ${one ? "it" : "them"} (in Excel, Ctrl+End goes to the last used cell).`;
}

/** The same values as one sentence refusing the sheet, for a sheet that must be read whole or not at all. */
export function strayRefusal(where: string, block: DataBlock | null): string | null {
  if (block === null || block.strayCount === 0) return null;
  const one = block.strayCount === 1;
  return `${where} has a value in ${strayCellsText(block)}, far from the rest of the data: delete ${one ? "it" : "them"} (in Excel, Ctrl+End goes to the last used cell) and try again.`;
}

/**
 * One sentence when a sheet cannot be read, or null: beyond Excel's rows or columns, or a data block of more
 * cells than one input may cost. `where` names the sheet or file ("The sheet "X" in F"); `lastRow` and
 * `lastColumn` are the sheet's last row and column holding anything, `block` where its data is.
 */
export function regionProblem(where: string, lastRow: number, lastColumn: number, block: DataBlock | null): string | null {
  if (lastRow + 1 > excelLimits.rows) {
    return `${where} has ${(lastRow + 1).toLocaleString("en-GB")} rows, more than the ${excelLimits.rows.toLocaleString("en-GB")} Excel allows: export fewer pupils (one year group at a time, say) and try again.`;
  }
  if (lastColumn + 1 > excelLimits.columns) {
    return `${where} has ${(lastColumn + 1).toLocaleString("en-GB")} columns, more than the ${excelLimits.columns.toLocaleString("en-GB")} Excel allows: export fewer columns and try again.`;
  }
  if (block === null) return null;
  // The grid runs from A1 to the block's far corner.
  const rows = block.lastRow + 1;
  const columns = block.lastColumn + 1;
  if (rows * columns > inputLimits.regionCells) {
    return `${where} holds ${rows.toLocaleString("en-GB")} rows by ${columns.toLocaleString("en-GB")} columns, more than this tool reads at once: export fewer pupils or columns and try again.`;
  }
  return null;
}
