import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { BenchSection } from "./bench";

/**
 * "cli": how long the command line takes, whole process, to analyse a school-size export (the bundled
 * 200-pupil sample), against a bare `node -e 0`, measured in one run with the two interleaved. The command is
 * what `npm run analyse` runs (node tools/cli.cjs analyse FILE), without npm's own start-up.
 */
export interface CliFigure {
  /** Median whole-process time of the command line, ms. */
  ms: number;
  /** Median whole-process time of `node -e 0`, ms. */
  nodeMs: number;
  ratio: number;
}

const root = path.resolve(__dirname, "../..");
const sample = path.join(root, "assets/sample/sample-export.csv");

function timed(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${String(result.stderr)}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function cliFigure(runs = 9): CliFigure {
  const command = [path.join(root, "tools/cli.cjs"), "analyse", sample];
  // Warm-up: builds the command line if a source is newer than the build, and fills the file cache.
  timed(command);
  timed(["-e", "0"]);
  const cli: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(["-e", "0"]));
    cli.push(timed(command));
  }
  const ms = median(cli);
  const nodeMs = median(node);
  return { ms: round(ms), nodeMs: round(nodeMs), ratio: round(ms / nodeMs, 2) };
}

function round(value: number, places = 1): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

export const cliSection: BenchSection = {
  key: "cli",
  run: () => cliFigure(),
  describe: (value) => {
    const figure = value as CliFigure;
    return [
      "Command line, whole process (node tools/cli.cjs analyse on the 200-pupil sample) against node -e 0; medians of 9",
      `  ${figure.ms.toFixed(1)} ms against ${figure.nodeMs.toFixed(1)} ms: ratio ${figure.ratio.toFixed(2)}`,
    ];
  },
};
