import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { fixturesDir, sampleExportPath } from "../support/paths";
import { analyseJson, fieldMismatches, launchAnalyse, type JsonPupil, type JsonReport, type LaunchedRun } from "../support/runCli";

/**
 * The command line, run as a user runs it (`npm run analyse` runs tools/cli.cjs, which runs the prebuilt
 * command line and rebuilds it first if a source is newer), on the sample exports in test/fixtures.
 */
const fixtures = fixturesDir;
const sample = sampleExportPath;

jest.setTimeout(60_000);

const analyse = launchAnalyse;
type Run = LaunchedRun;

/** One sentence on stderr, nothing on stdout, a non-zero exit. */
function expectRefusal(run: Run): void {
  expect(run.status).not.toBe(0);
  expect(run.status).not.toBeNull();
  expect(run.stdout).toBe("");
  const message = run.stderr.trim();
  expect(message).not.toBe("");
  expect(message).not.toContain("\n");
  expect(message).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  expect(message).toMatch(/[.]$/);
}

const expected = JSON.parse(readFileSync(path.join(fixtures, "expected.json"), "utf8")) as Record<string, JsonPupil[]>;

describe.each(Object.keys(expected))("sample export %s", (fileName) => {
  let report: JsonReport;
  beforeAll(() => {
    report = analyseJson(path.join(fixtures, fileName));
  });

  it("reports exactly the expected pupils (no titles, blanks, headers or totals)", () => {
    const ours = report.pupils.map((pupil) => pupil.sourceRow).sort((a, b) => a - b);
    const theirs = (expected[fileName] ?? []).map((pupil) => pupil.sourceRow).sort((a, b) => a - b);
    expect(ours).toEqual(theirs);
  });

  it("gives every expected field its expected value", () => {
    expect(fieldMismatches(report.pupils, expected[fileName] ?? [])).toEqual([]);
  });

  it("prints every pupil with the whole JSON contract", () => {
    for (const pupil of report.pupils) {
      expect(Object.keys(pupil)).toEqual([
        "sourceRow", "upn", "admissionNumber", "dateOfBirth", "name", "yearGroup", "possibleSessions", "missedSessions", "authorisedSessions",
        "unauthorisedSessions", "attendancePercent", "band", "stage", "level", "penaltyNoticeThresholdMet", "patterns", "reasons",
      ]);
      // docs/rules.md §10: patterns only where the export has session marks.
      if (pupil.patterns !== null) {
        expect(Object.keys(pupil.patterns as object)).toEqual([
          "weekdayMissedRate", "dayPattern", "afternoons", "recentTrend", "spells", "longestSpellDays",
          "continuousUnauthorisedDays", "lateBeforeClose", "lateAfterClose", "holidaySessions",
        ]);
      }
      expect(["severe", "persistent", "at-risk", "expected", "no-data"]).toContain(pupil.band);
      expect(pupil.reasons).toEqual(expect.arrayContaining([expect.any(String)]));
    }
  });
});

describe("the bundled sample export", () => {
  it("prints valid JSON with every band present and the 200 pupils only", () => {
    const run = analyse(sample, "--json");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.pupils).toHaveLength(200);
    expect(new Set(report.pupils.map((pupil) => pupil.band))).toEqual(new Set(["severe", "persistent", "at-risk", "expected", "no-data"]));
    // Title rows 1–2, blank row 3, header row 4, totals on the last row.
    const rows = report.pupils.map((pupil) => pupil.sourceRow);
    expect(Math.min(...rows)).toBe(5);
    expect(Math.max(...rows)).toBe(204);
  });

  it("prints a readable summary: the columns found, the band counts, the SA and PA pupils", () => {
    const run = analyse(sample);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/"Possible Sessions"\s+→ Possible sessions \(\d+%\)/);
    expect(run.stdout).toContain("Severe absence (SA)");
    expect(run.stdout).toMatch(/Row \d+: .* – attendance \d+\.\d%, missed \d+ of \d+ sessions/);
  });

  it("leaves names and UPNs out with --shareable", () => {
    const report = analyseJson(sample, "--shareable");
    const plain = analyseJson(sample);
    expect(report.pupils.every((pupil) => pupil.upn === null)).toBe(true);
    const names = new Set(plain.pupils.map((pupil) => pupil.name));
    expect(report.pupils.some((pupil) => names.has(pupil.name as string))).toBe(false);
  });
});

describe("command-line errors", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "analyse-cli-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a missing file", () => {
    const run = analyse(path.join(dir, "no-such-export.csv"), "--json");
    expectRefusal(run);
    expect(run.stderr).toContain("no-such-export.csv");
  });

  it("refuses an unsupported extension", () => {
    const file = path.join(dir, "export.pdf");
    writeFileSync(file, "%PDF-1.4");
    expectRefusal(analyse(file));
  });

  it("refuses a garbage file", () => {
    const file = path.join(dir, "garbage.xlsx");
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expectRefusal(analyse(file, "--json"));
    const csv = path.join(dir, "garbage.csv");
    writeFileSync(csv, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x0a]));
    expectRefusal(analyse(csv, "--json"));
  });

  it("refuses a CSV with no attendance columns", () => {
    const file = path.join(dir, "shopping.csv");
    writeFileSync(file, "Item,Price\nApples,1.20\nPears,0.90\n");
    expectRefusal(analyse(file, "--json"));
  });

  it("refuses bad arguments with exit code 2 and writes no file", () => {
    const out = path.join(dir, "never.xlsx");
    const run = analyse(sample, "--framework", "ladder", "--out", out);
    expectRefusal(run);
    expect(run.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    expectRefusal(analyse());
    expectRefusal(analyse(sample, "--out", path.join(dir, "missing-folder", "x.xlsx")));
    expectRefusal(analyse(sample, "--sheet", "Export"));
  });
});

describe("XLSX input", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "analyse-xlsx-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same results as the equivalent CSV, with percentages as formatted fractions", async () => {
    const csvText = readFileSync(path.join(fixtures, "bromcom-export.csv"), "utf8");
    const csvRows = csvText.trim().split(/\r?\n/).map((line) => line.split(","));
    const header = csvRows[0] ?? [];
    const percentColumn = header.indexOf("Att %");
    const numeric = new Set(["Poss", "Pres", "AEA", "Auth", "Unauth", "Current PIAS level"]);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Cover").getCell("A1").value = "Exported from the MIS";
    const sheet = workbook.addWorksheet("Attendance");
    csvRows.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((text, c) => {
        const cell = row.getCell(c + 1);
        if (r === 0 || text === "") cell.value = text === "" ? null : text;
        else if (c === percentColumn) {
          cell.value = Number(text.replace("%", "")) / 100;
          cell.numFmt = "0.0%";
        } else if (numeric.has(header[c] ?? "")) cell.value = Number(text);
        else cell.value = text;
      });
    });
    const xlsx = path.join(dir, "bromcom-export.xlsx");
    await workbook.xlsx.writeFile(xlsx);

    const fromCsv = analyseJson(path.join(fixtures, "bromcom-export.csv"));
    const fromXlsx = analyseJson(xlsx, "--sheet", "Attendance");
    expect(fromXlsx.pupils).toHaveLength(59);
    expect(fromXlsx.pupils).toEqual(fromCsv.pupils);
  });

  it("names the sheets when --sheet names none of them", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Export").getCell("A1").value = "UPN";
    const xlsx = path.join(dir, "one-sheet.xlsx");
    await workbook.xlsx.writeFile(xlsx);
    const run = analyse(xlsx, "--sheet", "Pupils");
    expectRefusal(run);
    expect(run.stderr).toContain('"Export"');
  });
});
