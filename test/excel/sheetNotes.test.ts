import { columnLetter } from "../../src/core/common/a1";
import { keptAsideMarker, notesHeading, rowCheckHeading } from "../../src/core/report/sheetNotes";
import type { Value } from "../support/fakeExcel";
import { exportGrid, meetingDetails, removeOfficeGlobals, settings, setup } from "./support";

// The sample export: header on row 4 (index 3), A–S pasted, T empty, the added columns from U.
const headerIndex = 3;

afterEach(removeOfficeGlobals);

type Fake = ReturnType<typeof setup>["fake"];

/** The 0-based column of an added column, by its heading on the header row. */
function addedColumn(fake: Fake, heading: string): number {
  const row = fake.grid("Export", `A${headerIndex + 1}:AZ${headerIndex + 1}`)[0] ?? [];
  const column = row.indexOf(heading);
  if (column < 0) throw new Error(`no column “${heading}”`);
  return column;
}

/** The sheet row (1-based) of the pupil with this UPN. */
function rowOfUpn(fake: Fake, upn: string): number {
  const index = fake.grid("Export", "A1:A500").findIndex((row) => row[0] === upn);
  if (index < 0) throw new Error(`no pupil ${upn}`);
  return index + 1;
}

function cellValue(fake: Fake, column: number, row: number): Value {
  return fake.cell("Export", `${columnLetter(column)}${row}`)?.value ?? "";
}

/** A person types over a cell (as Excel: the text stays text in a cell formatted "@"). */
function type(fake: Fake, column: number, row: number, text: string): void {
  fake.paste("Export", `${columnLetter(column)}${row}`, [[text]], { textFormat: true });
}

/** The pasted pupil rows (A–S) re-pasted in reverse order: what sorting the data, or a new export, does. */
function reversePupilRows(fake: Fake, grid: Value[][]): void {
  const first = headerIndex + 1;
  const pupils = grid.slice(first).filter((row) => typeof row[0] === "string" && /^[A-Z]\d{12}$/.test(row[0] as string));
  const reversed = [...pupils].reverse();
  fake.paste("Export", `A${first + 1}`, reversed, { textFormat: true });
}

