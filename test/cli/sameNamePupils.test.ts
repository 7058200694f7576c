import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { unmatchedRowMarker } from "../../src/core/report/tsmMerge";
import { runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";

/** Two pupils with the same name, year and reg group and no UPN: typed notes never move to the other child. */
jest.setTimeout(60_000);
const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--phase", "secondary"];
const tsmName = "TSM Spring 2025-26";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "same-name-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = "UPN,Surname,Forename,Year,Reg Group,Possible Sessions,Authorised Absences,Unauthorised Absences";
const samA = ",Jones,Sam,7,7A,150,40,10";
const samB = ",Jones,Sam,7,7A,150,20,2";
const other = "A100000000001,Adams,Beth,7,7A,150,30,8";

it("keeps each Sam Jones's typed note under \"Could not be matched\" when the rows swap, and warns", async () => {
  const week1 = path.join(dir, "week1.csv");
  const week2 = path.join(dir, "week2.csv");
  writeFileSync(week1, [header, samA, samB, other].join("\n"));
  writeFileSync(week2, [header, samB, samA, other].join("\n"));
  const out = path.join(dir, "meeting.xlsx");
  const first = await run(week1, "--out", out, ...meeting);
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Rows 2 and 3 cannot be told apart/);

  // Type a note on each Sam's row, as someone would in Excel.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const tsm = workbook.getWorksheet(tsmName)!;
  let barriers = { row: 0, column: 0 };
  let missed = 0;
  tsm.eachRow((row, rowNumber) => {
    row.eachCell((cell, column) => {
      if (cell.value === "Barriers") barriers = { row: rowNumber, column };
      if (cell.value === "Missed sessions") missed = column;
    });
  });
  const notes = new Map<number, string>([
    [50, "Safeguarding: first Sam's note"],
    [22, "Second Sam's note"],
  ]);
  for (let r = barriers.row + 1; r <= barriers.row + 3; r++) {
    const note = notes.get(Number(tsm.getCell(r, missed).value));
    if (note) tsm.getCell(r, barriers.column).value = note;
  }
  await saveLikeExcel(workbook, out);

  const second = await run(week2, "--out", out, ...meeting);
  expect(second.code).toBe(0);
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
  const rows: string[][] = [];
  again.getWorksheet(tsmName)!.eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? ""))));
  for (const note of notes.values()) {
    const holding = rows.filter((row) => row.includes(note));
    expect(holding).toHaveLength(1);
    expect(holding[0]).toContain(unmatchedRowMarker);
  }
});
