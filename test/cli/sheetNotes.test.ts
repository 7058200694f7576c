import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { keptAsideMarker, notesHeading, rowCheckHeading } from "../../src/core/report/sheetNotes";
import { runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";

/** docs/rules.md §15 on the command line: notes typed on the highlighted sheet of an earlier --out follow their pupil. */
jest.setTimeout(60_000);
const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--phase", "secondary"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sheet-notes-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = "UPN,Surname,Forename,Year,Reg Group,Possible Sessions,Authorised Absences,Unauthorised Absences";
const beth = "A100000000001,Adams,Beth,7,7A,150,30,8";
const cal = "A100000000002,Brown,Cal,7,7A,150,10,2";
const samA = ",Jones,Sam,7,7A,150,40,10";
const samB = ",Jones,Sam,7,7B,150,20,2";
const dan = "A100000000003,Cole,Dan,8,8A,150,60,2";

function columnsOf(sheet: ExcelJS.Worksheet): Map<string, number> {
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => found.set(String(cell.value), column));
  return found;
}

/** Sheet row of the pupil whose surname and reg group are these. */
function rowOf(sheet: ExcelJS.Worksheet, surname: string, reg: string): number {
  let found = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(2).value === surname && row.getCell(5).value === reg) found = n;
  });
  return found;
}

it("moves a note typed into an added column to Notes on the same pupil after the rows change order, and keeps aside one whose pupil left", async () => {
  const week1 = path.join(dir, "week1.csv");
  const week2 = path.join(dir, "week2.csv");
  writeFileSync(week1, [header, beth, cal, samA, samB, dan].join("\n"));
  writeFileSync(week2, [header, samB, samA, cal, beth].join("\n"));
  const out = path.join(dir, "weekly.xlsx");
  expect((await run(week1, "--out", out, ...meeting)).code).toBe(0);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const data = workbook.worksheets[0]!;
  const columns = columnsOf(data);
  expect(data.getColumn(columns.get(rowCheckHeading)!).hidden).toBe(true);
  data.getCell(rowOf(data, "Adams", "7A"), columns.get("Why")!).value = "Beth: nurse referral";
  data.getCell(rowOf(data, "Jones", "7A"), columns.get(notesHeading)!).value = "7A Sam: attends breakfast club";
  data.getCell(rowOf(data, "Jones", "7B"), columns.get("Suggested next step")!).value = "7B Sam: letter sent";
  data.getCell(rowOf(data, "Cole", "8A"), columns.get(notesHeading)!).value = "Dan: moving school";
  await saveLikeExcel(workbook, out);

  const second = await run(week2, "--out", out, ...meeting);
  expect(second.code).toBe(0);
  expect(second.stdout).toContain("2 notes typed in the add-in's columns were moved to the Notes column");
  expect(second.stdout).toContain("1 note could not be put on one pupil safely");

  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
  const sheet = again.worksheets[0]!;
  const notes = columnsOf(sheet).get(notesHeading)!;
  const text = (row: number) => String(sheet.getCell(row, notes).value ?? "");
  expect(text(rowOf(sheet, "Adams", "7A"))).toBe("Beth: nurse referral (typed in “Why”)");
  expect(text(rowOf(sheet, "Jones", "7A"))).toBe("7A Sam: attends breakfast club");
  expect(text(rowOf(sheet, "Jones", "7B"))).toBe("7B Sam: letter sent (typed in “Suggested next step”)");
  expect(text(rowOf(sheet, "Brown", "7A"))).toBe("");
  // Dan left: his note is kept below the list, marked, never on another child.
  let kept = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(columnsOf(sheet).get("Attendance band")!).value === keptAsideMarker) {
      kept++;
      expect(text(n)).toBe("Dan: moving school");
    }
  });
  expect(kept).toBe(1);
});
