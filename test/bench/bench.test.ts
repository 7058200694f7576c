import { analyseGrid } from "../../src/core/analyse";
import { patternsFigure, patternsSection } from "./patternsBench";
import { benchText } from "./bench";
import { engineFigures, median, readEveryCell } from "./engineBench";
import { sessionHeadings, syntheticMarksGrid, syntheticSummaryGrid } from "./grids";

describe("bench", () => {
  it("times the engine and the floor for each format, in the JSON shape other modules extend", () => {
    const figures = engineFigures([
      { format: "summary", pupils: 60, runs: 1 },
      { format: "marks", pupils: 12, sessions: 40, runs: 1 },
    ]);
    expect(figures).toHaveLength(2);
    expect(figures[0]).toEqual({
      format: "summary",
      pupils: 60,
      sessions: null,
      ms: expect.any(Number),
      floorMs: expect.any(Number),
      ratio: expect.any(Number),
    });
    expect(figures[1]).toMatchObject({ format: "marks", pupils: 12, sessions: 40 });
    expect(benchText({ engine: figures })).toMatch(/summary\s+60\s+–/);
  });

  it("builds mark grids on school days that the engine reads as sessions", () => {
    const headings = sessionHeadings(380);
    expect(headings).toHaveLength(380);
    expect(headings[0]).toBe("Mon 01/09/2025 AM");
    expect(headings.some((h) => h.includes("/10/2025") && h.startsWith("Mon 27"))).toBe(false); // half term
    const result = analyseGrid(syntheticMarksGrid(30, 380, 3));
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.mapping.sessions).toHaveLength(380);
    expect(result.analysis.pupils).toHaveLength(30);
  });

  it("gives the engine summary grids whose pupils it all finds", () => {
    const result = analyseGrid(syntheticSummaryGrid(500, 9));
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.pupils).toHaveLength(500);
  });

  it("has a floor that reads every cell and a true median", () => {
    expect(readEveryCell([["ab", 3, true], ["", 0.5, false]])).toBe(2 + 3 + 1 + 0.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("bench: patterns", () => {
  it("times the engine with and without patterns on the same mark grid and gives their ratio", () => {
    const figure = patternsFigure(20, 40, 1);
    expect(figure).toEqual({ pupils: 20, sessions: 40, engineMs: expect.any(Number), withPatternsMs: expect.any(Number), ratio: expect.any(Number) });
    expect(patternsSection.describe(figure).join("\n")).toMatch(/20 pupils × 40 sessions[\s\S]*ratio \d+\.\d\d/);
  });
});
