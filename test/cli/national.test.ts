import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Grid } from "../../src/core/read/grid";
import { readWorkbookSheets } from "../../src/xlsx/readFile";
import { runCli } from "../support/runCli";
import { repoRoot, sampleExportPath } from "../support/paths";

/** --national FILE.json: the form and summary compare with the school's own table, checked by the core. */
const sample = sampleExportPath;
const example = path.join(repoRoot, "assets/national-figures.example.json");
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--phase", "secondary"];

jest.setTimeout(60_000);

const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));

async function sheets(file: string): Promise<Map<string, Grid>> {
  const read = await readWorkbookSheets(file);
  if (!read.ok) throw new Error(read.message);
  return new Map(read.sheets.map((sheet) => [sheet.name, sheet.grid]));
}

/** The row of a sheet whose first cell is `label`. */
function rowOf(grid: Grid | undefined, label: string): readonly unknown[] {
  const row = grid?.find((r) => r[0] === label);
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

const updated = {
  source: 'DfE, "Pupil absence in schools in England", 2024/25 release',
  date: "2026-03-19",
  rows: [{ year: "2024/25", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.4, persistentRate: 24.1, severeRate: 3.2 }],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "national-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return file;
}

describe("--national FILE.json", () => {
  it("puts the file's figures, source and date on the TSM form and the governors' summary", async () => {
    const out = path.join(dir, "updated.xlsx");
    const result = await run(sample, "--out", out, ...meeting, "--national", writeJson("updated.json", updated));
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const grids = await sheets(out);
    const tsm = grids.get("TSM Spring 2025-26");
    const summary = grids.get("Governors summary 2025-26");
    const note = 'National figures: DfE, "Pupil absence in schools in England", 2024/25 release; figures published or last checked on 19/03/2026.';
    for (const grid of [tsm, summary]) {
      expect(grid?.flat()).toContain(note);
      const pa = rowOf(grid, "PA rate").filter((v) => v !== null && v !== "");
      expect(pa).toContain(0.241);
      expect(pa).toContain("State-funded secondary schools, England, 2024/25");
    }
  });

  it("gives the same workbook as no --national when the file is the shipped example", async () => {
    const withExample = path.join(dir, "example.xlsx");
    const without = path.join(dir, "shipped.xlsx");
    expect((await run(sample, "--out", withExample, ...meeting, "--national", example)).code).toBe(0);
    expect((await run(sample, "--out", without, ...meeting)).code).toBe(0);
    const [a, b] = [await sheets(withExample), await sheets(without)];
    expect(a.get("TSM Spring 2025-26")).toEqual(b.get("TSM Spring 2025-26"));
    expect(a.get("Governors summary 2025-26")).toEqual(b.get("Governors summary 2025-26"));
  });

  it.each([
    [
      "a percentage out of range",
      { ...updated, rows: [{ ...updated.rows[0], persistentRate: 124.1 }] },
      "The national figures in bad.json cannot be used: row 1 (2024/25, State-funded secondary schools), PA rate: 124.1 is more than 100; enter a percentage from 0 to 100 (for example 7.4 for 7.4%), or leave it empty.",
    ],
    [
      "a bad phase and a bad date",
      { ...updated, date: "March", rows: [{ ...updated.rows[0], phase: "secondry" }] },
      'The national figures in bad.json cannot be used: date published or last checked: "March" is not a date; enter the date the figures were published or last checked, for example 2025-06-12 or 12/06/2025 (and 1 more problem in the file).',
    ],
    ["text that is not JSON", '{ "source": "DfE", ', /^bad\.json is not valid JSON \(.+\): correct it, or start from assets\/national-figures\.example\.json\.$/],
  ])("refuses %s in one sentence, writing nothing", async (_what, content, expected) => {
    const out = path.join(dir, "refused.xlsx");
    const result = await run(sample, "--out", out, ...meeting, "--national", writeJson("bad.json", content));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    if (typeof expected === "string") expect(result.stderr).toBe(`${expected}\n`);
    else expect(result.stderr.trimEnd()).toMatch(expected);
    expect(result.stderr.trimEnd()).not.toContain("\n");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a file that is not there, or a folder", async () => {
    const missing = await run(sample, "--national", path.join(dir, "nowhere.json"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Cannot find .*nowhere\.json, given to --national: check the path, or start from assets\/national-figures\.example\.json\.\n$/);
    const folder = path.join(dir, "a-folder");
    mkdirSync(folder);
    expect((await run(sample, "--national", folder)).stderr).toMatch(/^--national names a folder/);
  });

  it("reads a file saved with a byte-order mark", async () => {
    const file = path.join(dir, "bom.json");
    writeFileSync(file, `\uFEFF${readFileSync(example, "utf8")}`);
    expect((await run(sample, "--json", "--national", file)).code).toBe(0);
  });
});
