import { performance } from "node:perf_hooks";
import { analyseGrid } from "../../src/core/analyse";
import type { Grid } from "../../src/core/read/grid";
import { syntheticMarksGrid, syntheticSummaryGrid } from "./grids";

export interface EngineFigure {
  format: "summary" | "marks";
  pupils: number;
  /** Session columns for a mark grid; null for a summary export. */
  sessions: number | null;
  /** Median time of analyseGrid (read, classify, summarise), milliseconds. */
  ms: number;
  /** Median time of one pass that only reads every cell once: the floor any engine must pay. */
  floorMs: number;
  /** ms / floorMs. */
  ratio: number;
}

export interface EngineCase {
  format: "summary" | "marks";
  pupils: number;
  sessions?: number;
  /** Timed runs after the warm-up; the median is reported. */
  runs: number;
}

export const defaultEngineCases: readonly EngineCase[] = [
  { format: "summary", pupils: 2_000, runs: 25 },
  { format: "summary", pupils: 20_000, runs: 11 },
  { format: "summary", pupils: 100_000, runs: 5 },
  { format: "marks", pupils: 2_000, sessions: 380, runs: 11 },
];

/** Reads every cell once and folds it into a number, so the work cannot be optimised away. */
export function readEveryCell(grid: Grid): number {
  let total = 0;
  for (const row of grid) {
    for (const cell of row) {
      if (typeof cell === "string") total += cell.length;
      else if (typeof cell === "number") total += cell;
      else if (cell) total += 1;
    }
  }
  return total;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timeMedian(runs: number, work: () => unknown): number {
  // Warm-up: let the JIT compile the hot paths before timing (the machine may be shared, hence the median).
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 3)); i += 1) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

let sink = 0;

/** Times the engine on synthetic exports; the figures for the bench's "engine" key. */
export function engineFigures(cases: readonly EngineCase[] = defaultEngineCases): EngineFigure[] {
  return cases.map((benchCase) => {
    const grid =
      benchCase.format === "summary"
        ? syntheticSummaryGrid(benchCase.pupils, benchCase.pupils)
        : syntheticMarksGrid(benchCase.pupils, benchCase.sessions ?? 380, benchCase.pupils);
    const check = analyseGrid(grid);
    if (!check.ok) throw new Error(`The engine refused the synthetic ${benchCase.format} grid: ${check.message}`);
    if (check.analysis.pupils.length !== benchCase.pupils) {
      throw new Error(`The engine found ${check.analysis.pupils.length} pupils in a grid of ${benchCase.pupils}.`);
    }
    const ms = timeMedian(benchCase.runs, () => analyseGrid(grid));
    const floorMs = timeMedian(benchCase.runs * 3, () => {
      sink += readEveryCell(grid);
    });
    return {
      format: benchCase.format,
      pupils: benchCase.pupils,
      sessions: benchCase.format === "marks" ? (benchCase.sessions ?? 380) : null,
      ms: round(ms, 1),
      floorMs: round(floorMs, 2),
      ratio: round(ms / Math.max(floorMs, 0.001), 1),
    };
  });
}

/** Keeps the floor's result observable so the pass is never dropped as dead code. */
export function floorSink(): number {
  return sink;
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
