import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "../support/runCli";
import { packageText } from "../support/xlsxFiles";

/**
 * A row shifted by an unquoted comma in a name, and the shareable outputs: no name or UPN from a pupil row
 * may reach the shareable copy, the form, the summary, the JSON, the text summary or stderr.
 */
jest.setTimeout(60_000);
const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--phase", "secondary"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "shifted-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Eight pupils, most of them persistently absent so they are on the form; line 4 (file row 4) is shifted. */
function nameColumnCsv(): string {
  return [
    "UPN,Name,Year,Reg Group,Possible Sessions,Authorised Absences,Unauthorised Absences",
    'A100000000001,"Adams, Beth",9,9A,150,10,8',
    'A100000000002,"Brown, Cal",9,9A,150,20,10',
    "A100000000003,Okafor, Chidi,9,9A,150,40,30",
    'A100000000004,"Davies, Dan",10,10A,150,30,2',
    'A100000000005,"Evans, Eve",10,10A,150,12,9',
    'A100000000006,"Fox, Finn",10,10A,150,25,25',
    'A100000000007,"Green, Gil",9,9A,150,16,3',
  ].join("\n");
}

/** Surname, Forename, UPN: a comma in the surname pushes the UPN into the Year column. */
function upnAfterNamesCsv(): string {
  return [
    "Surname,Forename,UPN,Year,Possible Sessions,Authorised Absences,Unauthorised Absences",
    "Adams,Beth,A100000000001,9,150,10,8",
    "Brown,Cal,A100000000002,9,150,20,10",
    "Okafor, Jr,Chidi,K123456789012,9,150,40,30",
    "Davies,Dan,A100000000004,10,150,30,2",
    "Evans,Eve,A100000000005,10,150,12,9",
  ].join("\n");
}

describe("a CSV row with more fields than the header row", () => {
  it.each([
    ["a Name column", nameColumnCsv, "Chidi"],
    ["Surname, Forename, UPN", upnAfterNamesCsv, "K123456789012"],
  ])("with %s is a warning naming the row and is not read as a pupil", async (_layout, csv, leaked) => {
    const file = path.join(dir, `shift-${leaked.length}.csv`);
    writeFileSync(file, csv());
    const result = await run(file, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { pupils: { sourceRow: number }[]; warnings: { sourceRow: number; message: string }[] };
    expect(report.pupils.map((p) => p.sourceRow)).not.toContain(4);
    const warning = report.warnings.find((w) => w.sourceRow === 4);
    expect(warning?.message).toMatch(/row 4: this row has 8 fields but the header row has 7/);
    expect(JSON.stringify(report)).not.toContain(leaked);
  });

  it("--shareable: the form, the summary, the copy, the JSON and the text summary carry nothing from that row", async () => {
    const file = path.join(dir, "shift-shareable.csv");
    writeFileSync(file, nameColumnCsv());
    const out = path.join(dir, "shift.xlsx");
    const text = await run(file, "--out", out, "--shareable", ...meeting);
    expect(text.code).toBe(0);
    expect(text.stdout + text.stderr).not.toContain("Chidi");
    const copy = await packageText(path.join(dir, "shift-shareable.xlsx"));
    expect(copy).not.toContain("Chidi");
    expect(copy).not.toContain("Okafor");
    const json = await run(file, "--json", "--out", out, "--shareable", ...meeting);
    expect(json.stdout + json.stderr).not.toMatch(/Chidi|Okafor/);
  });
});

describe("--shareable warnings", () => {
  it("quote no name or UPN, in the JSON, the text summary or stderr", async () => {
    const file = path.join(dir, "warned.csv");
    writeFileSync(
      file,
      [
        "UPN,Surname,Forename,Year,Possible Sessions,Authorised Absences,Unauthorised Absences",
        "A100000000001,Adams,Beth,9,150,10,8",
        "A100000000002,Brown,Cal,9,150,20,10",
        // No figures at all: the warning used to say "Okafor" was not read as a pupil.
        "A100000000003,Okafor,Chidi,9,,,",
        // A UPN typed into the possible sessions column.
        "A100000000004,Davies,Dan,10,K123456789012,30,2",
        "A100000000005,Evans,Eve,10,150,12,9",
      ].join("\n"),
    );
    const out = path.join(dir, "warned.xlsx");
    for (const argv of [["--json"], [], ["--json", "--out", out], ["--out", out]]) {
      const shared = await run(file, ...argv, "--shareable", ...meeting);
      expect(shared.code).toBe(0);
      const everything = shared.stdout + shared.stderr;
      expect(everything).toMatch(/row 4/i);
      for (const identity of ["Okafor", "Chidi", "K123456789012", "A100000000003", "Davies", "Evans"]) expect(everything).not.toContain(identity);
    }
    // Without --shareable the school's own run still quotes what it found.
    const own = await run(file, "--json");
    expect(own.stdout).toContain('\\"Okafor\\"');
  });
});

describe("--shareable: what the command line says it wrote", () => {
  it("names no pupil, even where the sheets are named after a pupil's files", async () => {
    // A per-pupil export (some MIS reports are saved under the pupil's name), re-run into the same workbook.
    const rows = ["UPN,Surname,Forename,Year,Possible Sessions,Authorised Absences,Unauthorised Absences", "A100000000001,Okafor,Chidi,9,150,10,8", "A100000000002,Brown,Cal,9,150,20,10"];
    const weeks = ["Okafor autumn.csv", "Okafor spring.csv", "Okafor summer.csv"].map((name) => path.join(dir, name));
    for (const week of weeks) writeFileSync(week, rows.join("\n"));
    const out = path.join(dir, "per-pupil.xlsx");
    expect((await run(weeks[0]!, "--out", out, "--shareable", ...meeting)).code).toBe(0);
    for (const [index, argv] of [[], ["--json"]].entries()) {
      const shared = await run(weeks[index + 1]!, ...argv, "--out", out, "--shareable", ...meeting);
      expect(shared.code).toBe(0);
      expect(shared.stdout + shared.stderr).toMatch(/its earlier data sheet \[withheld\] was replaced/);
      expect(shared.stdout + shared.stderr).not.toContain("Okafor");
    }
  });
});
