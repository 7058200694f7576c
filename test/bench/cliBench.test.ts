import { cliFigure, cliSection } from "./cliBench";

describe('bench "cli"', () => {
  it("times the command line and node -e 0 in one run, and prints both with their ratio", () => {
    const figure = cliFigure(1);
    expect(figure).toEqual({ ms: expect.any(Number), nodeMs: expect.any(Number), ratio: expect.any(Number) });
    expect(figure.nodeMs).toBeGreaterThan(0);
    // The command line does everything node -e 0 does, and more.
    expect(figure.ms).toBeGreaterThan(figure.nodeMs * 0.5);
    expect(figure.ratio).toBeCloseTo(figure.ms / figure.nodeMs, 1);
    expect(cliSection.describe(figure).join("\n")).toMatch(/ms against .* ms: ratio \d+\.\d\d/);
  }, 120_000);
});
