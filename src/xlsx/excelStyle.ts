import type ExcelJS from "exceljs";
import type { CellStyle } from "../core/report/plan";

/** "#RRGGBB" (or "RRGGBB") → ExcelJS's opaque "FFRRGGBB". A colour a plan got wrong is a bug, so say which. */
export function argb(colour: string): string {
  const hex = colour.trim().replace(/^#/, "");
  if (!/^[0-9A-Fa-f]{6}$/.test(hex)) {
    throw new Error(`The workbook plan has a colour "${colour}" that is not in #RRGGBB form.`);
  }
  return `FF${hex.toUpperCase()}`;
}

const thinBorder: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };

/** The parts of an ExcelJS cell style that a plan's CellStyle sets (the rest keep Excel's defaults). */
export function excelCellStyle(style: CellStyle): {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
} {
  const result: ReturnType<typeof excelCellStyle> = {};

  const font: Partial<ExcelJS.Font> = {};
  if (style.bold) font.bold = true;
  if (style.italic) font.italic = true;
  if (style.fontSize !== undefined) font.size = style.fontSize;
  if (style.fontColor) font.color = { argb: argb(style.fontColor) };
  if (Object.keys(font).length > 0) result.font = font;

  if (style.fill) {
    result.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  }

  if (style.border) {
    result.border = { top: thinBorder, left: thinBorder, bottom: thinBorder, right: thinBorder };
  }

  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style.wrap) alignment.wrapText = true;
  if (style.horizontal) alignment.horizontal = style.horizontal === "center" ? "center" : style.horizontal;
  if (style.vertical) alignment.vertical = style.vertical === "center" ? "middle" : style.vertical;
  if (Object.keys(alignment).length > 0) result.alignment = alignment;

  return result;
}

/** A conditional-format rule's look: dxf fills take the colour as bgColor for solid patterns. */
export function conditionalStyle(fill: string, fontColor: string, bold: boolean): Partial<ExcelJS.Style> {
  const fillColour = { argb: argb(fill) };
  return {
    fill: { type: "pattern", pattern: "solid", fgColor: fillColour, bgColor: fillColour },
    font: { color: { argb: argb(fontColor) }, bold },
  };
}

/**
 * One ExcelJS style object per distinct look (number format and CellStyle), shared by every cell that has
 * it. ExcelJS turns a style into XML once per style object it meets, so a fresh object per cell cost a
 * render per cell (about half of --out's time at 100,000 pupils); shared, it costs one per look. A shared
 * object is never changed after it is given out: cells get a whole style, never a part of one.
 */
export class SharedStyles {
  private readonly byStyle = new Map<CellStyle | undefined, Map<string, Partial<ExcelJS.Style>>>();

  of(numFmt: string | null | undefined, style?: CellStyle): Partial<ExcelJS.Style> {
    let byFormat = this.byStyle.get(style);
    if (!byFormat) this.byStyle.set(style, (byFormat = new Map()));
    const format = numFmt ?? "";
    let shared = byFormat.get(format);
    if (!shared) {
      shared = { ...(style ? excelCellStyle(style) : {}), ...(format !== "" ? { numFmt: format } : {}) };
      byFormat.set(format, shared);
    }
    return shared;
  }
}
