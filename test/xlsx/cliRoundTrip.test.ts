import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { fixturePath, sampleExportPath } from "../support/paths";
import { runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";
import { openWorkbook as open, tsmSheetOf as tsmSheet } from "../support/xlsxFiles";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { bandColumnHeading, highlightRangeName } from "../../src/core/report/highlightPlan";
import { locatePrevious } from "../../src/excel/sourceGeometry";
import { readWorkbookSheets } from "../../src/xlsx/readFile";

/**
 * The command line's .xlsx as people use it: written, typed into (here with ExcelJS, as Excel saves it),
 * then written again. What was typed must come back as it was typed, and the data sheet must hold what
 * Excel would show on opening the CSV.
 */
const sample = sampleExportPath;
const meeting = ["--date", "2025-11-14", "--school", "Oakfield Academy", "--urn", "999999", "--phase", "secondary"];

jest.setTimeout(60_000);

const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2025, 10, 10)));

/** A --json report without what a kept history adds (progress per pupil and for the school). */
function withoutProgress(report: { pupils: Record<string, unknown>[]; progress?: unknown }): unknown {
  const { progress: _progress, ...rest } = report;
  return { ...rest, pupils: report.pupils.map(({ progress: _p, ...pupil }) => pupil) };
}

function findText(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (!found && cell.value === text) found = cell;
    }),
  );
  if (!found) throw new Error(`No cell "${text}" on sheet "${sheet.name}"`);
  return found;
}

