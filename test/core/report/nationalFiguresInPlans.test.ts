import type { NationalFigureTable } from "../../../src/core/report/nationalFigures";
import { assignReferences } from "../../../src/core/report/pupilReferences";
import { planSummarySheet } from "../../../src/core/report/summarySheet";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import { buildWorkbookPlan } from "../../../src/core/report/workbookPlan";
import { allValues, details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

const specs: PupilSpec[] = [
  { name: "Ava Wright", year: "7", possible: 100, authorised: 60 }, // SA
  { name: "Ben Hughes", year: "7", possible: 100, authorised: 12 }, // PA
  { name: "Cara Greer", year: "8", possible: 100 },
];
const analysis = makeAnalysis(specs);

/** A school's own table: newer figures than the shipped ones, dated when they were checked. */
const updated: NationalFigureTable = {
  source: 'DfE, "Pupil absence in schools in England", 2024/25 release',
  date: "2026-03-19",
  rows: [
    { year: "2024/25", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.4, persistentRate: 24.1, severeRate: 3.2, partYear: false },
    { year: "2025/26 autumn term", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 7.0, persistentRate: 19.0, severeRate: 3.0, partYear: true },
  ],
};
const note = 'National figures: DfE, "Pupil absence in schools in England", 2024/25 release; figures published or last checked on 19/03/2026.';

function nationalColumns(grid: ReturnType<typeof planToGrid>, label: string, valueColumn: number): unknown[] {
  const row = grid[rowWith(grid, label)] ?? [];
  return row.slice(valueColumn, valueColumn + 2);
}

describe("a supplied table of national figures", () => {
  it("is what the TSM form compares with, with its source and date", () => {
    const grid = planToGrid(
      planTsmForm({ analysis, details, shareable: false, framework: "stages", references: assignReferences(analysis.pupils), nationalFigures: updated }),
    );
    expect(nationalColumns(grid, "PA rate", 4)).toEqual([0.241, "State-funded secondary schools, England, 2024/25"]);
    expect(nationalColumns(grid, "SA rate", 4)).toEqual([0.032, "State-funded secondary schools, England, 2024/25"]);
    expect(nationalColumns(grid, "Overall absence", 4)).toEqual([0.084, "State-funded secondary schools, England, 2024/25"]);
    expect(rowWith(grid, note)).toBeGreaterThan(0);
  });

  it("is what the governors' summary compares with, with its source and date", () => {
    const grid = planToGrid(planSummarySheet({ analysis, details, shareable: false, nationalFigures: updated }));
    expect(nationalColumns(grid, "PA rate", 2)).toEqual([0.241, "State-funded secondary schools, England, 2024/25"]);
    expect(rowWith(grid, note)).toBeGreaterThan(0);
  });

  it("reaches both sheets through the workbook plan; without one, the shipped table and its date are shown", () => {
    const source = { sheetName: "Export", lastColumn: 5, firstRow: 0, firstColumn: 0, rowCount: 4 };
    const options = { details, shareable: false, framework: "stages" as const };
    const supplied = buildWorkbookPlan(analysis, source, { ...options, nationalFigures: updated });
    for (const role of ["tsm", "summary"]) {
      const sheet = supplied.sheets.find((s) => s.role === role)!;
      expect(allValues(sheet)).toContain(note);
      expect(allValues(sheet)).toContain(0.241);
    }
    const shipped = buildWorkbookPlan(analysis, source, options);
    for (const role of ["tsm", "summary"]) {
      const values = allValues(shipped.sheets.find((s) => s.role === role)!);
      expect(values).not.toContain(0.241);
      expect(values).toContain(0.2); // shipped PA rate, 2023/24
      expect(values.some((v) => typeof v === "string" && /^National figures: DfE, "Pupil absence in schools in England"; figures published or last checked on \d\d\/\d\d\/\d{4}\.$/.test(v))).toBe(true);
    }
  });
});
