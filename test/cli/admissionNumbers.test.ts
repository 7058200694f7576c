import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { unmatchedRowMarker } from "../../src/core/report/tsmMerge";
import { fixturePath } from "../support/paths";
import { analyseJson, runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";
import { packageText } from "../support/xlsxFiles";

/**
 * Two pupils called Sam Jones in the same year and reg group, no UPN, told apart by their admission numbers
 * (or, without them, their dates of birth): typed notes stay on the right child when the rows swap, through
 * the .xlsx writer (docs/rules.md §7).
 */
jest.setTimeout(60_000);
const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--phase", "secondary"];
const tsmName = "TSM Spring 2025-26";
const keyName = "Pupil key (school only)";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "admission-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows of a sheet as text, as a person reads them. */
async function sheetRows(file: string, sheet: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: string[][] = [];
  workbook.getWorksheet(sheet)?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? "")))));
  return rows;
}

/** Types a note into the Barriers cell of the pupil whose "Missed sessions" is `missed`, and saves as Excel does. */
async function typeNotes(file: string, notes: ReadonlyMap<number, string>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const tsm = workbook.getWorksheet(tsmName)!;
  let barriers = { row: 0, column: 0 };
  let missed = 0;
  tsm.eachRow((row, rowNumber) => {
    row.eachCell((cell, column) => {
      if (cell.value === "Barriers" && barriers.row === 0) barriers = { row: rowNumber, column };
      if (cell.value === "Missed sessions" && missed === 0) missed = column;
    });
  });
  for (let r = barriers.row + 1; r <= barriers.row + 4; r++) {
    const note = notes.get(Number(tsm.getCell(r, missed).value));
    if (note) tsm.getCell(r, barriers.column).value = note;
  }
  await saveLikeExcel(workbook, file);
}

/** The "Missed sessions" figure on the form row that holds `note`, and whether that row is marked unmatched. */
function rowOfNote(rows: string[][], note: string): { missed: string; unmatched: boolean }[] {
  const header = rows.find((row) => row.includes("Missed sessions") && row.includes("Barriers")) ?? [];
  const missed = header.indexOf("Missed sessions");
  return rows.filter((row) => row.includes(note)).map((row) => ({ missed: row[missed] ?? "", unmatched: row.includes(unmatchedRowMarker) }));
}

const notes = new Map<number, string>([
  [50, "Safeguarding: first Sam's note"],
  [22, "Second Sam's note"],
]);

describe.each([
  {
    told: "admission numbers",
    header: "Adno,Surname,Forename,Year,Reg Group,Possible Sessions,Authorised Absences,Unauthorised Absences",
    samA: "001234,Jones,Sam,7,7A,150,40,10",
    samB: "001235,Jones,Sam,7,7A,150,20,2",
    other: "001236,Adams,Beth,7,7A,150,30,8",
    column: "Admission number",
    shown: ["001234", "001235"],
  },
  {
    told: "dates of birth",
    header: "Surname,Forename,DOB,Year,Reg Group,Possible Sessions,Authorised Absences,Unauthorised Absences",
    samA: "Jones,Sam,14/03/2014,7,7A,150,40,10",
    samB: "Jones,Sam,02/11/2013,7,7A,150,20,2",
    other: "Adams,Beth,05/01/2014,7,7A,150,30,8",
    column: "Date of birth",
    shown: ["2014-03-14", "2013-11-02"],
  },
])("two Sam Joneses with no UPN, told apart by $told", ({ told, header, samA, samB, other, column, shown }) => {
  it("keep their own typed notes when the rows swap, and the key and the school's form show the column", async () => {
    const week1 = path.join(dir, `${told}-week1.csv`);
    const week2 = path.join(dir, `${told}-week2.csv`);
    writeFileSync(week1, [header, samA, samB, other].join("\n"));
    writeFileSync(week2, [header, samB, other, samA].join("\n"));
    const out = path.join(dir, `${told}.xlsx`);
    const first = await run(week1, "--out", out, ...meeting);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/cannot be told apart/);
    await typeNotes(out, notes);

    const key = await sheetRows(out, keyName);
    expect(key.find((row) => row[0] === "Reference")).toContain(column);
    for (const value of shown) expect(key.flat()).toContain(value);
    expect((await sheetRows(out, tsmName)).find((row) => row.includes("Barriers"))).toContain(column);

    const second = await run(week2, "--out", out, ...meeting);
    expect(second.code).toBe(0);
    const form = await sheetRows(out, tsmName);
    for (const [missed, note] of notes) expect(rowOfNote(form, note)).toEqual([{ missed: String(missed), unmatched: false }]);
  });
});

describe("the fixture with admission numbers and no UPN", () => {
  const fixture = fixturePath("admission-numbers.csv");

  it("keeps upn null and gives each pupil their admission number and date of birth in JSON", () => {
    const report = analyseJson(fixture);
    expect(report.pupils.map((p) => [p.upn, p.admissionNumber, p.dateOfBirth])).toEqual([
      [null, "001234", "2014-03-14"],
      [null, "001235", "2013-11-02"],
      [null, "001240", "2014-01-05"],
      [null, "001241", null],
    ]);
    // The two Sam Joneses are told apart; the impossible date of birth is the one warning.
    expect(report.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^Sheet "admission-numbers", row 5, column D: "31\/02\/2014" is not a date of birth/),
    ]);
  });

  it("shows no admission number or date of birth in any shareable channel", async () => {
    const json = analyseJson(fixture, "--shareable");
    expect(json.pupils.every((p) => p.upn === null && p.admissionNumber === null && p.dateOfBirth === null)).toBe(true);
    const text = JSON.stringify(json);
    for (const secret of ["001234", "2014-03-14", "14/03/2014", "31/02/2014", "Jones", "Okafor"]) expect(text).not.toContain(secret);

    const out = path.join(dir, "fixture.xlsx");
    const result = await run(fixture, "--out", out, "--shareable", ...meeting);
    expect(result.code).toBe(0);
    for (const secret of ["001234", "14/03/2014", "31/02/2014", "Jones"]) expect(result.stdout + result.stderr).not.toContain(secret);
    const copy = await packageText(path.join(dir, "fixture-shareable.xlsx"));
    for (const secret of ["001234", "Admission number", "Date of birth", "41712", "Jones"]) expect(copy).not.toContain(secret);
    // The school's own workbook keeps them, on the key and the form.
    const key = await sheetRows(out, keyName);
    expect(key.flat()).toEqual(expect.arrayContaining(["001234", "001235", "2014-03-14"]));
  });
});
