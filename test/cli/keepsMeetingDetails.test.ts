import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";
import { sampleExportPath } from "../support/paths";

/** Issue 4: running --out again without --school or --urn keeps the school name and URN typed into the form. */
const sample = sampleExportPath;

jest.setTimeout(60_000);

// No --date: the meeting is dated "today", 14/01/2026, so both runs write the same term's form.
const run = (...argv: string[]) => runCli(argv, new Date(2026, 0, 14));

/** The value cell beside a meeting-details label (column A), as a person finds it on the form. */
function detailCell(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  for (let r = 1; r <= 30; r++) {
    if (sheet.getCell(r, 1).value === label) return sheet.getCell(r, 3);
  }
  throw new Error(`no "${label}" line on ${sheet.name}`);
}

async function tsmSheet(file: string): Promise<{ workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("TSM Spring 2025-26");
  if (!sheet) throw new Error("no TSM form");
  return { workbook, sheet };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tsm-details-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps the school name and URN typed into the TSM form when run again without --school or --urn", async () => {
  const out = path.join(dir, "meeting.xlsx");
  expect((await run(sample, "--out", out)).code).toBe(0);

  const first = await tsmSheet(out);
  expect(detailCell(first.sheet, "School").text).toBe("");
  detailCell(first.sheet, "School").value = "Oakfield Academy";
  detailCell(first.sheet, "URN").value = "123456";
  detailCell(first.sheet, "Phase").value = "Secondary";
  await saveLikeExcel(first.workbook, out);

  const again = await run(sample, "--out", out);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("keeping everything typed into it");

  const second = await tsmSheet(out);
  expect(detailCell(second.sheet, "School").value).toBe("Oakfield Academy");
  expect(detailCell(second.sheet, "URN").value).toBe("123456");
  expect(detailCell(second.sheet, "Phase").value).toBe("Secondary");
  expect(second.sheet.getCell(1, 1).value).toBe("Targeting Support Meeting record – Oakfield Academy");

  // A school name given on the command line replaces the typed one; the typed URN stays.
  expect((await run(sample, "--out", out, "--school", "Oakfield Park School")).code).toBe(0);
  const third = await tsmSheet(out);
  expect(detailCell(third.sheet, "School").value).toBe("Oakfield Park School");
  expect(detailCell(third.sheet, "URN").value).toBe("123456");
});
