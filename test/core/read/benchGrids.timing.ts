/**
 * Not a test: readGrid alone on the bench's synthetic grids (test/bench/grids.ts), against the bench's floor.
 * Run: node --expose-gc --import tsx test/core/read/benchGrids.timing.ts
 */
import { readEveryCell } from "../../bench/engineBench";
import { syntheticMarksGrid, syntheticSummaryGrid } from "../../bench/grids";
import type { Grid } from "../../../src/core/read/grid";
import type { PupilRecord } from "../../../src/core/read/pupilRecord";
import { readGrid } from "../../../src/core/read/readGrid";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * What any reader must pay beyond the floor: one PupilRecord (with its characteristics) per row,
 * fields copied as they are, no parsing, no checks.
 */
function recordsOnly(grid: Grid): PupilRecord[] {
  const out: PupilRecord[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r]!;
    out.push({
      sourceRow: r + 1, upn: row[0] as string, name: row[1] as string, surname: row[1] as string, forename: row[2] as string,
      yearGroup: row[3] as string, regGroup: row[4] as string, possibleSessions: row[5] as number, presentSessions: row[6] as number,
      aeaSessions: row[7] as number, attendedSessions: null, authorisedSessions: row[8] as number, unauthorisedSessions: row[9] as number,
      missedSessions: null, attendancePercent: { percent: row[10] as number, decimals: 1 }, marks: null,
      characteristics: { fsm: row[11] === "Y", pupilPremium: row[12] === "Y", senSupport: row[13] === "K", ehcp: row[13] === "E", eal: row[14] === "Y",
        childInCare: row[16] === "Y", socialWorker: row[17] === "Y", grt: false, ethnicity: row[15] as string, gender: null },
      recordedStage: null, recordedLevel: null, parentingContract: null, penaltyNoticeThisYear: null,
    });
  }
  return out;
}

let sink = 0;
for (const [label, grid] of [
  ["summary 100,000", syntheticSummaryGrid(100_000, 100_000)],
  ["summary 20,000", syntheticSummaryGrid(20_000, 20_000)],
  ["marks 2,000 × 380", syntheticMarksGrid(2_000, 380, 2_000)],
] as [string, Grid][]) {
  const result = readGrid(grid);
  if (!result.ok) throw new Error(result.message);
  const read = time(() => readGrid(grid), 11);
  const floor = time(() => (sink += readEveryCell(grid)), 33);
  const records = label.startsWith("summary") ? time(() => (sink += recordsOnly(grid).length), 11) : NaN;
  console.log(
    `${label} (${grid[grid.length - 2]!.length} columns, ${result.pupils.length} pupils): readGrid ${read.toFixed(1)} ms, floor ${floor.toFixed(2)} ms, ratio ${(read / floor).toFixed(1)}×` +
      (Number.isNaN(records) ? "" : `; building the records alone ${records.toFixed(1)} ms (${(records / floor).toFixed(1)}× the floor)`),
  );
}
if (Number.isNaN(sink)) console.log("");
