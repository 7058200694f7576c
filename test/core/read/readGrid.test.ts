import type { CellValue } from "../../../src/core/read/grid";
import type { ReadResult } from "../../../src/core/read/pupilRecord";
import { readGrid } from "../../../src/core/read/readGrid";

function ok(result: ReadResult) {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result;
}

const header = ["Name", "UPN", "Year", "Reg Group", "Possible Sessions", "Authorised Absences", "Unauthorised Absences", "% Attendance"];

/** A SIMS-like export: titles, a date range, blank rows, group headings, a repeated header, totals. */
const messy: CellValue[][] = [
  ["Attendance summary", "", ""],
  ["Oakfield Academy"],
  ["01/09/2025 - 19/12/2025"],
  [],
  ["", "", "", "", "", "", "", ""],
  header, // grid row 5 → sheet row 6
  ["Registration Group: 7A"],
  ["Smith, John", "A123456789012", "Year 7", "7A", "150", "10", "5", "90.0%"],
  ["Jones, Mary", "A123456789013", "Y7", "7A", " 148 ", "2", "0", "98.6%"],
  ["", "", "", "", "", "", "", ""],
  header, // repeated header → sheet row 11
  ["Registration Group: 7B"],
  ["Patel, Ravi", "A123456789014", 7, "7B", 140, 0, 0, "100.0%"],
  ["Brown, Amy", "A123456789015", "Yr 7", "7B", "abc", "x", "", ""], // sheet row 14: a name, no readable figures
  ["Total", "", "", "", "438", "12", "5", "96.1%"], // sheet row 15
  ["Average", "", "", "", "146", "4", "1.7", "96.1%"],
  ["", "", "", "", "438", "12", "5", ""], // sheet row 17: numbers, no name
];

describe("a messy export", () => {
  const result = ok(readGrid(messy, { sheetName: "Export" }));

  test("finds the header under title rows, a date range and blank rows", () => {
    expect(result.mapping.headerRow).toBe(5);
  });

  test("reads only the pupil rows, with sheet row numbers", () => {
    expect(result.pupils.map((p) => [p.sourceRow, p.name])).toEqual([
      [8, "John Smith"],
      [9, "Mary Jones"],
      [13, "Ravi Patel"],
    ]);
    expect(result.pupils[0]).toMatchObject({ surname: "Smith", forename: "John", yearGroup: "7", regGroup: "7A", possibleSessions: 150 });
    expect(result.pupils[1]!.possibleSessions).toBe(148);
    expect(result.pupils[2]).toMatchObject({ yearGroup: "7", upn: "A123456789014", possibleSessions: 140 });
  });

  test("warns about the repeated header, the unreadable pupil row and the totals rows, not blank or group rows", () => {
    const rows = result.warnings.map((w) => w.sourceRow);
    expect(rows).toEqual(expect.arrayContaining([11, 14, 15, 16, 17]));
    for (const quiet of [1, 2, 3, 4, 5, 7, 10, 12]) expect(rows).not.toContain(quiet);
    const message = (row: number) => result.warnings.filter((w) => w.sourceRow === row).map((w) => w.message).join(" | ");
    expect(message(11)).toMatch(/header row is repeated/);
    expect(message(15)).toMatch(/"Total" looks like a totals or summary row/);
    expect(message(16)).toMatch(/"Average"/);
    expect(message(17)).toMatch(/no name or UPN/);
    expect(message(14)).toContain(
      'Sheet "Export", row 14, column E: "abc" is not a number of sessions — correct the cell or choose another column for Possible sessions.',
    );
    expect(message(14)).toMatch(/"Brown, Amy" was not read as a pupil/);
    const cellWarning = result.warnings.find((w) => w.sourceRow === 14 && w.column === "E");
    expect(cellWarning).toBeDefined();
  });

  test("column letters and row numbers follow where the grid sits in the sheet", () => {
    const shifted = ok(readGrid(messy, { sheetName: "Export", firstRow: 2, firstColumn: 2 }));
    expect(shifted.pupils.map((p) => p.sourceRow)).toEqual([10, 11, 15]);
    expect(shifted.warnings.some((w) => w.message.startsWith('Sheet "Export", row 16, column G: "abc"'))).toBe(true);
  });
});

