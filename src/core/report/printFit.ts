/**
 * The scale a sheet prints at when fitted one page wide, and the margins that keep it readable. The
 * highlighted sheet prints its printed columns one page wide so that every page holds the band in words
 * beside the colour and the pupil's name (spread over several pages across, 200 pupils took 87 A4 pages,
 * the colour on some and the words on others).
 */

/** Excel's default column width in characters (Calibri 11): the width of a column nobody has sized. */
export const defaultColumnWidth = 8.43;

/**
 * Width of A4 landscape inside Excel's default margins (0.7 inch left and right: 10.29 inches, 988 pixels
 * at 96 dpi), in characters of the default font at 100% (7 pixels each, plus 5 pixels of padding per
 * column, taken here as a round allowance).
 */
export const a4LandscapeWidthInCharacters = 135;
const a4LandscapeInches = 11.69;

/** Left and right margins in inches: Excel's "Normal" and "Narrow" presets (top, bottom, header and footer are the same in both). */
export const sideMarginInches = { normal: 0.7, narrow: 0.25 } as const;
export type PrintMargins = keyof typeof sideMarginInches;

/** Smallest scale worth aiming for: 11-point text prints at about 8 points. */
export const minimumReadableScale = 0.7;

/** Width of the printable part of A4 landscape between the margins, in characters at 100%. */
export function pageWidthInCharacters(margins: PrintMargins): number {
  const charactersPerInch = a4LandscapeWidthInCharacters / (a4LandscapeInches - 2 * sideMarginInches.normal);
  return (a4LandscapeInches - 2 * sideMarginInches[margins]) * charactersPerInch;
}

/** The scale Excel prints columns this wide at, fitted one page wide (it never enlarges: at most 1). */
export function scaleOnePageWide(columnWidths: readonly number[], margins: PrintMargins): number {
  const total = columnWidths.reduce((sum, width) => sum + Math.max(0, width), 0);
  return total <= 0 ? 1 : Math.min(1, pageWidthInCharacters(margins) / total);
}

/** Excel's usual margins when the columns fit at full size; narrow ones when they must shrink (larger text). */
export function marginsOnePageWide(columnWidths: readonly number[]): PrintMargins {
  return scaleOnePageWide(columnWidths, "normal") >= 1 ? "normal" : "narrow";
}
