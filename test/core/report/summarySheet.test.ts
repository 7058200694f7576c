import { planSummarySheet } from "../../../src/core/report/summarySheet";
import { bandChartColours } from "../../../src/core/report/styles";
import { allValues, details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

const specs: PupilSpec[] = [
  { name: "Ava Wright", year: "7", possible: 100, authorised: 60, pupilPremium: true }, // SA
  { name: "Ben Hughes", year: "7", possible: 100, authorised: 12, pupilPremium: true }, // PA
  { name: "Cara Greer", year: "7", possible: 100, authorised: 11, pupilPremium: false }, // PA
  { name: "Dev Shah", year: "8", possible: 100, authorised: 10, pupilPremium: false }, // PA
  { name: "Eve Moss", year: "8", possible: 100, authorised: 6, pupilPremium: false }, // at risk
  { name: "Finn Lee", year: "8", possible: 100, pupilPremium: false },
  { name: "Gia Khan", year: "8", possible: 100, pupilPremium: false },
  { name: "Hal Ray", year: "8", possible: 0, pupilPremium: false }, // no data
];

describe("planSummarySheet", () => {
  const analysis = makeAnalysis(specs);
  const plan = planSummarySheet({ analysis, details, shareable: false, today: "2025-11-20" });
  const grid = planToGrid(plan);

  it("is the governors' summary for the academic year, printable one page wide", () => {
    expect(plan.name).toBe("Governors summary 2025-26");
    expect(plan.role).toBe("summary");
    expect(plan.print?.fitToPagesWide).toBe(1);
    expect(plan.print?.headerCentre).toBe("Oakfield Academy – Attendance summary for governors – 2025/26");
    expect(rowWith(grid, "Academic year 2025/26. Prepared on 20/11/2025. No pupil is named on this sheet.")).toBe(1);
  });

  it("compares the whole school with national figures", () => {
    const pa = grid[rowWith(grid, "PA rate")] ?? [];
    expect(pa.slice(2, 4)).toEqual([0.2, "All state-funded schools, England, 2023/24"]);
    expect(pa[1]).toBeCloseTo(4 / 7, 8);
  });

  it("counts pupils by band, colour and words together", () => {
    const header = rowWith(grid, "What it means");
    expect(grid.slice(header + 1, header + 6).map((r) => r.slice(0, 3))).toEqual([
      ["Severe absence (SA)", 1, 0.125],
      ["Persistent absence (PA)", 3, 0.375],
      ["At risk of persistent absence", 1, 0.125],
      ["Expected attendance", 2, 0.25],
      ["No data", 1, 0.125],
    ]);
    const styles = plan.blocks.filter((b) => b.row > header && b.row <= header + 5 && b.column === 0).map((b) => b.style);
    expect(styles).toEqual(["legendSevere", "legendPersistent", "legendAtRisk", "legendExpected", "legendNoData"]);
  });

  it("has year-group and cohort tables", () => {
    // Year 7: 217 of 300 sessions attended; PA 3 of 3; SA 1 of 3; PA gap 100% − 57.1% = +42.9 pp.
    const year7 = grid[rowWith(grid, "Year 7")] ?? [];
    expect(year7[1]).toBe(3);
    expect(year7[2]).toBeCloseTo(217 / 300, 8);
    expect(year7[3]).toBe(1);
    expect(year7[4]).toBeCloseTo(1 / 3, 8);
    expect(year7[5]).toBe(42.9);
    expect(rowWith(grid, "Pupil Premium")).toBeGreaterThan(rowWith(grid, "Groups of pupils"));
  });

  it("charts pupils by band with each band's colour, from the band table", () => {
    const chart = plan.charts[0];
    const header = rowWith(grid, "What it means");
    expect(chart?.dataRange).toBe(`A${header + 1}:B${header + 6}`);
    expect(chart?.pointColours).toEqual([
      bandChartColours.severe,
      bandChartColours.persistent,
      bandChartColours["at-risk"],
      bandChartColours.expected,
      bandChartColours["no-data"],
    ]);
  });

  it("charts the PA rate by cohort against the whole school", () => {
    const chart = plan.charts[1];
    const header = rowWith(grid, "Whole-school PA rate");
    expect(chart?.kind).toBe("barClustered");
    expect(chart?.dataRange).toBe(`A${header + 1}:C${header + 4}`);
    const whole = 0.571428571;
    expect(grid.slice(header + 1, header + 4).map((r) => r.slice(0, 3))).toEqual([
      ["Year 7", 1, whole],
      ["Year 8", 0.25, whole], // 1 of the 4 with data,
      ["Pupil Premium", 1, whole],
    ]);
    // Charts sit below the tables, not over them.
    const lastTableRow = Math.max(...plan.blocks.map((b) => b.row));
    expect(chart?.anchor.row).toBeGreaterThan(header + 3);
    expect(plan.charts[0]?.anchor.row).toBeGreaterThan(header + 3);
    expect(lastTableRow).toBeLessThan(plan.charts[0]?.anchor.row ?? 0);
  });

  it("explains the bands in words", () => {
    expect(rowWith(grid, "Severe absence (SA): Missed 50% or more of possible sessions.")).toBeGreaterThan(0);
    expect(rowWith(grid, "Colours are a guide only: every band is also written in words.")).toBeGreaterThan(0);
  });

  it("never names a pupil, and in shareable mode shows small counts as <3", () => {
    const shared = planSummarySheet({ analysis, details, shareable: true });
    const values = allValues(shared).map(String);
    for (const spec of specs) expect(values.filter((v) => v.includes(spec.name))).toEqual([]);
    const g = planToGrid(shared);
    const header = rowWith(g, "What it means");
    // PA pupils (4) minus this row would give SA = 1, so the row is withheld ("[c]").
    expect(g.slice(header + 1, header + 6).map((r) => r.slice(1, 3))).toEqual([
      ["<3", "n/a (<3)"],
      ["[c]", "[c]"],
      ["<3", "n/a (<3)"],
      ["<3", "n/a (<3)"],
      ["<3", "n/a (<3)"],
    ]);
    expect(g[rowWith(g, "SA pupils")]?.[1]).toBe("<3");
    // Pupil Premium has 2 pupils: not charted.
    const chartHeader = rowWith(g, "Whole-school PA rate");
    expect(g[chartHeader + 3]?.slice(0, 2)).toEqual(["Pupil Premium", ""]);
  });
});

describe("planSummarySheet layout and charts", () => {
  const analysis = makeAnalysis(specs);
  const plan = planSummarySheet({ analysis, details, shareable: false, today: "2025-11-20" });
  const grid = planToGrid(plan);
  const heights = new Map((plan.rowHeights ?? []).map((h) => [h.row, h.height]));
  const groupChart = plan.charts.find((c) => c.title.startsWith("Persistent absence rate by group"));

  it("gives wrapped headings room: the chart data and cohort headings are fully visible", () => {
    expect(heights.get(rowWith(grid, "Group PA rate"))).toBeGreaterThanOrEqual(2 * 15);
    expect(heights.get(rowWith(grid, "PA gap to whole school (percentage points)"))).toBeGreaterThanOrEqual(3 * 15);
  });

  it("shows the PA rate axis as percentages, every group named, figures on the group's bars only", () => {
    expect(groupChart?.valueAxisNumberFormat).toBe("0%");
    expect(groupChart?.everyCategoryLabel).toBe(true);
    expect(groupChart?.labelledSeries).toEqual([0]);
    expect(groupChart?.seriesColours[0]).toBe(bandChartColours.persistent);
    // Tall enough for every group: at least two rows a group.
    const groups = analysis.summary.byYearGroup.length + analysis.summary.byCharacteristic.length;
    expect(groupChart?.anchor.rows).toBeGreaterThanOrEqual(groups * 2);
  });

  it("starts the charts on a fresh printed page, inside the printed width", () => {
    const firstChart = plan.charts[0]!;
    expect(plan.print?.pageBreaksBefore).toContain(firstChart.anchor.row);
    for (const chart of plan.charts) expect(chart.anchor.column + chart.anchor.columns).toBeLessThanOrEqual(plan.columnWidths.length);
  });
});

describe("planSummarySheet without a school name (--shareable with no --school)", () => {
  it("titles and prints without a dangling dash", () => {
    const analysis = makeAnalysis([{ name: "Ava Wright", possible: 100, authorised: 60 }]);
    const plan = planSummarySheet({ analysis, details: { ...details, schoolName: "  " }, shareable: true, today: "2025-11-20" });
    const title = planToGrid(plan)[0]?.[0];
    expect(title).toBe("Attendance summary for governors");
    expect(plan.print?.headerCentre).toMatch(/^Attendance summary for governors – \d{4}\/\d{2}$/);
    for (const text of [...allValues(plan), plan.print?.headerCentre ?? ""].filter((v): v is string => typeof v === "string")) {
      expect(text).not.toMatch(/(^|\s)–\s*$|^\s*–/);
    }
  });
});