describe("names, UPNs and groups", () => {
  test("a UPN typed as a number stays its digits; groups stay text", () => {
    const result = ok(readGrid([["UPN", "Forename", "Surname", "Form", "Poss", "Pres"], [820001583800, "Ann", "Lee", 10, 100, 95]]));
    expect(result.pupils[0]).toMatchObject({ upn: "820001583800", regGroup: "10", name: "Ann Lee" });
  });

  test("a single Student column without a comma is used as written", () => {
    const result = ok(readGrid([["Student", "Attendance %"], ["Ann Lee", "95.5"]]));
    expect(result.pupils[0]).toMatchObject({ name: "Ann Lee", surname: null, forename: null });
  });
});

describe("a sheet with only a percentage", () => {
  test("is still read, keeping the percentage's decimals", () => {
    const result = ok(readGrid([["Pupil", "Year", "Attendance"], ["Lee, Ann", "R", "89.96"], ["Khan, Zara", "N2", "90.0"]]));
    expect(result.pupils.map((p) => p.attendancePercent)).toEqual([
      { percent: 89.96, decimals: 2 },
      { percent: 90, decimals: 1 },
    ]);
    expect(result.pupils.map((p) => p.yearGroup)).toEqual(["R", "N2"]);
    expect(result.pupils[0]!.possibleSessions).toBeNull();
  });
});

describe("two columns that could be the same field", () => {
  test("the better candidate wins, the other is an alternative, and confidence drops", () => {
    const result = ok(readGrid([["Name", "Possible Marks", "Possible Sessions", "Present"], ["Ann Lee", 200, 100, 95]]));
    const possible = result.mapping.columns.possibleSessions!;
    expect(possible.column).toBe(2);
    expect(possible.alternatives).toEqual([1]);
    expect(possible.confidence).toBeLessThan(1);
    expect(result.mapping.columns.presentSessions!.confidence).toBe(1);
    expect(result.pupils[0]!.possibleSessions).toBe(100);
  });

  test("a column of numbers beats a column of text with the same heading", () => {
    const result = ok(readGrid([["Name", "Poss", "Poss", "Pres"], ["Ann Lee", "n/a", 100, 95], ["Bo Li", "n/a", 120, 100]]));
    expect(result.mapping.columns.possibleSessions!.column).toBe(2);
    expect(result.mapping.columns.possibleSessions!.alternatives).toEqual([1]);
  });
});

describe("the user's choices win over detection", () => {
  const grid = [
    ["Report"],
    ["Name", "Poss", "Other figure", "Pres", "Gender"],
    ["Ann Lee", 100, 120, 95, "F"],
  ];

  test("mappingOverride moves a field, and a column given to one field leaves the others", () => {
    const result = ok(readGrid(grid, { mappingOverride: { possibleSessions: 2, presentSessions: 1 } }));
    expect(result.mapping.columns.possibleSessions).toMatchObject({ column: 2, heading: "Other figure", confidence: 1 });
    expect(result.mapping.columns.presentSessions).toMatchObject({ column: 1, heading: "Poss" });
    expect(result.pupils[0]).toMatchObject({ possibleSessions: 120, presentSessions: 100 });
  });

  test("null ignores a field", () => {
    const result = ok(readGrid(grid, { mappingOverride: { gender: null } }));
    expect(result.mapping.columns.gender).toBeUndefined();
    expect(result.pupils[0]!.characteristics.gender).toBeNull();
  });

  test("an override outside the range is reported, not obeyed", () => {
    const result = ok(readGrid(grid, { sheetName: "Export", mappingOverride: { possibleSessions: 40 } }));
    expect(result.mapping.columns.possibleSessions!.column).toBe(1);
    expect(result.warnings[0]!.message).toMatch(/Sheet "Export": the column chosen for Possible sessions \(column AO\) is outside/);
  });

  test("headerRowOverride wins over the detected header", () => {
    const twoHeaders = [["Name", "Poss", "Pres"], ["Pupil", "Possible", "Present"], ["Ann Lee", 100, 95]];
    expect(ok(readGrid(twoHeaders)).mapping.headerRow).toBe(0);
    const result = ok(readGrid(twoHeaders, { headerRowOverride: 1 }));
    expect(result.mapping.headerRow).toBe(1);
    expect(result.pupils.map((p) => p.sourceRow)).toEqual([3]);
  });

  test("a header row override outside the grid gives a message", () => {
    const result = readGrid(grid, { headerRowOverride: 9 });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/header row chosen \(row 10\) is outside the pasted range/) });
  });
});

