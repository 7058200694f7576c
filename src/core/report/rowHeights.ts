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

/** Whether a UTF-16 code unit is white space as a regular expression's \s means it (and String.prototype.trim). */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const hyphen = 0x2d;
const carriageReturn = 0x0d;

/**
 * Lines `text` takes when wrapped in a column `width` characters wide: greedy word wrap, breaking after
 * spaces and hyphens as Excel does, a word longer than a line split across lines, explicit newlines kept.
 * Read character by character, without splitting the text into pieces: it is asked for every pupil's
 * suggestion and pattern (at 100,000 pupils, millions of pieces made only to be counted).
 */
export function wrappedLines(text: string, width: number, style: Pick<CellStyle, "bold" | "fontSize"> = {}): number {
  const perLine = charactersPerLine(width, style);
  let lines = 0;
  let start = 0;
  for (;;) {
    // A paragraph ends at a line feed (a carriage return before it goes with it) or at the end of the text.
    let next = text.indexOf("\n", start);
    if (next < 0) next = text.length;
    const end = next < text.length && next > start && text.charCodeAt(next - 1) === carriageReturn ? next - 1 : next;
    lines += 1;
    let used = 0;
    let at = start;
    while (at < end) {
      // A piece: a word, then the spaces and hyphens after it ("Penalty-notice threshold" → "Penalty-", "notice ", "threshold").
      const pieceStart = at;
      while (at < end && text.charCodeAt(at) !== hyphen && !isWhiteSpace(text.charCodeAt(at))) at++;
      while (at < end && (text.charCodeAt(at) === hyphen || isWhiteSpace(text.charCodeAt(at)))) at++;
      // Trailing spaces take no room at the end of a line.
      let visibleEnd = at;
      while (visibleEnd > pieceStart && isWhiteSpace(text.charCodeAt(visibleEnd - 1))) visibleEnd--;
      const visible = visibleEnd - pieceStart;
      if (used > 0 && used + visible > perLine) {
        lines += 1;
        used = 0;
      }
      if (visible > perLine) {
        // A word longer than the line is broken across lines.
        lines += Math.ceil(visible / perLine) - 1;
        used = visible % perLine;
      } else {
        used += at - pieceStart;
      }
    }
    if (next >= text.length) return lines;
    start = next + 1;
  }
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
 * cellHeight, with each text measured once per width and style: a sheet's texts repeat from pupil to pupil
 * (one suggestion word for word for thousands), and measuring one reads it a character at a time. One per
 * sheet being planned, so nothing is kept beyond it.
 */
export function cellHeights(): (value: PlanValue, width: number, style: CellStyle) => number | null {
  const known = new Map<CellStyle, Map<number, Map<string, number | null>>>();
  return (value, width, style) => {
    if (typeof value !== "string") return cellHeight(value, width, style);
    let byWidth = known.get(style);
    if (!byWidth) known.set(style, (byWidth = new Map()));
    let byText = byWidth.get(width);
    if (!byText) byWidth.set(width, (byText = new Map()));
    let height = byText.get(value);
    if (height === undefined) byText.set(value, (height = cellHeight(value, width, style)));
    return height;
  };
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
  const heightOf = cellHeights();
  for (const block of blocks) {
    const style: CellStyle = block.style ? cellStyles[block.style] : {};
    // Text that does not wrap stays on one line (cellHeight): only wrapped blocks can raise a row.
    if (!style.wrap) continue;
    block.values.forEach((values, r) => {
      values.forEach((value, c) => {
        const row = block.row + r;
        const column = block.column + c;
        // Most sheets merge nothing: then no cell's address is looked up.
        const merged = mergedWidth.size > 0 ? mergedWidth.get(`${row},${column}`) : undefined;
        const height = heightOf(value, merged ?? widthOf(column), style);
        if (height !== null) raise(row, height);
      });
    });
  }
  for (const minimum of minimums) {
    if (minimum.height > defaultRowHeight) raise(minimum.row, minimum.height);
  }
  return [...heights.entries()].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
}
