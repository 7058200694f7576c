import fc from "fast-check";
import type { CellValue, Grid } from "../../../src/core/read/grid";
import { readGridChecked } from "../../../src/core/read/readGrid";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.double(), // includes NaN, ±Infinity, -0
  fc.integer({ min: -1000, max: 100_000 }),
  fc.boolean(),
  fc.constantFrom("", " ", "Y", "N", "K", "E", "/", "\\", "#", "Total", "93.2%", "0.932", "Year 7", "R", "WROM", "abc", "AM", "PM", "Mon 01/09/2025", 45901),
);

const headings = [
  "UPN", "Name", "Surname", "Forename", "Year", "Reg Group", "Poss", "Possible Sessions", "Possible Marks", "Present",
  "Attended", "AEA", "Auth", "Unauth", "Absences", "% Attendance", "Att %", "FSM", "PP", "SEN", "EAL", "Ethnicity",
  "CiC", "CIN/CP", "Gender", "Current stage", "PIAS level", "Parenting contract", "Last FPN date",
  "Mon 01/09/2025 AM", "01/09/2025 PM", "2025-09-02 AM", "02/09/25 pm", "Tue 02/09/2025", "AM", "PM",
];

/** A sheet with a real header somewhere near the top and random junk around it. */
const sheetWithHeader: fc.Arbitrary<{ grid: Grid; firstRow: number; firstColumn: number }> = fc
  .record({
    above: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
    header: fc.shuffledSubarray(headings, { minLength: 1 }),
    below: fc.array(fc.array(cell, { maxLength: 40 }), { maxLength: 40 }),
    firstRow: fc.integer({ min: 0, max: 1000 }),
    firstColumn: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ above, header, below, firstRow, firstColumn }) => ({ grid: [...above, header, ...below], firstRow, firstColumn }));

function checkResult(grid: Grid, firstRow: number, firstColumn: number): void {
  const result = readGridChecked(grid, { sheetName: "Random", firstRow, firstColumn, referenceDate: "2025-10-01" });
  if (!result.ok) {
    expect(result.message.length).toBeGreaterThan(20);
    return;
  }
  // sourceRow is Excel's 1-based row number; firstRow is the grid's 0-based sheet row.
  const firstRowNumber = firstRow + 1;
  const rows = result.pupils.map((p) => p.sourceRow);
  expect(new Set(rows).size).toBe(rows.length);
  for (const row of rows) {
    expect(row).toBeGreaterThanOrEqual(firstRowNumber);
    expect(row).toBeLessThan(firstRowNumber + grid.length);
    expect(row).toBeGreaterThan(firstRowNumber + result.mapping.headerRow);
  }
  for (const pupil of result.pupils) {
    if (pupil.marks) expect(pupil.marks).toHaveLength(result.mapping.sessions.length);
    for (const n of [pupil.possibleSessions, pupil.authorisedSessions, pupil.unauthorisedSessions]) {
      if (n !== null) expect(Number.isFinite(n) && n >= 0).toBe(true);
    }
    if (pupil.attendancePercent) expect(pupil.attendancePercent.percent).toBeLessThanOrEqual(100);
  }
}

describe("readGrid on any grid", () => {
  test("random grids never throw and give unique sourceRows inside the sheet", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (grid, firstRow) => {
        checkResult(grid, firstRow, 0);
      }),
      { numRuns: 500 },
    );
  });

  test("grids built from valid headings with random junk rows never throw", () => {
    fc.assert(
      fc.property(sheetWithHeader, ({ grid, firstRow, firstColumn }) => {
        checkResult(grid, firstRow, firstColumn);
      }),
      { numRuns: 500 },
    );
  });

  test("odd values that Excel or a CSV reader can produce", () => {
    const long = "x".repeat(200_000);
    const odd = [
      [],
      [[]],
      [["Name", "Poss"], [long, NaN], [Infinity, -Infinity], [true, false]],
      [[long, "Poss", "Name"], ["Ann", 10]],
      [["Name", "Poss"], ["Ann"]],
      [["Name", "Poss"], undefined, null, ["Ann", 5]],
    ] as unknown as Grid[];
    for (const grid of odd) checkResult(grid, 1, 0);
  });
});
