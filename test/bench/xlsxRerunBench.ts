import type { BenchSection } from "./bench";
import { eachSampleExport, timedOutRun } from "./xlsxOutBench";

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

export const defaultXlsxRerunSizes = [5_000, 20_000, 100_000];

export function xlsxRerunFigures(sizes: readonly number[] = defaultXlsxRerunSizes): XlsxRerunFigure[] {
  return eachSampleExport("xlsx-rerun-bench-", sizes, (run) => {
    const first = timedOutRun(run, `the first --out run at ${run.pupils} pupils`);
    const second = timedOutRun(run, `the second --out run at ${run.pupils} pupils`);
    const third = timedOutRun(run, `the third --out run at ${run.pupils} pupils`);
    return {
      pupils: run.pupils,
      firstMs: first.ms,
      secondMs: second.ms,
      thirdMs: third.ms,
      firstCpuMs: first.cpuMs,
      secondCpuMs: second.cpuMs,
      firstPeakMiB: first.peakMiB,
      peakMiB: Math.max(second.peakMiB, third.peakMiB),
    };
  });
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
