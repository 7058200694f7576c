import { columnOf, findTable } from "../../src/core/report/readBack";
import { unmatchedRowMarker } from "../../src/core/report/tsmMerge";
import type { FakeExcel } from "../support/fakeExcel";
import { meetingDetails, removeOfficeGlobals, settings, setup } from "./support";

/**
 * Two pupils called Sam Jones in the same year and reg group, no UPN, told apart by their admission numbers
 * (or their dates of birth, as Excel holds dates: serial numbers): through the Excel adapter, typed notes stay
 * on the right child when the export's rows come in another order (docs/rules.md §7).
 */
afterEach(removeOfficeGlobals);

const tsmName = "TSM Autumn 2025-26";
const keyName = "Pupil key (school only)";
const request = (shareable = false) => ({ source: { kind: "usedRange" as const, sheetName: "Export" }, settings: settings(), details: meetingDetails(), shareable });

type Row = (string | number)[];

/** Types `note` into the Barriers cell of the form row whose "Missed sessions" is `missed`. */
function typeNote(fake: FakeExcel, missed: number, note: string): void {
  const grid = fake.grid(tsmName);
  const table = findTable(grid, ["Barriers", "Missed sessions"])!;
  const barriers = columnOf(table, "Barriers")!;
  const missedColumn = columnOf(table, "Missed sessions")!;
  const row = grid.findIndex((r, i) => i > table.headerRow && r[missedColumn] === missed);
  expect(row).toBeGreaterThan(table.headerRow);
  fake.paste(tsmName, `${String.fromCharCode(65 + barriers)}${row + 1}`, [[note]], { textFormat: true });
}

/** The "Missed sessions" of each form row holding `note`, and whether it is marked "Could not be matched". */
function rowsOf(fake: FakeExcel, note: string): { missed: unknown; unmatched: boolean }[] {
  const grid = fake.grid(tsmName);
  const table = findTable(grid, ["Barriers", "Missed sessions"])!;
  const missedColumn = columnOf(table, "Missed sessions")!;
  return grid.filter((r) => r.includes(note)).map((r) => ({ missed: r[missedColumn], unmatched: r.includes(unmatchedRowMarker) }));
}

describe.each([
  {
    told: "admission numbers",
    header: ["Adno", "Surname", "Forename", "Year", "Reg Group", "Possible Sessions", "Authorised Absences", "Unauthorised Absences"],
    samA: ["001234", "Jones", "Sam", "7", "7A", 150, 40, 10] as Row,
    samB: ["001235", "Jones", "Sam", "7", "7A", 150, 20, 2] as Row,
    other: ["001236", "Adams", "Beth", "7", "7A", 150, 30, 8] as Row,
    column: "Admission number",
    // Typed into a cell not formatted as text, Excel holds 001234 as the number 1234.
    secret: "1234",
  },
  {
    told: "dates of birth",
    header: ["Surname", "Forename", "Date of birth", "Year", "Reg Group", "Possible Sessions", "Authorised Absences", "Unauthorised Absences"],
    // 14/03/2014 and 02/11/2013 as Excel holds them.
    samA: ["Jones", "Sam", 41712, "7", "7A", 150, 40, 10] as Row,
    samB: ["Jones", "Sam", 41580, "7", "7A", 150, 20, 2] as Row,
    other: ["Adams", "Beth", 41644, "7", "7A", 150, 30, 8] as Row,
    column: "Date of birth",
    secret: "41712",
  },
])("two Sam Joneses with no UPN, told apart by $told, through the Excel adapter", ({ header, samA, samB, other, column, secret }) => {
  test("keep their own typed notes when the rows come in another order", async () => {
    const { fake, gateway } = setup([header, samA, samB, other], { textFormat: false });
    expect((await gateway.generateMeetingSheets(request())).ok).toBe(true);
    expect(fake.grid(keyName).find((row) => row[0] === "Reference")).toContain(column);
    expect(fake.grid(tsmName).find((row) => row.includes("Barriers"))).toContain(column);
    typeNote(fake, 50, "Safeguarding: first Sam's note");
    typeNote(fake, 22, "Second Sam's note");

    // Next week's export, pasted over the old one, lists them the other way round.
    fake.paste("Export", "A1", [header, samB, other, samA]);
    expect((await gateway.generateMeetingSheets(request())).ok).toBe(true);
    expect(rowsOf(fake, "Safeguarding: first Sam's note")).toEqual([{ missed: 50, unmatched: false }]);
    expect(rowsOf(fake, "Second Sam's note")).toEqual([{ missed: 22, unmatched: false }]);
  });

  test("a shareable run shows the column on no sheet but the key", async () => {
    const { fake, gateway } = setup([header, samA, samB, other], { textFormat: false });
    expect((await gateway.generateMeetingSheets(request(true))).ok).toBe(true);
    const shared = [...fake.grid(tsmName).flat(), ...fake.grid("Governors summary 2025-26").flat()].map(String);
    expect(shared).not.toContain(column);
    expect(shared).not.toContain(secret);
    expect(fake.grid(keyName).flat().map(String)).toContain(secret);
  });
});
