import { performance } from "node:perf_hooks";
import { analyseGrid } from "../../src/core/analyse";
import type { BenchSection } from "./bench";
import { median } from "./engineBench";
import { syntheticMarksGrid } from "./grids";

/**
 * "patterns": the whole engine on a mark grid with the patterns of docs/rules.md §10 against the same engine
 * without them (issue 13: within 2× for 2,000 pupils × 380 sessions). The two are timed interleaved in one
 * run, so a busy machine slows both alike; medians after warm-up.
 */
export interface PatternsFigure {
  pupils: number;
  sessions: number;
  /** Median analyseGrid time without patterns, ms. */
  engineMs: number;
  /** Median analyseGrid time with patterns (the default), ms. */
  withPatternsMs: number;
  /** withPatternsMs / engineMs. */
  ratio: number;
}

export function patternsFigure(pupils = 2_000, sessions = 380, runs = 11): PatternsFigure {
  const grid = syntheticMarksGrid(pupils, sessions, pupils);
  const check = analyseGrid(grid);
  if (!check.ok) throw new Error(`The engine refused the synthetic mark grid: ${check.message}`);
  if (check.analysis.pupils.some((pupil) => pupil.patterns === null)) throw new Error("The synthetic mark grid gave a pupil no patterns.");
  const without = () => analyseGrid(grid, { patterns: false });
  const withPatterns = () => analyseGrid(grid);
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 3)); i++) {
    without();
    withPatterns();
  }
  const engineTimes: number[] = [];
  const patternTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    without();
    engineTimes.push(performance.now() - start);
    start = performance.now();
    withPatterns();
    patternTimes.push(performance.now() - start);
  }
  const engineMs = median(engineTimes);
  const withPatternsMs = median(patternTimes);
  return {
    pupils,
    sessions,
    engineMs: Math.round(engineMs * 10) / 10,
    withPatternsMs: Math.round(withPatternsMs * 10) / 10,
    ratio: Math.round((withPatternsMs / Math.max(engineMs, 0.001)) * 100) / 100,
  };
}

export const patternsSection: BenchSection = {
  key: "patterns",
  run: () => patternsFigure(),
  describe: (value) => {
    const figure = value as PatternsFigure;
    return [
      `Patterns in session marks (docs/rules.md §10), ${figure.pupils.toLocaleString("en-GB")} pupils × ${figure.sessions} sessions, timed interleaved in one run`,
      `  engine without patterns ${figure.engineMs.toFixed(1)} ms, with patterns ${figure.withPatternsMs.toFixed(1)} ms, ratio ${figure.ratio.toFixed(2)} (issue 13 asks for at most 2)`,
    ];
  },
};
