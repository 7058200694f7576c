import { isBlank } from "../read/cellValues";
import type { CellValue, Grid } from "../read/grid";
import { isoFromExcelSerial, parseUkOrIsoDate } from "../common/dates";

/**
 * Finding things in sheets the add-in wrote earlier, as an adapter reads them back (values only).
 * People may insert rows or columns, so nothing here relies on fixed positions: tables are found
 * by their heading row and columns by their heading text.
 */

export function cellText(value: CellValue | undefined | null): string {
  if (value === undefined || value === null) return "";
  return String(value).trim();
}

function norm(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

export interface FoundTable {
  /** 0-based grid row of the heading row. */
  headerRow: number;
  /** Normalised heading text → 0-based column (first occurrence). */
  columns: Map<string, number>;
}

/** The first row holding every one of `required` (case and spacing ignored), searching from `from`. */
export function findTable(grid: Grid, required: readonly string[], from = 0): FoundTable | null {
  const wanted = required.map(norm);
  for (let r = from; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const columns = new Map<string, number>();
    row.forEach((cell, c) => {
      const key = norm(cellText(cell));
      if (key !== "" && !columns.has(key)) columns.set(key, c);
    });
    if (wanted.every((w) => columns.has(w))) return { headerRow: r, columns };
  }
  return null;
}

/** A date cell as written (a serial) or typed (dd/mm/yyyy or yyyy-MM-dd); null when it is not a date. */
export function isoFromCell(value: CellValue | undefined): string | null {
  if (typeof value === "number") return isoFromExcelSerial(value);
  return parseUkOrIsoDate(cellText(value));
}

/** The column of a heading in a found table, or null. */
export function columnOf(table: FoundTable, heading: string): number | null {
  return table.columns.get(norm(heading)) ?? null;
}

/**
 * The first row at or after `from` that starts with one of `texts`: its first non-blank cell reads it.
 * Section headings stand at the start of their row, so a note that happens to say "Themes raised" in
 * the middle of a pupil's row is not taken for a heading.
 */
export function findHeadingRow(grid: Grid, texts: readonly string[], from = 0): { row: number; column: number } | null {
  const wanted = new Set(texts.map(norm));
  for (let r = from; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const column = row.findIndex((cell) => !isBlank(cell));
    if (column >= 0 && wanted.has(norm(cellText(row[column])))) return { row: r, column };
  }
  return null;
}