describe("sheets that cannot be read", () => {
  test.each<[string, CellValue[][], RegExp]>([
    ["an empty grid", [], /is empty — paste the attendance export/],
    ["a grid of blank cells", [["", ""], [""]], /is empty/],
    ["no header row", [["Hello", "World"], ["a", 1]], /no header row was found in the first 30 rows — expected column headings such as/],
    ["headings but no figures", [["Name", "UPN", "Year"], ["Ann Lee", "A1", "7"]], /include no attendance figures — expected columns such as "Possible sessions"/],
    ["no pupil rows", [["Name", "Poss", "Pres"], ["", "", ""], ["Total", 100, 90]], /no pupil rows were found below the header on row 1/],
  ])("%s", (_label, grid, message) => {
    const result = readGrid(grid, { sheetName: "Export" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).toMatch(/^Sheet "Export"/);
      expect(result.message.split(/\.\s/)).toHaveLength(1); // one sentence
    }
  });
});

describe("penalty notices recorded in the sheet", () => {
  const grid: CellValue[][] = [
    ["Name", "Poss", "Unauth", "Last FPN date"],
    ["A", 100, 10, "15/09/2025"],
    ["B", 100, 10, "20/06/2025"],
    ["C", 100, 10, ""],
    ["D", 100, 10, "Y"],
    ["E", 100, 10, 45915], // Excel serial for 15/09/2025
    ["F", 100, 10, "2025-08-01"],
    ["G", 100, 10, "2025-09-01"],
  ];

  test("a date in the reference academic year counts; an older one does not", () => {
    const result = ok(readGrid(grid, { referenceDate: "2025-12-01" }));
    // The academic year starts on 1 September (core/common/dates.ts): a notice issued in the August
    // holiday belongs to the year that is ending, so it does not stop one in 2025/26.
    expect(result.pupils.map((p) => p.penaltyNoticeThisYear)).toEqual([true, false, false, true, true, false, true]);
  });

  test("without any date to go by, a dated notice is unknown rather than guessed", () => {
    const result = ok(readGrid(grid));
    expect(result.pupils.map((p) => p.penaltyNoticeThisYear)).toEqual([null, null, false, true, null, null, null]);
    const today = ok(readGrid(grid, { today: "2026-01-10" }));
    expect(today.pupils.map((p) => p.penaltyNoticeThisYear)).toEqual([true, false, false, true, true, false, true]);
  });

  test("the reference defaults to the latest session date of a mark grid", () => {
    const marks: CellValue[][] = [
      ["Name", "FPN", "Mon 01/06/2026 AM"],
      ["A", "15/09/2025", "/"],
      ["B", "20/06/2025", "/"],
    ];
    const result = ok(readGrid(marks));
    expect(result.pupils.map((p) => p.penaltyNoticeThisYear)).toEqual([true, false]);
  });
});

