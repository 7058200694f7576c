import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";

/**
 * docs/rules.md §11 through the command line: each --out onto the earlier output records a snapshot in
 * the workbook's hidden history, the next run shows progress since it, and a later term's run keeps the
 * earlier term's form beside the new one.
 */
jest.setTimeout(120_000);

const school = ["--school", "Oakfield Academy", "--urn", "999999", "--phase", "secondary"];
const heading = "UPN,Surname,Forename,Year,Possible Sessions,Authorised Absences,Unauthorised Absences";

function exportCsv(asAt: string, rows: string[]): string {
  return [`Oakfield Academy attendance as at ${asAt}`, "", heading, ...rows].join("\n") + "\n";
}

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "progress-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const target = path.join(folder, name);
  writeFileSync(target, text);
  return target;
}

async function open(target: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(target);
  return workbook;
}

const week1 = exportCsv("07/11/2025", [
  "A100000000001,Lovelace,Ada,9,100,8,0",
  "B100000000002,Okri,Ben,9,100,2,0",
  "C100000000003,Leaving,Lee,9,100,30,10",
]);
// A week (10 sessions) later: Ada misses 4 more (now PA), Ben none, Lee has left, Cat has joined.
const week2 = exportCsv("14/11/2025", [
  "A100000000001,Lovelace,Ada,9,110,12,0",
  "B100000000002,Okri,Ben,9,110,2,0",
  "D100000000004,New,Cat,9,10,2,0",
]);

it("records a snapshot on each --out and shows progress since the last one", async () => {
  const out = path.join(folder, "school.xlsx");
  const first = await runCli([file("w1.csv", week1), "--out", out, "--date", "2025-11-14", ...school], new Date(2025, 10, 7));
  expect(first.stderr).toBe("");
  expect(first.stdout).toContain("recorded in its attendance history as at 07/11/2025 (the first of this academic year)");

  const second = await runCli([file("w2.csv", week2), "--out", out, "--date", "2025-11-14", "--json", ...school], new Date(2025, 10, 14));
  expect(second.code).toBe(0);
  const report = JSON.parse(second.stdout);
  expect(report.progress).toMatchObject({ snapshotDate: "2025-11-14", previousSnapshotDate: "2025-11-07", leftSinceLastSnapshot: 1 });
  expect(report.progress.trend.map((t: { date: string }) => t.date)).toEqual(["2025-11-07", "2025-11-14"]);
  const byName = (name: string) => report.pupils.find((p: { name: string }) => p.name.includes(name)).progress;
  expect(byName("Ada")).toMatchObject({ since: "2025-11-07", bandMovement: "new-to-pa", bandMovementText: "New to PA", recentAttendancePercent: 60, improving: false });
  expect(byName("Ben")).toMatchObject({ improving: true, recentAttendancePercent: 100 });
  expect(byName("Cat")).toMatchObject({ bandMovement: "new-pupil", attendanceChange: null });

  const workbook = await open(out);
  const history = workbook.getWorksheet("Attendance history");
  expect(history?.state).toBe("hidden");
  const data = workbook.worksheets[0];
  const headings: string[] = [];
  data?.getRow(3).eachCell((cell) => void headings.push(String(cell.value)));
  expect(headings).toEqual(expect.arrayContaining(["Band movement", "Change since last snapshot", "Review"]));

  // Analysing the same data again on the same date replaces that date's snapshot.
  await runCli([file("w2.csv", week2), "--out", out, "--date", "2025-11-14", ...school], new Date(2025, 10, 14));
  const again = await runCli([file("w2.csv", week2), "--out", out, "--date", "2025-11-14", "--json", ...school], new Date(2025, 10, 14));
  expect(JSON.parse(again.stdout).progress.trend).toHaveLength(2);
});

