import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { localIsoDate } from "../../src/core/common/dates";
import { gridToCsv } from "../../src/sample/csv";
import { summaryExportGrid } from "../../src/sample/sampleExport";
import type { BenchSection } from "./bench";

/**
 * "xlsxOut": what `analyse FILE --out OUT.xlsx` costs, whole process, at several school (and trust) sizes:
 * wall time and peak memory (the process's maximum resident set size). Each size runs in its own process,
 * as a user runs it, on a summary export like the bundled sample. The aims (issue 10): 100,000 pupils in
 * under 15 s and 1 GB; 300,000 completes; time and memory grow in line with pupils.
 * `cpuMs` is the processor time the process used (all its threads, zlib's included): on a machine others are
 * using too, wall time grows with their load, processor time much less.
 */
export interface XlsxOutFigure {
  pupils: number;
  ms: number;
  peakMiB: number;
  cpuMs: number;
}

const root = path.resolve(__dirname, "../..");
export const defaultXlsxOutSizes = [5_000, 20_000, 100_000, 300_000];

/** Reports the process's peak memory on stderr as it exits (loaded with node -r before the command line). */
const reportPeak = `process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("\\npeakKiB " + u.maxRSS + " cpuMs " + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + "\\n"); });`;

/** The files one size of an `--out` bench runs on: a summary export of `pupils` pupils, the output beside it. */
export interface SampleExportRun {
  pupils: number;
  csv: string;
  out: string;
  preload: string;
}

/**
 * For each size, a summary export like the bundled sample, written into a temporary folder with the
 * peak-reporting preload and given to `measure`; each export and output is removed after, the folder at the end.
 */
export function eachSampleExport<T>(folderPrefix: string, sizes: readonly number[], measure: (run: SampleExportRun) => T): T[] {
  const dir = mkdtempSync(path.join(tmpdir(), folderPrefix));
  try {
    const preload = path.join(dir, "peak.cjs");
    writeFileSync(preload, reportPeak);
    return sizes.map((pupils) => {
      const csv = path.join(dir, `export-${pupils}.csv`);
      writeFileSync(csv, gridToCsv(summaryExportGrid({ pupils, seed: 1 })));
      const out = path.join(dir, `out-${pupils}.xlsx`);
      const figure = measure({ pupils, csv, out, preload });
      rmSync(csv, { force: true });
      rmSync(out, { force: true });
      return figure;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time, processor time and peak memory of one run. */
export interface OutRunFigure {
  ms: number;
  cpuMs: number;
  peakMiB: number;
}

/** One `analyse CSV --out OUT` in its own process; `what` names it if it fails ("--out at 5000 pupils"). */
export function timedOutRun({ csv, out, preload }: SampleExportRun, what: string): OutRunFigure {
  const start = process.hrtime.bigint();
  // The command line as `npm run analyse` runs it (tools/cli.cjs builds it first if a source is newer).
  const result = spawnSync(process.execPath, ["-r", preload, path.join(root, "tools/cli.cjs"), "analyse", csv, "--out", out, "--date", localIsoDate(new Date())], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = String(result.stderr);
  if (result.status !== 0) throw new Error(`${what} failed: ${stderr.slice(-500)}`);
  const peak = /peakKiB (\d+) cpuMs (\d+)/.exec(stderr);
  return { ms: Math.round(ms), cpuMs: peak ? Number(peak[2]) : Number.NaN, peakMiB: peak ? Math.round(Number(peak[1]) / 1024) : Number.NaN };
}

export function xlsxOutFigures(sizes: readonly number[] = defaultXlsxOutSizes): XlsxOutFigure[] {
  return eachSampleExport("xlsx-out-bench-", sizes, (run) => {
    const { ms, peakMiB, cpuMs } = timedOutRun(run, `--out at ${run.pupils} pupils`);
    return { pupils: run.pupils, ms, peakMiB, cpuMs };
  });
}

export const xlsxOutSection: BenchSection = {
  key: "xlsxOut",
  run: () => xlsxOutFigures(),
  describe: (value) => {
    const figures = value as XlsxOutFigure[];
    return [
      "Command line with --out (analyse FILE --out OUT.xlsx, whole process, one run per size): time, processor time and peak memory",
      "   pupils        ms    cpu ms   peak MiB   µs per pupil   KiB per pupil",
      ...figures.map(
        (f) =>
          `  ${String(f.pupils).padStart(7)}  ${String(f.ms).padStart(8)}  ${String(f.cpuMs).padStart(8)}  ${String(f.peakMiB).padStart(9)}  ${((f.ms * 1000) / f.pupils).toFixed(0).padStart(13)}  ${((f.peakMiB * 1024) / f.pupils).toFixed(1).padStart(14)}`,
      ),
    ];
  },
};
