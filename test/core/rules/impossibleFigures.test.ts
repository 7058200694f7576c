import { analyseGrid } from "../../../src/core/analyse";
import { buildWorkbookPlan } from "../../../src/core/report/workbookPlan";

const grid = [
  ["UPN", "Name", "Year", "Possible sessions", "Attended sessions", "Authorised absences", "Unauthorised absences"],
  ["A100000000001", "Beth Adams", "9", 150, 135, 10, 5],
  // Attended above possible: a typing slip in the export.
  ["A100000000002", "Cal Brown", "9", 150, 1600, 10, 0],
  ["A100000000003", "Dee Cole", "10", 150, 120, 20, 10],
];

describe("impossible figures", () => {
  const result = analyseGrid(grid, { sheetName: "Export" });
  if (!result.ok) throw new Error(result.message);
  const { analysis } = result;

  it("leave the pupil out of the whole-school and cohort attendance, and say so", () => {
    expect(analysis.summary.overallAttendancePercent).toBeCloseTo(((135 + 120) / 300) * 100, 5);
    for (const cohort of analysis.summary.byYearGroup) expect(cohort.attendancePercent ?? 0).toBeLessThanOrEqual(100);
    const warning = analysis.warnings.find((w) => w.sourceRow === 3 && /left out of the whole-school/.test(w.message));
    expect(warning?.message).toContain("1600 sessions attended of 150 possible");
  });

  it("never reach the governors' summary or the form as attendance above 100%", () => {
    const plan = buildWorkbookPlan(
      analysis,
      { sheetName: "Export", lastColumn: 6, firstRow: 1, firstColumn: 0, rowCount: grid.length },
      {
        details: { schoolName: "Oakfield", urn: "", phase: "secondary", meetingDate: "2026-01-14", seniorAttendanceLead: "", linkPiasOfficer: "" },
        shareable: false,
        framework: "stages",
      },
    );
    for (const sheet of plan.sheets.filter((s) => s.role !== "key")) {
      for (const block of sheet.blocks) {
        block.values.forEach((row) =>
          row.forEach((value, c) => {
            // Percentages are fractions in %-formatted cells, or text such as "85.0%".
            const format = block.numberFormats?.[c] ?? "";
            if (typeof value === "number" && format.includes("%")) expect(value).toBeLessThanOrEqual(1);
            if (typeof value === "string") for (const m of value.matchAll(/(\d+(?:\.\d+)?)%/g)) expect(Number(m[1])).toBeLessThanOrEqual(100);
          }),
        );
      }
    }
  });
});

describe("possible sessions no school career holds", () => {
  it("leave a pupil with 15,000 possible sessions (150 mistyped) out of the whole-school figure, and say so", () => {
    const typo = [
      grid[0]!,
      ["A100000000001", "Beth Adams", "9", 150, 120, 20, 10],
      ["A100000000002", "Cal Brown", "9", 15000, 14990, 10, 0],
      ["A100000000003", "Dee Cole", "10", 150, 120, 20, 10],
    ];
    const result = analyseGrid(typo, { sheetName: "Export" });
    if (!result.ok) throw new Error(result.message);
    // Without the bound the typo weighs as a hundred pupils: 99.6% where the other two are at 80%.
    expect(result.analysis.summary.overallAttendancePercent).toBeCloseTo(80, 5);
    const warning = result.analysis.warnings.find((w) => w.sourceRow === 3 && /left out of the whole-school/.test(w.message));
    expect(warning?.message).toContain("15,000 sessions possible, more than the 6,460 of a whole school career");
  });

  it("keep a pupil whose export spans several years (1,100 possible sessions) in the figures", () => {
    const years = [grid[0]!, ["A100000000001", "Beth Adams", "9", 1100, 1000, 60, 40], ["A100000000003", "Dee Cole", "10", 150, 120, 20, 10]];
    const result = analyseGrid(years, { sheetName: "Export" });
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.summary.overallAttendancePercent).toBeCloseTo((1120 / 1250) * 100, 5);
    expect(result.analysis.warnings.filter((w) => /left out/.test(w.message))).toEqual([]);
  });
});
