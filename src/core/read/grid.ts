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
  /** 0-based sheet row of grid[0] (0 = Excel's row 1; core/common/a1.ts). Default 0. */
  firstRow: number;
  /** 0-based sheet column of grid[x][0] (0 = column A). Default 0. */
  firstColumn: number;
}
