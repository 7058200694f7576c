import { findDateInText, isoDate } from "../core/common/dates";
import type { CellValue, Grid } from "../core/read/grid";
import { markCategory } from "../core/rules/registerCodes";
import { sampleHeadings } from "./sampleExport";

/**
 * The bundled sample as the school's export of a week earlier, so `npm run demo` records two snapshots a
 * week apart and shows progress (docs/rules.md §11). Nothing is invented: the register columns after
 * `weekEnding.to` are taken away, each pupil's summary figures lose exactly what those marks counted, the
 * title's date range ends on `weekEnding.to`, and the totals row is summed again.
 */
export function previousWeekExport(grid: Grid, weekEnding: { from: string; to: string }): Grid {
  const header = grid.findIndex((row) => row[0] === sampleHeadings[0] && row.includes("Possible Sessions"));
  if (header < 0) throw new Error("The sample export has no header row.");
  const headings = (grid[header] ?? []).map((cell) => String(cell));
  const end = findDateInText(weekEnding.to);
  if (!end) throw new Error(`"${weekEnding.to}" is not a date.`);
  const last = isoDate(end.date);
  // Register columns dated after the week's end are the last week's sessions.
  const dropped = new Set<number>();
  headings.forEach((heading, column) => {
    const found = /\b(AM|PM)$/.test(heading) ? findDateInText(heading) : null;
    if (found && isoDate(found.date) > last) dropped.add(column);
  });
  const column = (heading: string) => headings.indexOf(heading);
  const [possible, present, aea, authorised, unauthorised, percent] = [
    "Possible Sessions",
    "Present",
    "AEA",
    "Authorised Absences",
    "Unauthorised Absences",
    "% Attendance",
  ].map(column) as [number, number, number, number, number, number];
  const counted = [possible, present, aea, authorised, unauthorised];
  const totals = counted.map(() => 0);
  const attendance = (row: CellValue[]) => {
    const p = row[possible] as number;
    return p > 0 ? Math.round((((row[present] as number) + (row[aea] as number)) / p) * 1000) / 10 : "";
  };
  return grid.map((line, r) => {
    const row = [...line];
    if (r < header) return row.map((cell) => (typeof cell === "string" ? cell.replace(weekEnding.from, weekEnding.to) : cell));
    if (r > header && typeof row[possible] === "number") {
      if (row[0] === "Total") {
        counted.forEach((c, i) => (row[c] = totals[i] ?? 0));
        row[percent] = attendance(row);
      } else {
        for (const c of dropped) {
          const category = markCategory(String(row[c] ?? ""));
          const take = (at: number) => {
            row[at] = (row[at] as number) - 1;
            row[possible] = (row[possible] as number) - 1;
          };
          if (category === "present") take(present);
          else if (category === "aea") take(aea);
          else if (category === "authorised") take(authorised);
          else if (category === "unauthorised") take(unauthorised);
        }
        row[percent] = attendance(row);
        counted.forEach((c, i) => (totals[i] = (totals[i] ?? 0) + (typeof row[c] === "number" ? (row[c] as number) : 0)));
      }
    }
    return row.filter((_, c) => !dropped.has(c));
  });
}
