import type { Grid } from "../../src/core/read/grid";
import type { ConditionalFormatPlan, SheetPlan, WorkbookPlan } from "../../src/core/report/plan";
import type { Band } from "../../src/core/rules/pupilAnalysis";

/**
 * A small hand-made workbook plan for the writer's tests, independent of the report builders:
 * a pasted export with awkward names, the highlight, a TSM form, a summary with charts and a school-only key.
 */
export const sourceSheetName = "Export";

/** Row 0 is a title, row 1 odd cells (a fraction, booleans), row 2 the header, rows 3–8 pupils (0-based rows, grid at A1). */
export function sampleGrid(): Grid {
  return [
    ["Attendance export 2025/26", "", "", "", "", ""],
    ["Exported", 46000.5, true, false, "", ""],
    ["UPN", "Name", "Year", "Possible", "Missed", "Phone"],
    ["A123456789012", '=HYPERLINK("x")', 7, 150, 80, "+44 7700 900123"],
    ["B123456789012", "-5", 8, 150, 20, "01234 567890"],
    ["C123456789012", "@x", 9, 150, 10, ""],
    ["D123456789012", "Ann & Bob <Smith>", 10, 150, 2, "+44 7700 900456"],
    ["E123456789012", "O'Neil, Siobhán", 11, 0, 0, ""],
    ["F123456789012", "  Chen Wei ", "7", "150", "16", "=1+1"],
  ];
}

export const bandRows: { band: Band; label: string; fill: string; font: string }[] = [
  { band: "severe", label: "Severe absence (SA)", fill: "#800020", font: "#FFFFFF" },
  { band: "persistent", label: "Persistent absence (PA)", fill: "#E66100", font: "#000000" },
  { band: "at-risk", label: "At risk", fill: "#F5C518", font: "#000000" },
  { band: "no-data", label: "No data", fill: "#E7E6E6", font: "#404040" },
];

/** The highlight starts one empty column after F, at H (column 7); the band is in H. */
const firstAdded = 7;

function bandRules(range: string, bandCell: string): ConditionalFormatPlan[] {
  return bandRows.map((b) => ({
    range,
    formula: `=${bandCell}="${b.label}"`,
    fill: b.fill,
    fontColor: b.font,
    bold: b.band === "severe",
    band: b.band,
  }));
}

function tsmSheet(): SheetPlan {
  return {
    role: "tsm",
    name: "TSM Autumn 2025-26",
    tabColour: "#1F3864",
    blocks: [
      { row: 0, column: 0, values: [["Targeting Support Meeting record"]], style: "title" },
      { row: 1, column: 0, values: [["OFFICIAL-SENSITIVE: pupil information"]], style: "warning" },
      { row: 3, column: 0, values: [["School"], ["Meeting date"]], style: "label" },
      { row: 3, column: 1, values: [["Hilltop Academy & Sixth Form"], [46000]], numberFormats: ["dd/mm/yyyy"], style: "input" },
      {
        row: 6,
        column: 0,
        values: [["Ref", "Year", "Attendance", "Band", "Agreed actions", "Review date", "Sessions"]],
        style: "tableHeader",
      },
      {
        row: 7,
        column: 0,
        values: [
          ["P1", 7, 0.4667, "Severe absence (SA)", null, null, null],
          ["P2", 8, 0.8667, "Persistent absence (PA)", "Parenting contract", 46010, 3],
        ],
        numberFormats: ["@", "0", "0.0%", "@", "@", "dd/mm/yyyy", "0"],
        style: "value",
      },
    ],
    columnWidths: [10, 8, 12, 24, 30, 14, 10],
    merges: ["A1:G1", "A2:G2"],
    freeze: { rows: 7, columns: 1 },
    conditionalFormats: bandRules("A8:G9", "$D8"),
    dataValidations: [
      { range: "D8:D9", kind: "list", list: ["Severe absence (SA)", "Persistent absence (PA)", 'Say "no"'], prompt: "Pick a band.", error: "Choose a band from the list." },
      { range: "F8:F9", kind: "date", prompt: "Type the review date as dd/mm/yyyy.", error: "That is not a date." },
      { range: "G8:G9", kind: "wholeNumber", minimum: 0, maximum: 999, prompt: "Sessions, 0 to 999.", error: "Type a whole number from 0 to 999." },
    ],
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      repeatRows: { first: 6, last: 6 },
      headerCentre: "OFFICIAL-SENSITIVE",
      footerCentre: "Hilltop Academy & Sixth Form: TSM Autumn 2025/26",
      footerRight: "Printed 14/11/2025, page {page} of {pages}",
    },
    charts: [],
    inputRanges: ["B4:B5", "E8:G9"],
    schoolOnly: false,
    // The table header (row 7) and the second pupil's row hold wrapped text.
    rowHeights: [
      { row: 6, height: 48 },
      { row: 8, height: 63 },
    ],
  };
}

