import { columnLetter } from "../../../src/core/common/a1";
import type { CellValue } from "../../../src/core/read/grid";
import { planHighlight } from "../../../src/core/report/highlightPlan";
import { notInThisExport, outcomeHeading, planLastMeetingSection, readLastMeeting, readTypedOutcomes } from "../../../src/core/report/lastMeeting";
import { recordProgress } from "../../../src/core/report/progressRecord";
import { assignReferences } from "../../../src/core/report/pupilReferences";
import { lastMeetingSheet, tsmSheetOrder } from "../../../src/core/report/sheetNames";
import { planSummarySheet } from "../../../src/core/report/summarySheet";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import { readTypedTsm, unmatchedRowMarker } from "../../../src/core/report/tsmMerge";
import { buildWorkbookPlan } from "../../../src/core/report/workbookPlan";
import { planHistorySheet } from "../../../src/core/report/historySheet";
import type { Analysis } from "../../../src/core/rules/pupilAnalysis";
import { details, makeAnalysis, planToGrid, rowWith, columnWith, type PupilSpec } from "./factory";

/**
 * docs/rules.md §11 as the reports show it: progress columns on the highlighted sheet, the governors' trend,
 * and "Pupils from the last meeting" on a new term's TSM form.
 */
const source = { sheetName: "Export", lastColumn: 6, firstRow: 0, firstColumn: 0, rowCount: 6 };

const ada = (possible: number, authorised: number): PupilSpec => ({ name: "Ada Lovelace", upn: "A111", year: "9", possible, authorised });
const ben = (possible: number, authorised: number): PupilSpec => ({ name: "Ben Okri", upn: "B222", year: "9", possible, authorised });
const lee = (possible: number, authorised: number): PupilSpec => ({ name: "Lee Leaving", upn: "C333", year: "9", possible, authorised });

function twoWeeks(first: Analysis, second: Analysis) {
  const w1 = recordProgress(first, undefined, "2025-11-07");
  return recordProgress(second, planToGrid(planHistorySheet(w1.history)), "2025-11-14");
}

describe("progress on the highlighted sheet", () => {
  it("adds the progress columns only when a history is kept, in words and figures", () => {
    const second = makeAnalysis([ada(110, 14), ben(110, 2)]);
    const record = twoWeeks(makeAnalysis([ada(100, 8), ben(100, 2)]), second);
    expect(planHighlight(second, source, "stages").headings).not.toContain("Band movement");
    const plan = planHighlight(second, source, "stages", record.progress);
    const at = (heading: string, row: number) => plan.values[row]?.[plan.headings.indexOf(heading)];
    // Ada: 92% → 87.3% (14 of 110 missed), new to PA; 4 of the 10 sessions since attended: 40%.
    expect(at("Band movement", 0)).toBe("New to PA");
    expect(at("Change since last snapshot", 0)).toBe(-4.7);
    expect(at("Attendance since last snapshot", 0)).toBeCloseTo(0.4, 10);
    expect(at("Progress", 0)).toBe("No real improvement");
    expect(at("Review", 0)).toBe("Review due by 21/11/2025");
    expect(at("Progress", 1)).toBe("Improving");
    expect(at("Band movement", 1)).toBe("No change");
    // The change prints signed in percentage points; the stage date as a date.
    expect(plan.numberFormats[plan.headings.indexOf("Change since last snapshot")]).toBe('+0.0" pp";-0.0" pp";0.0" pp"');
    expect(plan.numberFormats[plan.headings.indexOf("Stage since")]).toBe("dd/mm/yyyy");
  });
});

