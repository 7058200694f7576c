import { numberText } from "./cellValues";
import type { CellValue, Grid } from "./grid";
import { normaliseHeading } from "./headings";

/**
 * Words that say what kind of figure sits under a category heading, not which one: ScholarPack's
 * "Count" / "%" under "Authorised Absence", "Sessions" / "%" under "Present".
 */
const subHeadingWords = new Set([
  "count",
  "no",
  "number",
  "num",
  "percent",
  "percentage",
  "pct",
  "sessions",
  "session",
  "sess",
  "total",
  "totals",
  "days",
  "marks",
  "value",
  "rate",
  "figure",
  "n percent",
]);

function text(cells: readonly CellValue[] | undefined, column: number): string {
  const value = Array.isArray(cells) ? cells[column] : undefined;
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

function isSubHeading(cellText: string): boolean {
  return cellText !== "" && subHeadingWords.has(normaliseHeading(cellText));
}

/** Whether a cell holds a number (or number-like text): heading rows hold none. */
function isNumeric(value: CellValue | undefined): boolean {
  if (typeof value === "number") return true;
  if (typeof value !== "string") return false;
  const trimmed = value.trim().replace(/%$/, "").trim();
  return trimmed !== "" && Number.isFinite(numberText(trimmed));
}

/**
 * A row of sub-headings: no numbers, at least two cells that are sub-heading words ("Count", "%"),
 * and nothing long (a data row of register marks or names is never all sub-heading words).
 */
function subHeadingColumns(cells: readonly CellValue[] | undefined): number[] | null {
  if (!Array.isArray(cells)) return null;
  const columns: number[] = [];
  for (let c = 0; c < cells.length; c++) {
    const value = cells[c];
    if (isNumeric(value)) return null;
    const cellText = text(cells, c);
    if (cellText.length > 40) return null;
    if (isSubHeading(cellText)) columns.push(c);
  }
  return columns.length >= 2 ? columns : null;
}

export interface CombinedHeadings {
  /** 0-based row of the upper heading row. */
  firstRow: number;
  /** 0-based row of the lower heading row: the header row, so data starts on the row below. */
  headerRow: number;
  /** One heading per column: "Authorised Absence Count", "Authorised Absence %", "Student". */
  cells: CellValue[];
}

/**
 * Headings over two rows read as one heading per column: category names (often merged across their
 * columns, so only the first cell holds the text) over "Count" / "%" pairs. The upper text is carried
 * right across blank cells, but only over columns whose lower cell holds a sub-heading.
 * Null when the rows at `headerRow` are not laid out like that; register grids (dates over AM/PM) are
 * read by sessionColumns.ts.
 */
export function combineHeadingRows(grid: Grid, headerRow: number): CombinedHeadings | null {
  const below = subHeadingColumns(grid[headerRow + 1]);
  if (below) return combine(grid, headerRow, headerRow + 1);
  const here = subHeadingColumns(grid[headerRow]);
  if (here && headerRow > 0) {
    const above = grid[headerRow - 1];
    // Only when the row above names the categories: text (no figures) over or left of the sub-headings.
    if (!Array.isArray(above) || above.some((value) => isNumeric(value))) return null;
    if (!here.some((column) => upperText(above, grid[headerRow], column) !== "")) return null;
    return combine(grid, headerRow - 1, headerRow);
  }
  return null;
}

/** The category over a column: its own cell, or the nearest text to its left across blank (merged) cells. */
function upperText(upper: readonly CellValue[] | undefined, lower: readonly CellValue[] | undefined, column: number): string {
  const own = text(upper, column);
  if (own !== "" || !isSubHeading(text(lower, column))) return own;
  for (let c = column - 1; c >= 0; c--) {
    const left = text(upper, c);
    if (left !== "") return left;
    // A merged category spans sub-headings only; a blank sub-heading cell ends it.
    if (!isSubHeading(text(lower, c))) return "";
  }
  return "";
}

function combine(grid: Grid, upperRow: number, lowerRow: number): CombinedHeadings {
  const upper = grid[upperRow];
  const lower = grid[lowerRow];
  const width = Math.max(Array.isArray(upper) ? upper.length : 0, Array.isArray(lower) ? lower.length : 0);
  const cells: CellValue[] = [];
  for (let c = 0; c < width; c++) {
    const top = upperText(upper, lower, c);
    const bottom = text(lower, c);
    cells.push(top !== "" && bottom !== "" ? `${top} ${bottom}` : top || bottom);
  }
  return { firstRow: upperRow, headerRow: lowerRow, cells };
}
