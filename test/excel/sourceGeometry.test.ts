import type { HighlightPlan } from "../../src/core/report/plan";
import { extract, locatePrevious, sourceRect, targetProblem, type UsedCells } from "../../src/excel/sourceGeometry";
import type { HighlightRecord } from "../../src/excel/storedState";

/** Plain arrays in, plain answers out: no Office.js, no fake. */
const used: UsedCells = {
  rect: { firstRow: 0, firstColumn: 0, lastRow: 4, lastColumn: 5 },
  values: [
    ["Name", "Poss", "", "", "", ""],
    ["Ava", 100, "", "", "", ""],
    ["Ben", 90, "", "", "", ""],
    ["", "", "", "", "", ""],
    ["", "", "", "", "", ""],
  ],
};

function plan(firstColumn: number, rows = 3): HighlightPlan {
  return {
    sheetName: "Export",
    headerRow: 0,
    firstDataRow: 1,
    lastDataRow: rows - 1,
    firstColumn,
    headings: ["Attendance band", "Why"],
    values: [],
    numberFormats: [],
    columnWidths: [],
    conditionalFormats: [],
    legend: { row: 0, column: firstColumn + 3, entries: [] },
    marker: "m",
  };
}

describe("source geometry", () => {
  test("trims trailing empty rows and columns", () => {
    expect(extract(used, used.rect)).toEqual([
      ["Name", "Poss"],
      ["Ava", 100],
      ["Ben", 90],
    ]);
  });

  test("a chosen area is clamped to the used cells and stops before the add-in's earlier columns", () => {
    expect(sourceRect(used, { firstRow: 1, firstColumn: 0, lastRow: 99, lastColumn: 1 }, null)).toEqual({ firstRow: 1, firstColumn: 0, lastRow: 4, lastColumn: 1 });
    const previous = { area: { firstRow: 0, firstColumn: 4, lastRow: 2, lastColumn: 5 }, legend: null };
    expect(sourceRect(used, null, previous)?.lastColumn).toBe(2);
    expect(sourceRect(null, null, null)).toBeNull();
  });

  test("the earlier output is the add-in's only while its headings are still there", () => {
    const record: HighlightRecord = { marker: "m", sheetName: "Export", area: { firstRow: 0, firstColumn: 3, lastRow: 2, lastColumn: 4 }, headings: ["Attendance band", "Why"], legend: null };
    expect(locatePrevious(record, null, used)).toBeNull();
    const withHeadings: UsedCells = { ...used, values: used.values.map((row, r) => (r === 0 ? ["Name", "Poss", "", "Attendance band", "Why", ""] : row)) };
    expect(locatePrevious(record, null, withHeadings)?.area).toEqual(record.area);
  });

  test("a recorded legend is cleared only if it still starts with a band label", () => {
    const record: HighlightRecord = {
      marker: "m",
      sheetName: "Export",
      area: { firstRow: 0, firstColumn: 2, lastRow: 2, lastColumn: 3 },
      headings: ["Attendance band", "Why"],
      legend: { firstRow: 0, firstColumn: 5, lastRow: 1, lastColumn: 6 },
    };
    const values = used.values.map((row, r) => (r === 0 ? ["Name", "Poss", "Attendance band", "Why", "", "My own notes"] : row));
    expect(locatePrevious(record, null, { ...used, values })?.legend).toBeNull();
  });

  test("the cells the highlight writes must be free, or the add-in's own", () => {
    expect(targetProblem(used, null, plan(3), "Export")).toBeNull();
    expect(targetProblem(used, null, plan(1), "Export")).toMatch(/^Analyse adds its columns from column B onwards, but cell B1 on “Export” is not empty\./);
    const previous = { area: { firstRow: 0, firstColumn: 1, lastRow: 2, lastColumn: 1 }, legend: null };
    expect(targetProblem(used, previous, plan(1), "Export")).toBeNull();
  });
});