it("keeps each term's form: a later term's --out onto the same workbook adds its own form beside it", async () => {
  const out = path.join(folder, "school.xlsx");
  const autumn = await runCli([file("w1.csv", week1), "--out", out, "--date", "2025-11-14", ...school], new Date(2025, 10, 7));
  expect(autumn.code).toBe(0);
  // Something typed into the autumn form must survive the spring run.
  const typed = await open(out);
  const form = typed.getWorksheet("TSM Autumn 2025-26");
  form?.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === "Themes raised") form.getCell(Number(cell.row) + 1, 1).value = "Transport from the estate";
    // Lee is the one pupil to discuss in the autumn: the agreed action goes on the row below the heading.
    if (cell.value === "Agreed actions") form.getCell(Number(cell.row) + 1, Number(cell.col)).value = "Meet with the family weekly";
  }));
  await saveLikeExcel(typed, out);

  const spring = await runCli([file("w2.csv", week2), "--out", out, "--date", "2026-01-14", ...school], new Date(2026, 0, 9));
  expect(spring.stderr).toBe("");
  expect(spring.code).toBe(0);
  expect(spring.stdout).toContain(`earlier terms' forms kept as they were: "TSM Autumn 2025-26"`);
  const workbook = await open(out);
  const names = workbook.worksheets.map((sheet) => sheet.name);
  expect(names).toEqual(expect.arrayContaining(["TSM Autumn 2025-26", "TSM Spring 2025-26"]));
  const values: unknown[] = [];
  workbook.getWorksheet("TSM Autumn 2025-26")?.eachRow((row) => row.eachCell((cell) => void values.push(cell.value)));
  expect(values).toContain("Transport from the estate");

  // The spring form lists the autumn meeting's pupils with what was agreed then; Lee has left.
  const springValues: unknown[] = [];
  const springForm = workbook.getWorksheet("TSM Spring 2025-26");
  springForm?.eachRow((row) => row.eachCell((cell) => void springValues.push(cell.value)));
  expect(springValues).toEqual(expect.arrayContaining(["Pupils from the last meeting", "Meet with the family weekly", "Not in this export", "Outcome"]));

  // An outcome typed into the spring form is kept when the spring form is made again.
  let outcomeCell: ExcelJS.Cell | undefined;
  springForm?.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === "Outcome") outcomeCell = springForm.getCell(Number(cell.row) + 1, Number(cell.col));
  }));
  if (!outcomeCell) throw new Error("No Outcome column");
  outcomeCell.value = "Family moved away; CME check done";
  await saveLikeExcel(workbook, out);

  // And a third run still recognises both as its own.
  const again = await runCli([file("w2.csv", week2), "--out", out, "--date", "2026-01-14", ...school], new Date(2026, 0, 9));
  expect(again.stderr).toBe("");
  const regenerated: unknown[] = [];
  (await open(out)).getWorksheet("TSM Spring 2025-26")?.eachRow((row) => row.eachCell((cell) => void regenerated.push(cell.value)));
  expect(regenerated).toContain("Family moved away; CME check done");
});

it("never puts the history into the shareable copy", async () => {
  const out = path.join(folder, "school.xlsx");
  const run = await runCli([file("w1.csv", week1), "--out", out, "--date", "2025-11-14", "--shareable", ...school], new Date(2025, 10, 7));
  expect(run.code).toBe(0);
  const copy = await open(path.join(folder, "school-shareable.xlsx"));
  expect(copy.worksheets.map((sheet) => sheet.name)).not.toContain("Attendance history");
  expect((await open(out)).worksheets.map((sheet) => sheet.name)).toContain("Attendance history");
});

it("keeps each term's form in the shareable copy too, by reference only, and never the history", async () => {
  const out = path.join(folder, "school.xlsx");
  const copyPath = path.join(folder, "school-shareable.xlsx");
  const autumn = await runCli([file("w1.csv", week1), "--out", out, "--date", "2025-11-14", "--shareable", ...school], new Date(2025, 10, 7));
  expect(autumn.code).toBe(0);
  const spring = await runCli([file("w2.csv", week2), "--out", out, "--date", "2026-01-14", "--shareable", ...school], new Date(2026, 0, 9));
  expect(spring.stderr).toBe("");
  expect(spring.code).toBe(0);
  const copy = await open(copyPath);
  const names = copy.worksheets.map((sheet) => sheet.name);
  expect(names).toEqual(expect.arrayContaining(["TSM Autumn 2025-26", "TSM Spring 2025-26"]));
  expect(names).not.toContain("Attendance history");
  const values: string[] = [];
  for (const sheet of copy.worksheets) sheet.eachRow((row) => row.eachCell((cell) => void values.push(String(cell.value))));
  expect(values).toContain("Pupils from the last meeting");
  // No name or UPN of any pupil, then or now, in any sheet of the copy.
  expect(values.join("\n")).not.toMatch(/Lovelace|Okri|Leaving|A100000000001|C100000000003/);
});
