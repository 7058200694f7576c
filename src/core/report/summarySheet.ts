import { columnLetter } from "../read/grid";
import { bandLabelsFor } from "../rules/bandLabels";
import type { Analysis, Band } from "../rules/pupilAnalysis";
import { academicYear, formatUkDate, parseIsoDate } from "./academicCalendar";
import {
  asFraction,
  cohortRow,
  cohortTable,
  countFormat,
  percentFormat,
  shownCount,
  smallCountNote,
  smallCountText,
  suppressedRateText,
  wholeSchoolTable,
} from "./figureTables";
import { nationalFiguresFor } from "./nationalFigures";
import type { CellBlock, ChartPlan, PlanValue, SheetPlan } from "./plan";
import { summarySheetName } from "./sheetNames";
import { bandChartColours, bandLegendStyle } from "./styles";
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
}

const bandOrder: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

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

  const school = details.schoolName.trim();
  text(0, 0, `Attendance summary for governors – ${school}`, "title", "@");
  const period =
    summary.periodStart && summary.periodEnd && parseIsoDate(summary.periodStart) && parseIsoDate(summary.periodEnd)
      ? `Attendance from ${formatUkDate(summary.periodStart)} to ${formatUkDate(summary.periodEnd)}. `
      : "";
  text(1, 0, `Academic year ${year}. ${period}Prepared on ${formatUkDate(prepared)}. No pupil is named on this sheet.`, "note");
  text(2, 0, shareable ? smallCountNote : "Figures for the school's own use; small groups are shown in full.", "note");

  // Whole school against national.
  let row = 4;
  const national = nationalFiguresFor(details.phase);
  text(row, 0, "Whole school compared with national figures", "heading");
  text(row + 1, 0, `National figures: ${national.source}, England, state-funded schools.`, "note");
  row += 2;
  const wholeSchool = wholeSchoolTable(summary, national, shareable, { row, column: 0, labelSpan: 1 });
  blocks.push(...wholeSchool.blocks);
  row += wholeSchool.height + 1;

  // Pupils by band: colour and words together.
  text(row, 0, "Pupils by attendance band", "heading");
  text(row + 1, 0, "Each pupil is counted once, in their most serious band: severely absent pupils are not counted again as persistent.", "note");
  row += 2;
  const bandHeaderRow = row;
  blocks.push({ row, column: 0, values: [["Band", "Pupils", "% of pupils", "What it means"]], style: "tableHeader" });
  bandOrder.forEach((band, i) => {
    const count = summary.bandCounts[band];
    const shown = shownCount(count, shareable);
    const share: PlanValue =
      shown === smallCountText ? suppressedRateText : summary.pupils > 0 ? asFraction((count / summary.pupils) * 100) : null;
    text(row + 1 + i, 0, bandLabels[band].long, bandLegendStyle[band], "@");
    blocks.push({
      row: row + 1 + i,
      column: 1,
      values: [[shown, share, bandLabels[band].description]],
      numberFormats: [countFormat, percentFormat, "@"],
      style: "value",
    });
  });
  row += bandOrder.length + 2;

  // Year groups and cohorts.
  text(row, 0, "Year groups", "heading");
  row += 1;
  const years = cohortTable(summary.byYearGroup, summary, shareable, { row, column: 0, labelSpan: 1 });
  blocks.push(...years.blocks);
  row += years.height + 1;
  text(row, 0, "Groups of pupils", "heading");
  text(row + 1, 0, "Characteristics the export gives (for example Pupil Premium, SEN support, EAL), against the whole school.", "note");
  row += 2;
  const groups = cohortTable(summary.byCharacteristic, summary, shareable, { row, column: 0, labelSpan: 1 });
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
  legendLines.forEach((line, i) => text(row + i, 0, line, "note"));
  row += legendLines.length + 1;

  // Chart data for PA rate by group, beside the whole-school rate.
  const cohorts = [...summary.byYearGroup, ...summary.byCharacteristic];
  const charts: ChartPlan[] = [];
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
    chartDataRange = `${a1(row, 0)}:${a1(row + cohorts.length, 2)}`;
    row += cohorts.length + 2;
  }

  // Charts below the tables, so the sheet prints one page wide in portrait.
  charts.push({
    kind: "columnClustered",
    title: "Pupils by attendance band",
    dataRange: `${a1(bandHeaderRow, 0)}:${a1(bandHeaderRow + bandOrder.length, 1)}`,
    seriesColours: ["#1F3864"],
    pointColours: bandOrder.map((band) => bandChartColours[band]),
    anchor: { row, column: 0, rows: 16, columns: 5 },
    xAxisTitle: "Attendance band",
    yAxisTitle: "Pupils",
  });
  row += 17;
  if (chartDataRange) {
    charts.push({
      kind: "barClustered",
      title: "Persistent absence rate by group, compared with the whole school",
      dataRange: chartDataRange,
      seriesColours: [bandChartColours.persistent, "#1F3864"],
      pointColours: null,
      anchor: { row, column: 0, rows: Math.max(16, cohorts.length + 6), columns: 5 },
      xAxisTitle: "Persistent absence rate",
      yAxisTitle: null,
    });
    row += Math.max(16, cohorts.length + 6) + 1;
  }
  if (shareable) text(row, 0, "Bars are not drawn for groups or bands shown as \"<3\".", "note");

  return {
    role: "summary",
    name: input.sheetName ?? summarySheetName(meetingIso),
    tabColour: "#2E75B6",
    blocks,
    columnWidths: [44, 12, 12, 12, 12, 16],
    merges,
    freeze: null,
    conditionalFormats: [],
    dataValidations: [],
    print: {
      orientation: "portrait",
      fitToPagesWide: 1,
      repeatRows: null,
      headerCentre: `${school} – Attendance summary for governors – ${year}`,
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    },
    charts,
    inputRanges: [],
    schoolOnly: false,
  };
}
