import { excelLimits } from "./excelLimits";
import { cellAddress } from "../common/a1";

/**
 * What one input may cost, and where its data is. A sheet's data region runs from A1 to its last value:
 * empty rows and columns after it cost nothing. A value far beyond the rest (one cell at XFD1048576 of a
 * 200-pupil export, typed by accident) would stretch that region to billions of cells, so it is named and
 * refused instead of being read. Excel's own limits (excelLimits) bound rows and columns.
 */
export const inputLimits = {
  /** Bytes of an export file read at all (a 300,000-pupil export is about 40 MB). */
  fileBytes: 256 * 1024 * 1024,
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

/**
 * The first value that lies far from the rest (after a gap of more than strayRowGap empty rows, or
 * strayColumnGap empty columns), or null. `rows` and `columns` are the rows and columns that hold a value.
 */
export function strayCell(cells: readonly CellPlace[]): CellPlace | null {
  const beyond = (values: number[], gap: number): number | null => {
    const sorted = [...new Set(values)].sort((a, b) => a - b);
    let previous = -1;
    for (const value of sorted) {
      if (value - previous - 1 > gap && previous >= 0) return value;
      previous = value;
    }
    return null;
  };
  const row = beyond(
    cells.map((c) => c.row),
    inputLimits.strayRowGap,
  );
  const column = beyond(
    cells.map((c) => c.column),
    inputLimits.strayColumnGap,
  );
  const far = cells.filter((c) => (row !== null && c.row >= row) || (column !== null && c.column >= column));
  if (far.length === 0) return null;
  return far.reduce((first, c) => (c.row < first.row || (c.row === first.row && c.column < first.column) ? c : first));
}

/**
 * One sentence when a data region cannot be read, or null: beyond Excel's rows or columns, a stray value far
 * from the rest, or more cells than one input may cost. `where` names the sheet or file ("The sheet "X" in F").
 */
export function regionProblem(where: string, cells: readonly CellPlace[], lastRow: number, lastColumn: number): string | null {
  if (lastRow + 1 > excelLimits.rows) {
    return `${where} has ${(lastRow + 1).toLocaleString("en-GB")} rows, more than the ${excelLimits.rows.toLocaleString("en-GB")} Excel allows: export fewer pupils (one year group at a time, say) and try again.`;
  }
  if (lastColumn + 1 > excelLimits.columns) {
    return `${where} has ${(lastColumn + 1).toLocaleString("en-GB")} columns, more than the ${excelLimits.columns.toLocaleString("en-GB")} Excel allows: export fewer columns and try again.`;
  }
  const stray = strayCell(cells);
  if (stray !== null) {
    return `${where} has a value in cell ${cellAddress(stray.row, stray.column)}, far from the rest of the data: delete it (in Excel, Ctrl+End goes to the last used cell) and try again.`;
  }
  if ((lastRow + 1) * (lastColumn + 1) > inputLimits.regionCells) {
    return `${where} holds ${(lastRow + 1).toLocaleString("en-GB")} rows by ${(lastColumn + 1).toLocaleString("en-GB")} columns, more than this tool reads at once: export fewer pupils or columns and try again.`;
  }
  return null;
}
