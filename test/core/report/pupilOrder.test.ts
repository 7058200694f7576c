import { analysisWarnings } from "../../../src/core/report/analysisWarnings";
import { pupilPriorityOrder, pupilsToDiscuss } from "../../../src/core/report/pupilOrder";
import { makeAnalysis } from "./factory";

const analysis = makeAnalysis([
  { name: "Expected Ed", possible: 100, authorised: 1 },
  { name: "At Risk Ann", possible: 100, authorised: 7 },
  { name: "Persistent Pat", possible: 100, authorised: 12 },
  { name: "No Data Nia", possible: 0 },
  { name: "Severe Sam", possible: 100, authorised: 60 },
  { name: "Persistent Paul", possible: 100, authorised: 20 },
]);
const names = (indices: number[]) => indices.map((i) => analysis.pupils[i]?.record.name);

describe("pupil priority order (docs/rules.md §7)", () => {
  it("puts severe first, then persistent, at risk, expected and no data; lowest attendance first within a band", () => {
    expect(names(pupilPriorityOrder(analysis.pupils))).toEqual([
      "Severe Sam",
      "Persistent Paul",
      "Persistent Pat",
      "At Risk Ann",
      "Expected Ed",
      "No Data Nia",
    ]);
  });

  it("pupils to discuss are the severe and persistent ones in that order", () => {
    expect(names(pupilsToDiscuss(analysis.pupils))).toEqual(["Severe Sam", "Persistent Paul", "Persistent Pat"]);
  });
});

describe("analysisWarnings", () => {
  it("lists a warning once even when the read and the pupil both carry it, named by the pupil, sheet-wide first", () => {
    const pupil = analysis.pupils[2]!;
    const withWarnings = {
      ...analysis,
      warnings: [
        { sourceRow: pupil.record.sourceRow, column: null, message: "Counts do not add up." },
        { sourceRow: null, column: null, message: "Two header rows." },
      ],
      pupils: analysis.pupils.map((p, i) => (i === 2 ? { ...p, warnings: ["Counts do not add up.", "Unknown mark Q9."] } : p)),
    };
    expect(analysisWarnings(withWarnings)).toEqual([
      { sourceRow: null, message: "Two header rows.", pupilName: null },
      { sourceRow: pupil.record.sourceRow, message: "Counts do not add up.", pupilName: "Persistent Pat" },
      { sourceRow: pupil.record.sourceRow, message: "Unknown mark Q9.", pupilName: "Persistent Pat" },
    ]);
  });
});

describe("ordering some of the pupils", () => {
  test("gives those pupils in the same order as the whole list does", () => {
    const grid = makeAnalysis(
      Array.from({ length: 60 }, (_, i) => ({ name: `Pupil ${i}`, possible: i % 7 === 0 ? 0 : 100, authorised: (i * 37) % 61 })),
    ).pupils;
    const all = pupilPriorityOrder(grid);
    for (const keep of [(i: number) => i % 3 === 0, (i: number) => i % 2 === 1, () => false]) {
      const among = grid.map((_, index) => index).filter(keep).reverse();
      const chosen = new Set(among);
      expect(pupilPriorityOrder(grid, among)).toEqual(all.filter((index) => chosen.has(index)));
    }
  });
});
