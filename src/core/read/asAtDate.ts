import { calendarDate, isoDate } from "../common/dates";
import type { Grid } from "./grid";

/**
 * The date an export's figures are "as at", from its title rows above the header row (docs/rules.md §11):
 * "Attendance as at 14/11/2025", or the end of a date range "01/09/2025 – 14/11/2025" ("to" or a dash).
 * Dates are British dd/MM/yyyy. Null when the title rows give no date, or more than one different one.
 */
const ukDate = String.raw`(\d{1,2})/(\d{1,2})/(\d{4})`;
const asAtPattern = new RegExp(String.raw`\bas (?:at|of)\s+${ukDate}`, "i");
const rangePattern = new RegExp(String.raw`${ukDate}\s*(?:–|—|-|to)\s*${ukDate}`, "i");

/** yyyy-MM-dd, or null when the day does not exist (31/02/2025). */
function iso(day: string | undefined, month: string | undefined, year: string | undefined): string | null {
  const date = calendarDate(Number(year), Number(month), Number(day));
  return date ? isoDate(date) : null;
}

export function asAtDate(grid: Grid, headerRow: number): string | null {
  const found = new Set<string>();
  for (let r = 0; r < Math.min(headerRow, grid.length); r++) {
    for (const cell of grid[r] ?? []) {
      const text = String(cell).trim();
      if (text === "") continue;
      const asAt = asAtPattern.exec(text);
      const range = asAt ? null : rangePattern.exec(text);
      const date = asAt ? iso(asAt[1], asAt[2], asAt[3]) : range ? iso(range[4], range[5], range[6]) : null;
      if (date !== null) found.add(date);
    }
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}
