import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fixturePath } from "../support/paths";
import { analyseJson, fieldMismatches, launchAnalyse, runCli, type JsonPupil, type JsonReport } from "../support/runCli";

/**
 * Exports in further real layouts (test/fixtures/layouts/README.md), run through the real command line
 * with --json as a school's IT technician or the held-out checks run it. Expected values are worked out
 * by hand from docs/rules.md, not copied from the tool's output.
 */
const layouts = fixturePath("layouts");
const analyse = launchAnalyse;

jest.setTimeout(60_000);

/** A layout in test/fixtures/layouts, analysed with --json. */
const layoutJson = (file: string, ...args: string[]) => analyseJson(path.join(layouts, file), ...args);

const expected = JSON.parse(readFileSync(path.join(layouts, "expected.json"), "utf8")) as Record<string, JsonPupil[]>;

/** Every warning each file must give, exactly once each: [sourceRow, words the message contains]. */
const expectedWarnings: Record<string, [number | null, RegExp][]> = {
  "scholarpack-custom-split.csv": [
    [12, /^Lily Fisher: the export's "Persistent Absence" column marks this pupil as persistently absent/],
    [13, /^Amir Green: the export's "Persistent Absence" column does not mark this pupil as persistently absent/],
  ],
  "scholarpack-custom-nosplit.csv": [
    [11, /^Lily Fisher: the export's "Persistent Absence %" column marks this pupil as persistently absent/],
    [12, /^Amir Green: the export's "Persistent Absence %" column does not mark/],
  ],
  "sims-summary-ansi.csv": [
    [null, /^sims-summary-ansi\.csv is not UTF-8, so it was read as Windows-1252/],
    [12, /^Evan Hughes: the export's "PA\?" column does not mark this pupil as persistently absent, but the figures give 87\.5% attendance/],
    [14, /row 14: "Total" looks like a totals or summary row/],
  ],
  "pupil-asset-summary-utf16.csv": [
    [null, /^pupil-asset-summary-utf16\.csv was read as UTF-16/],
    [8, /^Sam Quinn: the export's "Below 90%" column does not mark this pupil as persistently absent/],
  ],
  "arbor-officer-workbook.xlsx": [
    [null, /^arbor-officer-workbook\.xlsx: its first sheet "Notes" holds no pupil table, so the sheet "Attendance" was read/],
    [6, /^Freya Cole: the export's "Persistent Absentee" column does not mark this pupil as persistently absent, but the figures give 89\.3%/],
  ],
};

describe.each(Object.keys(expected))("%s through the command line", (fileName) => {
  let report: JsonReport;
  beforeAll(() => {
    report = layoutJson(fileName);
  });

  it("reports exactly the expected pupils (no titles, heading rows or totals)", () => {
    expect(report.pupils.map((p) => p.sourceRow)).toEqual((expected[fileName] ?? []).map((p) => p.sourceRow));
  });

  it("gives every expected field its expected value", () => {
    expect(fieldMismatches(report.pupils, expected[fileName] ?? [])).toEqual([]);
  });

  it("gives each expected warning exactly once, and no other", () => {
    const want = expectedWarnings[fileName] ?? [];
    expect(report.warnings).toHaveLength(want.length);
    want.forEach(([row, words], index) => {
      expect(report.warnings[index]!.sourceRow).toBe(row);
      expect(report.warnings[index]!.message).toMatch(words);
    });
  });
});

describe("each problem appears exactly once", () => {
  const file = path.join(layouts, "scholarpack-custom-split.csv");

  it("in the readable summary, with the row it concerns", () => {
    const run = analyse(file);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Warnings: 2\n");
    expect(run.stdout.match(/Lily Fisher: the export's/g)).toHaveLength(1);
    expect(run.stdout).toContain("  Row 12: Lily Fisher: the export's \"Persistent Absence\" column marks");
    expect(run.stdout).toContain("Header rows: rows 4–5, read as one heading per column");
  });

  it("in shareable mode the warning names the pupil by reference, never by name", () => {
    const json = layoutJson("scholarpack-custom-split.csv", "--shareable");
    expect(json.warnings).toHaveLength(2);
    expect(JSON.stringify(json)).not.toMatch(/Fisher|Green|Abbott/);
    const summary = analyse(file, "--shareable");
    expect(summary.stdout).not.toMatch(/Fisher|Green|Abbott/);
    expect(summary.stdout).toMatch(/Row 12: P\d{3}: the export's/);
  });
});

describe("no dead ends on the command line", () => {
  const { mkdtempSync, writeFileSync, rmSync } = jest.requireActual<typeof import("node:fs")>("node:fs");
  const { tmpdir } = jest.requireActual<typeof import("node:os")>("node:os");
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "layouts-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("headings the engine does not know: the refusal says how, and --header-row with --column reads it", async () => {
    const file = path.join(dir, "own-headings.csv");
    writeFileSync(file, "Attendance\nWho,Sessions on roll,Sessions away\n\"Khan, Aisha\",140,14\n\"Lewis, Ben\",140,3\n");
    const refusal = await runCli([file, "--json"], new Date(2025, 11, 1));
    expect(refusal.code).toBe(1);
    expect(refusal.stderr).toMatch(/give the row that holds the headings with --header-row N\.\n$/);
    const run = await runCli(
      [file, "--json", "--header-row", "2", "--column", "name=A", "--column", "possible=Sessions on roll", "--column", "missed=C"],
      new Date(2025, 11, 1),
    );
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.pupils.map((p) => [p.sourceRow, p.name, p.missedSessions, p.band])).toEqual([
      [3, "Aisha Khan", 14, "persistent"],
      [4, "Ben Lewis", 3, "expected"],
    ]);
  });

  it("a doubtful column is named once with the option that uses it; --column uses it as the user says", async () => {
    const file = path.join(dir, "flag.csv");
    writeFileSync(file, "Name,Possible,Absence\nAnn,150,1\nBea,160,\nCal,140,1\n");
    const run = await runCli([file, "--json"], new Date(2025, 11, 1));
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.warnings.map((w) => [w.sourceRow, w.message])).toEqual([
      [null, expect.stringMatching(/^Sheet "flag", column C \("Absence"\): it holds only 1 and blanks .* give it for Total absence \(sessions\) with --column ROLE=COLUMN \(see --help\)\.$/)],
      ...[2, 3, 4].map((row) => [row, expect.stringMatching(/^Possible sessions are given but no absence/)]),
    ]);
    expect(report.pupils.map((p) => p.band)).toEqual(["no-data", "no-data", "no-data"]);
    const forced = JSON.parse((await runCli([file, "--json", "--column", "missed=C"], new Date(2025, 11, 1))).stdout) as JsonReport;
    expect(forced.warnings.map((w) => w.sourceRow)).toEqual([3]);
    expect(forced.pupils.map((p) => p.missedSessions)).toEqual([1, null, 1]);
  });

  it("--column naming a heading that is not there says which headings there are", async () => {
    const run = await runCli([path.join(layouts, "sims-summary-ansi.csv"), "--column", "missed=Absent"], new Date(2025, 11, 1));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the column given for Total absence \(sessions\) \("Absent"\) was not found — no column is headed "Absent" .*A "Adno", B "Legal Surname"/);
  });
});
