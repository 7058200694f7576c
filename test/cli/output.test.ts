import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runAnalyse, type CliIo } from "../../src/cli/runAnalyse";

/** --out: the workbook the command line writes, run in-process with the same code as the command. */
const root = path.resolve(__dirname, "../..");
const sample = path.join(root, "assets/sample/sample-export.csv");
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--urn", "999999", "--phase", "secondary"];

jest.setTimeout(60_000);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  const code = await runAnalyse(argv, io, new Date(Date.UTC(2026, 0, 10)));
  return { code, stdout, stderr };
}

async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Every text in the package (all XML parts), to prove what a file does not contain. */
async function packageText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async("string")));
  return parts.join("\n");
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "analyse-out-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("--out", () => {
  it("writes the data sheet, the TSM form, the governors' summary and the school-only key", async () => {
    const out = path.join(dir, "full.xlsx");
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out}`);
    const workbook = await openWorkbook(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "sample-export",
      "TSM Spring 2025-26",
      "Governors summary 2025-26",
      "Pupil key (school only)",
    ]);
    // The pasted values are untouched: the first pupil's row reads as it did in the file.
    const csvLine = readFileSync(sample, "utf8").split(/\r\n/)[4] ?? "";
    const row = workbook.getWorksheet("sample-export")!.getRow(5);
    expect(String(row.getCell(1).value)).toBe(csvLine.split(",")[0]);
    expect(String(row.getCell(2).value)).toBe(csvLine.split(",")[1]);
  });

  it("keeps a name that looks like a formula as text", async () => {
    const csv = path.join(dir, "hostile.csv");
    writeFileSync(
      csv,
      'UPN,Surname,Forename,Year,Possible Sessions,Authorised Absences,Unauthorised Absences\n' +
        'A123456789012,"=HYPERLINK(""http://x"",""Click"")",+44 7700,9,150,20,30\n' +
        "B123456789012,Smith,Ava,9,150,1,0\n",
    );
    const out = path.join(dir, "hostile.xlsx");
    expect((await run(csv, "--out", out, ...meeting)).code).toBe(0);
    const cell = (await openWorkbook(out)).getWorksheet("hostile")!.getCell("B2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","Click")');
    expect(await packageText(out)).not.toContain("<f>HYPERLINK");
  });

  it("--shareable leaves out the key, the pupil rows, every name and UPN", async () => {
    const out = path.join(dir, "shareable.xlsx");
    const result = await run(sample, "--out", out, "--shareable", ...meeting);
    expect(result.code).toBe(0);
    const workbook = await openWorkbook(out);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).not.toContain("Pupil key (school only)");
    expect(names).toContain("TSM Spring 2025-26");
    const text = await packageText(out);
    const rows = readFileSync(sample, "utf8").split(/\r\n/).slice(4, -2).map((line) => line.split(","));
    for (const [upn, surname] of rows) {
      expect(text).not.toContain(upn);
      expect(text).not.toContain(`>${surname}<`);
    }
    // The printed summary names no one either.
    expect(result.stdout).not.toContain(rows[0]?.[0] ?? "-");
    expect(result.stdout).toMatch(/Row \d+: P\d{3} \(Year \d+\)/);
  });

  it("keeps what people typed into the TSM form when run again", async () => {
    const out = path.join(dir, "rerun.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const workbook = await openWorkbook(out);
    const tsm = workbook.getWorksheet("TSM Spring 2025-26")!;
    let typedAt: { row: number; column: number } | null = null;
    tsm.eachRow((row, rowNumber) => {
      row.eachCell((cell, column) => {
        if (!typedAt && cell.value === "Barriers") typedAt = { row: rowNumber + 1, column };
      });
    });
    expect(typedAt).not.toBeNull();
    const at = typedAt as unknown as { row: number; column: number };
    tsm.getCell(at.row, at.column).value = "Young carer; long journey to school";
    await workbook.xlsx.writeFile(out);

    const again = await run(sample, "--out", out, ...meeting);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("TSM form");
    expect(await packageText(out)).toContain("Young carer; long journey to school");
  });

  it("leaves an existing file alone when replacing it would lose one of its sheets", async () => {
    const out = path.join(dir, "other.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Budget 2025").getCell("A1").value = "Not attendance";
    await workbook.xlsx.writeFile(out);
    const before = statSync(out).mtimeMs;
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/already exists and holds "Budget 2025"/);
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it("refuses to write over the export it reads", async () => {
    const copy = path.join(dir, "export.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data").addRows([["UPN", "Possible Sessions", "Authorised Absences", "Unauthorised Absences"], ["A1", 150, 20, 0]]);
    await workbook.xlsx.writeFile(copy);
    const result = await run(copy, "--out", copy);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/--out names the file being read/);
  });

  it("prints only the JSON object on stdout when --json and --out are combined", async () => {
    const out = path.join(dir, "json.xlsx");
    const result = await run(sample, "--json", "--out", out, ...meeting);
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain(`Wrote ${out}`);
  });
});
