import type { CellValue, Grid } from "../core/read/grid";
import { sampleHeadings } from "./sampleExport";

/**
 * The bundled sample as the school's export of a week earlier (10 sessions fewer), so `npm run demo` can
 * record two snapshots a week apart and show progress (docs/rules.md §11). Deterministic: row by row, a
 * fixed share of each pupil's absence falls in the last week (unauthorised first), the rest before it; the
 * title's date range ends a week earlier, and the totals row is summed again.
 */
const lastWeekSessions = 10;
/** Sessions missed in the last week, by row (cycling): most pupils attend it all, a few miss some. */
const missedLastWeek = [0, 0, 2, 0, 1, 0, 4, 0, 0, 6, 0, 1];

export function previousWeekExport(grid: Grid, weekEnding: { from: string; to: string }): Grid {
  const header = grid.findIndex((row) => row[0] === sampleHeadings[0] && row.includes("Possible Sessions"));
  if (header < 0) throw new Error("The sample export has no header row.");
  const column = (heading: (typeof sampleHeadings)[number]) => sampleHeadings.indexOf(heading);
  const [possible, present, aea, authorised, unauthorised, percent] = (
    ["Possible Sessions", "Present", "AEA", "Authorised Absences", "Unauthorised Absences", "% Attendance"] as const
  ).map(column) as [number, number, number, number, number, number];
  const totals = [possible, present, aea, authorised, unauthorised].map(() => 0);
  const rows: CellValue[][] = grid.map((row) => [...row]);
  let pupilIndex = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as CellValue[];
    if (r < header) {
      rows[r] = row.map((cell) => (typeof cell === "string" ? cell.replace(weekEnding.from, weekEnding.to) : cell));
      continue;
    }
    if (r === header || typeof row[possible] !== "number") continue;
    if (row[0] === "Total") {
      [possible, present, aea, authorised, unauthorised].forEach((c, i) => (row[c] = totals[i] ?? 0));
      const p = totals[0] ?? 0;
      row[percent] = p > 0 ? Math.round((((totals[1] ?? 0) + (totals[2] ?? 0)) / p) * 1000) / 10 : "";
      continue;
    }
    const sessions = row[possible] as number;
    if (sessions >= lastWeekSessions) {
      const absent = (row[authorised] as number) + (row[unauthorised] as number);
      const missed = Math.min(missedLastWeek[pupilIndex % missedLastWeek.length] ?? 0, absent);
      const fromUnauthorised = Math.min(missed, row[unauthorised] as number);
      row[unauthorised] = (row[unauthorised] as number) - fromUnauthorised;
      row[authorised] = (row[authorised] as number) - (missed - fromUnauthorised);
      row[present] = Math.max(0, (row[present] as number) - (lastWeekSessions - missed));
      row[possible] = (row[present] as number) + (row[aea] as number) + (row[authorised] as number) + (row[unauthorised] as number);
      const p = row[possible] as number;
      row[percent] = p > 0 ? Math.round((((row[present] as number) + (row[aea] as number)) / p) * 1000) / 10 : "";
    }
    pupilIndex++;
    [possible, present, aea, authorised, unauthorised].forEach((c, i) => (totals[i] = (totals[i] ?? 0) + (typeof row[c] === "number" ? (row[c] as number) : 0)));
  }
  return rows;
}
