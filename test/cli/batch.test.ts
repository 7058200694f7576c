import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { fixturePath, sampleExportPath } from "../support/paths";
import { runCli } from "../support/runCli";

/**
 * `analyse -- a.csv b.xlsx … --out-dir DIR`: a trust's attendance lead prepares each school's meeting in one
 * run. One workbook per file, one line per file, the others still written when one fails.
 */
jest.setTimeout(120_000);

const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2025, 10, 10)));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "analyse-batch-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function sheetNames(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => sheet.name);
}

describe("analyse several files with --out-dir", () => {
  it("writes one workbook per file and prints one line per file, in the order given", async () => {
    const out = path.join(dir, "meetings");
    const result = await run(sampleExportPath, fixturePath("bromcom-export.csv"), fixturePath("register-marks.csv"), "--out-dir", out, "--date", "2025-11-14");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^.*sample-export\.csv: wrote .*sample-export\.xlsx: \d+ pupils, \d+ persistently absent \(PA, \d+ of them SA\), \d+ at risk\.$/);
    expect(lines[1]).toContain("bromcom-export.csv: wrote");
    expect(lines[2]).toContain("register-marks.csv: wrote");
    expect(readdirSync(out).sort()).toEqual(["bromcom-export.xlsx", "register-marks.xlsx", "sample-export.xlsx"]);
    const names = await sheetNames(path.join(out, "bromcom-export.xlsx"));
    expect(names[0]).toBe("bromcom-export");
    expect(names.some((name) => /^TSM /.test(name))).toBe(true);
  });

  it("keeps going past a file it cannot read, says why on that file's line, and exits non-zero", async () => {
    const broken = path.join(dir, "broken.xlsx");
    writeFileSync(broken, "this is not a workbook");
    const missing = path.join(dir, "missing.csv");
    const out = path.join(dir, "out");
    const result = await run(broken, fixturePath("bromcom-export.csv"), missing, "--out-dir", out);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/broken\.xlsx: not written: .*\.xlsx/);
    expect(lines[1]).toContain("bromcom-export.csv: wrote");
    expect(lines[2]).toMatch(/missing\.csv: not written: /);
    expect(result.stderr).toBe("2 of 3 files not written; the others were.\n");
    expect(readdirSync(out)).toEqual(["bromcom-export.xlsx"]);
  });

  it("refuses two files that would write one workbook, before writing anything", async () => {
    const other = path.join(dir, "other");
    rmSync(other, { recursive: true, force: true });
    const copy = path.join(dir, "bromcom-export.CSV");
    copyFileSync(fixturePath("bromcom-export.csv"), copy);
    const out = path.join(dir, "out");
    const result = await run(fixturePath("bromcom-export.csv"), copy, "--out-dir", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/would both be written to .*bromcom-export\.xlsx: rename one/);
    expect(result.stdout).toBe("");
    expect(existsSync(path.join(out, "bromcom-export.xlsx"))).toBe(false);
  });

  it("writes the shareable copy of each with --shareable", async () => {
    const out = path.join(dir, "out");
    const result = await run(fixturePath("bromcom-export.csv"), sampleExportPath, "--out-dir", out, "--shareable");
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "bromcom-export-shareable.xlsx",
      "bromcom-export.xlsx",
      "sample-export-shareable.xlsx",
      "sample-export.xlsx",
    ]);
    expect(result.stdout).toContain("bromcom-export-shareable.xlsx (shareable)");
  });

  it("asks for --out-dir when given several files, and refuses options that name one school or one output", async () => {
    const several = await run("a.csv", "b.csv");
    expect(several.code).toBe(2);
    expect(several.stderr).toContain("--out-dir");
    for (const extra of [["--json"], ["--out", "x.xlsx"], ["--school", "Oakfield"], ["--urn", "123456"]]) {
      const result = await run("a.csv", "b.csv", "--out-dir", dir, ...extra);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(extra[0]);
    }
  });

  it("documents --out-dir in --help", async () => {
    const help = await run("--help");
    expect(help.stdout).toContain("FILE... --out-dir DIR");
    expect(help.stdout).toMatch(/--out-dir DIR +for each FILE/);
  });
});
