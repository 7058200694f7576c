import { readDateOfBirth } from "../../../src/core/read/dateOfBirth";
import { readGrid } from "../../../src/core/read/readGrid";

describe("a date-of-birth cell (docs/rules.md §7)", () => {
  test.each([
    [41712, "2014-03-14"],
    ["14/03/2014", "2014-03-14"],
    ["4/3/2014", "2014-03-04"],
    ["14-03-2014", "2014-03-14"],
    ["14.03.2014", "2014-03-14"],
    ["2014-03-14", "2014-03-14"],
    ["14 Mar 2014", "2014-03-14"],
    ["14 March 2014", "2014-03-14"],
    ["14/03/2014 00:00:00", "2014-03-14"],
    ["", "blank"],
    ["  ", "blank"],
    ["31/02/2014", "unreadable"],
    ["03/14/2014", "unreadable"],
    ["14/03/14", "unreadable"],
    ["14 Marchy 2014", "unreadable"],
    ["unknown", "unreadable"],
    [12, "unreadable"],
    [true, "unreadable"],
  ])("%p reads as %p", (value, expected) => {
    expect(readDateOfBirth(value)).toBe(expected);
  });
});

describe("reading a date-of-birth column", () => {
  const grid = [
    ["Name", "D.O.B.", "Year", "Possible", "Present"],
    ["Ava Wright", "14/03/2014", "7", 100, 95],
    ["Ben Hughes", 41580, "7", 100, 95],
    ["Cara Green", "31/02/2014", "7", 100, 95],
    ["Dan Ellis", "01/09/2030", "7", 100, 95],
    ["Eve Ford", "", "7", 100, 95],
  ];

  test("holds each as an ISO date; an unreadable or future one is a warning naming sheet, row and column, and not used", () => {
    const read = readGrid(grid, { sheetName: "Export", today: "2026-01-10" });
    if (!read.ok) throw new Error(read.message);
    expect(read.mapping.columns.dateOfBirth?.column).toBe(1);
    expect(read.pupils.map((p) => p.dateOfBirth)).toEqual(["2014-03-14", "2013-11-02", null, null, null]);
    expect(read.warnings.map((w) => [w.sourceRow, w.column, w.message])).toEqual([
      [4, "B", expect.stringMatching(/^Sheet "Export", row 4, column B: "31\/02\/2014" is not a date of birth — write it as dd\/MM\/yyyy/)],
      [5, "B", expect.stringMatching(/^Sheet "Export", row 5, column B: the date of birth "01\/09\/2030" is after 10\/01\/2026, so it cannot be right/)],
    ]);
  });

  test("an export without the column records none (the field is absent, not null)", () => {
    const read = readGrid(grid.map((row) => [row[0]!, ...row.slice(2)]), { sheetName: "Export" });
    if (!read.ok) throw new Error(read.message);
    expect(read.pupils.every((p) => !("dateOfBirth" in p))).toBe(true);
  });
});
