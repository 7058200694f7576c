import { analyseGrid } from "../../../src/core/analyse";
import type { CellValue } from "../../../src/core/read/grid";
import { planHighlight } from "../../../src/core/report/highlightPlan";
import { assignReferences } from "../../../src/core/report/pupilReferences";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import { details, planToGrid, rowWith } from "./factory";
import { threePupilMarkGrid } from "../rules/patterns/markGrid";

// Ann misses every Monday, Bob is absent without permission for 10 days in a row, Cal is always in.
const grid: CellValue[][] = threePupilMarkGrid();
const result = analyseGrid(grid);
if (!result.ok) throw new Error(result.message);
const analysis = result.analysis;

describe("the Pattern column (docs/rules.md §10)", () => {
  const plan = planHighlight(analysis, { sheetName: "Marks", firstRow: 0, firstColumn: 0, lastColumn: grid[0]!.length - 1, rowCount: grid.length }, "both");
  const column = plan.headings.indexOf("Pattern");

  it("says each pupil's pattern in words on the highlighted sheet, before the suggested next step", () => {
    expect(column).toBe(plan.headings.indexOf("Suggested next step") - 1);
    expect(plan.values.map((row) => row[column])).toEqual([
      "Absence concentrated on Mondays; around the weekend (Mondays and Fridays); 6 spells, the longest 1 day",
      // Weeks 3 and 4 of 6 missed: 20 of the last 4 weeks' 40 sessions attended, 40 of 60 over the period.
      "10 days of unauthorised absence in a row: tell the local authority; declining: 50.0% in the last 4 school weeks against 66.7% over the period; 1 spell of 10 days",
      "No absence in the marks",
    ]);
  });

  it("is not added to a summary export, which has no marks to find patterns in", () => {
    const summary = analyseGrid([["Name", "Possible sessions", "Authorised absence", "Unauthorised absence"], ["Dee Summary", 100, 3, 2]]);
    if (!summary.ok) throw new Error(summary.message);
    const summaryPlan = planHighlight(summary.analysis, { sheetName: "S", firstRow: 0, firstColumn: 0, lastColumn: 3, rowCount: 2 }, "both");
    expect(summaryPlan.headings).not.toContain("Pattern");
  });

  it("is on the TSM form too, with the pupil whose absence must be reported to the local authority listed first", () => {
    const form = planToGrid(planTsmForm({ analysis, details, shareable: true, framework: "both", references: assignReferences(analysis.pupils) }));
    const header = rowWith(form, "Pattern");
    const patternColumn = form[header]!.indexOf("Pattern");
    expect(form[header + 1]![patternColumn]).toMatch(/^10 days of unauthorised absence in a row: tell the local authority/);
    expect(form[header + 2]![patternColumn]).toMatch(/^Absence concentrated on Mondays/);
  });
});
