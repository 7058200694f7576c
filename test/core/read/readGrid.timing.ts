/**
 * Not a test: a quick timing check of readGrid against a floor that reads every cell once.
 * Run: node --expose-gc --import tsx test/core/read/readGrid.timing.ts
 */
import type { CellValue, Grid } from "../../../src/core/read/grid";
import { readGrid } from "../../../src/core/read/readGrid";

function summaryGrid(pupils: number, asText: boolean): Grid {
  const header = ["Legal Surname", "Legal Forename", "Year", "Tutor Group", "UPN", "Poss", "Pres", "AEA", "Auth", "Unauth", "Att %", "PP", "SEN", "EAL", "Ethnicity", "Current PIAS level"];
  const rows: CellValue[][] = [["Attendance report"], ["01/09/2025 - 19/12/2025"], [], header];
  for (let i = 0; i < pupils; i++) {
    const possible = 100 + (i % 60);
    const auth = i % 11;
    const unauth = i % 7;
    const present = possible - auth - unauth;
    const pct = ((present / possible) * 100).toFixed(1);
    const n = (v: number): CellValue => (asText ? String(v) : v);
    rows.push([
      `Surname${i}`, `Forename${i}`, `Year ${7 + (i % 5)}`, `${7 + (i % 5)}X`, `K82000${String(i).padStart(7, "0")}`,
      n(possible), n(present), n(0), n(auth), n(unauth), asText ? `${pct}%` : present / possible,
      i % 3 === 0 ? "Y" : "N", ["N", "K", "E"][i % 3]!, i % 4 === 0 ? "Y" : "N", i % 50 === 0 ? "WROM" : "WBRI", i % 9 === 0 ? "2" : "",
    ]);
  }
  return rows;
}

function markGrid(pupils: number, sessions: number): Grid {
  const header: CellValue[] = ["UPN", "Surname", "Forename", "Year"];
  const start = Date.UTC(2025, 8, 1);
  let day = 0;
  while (header.length < 4 + sessions) {
    const d = new Date(start + day * 86400000);
    day++;
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    const text = `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
    header.push(`${text} AM`, `${text} PM`);
  }
  const rows: CellValue[][] = [header];
  const codes = ["/", "\\", "/", "\\", "L", "N", "C", "#"];
  for (let i = 0; i < pupils; i++) {
    const row: CellValue[] = [`G9000${String(i).padStart(8, "0")}`, `Surname${i}`, `Forename${i}`, "8"];
    for (let s = 0; s < sessions; s++) row.push(codes[(i * 7 + s) % codes.length]!);
    rows.push(row);
  }
  return rows;
}

/** The floor: touch every cell once, reading text as a number where it is one. */
function floor(grid: Grid): number {
  let sink = 0;
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "string") {
        const n = Number(v.trim());
        sink += Number.isFinite(n) ? n : v.length;
      } else if (typeof v === "number") sink += v;
    }
  }
  return sink;
}

/** CPU milliseconds of one run (the machine is shared, so wall time is noisy). */
function cpu(fn: () => unknown): number {
  (globalThis as { gc?: () => void }).gc?.(); // the previous run's garbage is not this run's cost
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Floor and engine run alternately, best of `repeat` each, so load from other processes hits both alike. */
function compare(label: string, grid: Grid, repeat = 21): void {
  const result = readGrid(grid);
  if (!result.ok) throw new Error(result.message);
  floor(grid);
  let bestFloor = Infinity;
  let bestEngine = Infinity;
  for (let i = 0; i < repeat; i++) {
    bestFloor = Math.min(bestFloor, cpu(() => floor(grid)));
    bestEngine = Math.min(bestEngine, cpu(() => readGrid(grid)));
  }
  console.log(
    `${label}: floor ${bestFloor.toFixed(1)} ms, readGrid ${bestEngine.toFixed(1)} ms CPU (best of ${repeat}) → ${result.pupils.length} pupils, ratio ${(bestEngine / bestFloor).toFixed(2)}×`,
  );
}

compare("100,000 pupils × 16 columns, text (CSV)", summaryGrid(100_000, true));
compare("100,000 pupils × 16 columns, numbers (Excel)", summaryGrid(100_000, false));
compare("2,000 pupils × 380 session columns", markGrid(2_000, 380));
