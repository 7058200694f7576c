/**
 * The input contract (docs/architecture.md "Grid in"): what Excel's `Range.values` returns.
 * Rows of string | number | boolean, empty cells as "". CSV cells arrive as text.
 */
export type CellValue = string | number | boolean;
export type Grid = readonly (readonly CellValue[])[];

/** Where the grid sits in its sheet, so messages can name the real row and column. */
export interface GridOrigin {
  /** Sheet name used in messages, e.g. "Export". */
  sheetName: string;
  /** 1-based sheet row of grid[0] (Excel's row number). Default 1. */
  firstRow: number;
  /** 0-based sheet column of grid[x][0] (0 = column A). Default 0. */
  firstColumn: number;
}

/** 0-based column index to Excel letters: 0 → "A", 27 → "AB". */
export function columnLetter(index: number): string {
  let n = Math.floor(index) + 1;
  let letters = "";
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
