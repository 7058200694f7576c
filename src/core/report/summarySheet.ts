import { columnLetter } from "../common/a1";
import { bandColumnHeading } from "./highlightPlan";
import { bandLabelsFor } from "../rules/bandLabels";
import type { Analysis, Band } from "../rules/pupilAnalysis";
import { academicYear, parseIsoDate, ukDate } from "../common/dates";
import {
  asFraction,
  bandCells,
  cohortRow,
  cohortTable,
  countFormat,
  notKnownText,
  percentFormat,
  shownRate,
  smallCountNote,
  wholeSchoolTable,
  withheldText,
} from "./figureTables";
import { cellId, withheldCounts } from "./disclosureControl";
import { nationalFiguresFor, nationalSourceNote, type NationalFigureTable } from "./nationalFigures";
import type { CellBlock, ChartPlan, PlanValue, SheetPlan } from "./plan";
import { estimateRowHeights } from "./rowHeights";
import { summarySheetName } from "./sheetNames";
import { planPatternSection } from "./summaryPatterns";
import { bandChartColours, bandLegendStyle } from "./styles";
import { titleText } from "./titleText";
import type { TrendPoint } from "../progress/trend";
import { tidyTsmDetails, type TsmMeetingDetails } from "./tsmDetails";

/**
 * The governors' summary (handbook section 6: data shared at governing board meetings, benchmarked
 * against national figures): whole school, pupils by band, year groups, cohorts, two charts and a legend
 * in words. Never lists pupils. Shareable mode shows counts below 3 as "<3".
 */

export interface SummarySheetInput {
  analysis: Analysis;
  details: TsmMeetingDetails;
  shareable: boolean;
  /** ISO date the summary is prepared; the meeting date when absent. */
  today?: string;
  sheetName?: string;
  /** National figures to compare with (docs/rules.md §8); the shipped table when absent. */
  nationalFigures?: NationalFigureTable;
  /** This academic year's snapshots, oldest first (docs/rules.md §11); no trend section when absent or empty. */
  trend?: readonly TrendPoint[];
}

const bandOrder: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];
const columnWidths = [44, 12, 12, 12, 12, 16];
const lastColumn = columnWidths.length - 1;
/** Rows of default height that fit on one printed portrait page at the sheet's fit-to-width scale. */
const rowsPerPrintedPage = 52;

function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