describe("the governors' trend (docs/rules.md §11)", () => {
  const first = makeAnalysis([ada(100, 8), ben(100, 2), lee(100, 20), { name: "Dee", upn: "D444", year: "9", possible: 100 }]);
  const second = makeAnalysis([ada(110, 14), ben(110, 2), lee(110, 60), { name: "Dee", upn: "D444", year: "9", possible: 110 }]);
  const record = twoWeeks(first, second);

  it("tables PA rate, SA rate and attendance analysis by analysis, with a chart from it", () => {
    const plan = planSummarySheet({ analysis: second, details, shareable: false, trend: record.trend });
    const grid = planToGrid(plan);
    const header = rowWith(grid, "Analysis (data as at)");
    expect(grid[header]?.slice(0, 4)).toEqual(["Analysis (data as at)", "PA rate", "SA rate", "Attendance"]);
    expect(grid[header + 1]?.slice(0, 3)).toEqual(["07/11/2025", 0.25, 0]);
    expect(grid[header + 2]?.slice(0, 3)).toEqual(["14/11/2025", 0.5, 0.25]);
    const chart = plan.charts.find((c) => c.title === "PA rate, SA rate and attendance this academic year");
    expect(chart?.dataRange).toBe(`A${header + 1}:D${header + 3}`);
  });

  it("hides small rates in a shareable copy, and charts a table of numbers with blanks in their place", () => {
    const plan = planSummarySheet({ analysis: second, details, shareable: true, trend: record.trend });
    const grid = planToGrid(plan);
    const header = rowWith(grid, "Analysis (data as at)");
    // 1 PA pupil then, no SA pupil then and 1 now: fewer than 3, so not shown.
    expect(grid[header + 1]?.[1]).toBe("n/a (<3)");
    expect(grid[header + 1]?.[2]).toBe("n/a (<3)");
    expect(grid[header + 2]?.[2]).toBe("n/a (<3)");
    const chartData = rowWith(grid, "Chart data: this academic year, analysis by analysis");
    expect(chartData).toBeGreaterThan(header);
    expect(grid[chartData + 2]?.slice(0, 4)).toEqual(["07/11/2025", "", "", grid[header + 1]?.[3]]);
    const chart = plan.charts.find((c) => c.title === "PA rate, SA rate and attendance this academic year");
    expect(chart?.dataRange).toBe(`A${chartData + 2}:D${chartData + 4}`);
  });

  it("has no trend section without snapshots, and no chart for a single one", () => {
    expect(rowWith(planToGrid(planSummarySheet({ analysis: second, details, shareable: false })), "Analysis (data as at)")).toBe(-1);
    const one = recordProgress(first, undefined, "2025-11-07");
    const plan = planSummarySheet({ analysis: first, details, shareable: false, trend: one.trend });
    expect(rowWith(planToGrid(plan), "Analysis (data as at)")).toBeGreaterThan(0);
    expect(plan.charts.map((c) => c.title)).not.toContain("PA rate, SA rate and attendance this academic year");
  });
});

describe("TSM forms by term", () => {
  it("orders forms by academic year and term, and finds the last meeting before this one", () => {
    expect(tsmSheetOrder("TSM Autumn 2025-26")).toBeLessThan(tsmSheetOrder("TSM Spring 2025-26") as number);
    expect(tsmSheetOrder("TSM Summer 2024-25")).toBeLessThan(tsmSheetOrder("TSM Autumn 2025-26") as number);
    expect(tsmSheetOrder("TSM Spring 2025-26 (2)")).toBe(tsmSheetOrder("TSM Spring 2025-26"));
    expect(tsmSheetOrder("My notes")).toBeNull();
    const names = ["Export", "TSM Summer 2024-25", "TSM Autumn 2025-26", "TSM Spring 2025-26"];
    expect(lastMeetingSheet(names, "2026-01-14")).toBe("TSM Autumn 2025-26");
    expect(lastMeetingSheet(names, "2025-11-14")).toBe("TSM Summer 2024-25");
    expect(lastMeetingSheet(["TSM Autumn 2025-26"], "2025-11-14")).toBeNull();
  });
});