describe("recorded stage, level and parenting contract", () => {
  test("reads numbers and words, and warns about what is not a stage", () => {
    const result = ok(
      readGrid([
        ["Name", "Poss", "Current stage", "PIAS level", "Parenting contract"],
        ["A", 100, "Stage 3", "L2", "Y"],
        ["B", 100, 6, 4, ""],
        ["C", 100, "soon", "", "No"],
      ]),
    );
    expect(result.pupils.map((p) => [p.recordedStage, p.recordedLevel, p.parentingContract])).toEqual([
      [3, 2, true],
      [6, 4, false],
      [null, null, false],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Row 4, column C: "soon" is not a stage (0–6) — correct the cell or choose another column for Current stage.',
    ]);
  });
});

describe("warnings stay readable on a sheet full of bad cells", () => {
  test("a column of bad cells gives at most 20 cell warnings and one summary line", () => {
    const grid: CellValue[][] = [["Name", "Poss", "Pres"]];
    for (let i = 0; i < 500; i++) grid.push([`Pupil ${i}`, "??", 90]);
    const result = ok(readGrid(grid));
    expect(result.pupils).toHaveLength(500);
    const columnB = result.warnings.filter((w) => w.column === "B");
    expect(columnB).toHaveLength(21);
    expect(columnB[20]!.message).toMatch(/480 more cells could not be read as Possible sessions/);
  });
});

describe("group rows with subtotals", () => {
  test("a group label with figures is a subtotal; a pupil whose surname is a group word is still a pupil", () => {
    const result = ok(
      readGrid([
        ["Student", "Poss", "Unauth"],
        ["Year 7", 300, 12],
        ["House, Tom", 150, 6],
        ["Form 7B", "", ""],
        ["Khan, Zara", 150, 6],
      ]),
    );
    expect(result.pupils.map((p) => p.name)).toEqual(["Tom House", "Zara Khan"]);
    expect(result.warnings.map((w) => w.sourceRow)).toEqual([2]);
    expect(result.warnings[0]!.message).toMatch(/"Year 7" looks like a totals or summary row/);
  });
});

describe("how far down the header may be", () => {
  const sheet = (titleRows: number): CellValue[][] => [
    ...Array.from({ length: titleRows }, (_, i) => (i % 3 === 0 ? [`Note ${i}`] : [])),
    ["Name", "Poss", "Pres"],
    ["Ann Lee", 100, 95],
  ];

  test("a header within the first 30 rows is found", () => {
    expect(ok(readGrid(sheet(29))).mapping.headerRow).toBe(29);
  });

  test("a header further down needs the user to choose it", () => {
    expect(readGrid(sheet(40)).ok).toBe(false);
    const chosen = ok(readGrid(sheet(40), { headerRowOverride: 40 }));
    expect(chosen.pupils.map((p) => p.sourceRow)).toEqual([42]);
  });
});

describe("an .xlsx-style export (numbers as numbers, percentages as fractions)", () => {
  test("reads counts and fractions, and skips the group and totals rows", () => {
    const result = ok(
      readGrid(
        [
          ["Attendance by registration group", "", "", "", ""],
          ["UPN", "Surname", "Forename", "Possible", "Attendance %"],
          ["Reg Group 8C", "", "", "", ""],
          ["B100000000001", "Ng", "Lily", 120, 0.9],
          ["B100000000002", "Ode", "Sam", 118, 0.95],
          ["", "", "School total", 238, 0.925],
        ],
        { sheetName: "Data", firstRow: 4 },
      ),
    );
    expect(result.mapping.percentScale).toBe("fraction");
    expect(result.pupils.map((p) => [p.sourceRow, p.name, p.possibleSessions, p.attendancePercent?.percent])).toEqual([
      [8, "Lily Ng", 120, 90],
      [9, "Sam Ode", 118, 95],
    ]);
    expect(result.warnings.map((w) => w.sourceRow)).toEqual([10]);
  });
});
