import { columnLetter } from "../core/read/grid";

/** A rectangle of cells, 0-based and inclusive, as plans count rows and columns. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const cellPattern = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "AB" → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" → { row: 2, column: 1 }; null when it is not a single A1 cell. */
export function parseCell(address: string): { row: number; column: number } | null {
  const match = cellPattern.exec(address.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  const row = Number(match[2]) - 1;
  if (row < 0) return null;
  return { row, column: columnIndex(match[1]) };
}

/** "A2:U201" (or a single cell "B3") → a 0-based rectangle; null when it is not one A1 rectangle. */
export function parseRange(address: string): CellRange | null {
  const parts = address.split(":");
  if (parts.length > 2) return null;
  const start = parseCell(parts[0] ?? "");
  const end = parts.length === 2 ? parseCell(parts[1] ?? "") : start;
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/** 0-based row and column → "B3". */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** 0-based row and column → "$B$3". */
export function absoluteCell(row: number, column: number): string {
  return `$${columnLetter(column)}$${row + 1}`;
}

/** A sheet name as formulas and defined names need it: always quoted, apostrophes doubled. */
export function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