describe("pupils from the last meeting (docs/rules.md §11)", () => {
  const autumnAnalysis = makeAnalysis([ada(100, 12), ben(100, 2), lee(100, 40)]);
  const autumn = buildWorkbookPlan(autumnAnalysis, source, { details, shareable: false, framework: "stages" });
  const autumnForm = planToGrid(autumn.sheets.find((s) => s.role === "tsm") ?? autumn.sheets[0]!);
  const key = planToGrid(autumn.sheets.find((s) => s.role === "key")!);
  // Typed at the autumn meeting, on Ada's row.
  const header = rowWith(autumnForm, "Agreed actions");
  const adaRow = rowWith(autumnForm, "Ada Lovelace", header);
  (autumnForm[adaRow] as CellValue[])[columnWith(autumnForm, header, "Agreed actions")] = "Weekly check-in with form tutor";
  (autumnForm[adaRow] as CellValue[])[columnWith(autumnForm, header, "Owner")] = "Mrs Shah";

  const spring = makeAnalysis([ada(200, 16), ben(200, 4)]);
  const springDetails = { ...details, meetingDate: "2026-01-14" };

  function springForm(shareable: boolean, tsm?: CellValue[][]) {
    const references = assignReferences(spring.pupils, { key });
    const lastMeeting = {
      sheetName: "TSM Autumn 2025-26",
      pupils: readLastMeeting(autumnForm, references, spring.pupils),
      outcomes: readTypedOutcomes(tsm),
    };
    const plan = planTsmForm({ analysis: spring, details: springDetails, shareable, framework: "stages", references, typed: readTypedTsm(tsm, references), lastMeeting });
    return { plan, grid: planToGrid(plan) };
  }

  it("lists each pupil discussed then, attendance then and now, and what was agreed, with an empty Outcome", () => {
    const { grid, plan } = springForm(false);
    const heading = rowWith(grid, "Pupils from the last meeting");
    expect(heading).toBeGreaterThan(0);
    // Before the new pupils: a meeting reviews its agreed actions first.
    expect(heading).toBeLessThan(rowWith(grid, "Pupils to discuss"));
    const table = rowWith(grid, outcomeHeading, heading);
    const col = (h: string) => columnWith(grid, table, h);
    const row = rowWith(grid, "Ada Lovelace", table);
    expect(grid[row]?.[col("Attendance then")]).toBeCloseTo(0.88, 10);
    expect(grid[row]?.[col("Attendance now")]).toBeCloseTo(0.92, 10);
    expect(grid[row]?.[col("Change")]).toBe(4);
    expect(grid[row]?.[col("Agreed actions")]).toBe("Weekly check-in with form tutor");
    expect(grid[row]?.[col("Owner")]).toBe("Mrs Shah");
    expect(grid[row]?.[col(outcomeHeading)]).toBe("");
    // Lee has left the export; Ben was not discussed (not PA in the autumn).
    const leeRow = rowWith(grid, "Lee Leaving", table);
    expect(grid[leeRow]?.[col("Attendance now")]).toBe(notInThisExport);
    expect(grid[leeRow]?.[col("Band now")]).toBe(notInThisExport);
    expect(rowWith(grid, "Ben Okri", table)).toBe(-1);
    // The Outcome cells (Ada's and Lee's) are where people type.
    const outcome = columnLetter(col(outcomeHeading));
    expect(plan.inputRanges).toContain(`${outcome}${table + 2}:${outcome}${table + 3}`);
  });

  it("shows pupils only by reference in a shareable form", () => {
    const { grid } = springForm(true);
    const heading = rowWith(grid, "Pupils from the last meeting");
    const section = grid.slice(heading, rowWith(grid, "Pupils to discuss"));
    const text = JSON.stringify(section);
    expect(text).not.toMatch(/Ada|Lovelace|A111|Lee Leaving|C333/);
    expect(text).toContain("Weekly check-in with form tutor");
    expect(text).toMatch(/P00\d/);
  });

  it("keeps an outcome typed into the new form when it is made again", () => {
    const first = springForm(false).grid;
    const table = rowWith(first, outcomeHeading, rowWith(first, "Pupils from the last meeting"));
    const row = rowWith(first, "Ada Lovelace", table);
    (first[row] as CellValue[])[columnWith(first, table, outcomeHeading)] = "Attendance up; actions continue";
    const again = springForm(false, first).grid;
    const againTable = rowWith(again, outcomeHeading, rowWith(again, "Pupils from the last meeting"));
    expect(again[rowWith(again, "Ada Lovelace", againTable)]?.[columnWith(again, againTable, outcomeHeading)]).toBe("Attendance up; actions continue");
  });

  it("never puts a row the key cannot match on a pupil: it is shown as not matched", () => {
    const references = assignReferences(spring.pupils, { key });
    // A printed reference contradicted by the row's own name: not matched.
    const forged = autumnForm.map((line) => [...line]);
    const header2 = rowWith(forged, "Agreed actions");
    const row = rowWith(forged, "Ada Lovelace", header2);
    (forged[row] as CellValue[])[columnWith(forged, header2, "Reference")] = references.byPupil[1] ?? "";
    const pupils = readLastMeeting(forged, references, spring.pupils);
    const shown = pupils.find((p) => p.reference === references.byPupil[1]);
    expect(shown?.pupil).toBeNull();
    const section = planLastMeetingSection(pupils, new Map(), { row: 0, shareable: false, meetingName: "TSM Autumn 2025-26" });
    expect(JSON.stringify(section.blocks)).toContain(unmatchedRowMarker);
  });
});