export function planSummarySheet(input: SummarySheetInput): SheetPlan {
  const { analysis, shareable } = input;
  const details = tidyTsmDetails(input.details);
  const summary = analysis.summary;
  const bandLabels = bandLabelsFor(analysis.settings.bands);
  const thresholds = analysis.settings.bands;
  const meetingIso = details.meetingDate;
  const year = academicYear(meetingIso);
  const prepared = input.today && parseIsoDate(input.today) ? input.today : meetingIso;
  const blocks: CellBlock[] = [];
  const merges: string[] = [];
  const text = (row: number, column: number, value: PlanValue, style: CellBlock["style"], format: string | null = null) =>
    blocks.push({ row, column, values: [[value]], numberFormats: [format], style });
  // Long notes wrap across the sheet's printed width instead of running off the page.
  const note = (row: number, value: string) => {
    text(row, 0, value, "noteWrap");
    merges.push(`${a1(row, 0)}:${a1(row, lastColumn)}`);
  };

  const school = details.schoolName.trim();
  text(0, 0, titleText("Attendance summary for governors", school), "title", "@");
  const period =
    summary.periodStart && summary.periodEnd && parseIsoDate(summary.periodStart) && parseIsoDate(summary.periodEnd)
      ? `Attendance from ${ukDate(summary.periodStart)} to ${ukDate(summary.periodEnd)}. `
      : "";
  note(1, `Academic year ${year}. ${period}Prepared on ${ukDate(prepared)}. No pupil is named on this sheet.`);
  note(2, shareable ? smallCountNote : "Figures for the school's own use; small groups are shown in full.");

  // Whole school against national.
  let row = 4;
  const national = nationalFiguresFor(details.phase, input.nationalFigures);
  text(row, 0, "Whole school compared with national figures", "heading");
  note(row + 1, nationalSourceNote(national));
  row += 2;
  const wholeSchool = wholeSchoolTable(summary, national, shareable, { row, column: 0, labelSpan: 1 });
  blocks.push(...wholeSchool.blocks);
  row += wholeSchool.height + 1;

  // Pupils by band: colour and words together.
  text(row, 0, "Pupils by attendance band", "heading");
  note(row + 1, "Each pupil is counted once, in their most serious band: severely absent pupils are not counted again as persistent.");
  row += 2;
  const bandHeaderRow = row;
  blocks.push({ row, column: 0, values: [["Band", "Pupils", "% of pupils", "What it means", null, null]], style: "tableHeader" });
  // "What it means" spans the last three columns and wraps, so it stays inside the printed page.
  merges.push(`${a1(row, 3)}:${a1(row, lastColumn)}`);
  bandOrder.forEach((band, i) => {
    // Shareable: "<3", or "[c]" where the other figures would give a small count away (disclosureControl.ts).
    const [shown, share] = bandCells(summary, band, shareable);
    text(row + 1 + i, 0, bandLabels[band].long, bandLegendStyle[band], "@");
    blocks.push({ row: row + 1 + i, column: 1, values: [[shown, share]], numberFormats: [countFormat, percentFormat], style: "value" });
    blocks.push({
      row: row + 1 + i,
      column: 3,
      values: [[bandLabels[band].description, null, null]],
      numberFormats: ["@", null, null],
      style: "valueWrap",
    });
    merges.push(`${a1(row + 1 + i, 3)}:${a1(row + 1 + i, lastColumn)}`);
  });
  row += bandOrder.length + 2;

  // This year's snapshots (docs/rules.md §11): whole-school figures only, never a pupil.
  const trend = input.trend ?? [];
  const withheld = withheldCounts(summary, shareable);
  // A rate made up of fewer than 3 pupils is hidden in a shareable copy, as elsewhere (docs/rules.md §14);
  // the latest point is this analysis, so a rate the whole-school table withholds ("[c]") is withheld here too.
  const trendRows = trend.map((point, i): PlanValue[] => {
    const latest = i === trend.length - 1;
    const rate = (id: string, percent: number | null, count: number) => (latest && withheld.has(id) ? withheldText : shownRate(percent, count, shareable));
    return [
      ukDate(point.date),
      rate(cellId.pa, point.persistentRate, point.persistentCount),
      rate(cellId.band("severe"), point.severeRate, point.severeCount),
      point.attendancePercent === null ? notKnownText : asFraction(point.attendancePercent),
    ];
  });
  const trendHeadings = ["Analysis (data as at)", "PA rate", "SA rate", "Attendance"];
  let trendRange: string | null = null;
  if (trend.length > 0) {
    text(row, 0, "This academic year, analysis by analysis", "heading");
    note(
      row + 1,
      "Each analysis of the year is kept in the school's workbook; these are its whole-school figures, oldest first. " +
        (trend.length > 1 ? "The chart below shows the same figures." : "A chart appears once there are two analyses to compare."),
    );
    row += 2;
    blocks.push({ row, column: 0, values: [trendHeadings], style: "tableHeader" });
    blocks.push({ row: row + 1, column: 0, values: trendRows, numberFormats: ["@", percentFormat, percentFormat, percentFormat], style: "value" });
    if (trend.length > 1) trendRange = `${a1(row, 0)}:${a1(row + trend.length, 3)}`;
    row += trend.length + 2;
  }

  // Year groups and cohorts.
  text(row, 0, "Year groups", "heading");
  row += 1;
  const years = cohortTable(summary.byYearGroup, summary, shareable, { row, column: 0, labelSpan: 1 }, "year groups");
  blocks.push(...years.blocks);
  row += years.height + 1;
  text(row, 0, "Groups of pupils", "heading");
  note(row + 1, "Characteristics the export gives (for example Pupil Premium, SEN support, EAL), against the whole school.");
  row += 2;
  const groups = cohortTable(summary.byCharacteristic, summary, shareable, { row, column: 0, labelSpan: 1 }, "characteristics");
  blocks.push(...groups.blocks);
  row += groups.height + 1;

  // Legend in words.
  text(row, 0, "How to read this sheet", "heading");
  row += 1;
  const legendLines = [
    ...bandOrder.map((band) => `${bandLabels[band].long}: ${bandLabels[band].description}.`),
    "Colours are a guide only: every band is also written in words.",
    `PA rate: pupils who missed ${thresholds.persistentPercent}% or more of their possible sessions, as a share of pupils with attendance data (severe absence included).`,
    `SA rate: pupils who missed ${thresholds.severePercent}% or more of their possible sessions.`,
    "Gap to whole school: the group's PA rate minus the whole school's, in percentage points (pp); above zero means higher absence.",
  ];
  legendLines.forEach((line, i) => note(row + i, line));
  row += legendLines.length + 1;

  // Chart data for pupils by band. A chart draws only numbers: in a shareable copy the band table shows "<3" or
  // "[c]" (text), which Excel would take for category labels, leaving the chart with no series at all. So the
  // chart reads a table of its own where a suppressed figure is a blank (no bar), as the group chart does, and
  // with no figure left to draw there is no chart.
  const charts: ChartPlan[] = [];
  const bandFigures = bandOrder.map((band) => {
    const shown = bandCells(summary, band, shareable)[0];
    return typeof shown === "number" ? shown : null;
  });
  let bandChartRange: string | null = bandFigures.some((v) => v !== null) ? `${a1(bandHeaderRow, 0)}:${a1(bandHeaderRow + bandOrder.length, 1)}` : null;
  if (shareable && bandChartRange) {
    text(row, 0, "Chart data: pupils by attendance band", "heading");
    row += 1;
    blocks.push({ row, column: 0, values: [["Band", "Pupils"]], style: "tableHeader" });
    blocks.push({
      row: row + 1,
      column: 0,
      values: bandOrder.map((band, i): PlanValue[] => [bandLabels[band].long, bandFigures[i] ?? null]),
      numberFormats: ["@", countFormat],
      style: "value",
    });
    bandChartRange = `${a1(row, 0)}:${a1(row + bandOrder.length, 1)}`;
    row += bandOrder.length + 2;
  }

  // Chart data for the year's analyses: as for the bands, a hidden rate ("<3", "[c]", "Not known") is text that
  // Excel would take for labels, so the chart reads its own table with a blank in its place.
  const trendFigures = trendRows.map((line) => line.map((value, c) => (c === 0 || typeof value === "number" ? value : null)));
  if (trendRange && trendFigures.some((line, i) => line.some((value, c) => value !== trendRows[i]?.[c]))) {
    if (trendFigures.some((line) => line.slice(1).some((value) => typeof value === "number"))) {
      text(row, 0, "Chart data: this academic year, analysis by analysis", "heading");
      row += 1;
      blocks.push({ row, column: 0, values: [trendHeadings], style: "tableHeader" });
      blocks.push({ row: row + 1, column: 0, values: trendFigures, numberFormats: ["@", percentFormat, percentFormat, percentFormat], style: "value" });
      trendRange = `${a1(row, 0)}:${a1(row + trend.length, 3)}`;
      row += trend.length + 2;
    } else {
      trendRange = null;
    }
  }

  // Chart data for PA rate by group, beside the whole-school rate.
  const cohorts = [...summary.byYearGroup, ...summary.byCharacteristic];
  let chartDataRange: string | null = null;
  if (cohorts.length > 0) {
    text(row, 0, "Chart data: persistent absence rate by group", "heading");
    row += 1;
    const header = ["Group", "Group PA rate", "Whole-school PA rate"];
    const wholeRate = summary.persistentRate === null ? null : asFraction(summary.persistentRate);
    // The same suppression as the cohort tables: a rate shown there as "n/a (<3)" is not charted.
    const values = cohorts.map((cohort): PlanValue[] => {
      const shown = cohortRow(cohort, summary, shareable)[3] ?? null;
      return [cohort.label, typeof shown === "number" ? shown : null, wholeRate];
    });
    blocks.push({ row, column: 0, values: [header], style: "tableHeader" });
    blocks.push({ row: row + 1, column: 0, values, numberFormats: ["@", percentFormat, percentFormat], style: "value" });
    // Only a table with a figure to draw gets a chart (a chart of blanks has no series).
    if (values.some((line) => typeof line[1] === "number" || typeof line[2] === "number")) chartDataRange = `${a1(row, 0)}:${a1(row + cohorts.length, 2)}`;
    row += cohorts.length + 2;
  }

  // Charts below the tables, so the sheet prints one page wide in portrait; each starts on a fresh page
  // when it would otherwise be split across two.
  const pageBreaksBefore: number[] = [row];
  const bandChartRows = bandChartRange ? 16 : 0;
  if (bandChartRange) {
    charts.push({
      kind: "columnClustered",
      title: "Pupils by attendance band",
      dataRange: bandChartRange,
      seriesColours: ["#1F3864"],
      pointColours: bandOrder.map((band) => bandChartColours[band]),
      anchor: { row, column: 0, rows: bandChartRows, columns: 5 },
      xAxisTitle: bandColumnHeading,
      yAxisTitle: "Pupils",
      valueAxisNumberFormat: "0",
      everyCategoryLabel: true,
    });
    row += bandChartRows + 1;
  }
  if (chartDataRange) {
    // Three rows a group: room for both bars and a label (up to three lines) for every group.
    const groupChartRows = Math.max(16, cohorts.length * 3 + 8);
    if (bandChartRows + 1 + groupChartRows > rowsPerPrintedPage) pageBreaksBefore.push(row);
    charts.push({
      kind: "barClustered",
      title: "Persistent absence rate by group, compared with the whole school",
      dataRange: chartDataRange,
      seriesColours: [bandChartColours.persistent, "#1F3864"],
      pointColours: null,
      anchor: { row, column: 0, rows: groupChartRows, columns: 5 },
      // Titles follow the adapters: x names the categories, y the values (drawn along the bottom of horizontal bars).
      xAxisTitle: null,
      yAxisTitle: "Persistent absence rate",
      // The figures are fractions shown as percentages; only the group's bars carry a label, so they do not crowd.
      valueAxisNumberFormat: "0%",
      everyCategoryLabel: true,
      labelledSeries: [0],
    });
    row += groupChartRows + 1;
  }
  if (trendRange) {
    const trendChartRows = Math.max(16, trend.length + 10);
    pageBreaksBefore.push(row);
    charts.push({
      kind: "columnClustered",
      title: "PA rate, SA rate and attendance this academic year",
      dataRange: trendRange,
      seriesColours: [bandChartColours.persistent, bandChartColours.severe, "#1F3864"],
      pointColours: null,
      anchor: { row, column: 0, rows: trendChartRows, columns: 5 },
      xAxisTitle: "Analysis (data as at)",
      yAxisTitle: "% of pupils / of sessions",
      valueAxisNumberFormat: "0%",
      everyCategoryLabel: true,
      // A figure on every bar of a year of weekly analyses would crowd: the table above gives them.
      ...(trend.length > 6 ? { labelledSeries: [] } : {}),
    });
    row += trendChartRows + 1;
  }
  // docs/rules.md §10: the school's weekday profile and attendance week by week, where the sheet has marks.
  if (summary.sessionPatterns) {
    const section = planPatternSection(summary.sessionPatterns, row, lastColumn);
    blocks.push(...section.blocks);
    merges.push(...section.merges);
    charts.push(...section.charts);
    pageBreaksBefore.push(...section.pageBreaksBefore);
    row += section.height;
  }
  if (shareable) note(row, "Bars are not drawn for groups or bands shown as \"<3\" or \"[c]\".");
  if (!bandChartRange || (cohorts.length > 0 && !chartDataRange) || (trend.length > 1 && !trendRange)) {
    note(row + (shareable ? 1 : 0), "A chart is left out where every figure it would draw is hidden to protect small groups.");
  }

  return {
    role: "summary",
    name: input.sheetName ?? summarySheetName(meetingIso),
    tabColour: "#2E75B6",
    blocks,
    columnWidths,
    merges,
    freeze: null,
    conditionalFormats: [],
    dataValidations: [],
    print: {
      orientation: "portrait",
      fitToPagesWide: 1,
      repeatRows: null,
      headerCentre: titleText(school, "Attendance summary for governors", year),
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
      pageBreaksBefore,
    },
    charts,
    inputRanges: [],
    schoolOnly: false,
    rowHeights: estimateRowHeights(blocks, columnWidths, merges),
  };
}
