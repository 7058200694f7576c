import { xlsxRerunFigures, xlsxRerunSection } from "./xlsxRerunBench";

describe('bench "xlsxRerun"', () => {
  it("runs --out three times over its own output, each in its own process, and reports each run's time and the peak memory", () => {
    const figures = xlsxRerunFigures([200]);
    expect(figures.map((f) => f.pupils)).toEqual([200]);
    const [figure] = figures;
    for (const ms of [figure!.firstMs, figure!.secondMs, figure!.thirdMs, figure!.firstCpuMs, figure!.secondCpuMs]) expect(ms).toBeGreaterThan(0);
    // A Node process with the command line loaded takes tens of MiB at least; NaN would mean the peak was not read.
    expect(figure!.peakMiB).toBeGreaterThan(20);
    expect(figure!.firstPeakMiB).toBeGreaterThan(20);
    expect(xlsxRerunSection.describe(figures).join("\n")).toMatch(/^\s+200(\s+\d+){3}\s+\d+\.\d\d(\s+\d+){2}\s+\d+\.\d\d(\s+\d+){2}$/m);
  }, 120_000);
});
