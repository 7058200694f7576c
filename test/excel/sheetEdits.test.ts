import { isAddInWrite } from "../../src/excel/sheetEdits";
import type { HighlightRecord } from "../../src/excel/storedState";

// Data in A1:K7; Analyse's columns in L1:N7 and its legend in P1:Q6 (0-based rectangles).
const record: HighlightRecord = {
  sheetName: "Export",
  area: { firstRow: 0, firstColumn: 11, lastRow: 6, lastColumn: 13 },
  headings: ["Attendance band", "Why", "Suggested stage"],
  legend: { firstRow: 0, firstColumn: 15, lastRow: 5, lastColumn: 16 },
};

describe("telling the add-in's own writes from the user's edits", () => {
  test("Analyse writing its columns or legend is the add-in's own", () => {
    expect(isAddInWrite("L1:N7", record)).toBe(true);
    expect(isAddInWrite("M4", record)).toBe(true);
    expect(isAddInWrite("P1:Q6", record)).toBe(true);
  });

  test("an edit touching the pasted data is the user's", () => {
    expect(isAddInWrite("F3", record)).toBe(false);
    expect(isAddInWrite("A1:N7", record)).toBe(false);
    // A row pasted below the analysed rows.
    expect(isAddInWrite("A8:K8", record)).toBe(false);
  });

  test("with no record, or an address it cannot read, every change is the user's", () => {
    expect(isAddInWrite("L1", undefined)).toBe(false);
    expect(isAddInWrite("L1,M2", record)).toBe(false);
  });
});
