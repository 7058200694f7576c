import type { CellValue } from "../../src/core/read/grid";
import { seededRandom } from "../../src/sample/random";
import { summaryExportGrid, upnFor } from "../../src/sample/sampleExport";

/** A summary export like the bundled sample (title rows, header, pupils, totals), of any size. */
export function syntheticSummaryGrid(pupils: number, seed = 1): CellValue[][] {
  return summaryExportGrid({ pupils, seed });
}

/** School holidays of 2025/26 used to place session columns on real school days (England, typical dates). */
const holidays: readonly [string, string][] = [
  ["2025-10-27", "2025-10-31"],
  ["2025-12-22", "2026-01-02"],
  ["2026-02-16", "2026-02-20"],
  ["2026-03-30", "2026-04-10"],
  ["2026-05-25", "2026-05-29"],
];

const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Mon 01/09/2025 AM", "Mon 01/09/2025 PM", … over school days from 1 September 2025. */
export function sessionHeadings(sessions: number): string[] {
  const headings: string[] = [];
  const date = new Date(Date.UTC(2025, 8, 1));
  while (headings.length < sessions) {
    const iso = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay();
    const onHoliday = holidays.some(([from, to]) => iso >= from && iso <= to);
    if (weekday !== 0 && weekday !== 6 && !onHoliday) {
      const text = `${dayNames[weekday]} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      headings.push(`${text} AM`);
      if (headings.length < sessions) headings.push(`${text} PM`);
    }
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return headings;
}

/**
 * One row per pupil and one column per session, with 2024 register codes (docs/rules.md §3): mostly present,
 * each pupil with their own absence rate (some persistently absent), a closure day for everyone.
 */
export function syntheticMarksGrid(pupils: number, sessions: number, seed = 1): CellValue[][] {
  const random = seededRandom(seed);
  const headings = sessionHeadings(sessions);
  const closureDay = Math.min(headings.length - 2, 40) & ~1;
  const rows: CellValue[][] = [["UPN", "Surname", "Forename", "Year", ...headings]];
  for (let i = 0; i < pupils; i += 1) {
    const year = 7 + (i % 5);
    const absenceRate = random.weighted([
      [0.02, 60],
      [0.07, 20],
      [0.15, 15],
      [0.55, 5],
    ] as const);
    const unauthorisedShare = random.next();
    const row: CellValue[] = [upnFor(i, year), `Surname${i}`, `Forename${i}`, year];
    for (let s = 0; s < headings.length; s += 1) {
      if (s === closureDay || s === closureDay + 1) {
        row.push("#");
      } else if (random.next() < absenceRate) {
        row.push(random.next() < unauthorisedShare ? random.pick(["O", "G", "N", "U"]) : random.pick(["I", "M", "C", "E"]));
      } else if (random.next() < 0.01) {
        row.push(random.pick(["L", "V", "P", "B"]));
      } else {
        row.push(s % 2 === 0 ? "/" : "\\");
      }
    }
    rows.push(row);
  }
  return rows;
}
