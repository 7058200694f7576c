import { columnLetter } from "../core/read/grid";

/**
 * A1 addresses for the adapter. Excel's own limits: 1,048,576 rows and 16,384 columns (XFD).
 * Everything here is 0-based internally and 1-based only in the A1 text, as Excel shows it.
 */
export const maxRows = 1_048_576;
export const maxColumns = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface CellRect {
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

export interface ParsedAddress extends CellRect {
  /** The sheet named before "!", unquoted, or null when the address has none. */
  sheetName: string | null;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** "A1:C3", or "A1" for a single cell. */
export function rectAddress(rect: CellRect): string {
  const start = cellAddress(rect.firstRow, rect.firstColumn);
  if (rect.firstRow === rect.lastRow && rect.firstColumn === rect.lastColumn) return start;
  return `${start}:${cellAddress(rect.lastRow, rect.lastColumn)}`;
}

export function rect(firstRow: number, firstColumn: number, rowCount: number, columnCount: number): CellRect {
  return { firstRow, firstColumn, lastRow: firstRow + rowCount - 1, lastColumn: firstColumn + columnCount - 1 };
}

/** Quotes a sheet name for use in an address or formula when Excel needs it: 'My sheet'!A1, 'It''s'!A1. */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Parses "A1", "$A$1:$C$3", "5:5", "A:C" and sheet-qualified forms ("Export!A1:B2", "'My sheet'!A1").
 * Returns null for anything else (named ranges, several areas).
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
      sheetPart.startsWith("'") && sheetPart.endsWith("'") && sheetPart.length >= 2
        ? sheetPart.slice(1, -1).replace(/''/g, "'")
        : sheetPart;
  }
  text = text.replace(/\$/g, "").toUpperCase();
  const cell = /^([A-Z]{1,3})(\d{1,7})$/;
  const [startText, endText, extra] = text.split(":");
  if (startText === undefined || extra !== undefined) return null;
  const endPart = endText ?? startText;
  const start = cell.exec(startText);
  const end = cell.exec(endPart);
  if (start && end) {
    const r = {
      sheetName,
      firstRow: Number(start[2]) - 1,
      firstColumn: columnIndex(start[1] ?? "A"),
      lastRow: Number(end[2]) - 1,
      lastColumn: columnIndex(end[1] ?? "A"),
    };
    return valid(r) ? normalise(r) : null;
  }
  if (endText !== undefined && /^\d+$/.test(startText) && /^\d+$/.test(endText)) {
    const r = { sheetName, firstRow: Number(startText) - 1, lastRow: Number(endText) - 1, firstColumn: 0, lastColumn: maxColumns - 1 };
    return valid(r) ? normalise(r) : null;
  }
  if (endText !== undefined && /^[A-Z]{1,3}$/.test(startText) && /^[A-Z]{1,3}$/.test(endText)) {
    const r = { sheetName, firstRow: 0, lastRow: maxRows - 1, firstColumn: columnIndex(startText), lastColumn: columnIndex(endText) };
    return valid(r) ? normalise(r) : null;
  }
  return null;
}

function valid(r: CellRect): boolean {
  return [r.firstRow, r.lastRow].every((n) => n >= 0 && n < maxRows) && [r.firstColumn, r.lastColumn].every((n) => n >= 0 && n < maxColumns);
}

function normalise<T extends CellRect>(r: T): T {
  return {
    ...r,
    firstRow: Math.min(r.firstRow, r.lastRow),
    lastRow: Math.max(r.firstRow, r.lastRow),
    firstColumn: Math.min(r.firstColumn, r.lastColumn),
    lastColumn: Math.max(r.firstColumn, r.lastColumn),
  };
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
