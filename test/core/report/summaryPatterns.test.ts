import type { CohortPatterns } from "../../../src/core/rules/patterns/cohortPatterns";
import { planSummarySheet } from "../../../src/core/report/summarySheet";
import { details, makeAnalysis, planToGrid, rowWith } from "./factory";

/** The school's weekday profile and three school weeks, as the engine gives them (docs/rules.md §10 "Cohort"). */
const sessionPatterns: CohortPatterns = {
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"].map((weekday, i) => ({
    weekday: weekday as CohortPatterns["weekdays"][number]["weekday"],
    missedPercent: i === 0 ? 12.5 : 5,
    amMissedPercent: i === 0 ? 10 : 5,
    pmMissedPercent: i === 0 ? 15 : 5,
    missed: i === 0 ? 25 : 10,
    possible: 200,
  })),
  weeks: [
    { weekStart: "2025-09-03", attended: 540, possible: 600, attendancePercent: 90 },
    { weekStart: "2025-09-08", attended: 950, possible: 1000, attendancePercent: 95 },
    { weekStart: "2025-09-15", attended: 0, possible: 0, attendancePercent: null },
  ],
};

function summaryWith(patterns: CohortPatterns | null) {
  const analysis = makeAnalysis([{ name: "Ava Wright", possible: 100, authorised: 12 }]);
  analysis.summary.sessionPatterns = patterns;
  return planSummarySheet({ analysis, details, shareable: true, today: "2025-11-20" });
}

describe("the governors' summary's patterns (docs/rules.md §10)", () => {
  const plan = summaryWith(sessionPatterns);
  const grid = planToGrid(plan);

  it("tables the school's weekday profile, AM and PM too, as fractions shown as percentages", () => {
    const header = rowWith(grid, "Sessions missed");
    expect(grid[header]?.slice(0, 4)).toEqual(["Day", "Sessions missed", "Mornings", "Afternoons"]);
    expect(grid[header + 1]?.slice(0, 4)).toEqual(["Monday", 0.125, 0.1, 0.15]);
    expect(grid[header + 5]?.[0]).toBe("Friday");
  });

  it("charts the weekday profile from that table, right below it", () => {
    const header = rowWith(grid, "Sessions missed");
    const chart = plan.charts.find((c) => c.title === "Sessions missed by day of the week")!;
    expect(chart.dataRange).toBe(`A${header + 1}:B${header + 6}`);
    expect(chart.anchor.row).toBe(header + 7);
    expect(chart.valueAxisNumberFormat).toBe("0%");
  });

  it("tables and charts attendance week by week, each week by its first school day, a week without sessions left blank", () => {
    const header = rowWith(grid, "Week beginning");
    expect(grid.slice(header + 1, header + 4).map((row) => row.slice(0, 3))).toEqual([
      ["03/09/2025", 0.9, 600],
      ["08/09/2025", 0.95, 1000],
      ["15/09/2025", "", 0],
    ]);
    const chart = plan.charts.find((c) => c.title === "Whole-school attendance week by week")!;
    expect(chart.dataRange).toBe(`A${header + 1}:B${header + 4}`);
    expect(chart.anchor.row).toBeGreaterThan(header + 3);
  });

  it("starts the section on a fresh printed page, and appears only where the sheet has session marks", () => {
    expect(plan.print?.pageBreaksBefore).toContain(rowWith(grid, "Absence by day of the week"));
    const without = summaryWith(null);
    expect(planToGrid(without).some((row) => row.includes("Absence by day of the week"))).toBe(false);
    expect(without.charts).toHaveLength(plan.charts.length - 2);
  });
});