/** The first pupil's review-date cell and the next-meeting date cell (the date-formatted cell beside its label). */
function dateCells(sheet: ExcelJS.Worksheet): { review: ExcelJS.Cell; next: ExcelJS.Cell } {
  const heading = findText(sheet, "Review date");
  const review = sheet.getCell(Number(heading.row) + 1, Number(heading.col));
  const label = findText(sheet, "Next meeting date");
  let next: ExcelJS.Cell | undefined;
  for (let column = Number(label.col) + 1; column <= Number(label.col) + 5 && !next; column++) {
    const cell = sheet.getCell(Number(label.row), column);
    if (/yy/.test(cell.numFmt ?? "")) next = cell;
  }
  if (!next) throw new Error("No date cell beside \"Next meeting date\"");
  return { review, next };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cli-round-trip-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("typed dates in the TSM form", () => {
  const reviewDate = new Date(Date.UTC(2025, 10, 14));
  const nextMeeting = new Date(Date.UTC(2026, 0, 20));
  let out: string;

  beforeAll(async () => {
    out = path.join(dir, "dates.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const workbook = await open(out);
    const { review, next } = dateCells(tsmSheet(workbook));
    review.value = reviewDate;
    next.value = nextMeeting;
    await saveLikeExcel(workbook, out);
  });

  it("come back as dates, in date-formatted cells, when the workbook is written again", async () => {
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("keeping everything typed into it");
    const { review, next } = dateCells(tsmSheet(await open(out)));
    for (const [cell, date] of [
      [review, reviewDate],
      [next, nextMeeting],
    ] as const) {
      expect({ address: cell.address, type: cell.type, value: cell.value, numFmt: cell.numFmt }).toEqual({
        address: cell.address,
        type: ExcelJS.ValueType.Date,
        value: date,
        numFmt: "dd/mm/yyyy",
      });
    }
  });

  it("stay dates however many times the workbook is written", async () => {
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const { review, next } = dateCells(tsmSheet(await open(out)));
    expect([review.value, next.value]).toEqual([reviewDate, nextMeeting]);
  });
});

describe("the data sheet of the sample CSV", () => {
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const out = path.join(dir, "numbers.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const found = (await open(out)).getWorksheet("sample-export");
    if (!found) throw new Error("No data sheet");
    sheet = found;
  });

  it("holds session counts and percentages as numbers, so Excel can add them up", () => {
    // Row 5 is Mia Ahmed: 146 possible, 142 present, 0 AEA, 3 authorised, 1 unauthorised, 97.3%.
    const row = sheet.getRow(5);
    expect([6, 7, 8, 9, 10, 11].map((column) => row.getCell(column).value)).toEqual([146, 142, 0, 3, 1, 97.3]);
    expect([6, 7, 8, 9, 10, 11].map((column) => row.getCell(column).type)).toEqual(new Array(6).fill(ExcelJS.ValueType.Number));
  });

  it("keeps UPNs, names and codes as text", () => {
    const row = sheet.getRow(5);
    expect([1, 2, 3, 4, 5, 12, 16].map((column) => row.getCell(column).value)).toEqual(["L999400019023", "Ahmed", "Mia", "Year 7", "7A", "N", "WBRI"]);
    expect(sheet.getCell("A5").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getColumn(1).numFmt).toBe("@");
  });
});

describe("the analysis", () => {
  const files = [sample, ...["bromcom-export.csv", "register-marks.csv"].map(fixturePath)];

  it.each(files.map((file) => [path.basename(file), file]))("of %s is the same with --out as without", async (name, file) => {
    const alone = await run(file, "--json", ...meeting);
    const writing = await run(file, "--json", "--out", path.join(dir, `json-${name}.xlsx`), ...meeting);
    expect(alone.code).toBe(0);
    expect(writing.code).toBe(0);
    // The same analysis; --out adds only the progress its history records (docs/rules.md §11).
    expect(withoutProgress(JSON.parse(writing.stdout))).toEqual(JSON.parse(alone.stdout));
  });

  it("of the written data sheet finds the same pupils and figures as the CSV", async () => {
    const out = path.join(dir, "reread.xlsx");
    const fromCsv = await run(sample, "--json", "--out", out, ...meeting);
    const fromCopy = await run(out, "--json", "--sheet", "sample-export", ...meeting);
    expect(fromCopy.code).toBe(0);
    const csvReport = withoutProgress(JSON.parse(fromCsv.stdout)) as { pupils: unknown[]; summary: unknown };
    const copyReport = JSON.parse(fromCopy.stdout) as { pupils: unknown[]; summary: unknown };
    expect(copyReport.pupils).toEqual(csvReport.pupils);
    expect(copyReport.summary).toEqual(csvReport.summary);
  });

  it("names the added columns as the add-in does, so Analyse in Excel replaces them rather than reading them as data", async () => {
    const out = path.join(dir, "named.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const workbookXml = await (await JSZip.loadAsync(readFileSync(out))).file("xl/workbook.xml")!.async("string");
    const names = [...workbookXml.matchAll(/<definedName name="([^"]+)"[^>]*localSheetId="(\d+)"[^>]*>([^<]+)<\/definedName>/g)];
    const named = names.filter((m) => m[1] === highlightRangeName);
    expect(named).toHaveLength(1);
    expect(named[0]![2]).toBe("0"); // the data sheet, the first
    // What the add-in finds under that name, on the cells as Excel would give them, is the added columns.
    const read = await readWorkbookSheets(out);
    if (!read.ok) throw new Error(read.message);
    const data = read.sheets[0]!;
    const rect = { firstRow: 0, firstColumn: 0, lastRow: data.grid.length - 1, lastColumn: Math.max(...data.grid.map((r) => r.length)) - 1 };
    const previous = locatePrevious(undefined, `=${named[0]![3]!.replace(/&apos;/g, "'")}`, { rect, values: data.grid.map((row) => [...row]) });
    expect(previous).not.toBeNull();
    expect(data.grid[previous!.area.firstRow]![previous!.area.firstColumn]).toBe(bandColumnHeading);
    expect(previous!.legend).not.toBeNull();
  });

  it.each(["stages", "both"])(
    "of the written data sheet (%s) never takes the added columns for the school's records: no status warnings, no recorded stage or level",
    async (framework) => {
      const out = path.join(dir, `reread-${framework}.xlsx`);
      const fromCsv = await run(sample, "--json", "--framework", framework, "--out", out, ...meeting);
      const fromCopy = await run(out, "--json", "--sheet", "sample-export", "--framework", framework, ...meeting);
      expect(fromCopy.code).toBe(0);
      type Report = { pupils: { reasons: string[] }[]; warnings: { message: string }[] };
      const csvReport = withoutProgress(JSON.parse(fromCsv.stdout)) as Report;
      const copyReport = JSON.parse(fromCopy.stdout) as Report;
      // The legend's "Severe absence (SA)" is not a status column; the add-in's "Stage" is not a recorded stage.
      expect(copyReport.warnings.map((w) => w.message).filter((m) => !m.includes("is one this tool highlighted"))).toEqual(
        csvReport.warnings.map((w) => w.message),
      );
      // Only what the export itself records counts as evidence of formal support (docs/rules.md §4, §5).
      const evidence = (report: Report) => report.pupils.flatMap((p) => p.reasons).filter((r) => /the sheet records (stage|level)/.test(r));
      expect(evidence(copyReport)).toEqual(evidence(csvReport));
      expect(copyReport.warnings.filter((w) => w.message.includes("only the pasted columns"))).toHaveLength(1);
    },
  );
});

describe("reading back an earlier output to write it again", () => {
  it("reads only the columns this tool added to the data sheet: its pasted pupil rows are never read back", async () => {
    const out = path.join(dir, "added-only.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const whole = await readWorkbookSheets(out);
    const reread = await readWorkbookSheets(out, { onlyIfMarked: true, pastedColumns: false });
    if (!whole.ok || !reread.ok) throw new Error("not read");
    const [data, wholeData] = [reread.sheets[0]!, whole.sheets[0]!];
    const first = wholeData.grid.find((row) => row.includes(bandColumnHeading))!.indexOf(bandColumnHeading);
    expect(data.addedFrom).toBe(first);
    // No name, UPN or session count of the export: every cell before the added columns is empty.
    expect(data.grid.every((row) => row.slice(0, first).every((cell) => cell === ""))).toBe(true);
    expect(wholeData.grid.some((row) => row.slice(0, first).some((cell) => cell !== ""))).toBe(true);
    // The added columns (band, suggestions, notes, the row check) come back whole, and so does every other sheet.
    expect(data.grid.map((row) => row.slice(first))).toEqual(wholeData.grid.map((row) => row.slice(first)));
    expect(data.notes).toEqual(wholeData.notes);
    expect(reread.sheets.slice(1)).toEqual(whole.sheets.slice(1));
  });

  it("still refuses an earlier output with a value typed far from the data in the pasted columns, leaving it as it was", async () => {
    const out = path.join(dir, "far-value.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet1.xml",
      sheetXml.replace("</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>typed by accident</t></is></c></row></sheetData>'),
    );
    const edited = await zip.generateAsync({ type: "nodebuffer" });
    writeFileSync(out, edited);
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).not.toBe(0);
    // The cell is named, with what to do, not only "cannot be read back".
    expect(result.stderr).toMatch(
      /^far-value\.xlsx already exists and was left as it is, because it must be read back whole to keep what was typed into it\. The sheet "[^"]+" in far-value\.xlsx has a value in cell A1048576, far from the rest of the data: delete it \(in Excel, Ctrl\+End goes to the last used cell\) and try again\.\n$/,
    );
    expect(readFileSync(out).equals(edited)).toBe(true);
  });
});