describe("notes typed on the highlighted sheet (docs/rules.md §15)", () => {
  test("a note typed into an add-in column survives the next Analyse on its pupil's row, after the rows are re-sorted", async () => {
    const grid = exportGrid(40);
    const { fake, gateway } = setup(grid);
    const first = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!first.ok) throw new Error(first.message);
    expect(first.value.notesMessage).toBeUndefined();

    const upn = "G999400019001"; // Harry White, row 6, severe absence
    const why = addedColumn(fake, "Why");
    const suggestion = addedColumn(fake, "Suggested next step");
    const notes = addedColumn(fake, notesHeading);
    const before = rowOfUpn(fake, upn);
    type(fake, why, before, "Mum says he is anxious about the bus – call on Monday");
    type(fake, notes, before, "EWO visit booked");
    reversePupilRows(fake, grid);
    const after = rowOfUpn(fake, upn);
    expect(after).not.toBe(before);

    const second = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!second.ok) throw new Error(second.message);
    // The note is on Harry White's new row, in Notes, saying where it was typed; his Why is the add-in's again.
    expect(String(cellValue(fake, notes, after)).split("\n")).toEqual([
      "EWO visit booked",
      "Mum says he is anxious about the bus – call on Monday (typed in “Why”)",
    ]);
    expect(String(cellValue(fake, why, after))).toMatch(/^Missed /);
    expect(String(cellValue(fake, suggestion, after))).not.toBe("");
    // The pupil now on his old row has no note of his.
    expect(cellValue(fake, notes, before)).toBe("");
    expect(second.value.notesMessage).toBe(
      "1 note typed in the add-in's columns was moved to the Notes column, with the pupil it was typed against.",
    );

    // Idempotent: once moved, Analyse again keeps the notes as they are and says nothing more.
    const third = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!third.ok) throw new Error(third.message);
    expect(String(cellValue(fake, notes, after)).split("\n")).toHaveLength(2);
    expect(third.value.notesMessage).toBeUndefined();
    // The row check stays hidden, and only it.
    expect(fake.sheet("Export").hiddenColumns).toEqual(new Set([addedColumn(fake, rowCheckHeading)]));
  });

  test("two pupils with the same name keep their own notes; pupils who cannot be told apart keep theirs aside", async () => {
    // No UPNs: the pupils are known by name, year and reg group (pupilReferences.ts identityKey).
    const grid = exportGrid(12).map((row, i) => (i > headerIndex && i < 16 ? ["", ...row.slice(1)] : row));
    const pupil = (surname: string, forename: string, reg: string, absent: number): Value[] =>
      ["", surname, forename, "Year 7", reg, 146, 146 - absent, 0, absent, 0, Math.round(((146 - absent) / 146) * 1000) / 10, "N", "N", "N", "N", "WBRI", "N", "N", ""];
    grid[headerIndex + 1] = pupil("Smith", "Sam", "7A", 30);
    grid[headerIndex + 2] = pupil("Smith", "Sam", "7B", 40);
    grid[headerIndex + 3] = pupil("Jones", "Ann", "7C", 35);
    grid[headerIndex + 4] = pupil("Jones", "Ann", "7C", 36);
    const { fake, gateway } = setup(grid);
    const first = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!first.ok) throw new Error(first.message);
    const notes = addedColumn(fake, notesHeading);
    const why = addedColumn(fake, "Why");
    type(fake, notes, headerIndex + 2, "7A Sam: dentist letter seen");
    type(fake, why, headerIndex + 3, "7B Sam: young carer");
    type(fake, notes, headerIndex + 4, "Which Ann is this?");

    // The rows swap places (a sort by reg group descending, say).
    fake.paste("Export", `A${headerIndex + 2}`, [grid[headerIndex + 2]!, grid[headerIndex + 1]!], { textFormat: true });
    const second = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!second.ok) throw new Error(second.message);

    const regOf = (row: number) => fake.cell("Export", `E${row}`)?.value;
    expect(regOf(headerIndex + 2)).toBe("7B");
    expect(cellValue(fake, notes, headerIndex + 2)).toBe("7B Sam: young carer (typed in “Why”)");
    expect(regOf(headerIndex + 3)).toBe("7A");
    expect(cellValue(fake, notes, headerIndex + 3)).toBe("7A Sam: dentist letter seen");
    // The two Ann Joneses in 7C cannot be told apart: neither gets the note; it is kept below the list.
    expect(cellValue(fake, notes, headerIndex + 4)).toBe("");
    expect(cellValue(fake, notes, headerIndex + 5)).toBe("");
    const band = addedColumn(fake, "Attendance band");
    const lastRow = grid.length;
    expect(cellValue(fake, band, lastRow + 1)).toBe("");
    expect(cellValue(fake, band, lastRow + 2)).toBe(keptAsideMarker);
    expect(cellValue(fake, notes, lastRow + 2)).toBe("Which Ann is this?");
    expect(second.value.notesMessage).toContain("1 note typed in the add-in's columns was moved to the Notes column");
    expect(second.value.notesMessage).toContain("1 note could not be put on one pupil safely");

    // Kept aside stays kept aside on the next Analyse (never dropped, never guessed), in one place.
    const third = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!third.ok) throw new Error(third.message);
    expect(cellValue(fake, notes, lastRow + 2)).toBe("Which Ann is this?");
    expect(cellValue(fake, band, lastRow + 3)).toBe("");
    expect(fake.grid("Export", `A${lastRow + 1}:S${lastRow + 3}`).flat().every((v) => v === "")).toBe(true);
  });

  test("Create meeting sheets keeps the notes too", async () => {
    const grid = exportGrid(30);
    const { fake, gateway } = setup(grid);
    const first = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!first.ok) throw new Error(first.message);
    const upn = "G999400019001";
    const row = rowOfUpn(fake, upn);
    const stage = addedColumn(fake, "Stage");
    type(fake, stage, row, "Stage 4 agreed at panel");
    reversePupilRows(fake, grid);
    const done = await gateway.generateMeetingSheets({ source: { kind: "usedRange" }, settings: settings(), details: meetingDetails(), shareable: false });
    if (!done.ok) throw new Error(done.message);
    expect(cellValue(fake, addedColumn(fake, notesHeading), rowOfUpn(fake, upn))).toBe("Stage 4 agreed at panel (typed in “Stage”)");
    expect(done.value.notes.join(" ")).toContain("1 note typed in the add-in's columns was moved to the Notes column");
  });
});
