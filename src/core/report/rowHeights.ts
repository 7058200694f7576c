import { parseRange } from "../common/a1";
import type { CellBlock, CellStyle, PlanValue, RowHeightPlan } from "./plan";
import { cellStyles } from "./styles";

/**
 * A small estimate of how tall a row must be for its wrapped text to show in full. Neither adapter can
 * measure text before Excel lays it out (and ExcelJS cannot at all), so the plan carries explicit heights.
 * Column widths are in characters of the default font (Calibri 11): a line holds about that many
 * characters less one for the cell's padding (ordinary text is a little narrower than the digits the
 * width is counted in); bold text is about a tenth wider. The estimate errs tall:
 * a little white space is better than a heading or a reason cut off.
 */

/** Excel's default row height for Calibri 11, in points. */
export const defaultRowHeight = 15;
const defaultFontSize = 11;
/** Points between the row edge and the text, above and below together, when a cell wraps. */
const wrapPadding = 3;

/** Height of one line of text in a font size, in points (15 pt for 11 pt text, as Excel's default row). */
export function lineHeight(fontSize = defaultFontSize): number {
  return Math.ceil((fontSize * defaultRowHeight) / defaultFontSize);
}

/** Characters of `style` text that fit on one line of a column `width` characters wide. */
export function charactersPerLine(width: number, style: Pick<CellStyle, "bold" | "fontSize"> = {}): number {
  const scale = ((style.fontSize ?? defaultFontSize) / defaultFontSize) * (style.bold ? 1.1 : 1);
  return Math.max(1, Math.floor(((width - 1) * 1.05) / scale));
}

/**
 * Lines `text` takes when wrapped in a column `width` characters wide: greedy word wrap, breaking after
 * spaces and hyphens as Excel does, a word longer than a line split across lines, explicit newlines kept.
 */
export function wrappedLines(text: string, width: number, style: Pick<CellStyle, "bold" | "fontSize"> = {}): number {
  const perLine = charactersPerLine(width, style);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    lines += 1;
    let used = 0;
    // Pieces end after a space or hyphen: "Penalty-notice threshold" → "Penalty-", "notice ", "threshold".
    for (const piece of paragraph.match(/[^\s-]*[\s-]*/g) ?? []) {
      if (piece === "") continue;
      const visible = piece.trimEnd().length;
      if (used > 0 && used + visible > perLine) {
        lines += 1;
        used = 0;
      }
      if (visible > perLine) {
        // A word longer than the line is broken across lines.
        lines += Math.ceil(visible / perLine) - 1;
        used = visible % perLine;
      } else {
        used += piece.length;
      }
    }
  }
  return lines;
}

/** Height in points for `lines` lines of text in `style`. */
export function textHeight(lines: number, style: Pick<CellStyle, "fontSize"> = {}): number {
  const n = Math.max(1, lines);
  return n * lineHeight(style.fontSize) + (n > 1 ? wrapPadding : 0);
}

/** Height a value needs in a cell `width` characters wide, or null when one default line is enough. */
export function cellHeight(value: PlanValue, width: number, style: CellStyle): number | null {
  if (typeof value !== "string" || value === "") return null;
  const lines = style.wrap ? wrappedLines(value, width, style) : 1;
  const height = textHeight(lines, style);
  return lines > 1 ? height : null;
}

/**
 * Row heights for a sheet's blocks: for every row where some wrapped text needs more than one line, the
 * height of its tallest cell. A cell that starts a one-row merge wraps across the merged width.
 * `minimums` raises chosen rows to at least a height (room to write by hand on a printed form).
 */
export function estimateRowHeights(
  blocks: readonly CellBlock[],
  columnWidths: readonly number[],
  merges: readonly string[] = [],
  minimums: readonly RowHeightPlan[] = [],
): RowHeightPlan[] {
  const widthOf = (column: number) => columnWidths[column] ?? 8.43;
  const mergedWidth = new Map<string, number>();
  for (const merge of merges) {
    const range = parseRange(merge);
    if (!range || range.firstRow !== range.lastRow) continue;
    let width = 0;
    for (let c = range.firstColumn; c <= range.lastColumn; c++) width += widthOf(c);
    mergedWidth.set(`${range.firstRow},${range.firstColumn}`, width);
  }
  const heights = new Map<number, number>();
  const raise = (row: number, height: number) => heights.set(row, Math.max(heights.get(row) ?? 0, height));
  for (const block of blocks) {
    const style = block.style ? cellStyles[block.style] : {};
    block.values.forEach((values, r) => {
      values.forEach((value, c) => {
        const row = block.row + r;
        const column = block.column + c;
        const height = cellHeight(value, mergedWidth.get(`${row},${column}`) ?? widthOf(column), style);
        if (height !== null) raise(row, height);
      });
    });
  }
  for (const minimum of minimums) {
    if (minimum.height > defaultRowHeight) raise(minimum.row, minimum.height);
  }
  return [...heights.entries()].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
}
