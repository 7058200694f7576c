import { columnLetter } from "../common/a1";
import type { CohortPatterns } from "../rules/patterns/cohortPatterns";
import { ukDate } from "../common/dates";
import { asFraction, countFormat, percentFormat } from "./figureTables";
import type { CellBlock, ChartPlan, PlanValue } from "./plan";

/**
 * The governors' summary's patterns (docs/rules.md §10 "Cohort"; handbook level 1: "identify patterns of
 * absence at cohort and individual level"): the school's weekday profile and its attendance week by week,
 * each as a table with its chart right below it, so the figures are there in words and numbers for a
 * reader who cannot see the colours or prints in grey. Whole-school figures only: no pupil, no small count.
 */
export interface PatternSection {
  blocks: CellBlock[];
  merges: string[];
  charts: ChartPlan[];
  /** Rows that start a printed page, so neither table is parted from its chart. */
  pageBreaksBefore: number[];
  /** Rows used, from the first. */
  height: number;
}

const chartColour = "#1F3864";
const weekdayChartRows = 15;
/** Rows of default height on one printed portrait page at the summary's scale (as summarySheet.ts). */
const rowsPerPrintedPage = 52;

function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

function fraction(percent: number | null): PlanValue {
  return percent === null ? null : asFraction(percent);
}

export function planPatternSection(patterns: CohortPatterns, firstRow: number, lastColumn: number): PatternSection {
  const blocks: CellBlock[] = [];
  const merges: string[] = [];
  const charts: ChartPlan[] = [];
  const pageBreaksBefore: number[] = [firstRow];
  const note = (row: number, text: string) => {
    blocks.push({ row, column: 0, values: [[text]], numberFormats: ["@"], style: "noteWrap" });
    merges.push(`${a1(row, 0)}:${a1(row, lastColumn)}`);
  };
  let row = firstRow;

  // Weekday profile.
  blocks.push({ row, column: 0, values: [["Absence by day of the week"]], style: "heading" });
  note(row + 1, "Sessions missed as a share of the sessions pupils could attend on that day, for the whole school. A day well above the others can point to a pattern worth asking about.");
  row += 2;
  const weekdayHeader = row;
  blocks.push({ row, column: 0, values: [["Day", "Sessions missed", "Mornings", "Afternoons"]], style: "tableHeader" });
  const weekdayRows = patterns.weekdays.map((day): PlanValue[] => [
    day.weekday,
    fraction(day.missedPercent),
    fraction(day.amMissedPercent),
    fraction(day.pmMissedPercent),
  ]);
  blocks.push({ row: row + 1, column: 0, values: weekdayRows, numberFormats: ["@", percentFormat, percentFormat, percentFormat], style: "value" });
  row += weekdayRows.length + 2;
  charts.push({
    kind: "columnClustered",
    title: "Sessions missed by day of the week",
    dataRange: `${a1(weekdayHeader, 0)}:${a1(weekdayHeader + weekdayRows.length, 1)}`,
    seriesColours: [chartColour],
    pointColours: null,
    anchor: { row, column: 0, rows: weekdayChartRows, columns: 5 },
    xAxisTitle: "Day",
    yAxisTitle: "Sessions missed",
    valueAxisNumberFormat: "0%",
    everyCategoryLabel: true,
  });
  row += weekdayChartRows + 1;

  // Attendance week by week.
  pageBreaksBefore.push(row);
  blocks.push({ row, column: 0, values: [["Attendance week by week"]], style: "heading" });
  note(row + 1, "Whole-school attendance in each school week (a week in which the school was open), named by its first school day.");
  row += 2;
  const weekHeader = row;
  blocks.push({ row, column: 0, values: [["Week beginning", "Attendance", "Sessions possible"]], style: "tableHeader" });
  const weekRows = patterns.weeks.map((week): PlanValue[] => [
    ukDate(week.weekStart),
    fraction(week.attendancePercent),
    week.possible,
  ]);
  blocks.push({ row: row + 1, column: 0, values: weekRows, numberFormats: ["@", percentFormat, countFormat], style: "value" });
  row += weekRows.length + 2;
  // Room for a column and a date label per week.
  const weekChartRows = Math.max(16, Math.min(40, Math.ceil(weekRows.length / 2) + 12));
  // A long year's table fills the page: the chart then starts the next one rather than being split.
  if (row - weekHeader + 2 + weekChartRows > rowsPerPrintedPage) pageBreaksBefore.push(row);
  charts.push({
    kind: "columnClustered",
    title: "Whole-school attendance week by week",
    dataRange: `${a1(weekHeader, 0)}:${a1(weekHeader + weekRows.length, 1)}`,
    seriesColours: [chartColour],
    pointColours: null,
    anchor: { row, column: 0, rows: weekChartRows, columns: 5 },
    xAxisTitle: "Week beginning",
    yAxisTitle: "Attendance",
    valueAxisNumberFormat: "0%",
    everyCategoryLabel: true,
    // The figures are in the table beside the chart; on every bar they would crowd.
    labelledSeries: [],
  });
  row += weekChartRows + 1;

  return { blocks, merges, charts, pageBreaksBefore, height: row - firstRow };
}
