/**
 * How many pages wide a wide sheet prints on, so that it is as few pages as possible without shrinking
 * the text below a readable size. Printing a 200-pupil export with the added columns at full size took
 * 96 A4 pages (six across, each repeating the pupil's name); fitted to one page wide, its text was tiny.
 */

/** Excel's default column width in characters (Calibri 11): the width of a column nobody has sized. */
export const defaultColumnWidth = 8.43;

/**
 * Width of A4 landscape inside Excel's default margins (0.7 inch left and right: 10.29 inches, 988 pixels
 * at 96 dpi), in characters of the default font at 100% (7 pixels each, plus 5 pixels of padding per
 * column, taken here as a round allowance).
 */
export const a4LandscapeWidthInCharacters = 135;

/** Smallest scale a sheet is shrunk to: 11-point text prints at no less than about 8 points. */
export const minimumReadableScale = 0.7;

/**
 * The fewest pages wide at which the columns print at `minimumReadableScale` or larger. Excel then picks
 * the scale itself (never above 100%) from the real column widths. `repeatedWidth` is the width of the
 * columns repeated at the left of every page (the pupil's identity); 0 when the repeated columns alone
 * would fill a page, meaning: print at full size.
 */
export function pagesWideAtReadableScale(columnWidths: readonly number[], repeatedWidth = 0): number {
  const total = columnWidths.reduce((sum, width) => sum + Math.max(0, width), 0);
  const pageWidth = a4LandscapeWidthInCharacters / minimumReadableScale;
  // Every page holds the repeated columns and then its share of the rest.
  const perPage = pageWidth - repeatedWidth;
  if (perPage <= 0) return 0;
  return Math.max(1, Math.ceil(Math.max(0, total - repeatedWidth) / perPage));
}