function summarySheet(): SheetPlan {
  return {
    role: "summary",
    name: "Governors summary 2025-26",
    tabColour: null,
    blocks: [
      { row: 0, column: 0, values: [["Attendance summary for governors"]], style: "title" },
      {
        row: 2,
        column: 0,
        values: [["Band", "Pupils"]],
        style: "tableHeader",
      },
      {
        row: 3,
        column: 0,
        values: [
          ["Severe absence (SA)", 1],
          ["Persistent absence (PA)", 2],
          ["At risk", "<3"],
          ["Expected", 2],
        ],
        numberFormats: ["@", "0"],
        style: "value",
      },
      { row: 9, column: 0, values: [["Year", "This school", "National"], ["Year 7", 0.05, 0.071], ["Year 8", 0.12, 0.071]], numberFormats: ["@", "0.0%", "0.0%"] },
    ],
    columnWidths: [26, 12, 12],
    merges: [],
    freeze: null,
    conditionalFormats: [],
    dataValidations: [],
    print: {
      orientation: "portrait",
      fitToPagesWide: 1,
      repeatRows: null,
      headerCentre: "Governors summary",
      footerCentre: "",
      footerRight: "Page {page} of {pages}",
      pageBreaksBefore: [18],
    },
    charts: [
      {
        kind: "barClustered",
        title: "Pupils by attendance band",
        dataRange: "A3:B7",
        seriesColours: ["#A6A6A6"],
        pointColours: ["#800020", "#E66100", "#F5C518", "#A6A6A6"],
        anchor: { row: 2, column: 4, rows: 15, columns: 8 },
        xAxisTitle: "Band",
        yAxisTitle: "Pupils",
      },
      {
        kind: "columnClustered",
        title: "Absence by year group",
        dataRange: "A10:C12",
        seriesColours: ["#1F3864", "#A6A6A6"],
        pointColours: null,
        anchor: { row: 18, column: 4, rows: 15, columns: 8 },
        xAxisTitle: null,
        yAxisTitle: "Absence rate",
        valueAxisNumberFormat: "0%",
        everyCategoryLabel: true,
        labelledSeries: [0],
      },
    ],
    inputRanges: [],
    schoolOnly: false,
  };
}

function keySheet(): SheetPlan {
  return {
    role: "key",
    name: "Pupil key (school only)",
    tabColour: "#9C0006",
    blocks: [{ row: 0, column: 0, values: [["Ref", "Name"], ["P1", '=HYPERLINK("x")'], ["P2", "-5"]], numberFormats: ["@", "@"] }],
    columnWidths: [8, 24],
    merges: [],
    freeze: { rows: 1, columns: 0 },
    conditionalFormats: [],
    dataValidations: [],
    print: null,
    charts: [],
    inputRanges: [],
    schoolOnly: true,
  };
}

export function samplePlan(): WorkbookPlan {
  return {
    highlight: {
      sheetName: sourceSheetName,
      headerRow: 2,
      firstDataRow: 3,
      lastDataRow: 8,
      firstColumn: firstAdded,
      headings: ["Attendance band", "Stage", "Why"],
      values: [
        ["Severe absence (SA)", 5, "Missed 53.3% of possible sessions"],
        ["Persistent absence (PA)", 2, "Missed 13.3%"],
        ["At risk", 1, "Missed 6.7%"],
        ["Expected", 0, "Missed 1.3%"],
        ["No data", null, "No possible sessions"],
        ["Persistent absence (PA)", 3, "=SUM(A1)"],
      ],
      numberFormats: ["@", "0", "@"],
      columnWidths: [24, 8, 40],
      // Nothing wraps and no row gets a height (planHighlight's wrapped suggestion and its heights are
      // checked end to end in endToEnd.test.ts); "Why" is last and runs on to its right.
      columnStyles: [null, null, null],
      headingStyle: "tableHeaderSingleLine",
      print: {
        orientation: "landscape",
        fitToPagesWide: 0,
        repeatRows: { first: 2, last: 2 },
        repeatColumns: { first: 0, last: 1 },
        printAreas: [{ firstRow: 0, firstColumn: 0, lastRow: 8, lastColumn: 15 }],
        headerCentre: "Export – attendance bands",
        footerCentre: "OFFICIAL-SENSITIVE",
        footerRight: "Page {page} of {pages}",
      },
      conditionalFormats: bandRules("A4:J9", "$H4"),
      legend: {
        row: 2,
        column: 11,
        entries: [
          { style: "legendSevere", label: "Severe absence (SA)", meaning: "Missed 50% or more" },
          { style: "legendPersistent", label: "Persistent absence (PA)", meaning: "Missed 10% or more" },
        ],
        columnWidths: [26, 36],
        meaningStyle: "value",
      },
      marker: "attendance-insight:highlight:v1",
    },
    sheets: [tsmSheet(), summarySheet(), keySheet()],
  };
}
