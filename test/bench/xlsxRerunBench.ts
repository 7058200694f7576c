import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { localIsoDate } from "../../src/core/common/dates";
import { gridToCsv } from "../../src/sample/csv";
import { summaryExportGrid } from "../../src/sample/sampleExport";
import type { BenchSection } from "./bench";
import { reportPeak } from "./xlsxOutBench";

/**
 * "xlsxRerun": what re-running `analyse FILE --out OUT.xlsx` costs when OUT.xlsx is this tool's own earlier
 * output, as a school re-running weekly does: the first run writes it, the second and third read it back
 * (keeping what was typed) and write it again. Each run is its own process. The aim (issue 10): the second run
 * grows in line with pupils, within about twice the first, and under 1.5 GB at 100,000 pupils.
 * `peakMiB` is the larger peak of the second and third runs; the `cpuMs` figures are processor time, which a
 * machine others are using changes much less than wall time.
 */
export interface XlsxRerunFigure {
  pupils: number;
  firstMs: number;
  secondMs: number;
  thirdMs: number;
  firstCpuMs: number;
  secondCpuMs: number;
  firstPeakMiB: number;
  peakMiB: number;
}

const root = path.resolve(__dirname, "../..");
export const defaultXlsxRerunSizes = [5_000, 20_000, 100_000];

interface RunFigure {
  ms: number;
  cpuMs: number;
  peakMiB: number;
}

/** One `--out` run in its own process, as `npm run analyse` runs it. */
function timedRun(preload: string, csv: string, out: string, pupils: number, which: string): RunFigure {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["-r", preload, path.join(root, "tools/cli.cjs"), "analyse", csv, "--out", out, "--date", localIsoDate(new Date())], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = String(result.stderr);
  if (result.status !== 0) throw new Error(`the ${which} --out run at ${pupils} pupils failed: ${stderr.slice(-500)}`);
  const peak = /peakKiB (\d+) cpuMs (\d+)/.exec(stderr);
  return { ms: Math.round(ms), cpuMs: peak ? Number(peak[2]) : Number.NaN, peakMiB: peak ? Math.round(Number(peak[1]) / 1024) : Number.NaN };
}

export function xlsxRerunFigures(sizes: readonly number[] = defaultXlsxRerunSizes): XlsxRerunFigure[] {
  const dir = mkdtempSync(path.join(tmpdir(), "xlsx-rerun-bench-"));
  try {
    const preload = path.join(dir, "peak.cjs");
    writeFileSync(preload, reportPeak);
    return sizes.map((pupils) => {
      const csv = path.join(dir, `export-${pupils}.csv`);
      writeFileSync(csv, gridToCsv(summaryExportGrid({ pupils, seed: 1 })));
      const out = path.join(dir, `out-${pupils}.xlsx`);
      const first = timedRun(preload, csv, out, pupils, "first");
      const second = timedRun(preload, csv, out, pupils, "second");
      const third = timedRun(preload, csv, out, pupils, "third");
      rmSync(csv, { force: true });
      rmSync(out, { force: true });
      return {
        pupils,
        firstMs: first.ms,
        secondMs: second.ms,
        thirdMs: third.ms,
        firstCpuMs: first.cpuMs,
        secondCpuMs: second.cpuMs,
        firstPeakMiB: first.peakMiB,
        peakMiB: Math.max(second.peakMiB, third.peakMiB),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const xlsxRerunSection: BenchSection = {
  key: "xlsxRerun",
  run: () => xlsxRerunFigures(),
  describe: (value) => {
    const figures = value as XlsxRerunFigure[];
    return [
      "Command line with --out over its own earlier output (first run, then the same command twice more): time, processor time and peak memory",
      "   pupils  first ms  second ms  third ms  second/first  first cpu ms  second cpu ms  cpu ratio  first MiB  rerun MiB",
      ...figures.map(
        (f) =>
          `  ${String(f.pupils).padStart(7)}  ${String(f.firstMs).padStart(8)}  ${String(f.secondMs).padStart(9)}  ${String(f.thirdMs).padStart(8)}  ${(f.secondMs / f.firstMs).toFixed(2).padStart(12)}  ${String(f.firstCpuMs).padStart(12)}  ${String(f.secondCpuMs).padStart(13)}  ${(f.secondCpuMs / f.firstCpuMs).toFixed(2).padStart(9)}  ${String(f.firstPeakMiB).padStart(9)}  ${String(f.peakMiB).padStart(9)}`,
      ),
    ];
  },
};
