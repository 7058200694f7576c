import { xlsxOutFigures, xlsxOutSection } from "./xlsxOutBench";

describe('bench "xlsxOut"', () => {
  it("runs --out in its own process per size and reports its time and peak memory", () => {
    const figures = xlsxOutFigures([200, 400]);
    expect(figures.map((f) => f.pupils)).toEqual([200, 400]);
    for (const figure of figures) {
      expect(figure.ms).toBeGreaterThan(0);
      // A Node process with ExcelJS loaded takes tens of MiB at least; NaN would mean the peak was not read.
      expect(figure.peakMiB).toBeGreaterThan(20);
      expect(figure.cpuMs).toBeGreaterThan(0);
    }
    expect(xlsxOutSection.describe(figures).join("\n")).toMatch(/^\s+400\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\.\d$/m);
  }, 120_000);
});
