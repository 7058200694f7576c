/**
 * A1 addresses and rectangles of cells: the one home for turning Excel's "B3", "$A$1:$C$3",
 * "'My sheet'!A1" or "5:5" into numbers and back. Core plans, both adapters and the pane use it.
 *
 * One convention everywhere in the code: rows and columns are 0-BASED INDEXES (row 0 is the row Excel
 * shows as 1, column 0 is column A), as Excel's `getRangeByIndexes` and the plans count them. Excel's
 * 1-based row number appears only inside A1 text and in words for people, and a value holding one is
 * named for it (`rowNumber`, `sourceRow`), never `row` or `firstRow`.
 */

/** Excel's grid: 1,048,576 rows and 16,384 columns (A to XFD). */
export const maxRows = 1_048_576;
export const maxColumns = 16_384;

/** One cell, 0-based. */
export interface CellPosition {
  /** 0-based row index (0 = Excel's row 1). */
  row: number;
  /** 0-based column index (0 = column A). */
  column: number;
}

/** A rectangle of cells, 0-based and inclusive at both ends. */
export interface CellRect {
  /** 0-based index of the top row (0 = Excel's row 1). */
  firstRow: number;
  /** 0-based index of the left column (0 = column A). */
  firstColumn: number;
  /** 0-based index of the bottom row, inclusive. */
  lastRow: number;
  /** 0-based index of the right column, inclusive. */
  lastColumn: number;
}

/** A parsed address: its rectangle and the sheet it names, if any. */
export interface ParsedAddress extends CellRect {
  /** The sheet named before "!", unquoted, or null when the address has none. */
  sheetName: string | null;
}

/** 0-based column index to Excel letters: 0 → "A", 27 → "AB", 16383 → "XFD". */
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

/** Excel letters to a 0-based column index: "A" → 0, "ab" → 27; -1 when the text is not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row and column → "B3". */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** 0-based row and column → "$B$3", for formulas and chart references that must not move. */
export function absoluteCellAddress(row: number, column: number): string {
  return `$${columnLetter(column)}$${row + 1}`;
}

/** "A1:C3", or "A1" for a single cell. */
export function rectAddress(rect: CellRect): string {
  const start = cellAddress(rect.firstRow, rect.firstColumn);
  if (rect.firstRow === rect.lastRow && rect.firstColumn === rect.lastColumn) return start;
  return `${start}:${cellAddress(rect.lastRow, rect.lastColumn)}`;
}

/** The rectangle of `rowCount` × `columnCount` cells whose top-left cell is (firstRow, firstColumn). */
export function rect(firstRow: number, firstColumn: number, rowCount: number, columnCount: number): CellRect {
  return { firstRow, firstColumn, lastRow: firstRow + rowCount - 1, lastColumn: firstColumn + columnCount - 1 };
}

export function rowCount(r: CellRect): number {
  return r.lastRow - r.firstRow + 1;
}

export function columnCount(r: CellRect): number {
  return r.lastColumn - r.firstColumn + 1;
}

export function intersects(a: CellRect, b: CellRect): boolean {
  return a.firstRow <= b.lastRow && b.firstRow <= a.lastRow && a.firstColumn <= b.lastColumn && b.firstColumn <= a.lastColumn;
}

/**
 * A sheet name as an address or formula needs it, quoted only when Excel needs quotes:
 * Export!A1, but 'My sheet'!A1, 'It''s'!A1 and 'AB12'!A1 (a name that looks like a cell).
 */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)) return name;
  return alwaysQuotedSheetName(name);
}

/** A sheet name always in quotes, apostrophes doubled: 'Export'. Excel accepts it everywhere (charts use it). */
export function alwaysQuotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const cellPattern = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B3" or "$B$3" → { row: 2, column: 1 }; null when it is not one cell inside Excel's grid. */
export function parseCell(text: string): CellPosition | null {
  const match = cellPattern.exec(text.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  const row = Number(match[2]) - 1;
  const column = columnIndex(match[1]);
  if (row < 0 || row >= maxRows || column >= maxColumns) return null;
  return { row, column };
}

/** "A2:U201" (or one cell, "B3"; "$" allowed) → a rectangle; null when it is not one A1 rectangle. */
export function parseRange(text: string): CellRect | null {
  const parts = text.split(":");
  if (parts.length > 2) return null;
  const start = parseCell(parts[0] ?? "");
  const end = parts.length === 2 ? parseCell(parts[1] ?? "") : start;
  if (!start || !end) return null;
  return ordered({ firstRow: start.row, firstColumn: start.column, lastRow: end.row, lastColumn: end.column });
}

/**
 * An address as Excel gives it: "A1", "$A$1:$C$3", whole rows "5:5", whole columns "A:C", each
 * optionally after a sheet ("Export!A1:B2", "'My sheet'!A1") or "=". Null for anything else (named
 * ranges, several areas).
 */
export function parseAddress(address: string): ParsedAddress | null {
  let text = address.trim();
  if (text.startsWith("=")) text = text.slice(1);
  let sheetName: string | null = null;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    const sheetPart = text.slice(0, bang);
    text = text.slice(bang + 1);
    sheetName =
      sheetPart.startsWith("'") && sheetPart.endsWith("'") && sheetPart.length >= 2 ? sheetPart.slice(1, -1).replace(/''/g, "'") : sheetPart;
  }
  const cells = parseRange(text);
  if (cells) return { sheetName, ...cells };
  const bare = text.replace(/\$/g, "").toUpperCase();
  const [startText, endText, extra] = bare.split(":");
  if (startText === undefined || endText === undefined || extra !== undefined) return null;
  let found: CellRect | null = null;
  if (/^\d{1,7}$/.test(startText) && /^\d{1,7}$/.test(endText)) {
    found = { firstRow: Number(startText) - 1, lastRow: Number(endText) - 1, firstColumn: 0, lastColumn: maxColumns - 1 };
  } else if (/^[A-Z]{1,3}$/.test(startText) && /^[A-Z]{1,3}$/.test(endText)) {
    found = { firstRow: 0, lastRow: maxRows - 1, firstColumn: columnIndex(startText), lastColumn: columnIndex(endText) };
  }
  return found && insideGrid(found) ? { sheetName, ...ordered(found) } : null;
}

function insideGrid(r: CellRect): boolean {
  return [r.firstRow, r.lastRow].every((n) => n >= 0 && n < maxRows) && [r.firstColumn, r.lastColumn].every((n) => n >= 0 && n < maxColumns);
}

function ordered(r: CellRect): CellRect {
  return {
    firstRow: Math.min(r.firstRow, r.lastRow),
    firstColumn: Math.min(r.firstColumn, r.lastColumn),
    lastRow: Math.max(r.firstRow, r.lastRow),
    lastColumn: Math.max(r.firstColumn, r.lastColumn),
  };
}
