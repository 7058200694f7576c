import { runCli } from "../support/runCli";
import { parseAnalyseArgs, type AnalyseArgs } from "../../src/cli/args";

function parsed(argv: string[]): AnalyseArgs {
  const result = parseAnalyseArgs(argv);
  if (!result.ok || !("args" in result)) throw new Error(`expected arguments, got ${JSON.stringify(result)}`);
  return result.args;
}

function refused(argv: string[]): string {
  const result = parseAnalyseArgs(argv);
  if (result.ok) throw new Error(`expected a refusal for ${argv.join(" ")}`);
  return result.message;
}

describe("parseAnalyseArgs", () => {
  it("takes a file alone with every option off", () => {
    expect(parsed(["export.csv"])).toEqual({
      file: "export.csv",
      files: ["export.csv"],
      json: false,
      out: null,
      outDir: null,
      framework: null,
      sheet: null,
      shareable: false,
      school: null,
      urn: null,
      phase: null,
      date: null,
      national: null,
      headerRow: null,
      columns: {},
    });
  });

  it("takes --header-row as Excel's row number and --column ROLE=COLUMN as often as needed", () => {
    const args = parsed(["export.csv", "--header-row", "4", "--column", "missed=L", "--column=possible=Possible Sessions", "--column", "PA=none"]);
    expect(args.headerRow).toBe(3);
    expect(args.columns).toEqual({ missedSessions: "L", possibleSessions: "Possible Sessions", persistentAbsenceFlag: "none" });
  });

  it("refuses a header row that is not a row number, and a --column it cannot use", () => {
    expect(refused(["export.csv", "--header-row", "0"])).toMatch(/^--header-row must be the number of the row/);
    expect(refused(["export.csv", "--header-row", "four"])).toMatch(/not "four"/);
    expect(refused(["export.csv", "--column", "missed"])).toMatch(/^--column needs ROLE=COLUMN/);
    expect(refused(["export.csv", "--column", "colour=B"])).toMatch(/^--column: "colour" is not a field: use one of upn, adno, dob, name/);
    expect(refused(["export.csv", "--column", "missed=L", "--column", "absence=M"])).toBe("--column gives Total absence (sessions) twice: give it once.");
  });

  it("reads every option, before or after the file, with a space or an equals sign", () => {
    expect(
      parsed([
        "--json",
        "--out",
        "meeting.xlsx",
        "export.xlsx",
        "--framework=levels",
        "--sheet",
        "Year 7 & 8",
        "--shareable",
        "--school",
        "Oakfield Academy",
        "--urn=999999",
        "--phase",
        "Secondary",
        "--date",
        "2025-11-20",
        "--national=figures 2026.json",
      ]),
    ).toEqual({
      file: "export.xlsx",
      files: ["export.xlsx"],
      json: true,
      out: "meeting.xlsx",
      outDir: null,
      framework: "levels",
      sheet: "Year 7 & 8",
      shareable: true,
      school: "Oakfield Academy",
      urn: "999999",
      phase: "secondary",
      date: "2025-11-20",
      national: "figures 2026.json",
      headerRow: null,
      columns: {},
    });
  });

  it("takes several files with --out-dir, and reads --out-dir's folder", () => {
    const args = parsed(["a.csv", "--out-dir", "meetings", "b.xlsx", "--framework", "both"]);
    expect(args.files).toEqual(["a.csv", "b.xlsx"]);
    expect(args.outDir).toBe("meetings");
    expect(args.file).toBe("a.csv");
  });

  it("treats everything after -- as the file, even when it starts with a dash", () => {
    expect(parsed(["--json", "--", "-odd name.csv"]).file).toBe("-odd name.csv");
  });

  it("shows help", () => {
    expect(parseAnalyseArgs(["--help"])).toEqual({ ok: true, help: true });
    expect(parseAnalyseArgs(["-h", "x.csv"])).toEqual({ ok: true, help: true });
  });

  it.each([
    [[], /No file given/],
    [["a.csv", "b.csv"], /one file at a time/],
    [["a.csv", "--verbose"], /Unknown option --verbose/],
    [["a.csv", "--out"], /--out needs a value/],
    [["a.csv", "--out", "--json"], /--out needs a value/],
    [["a.csv", "--out", "report.csv"], /--out must name an \.xlsx file/],
    [["a.csv", "--framework", "ladder"], /--framework must be stages, levels or both, not "ladder"/],
    [["a.csv", "--phase", "infant"], /--phase must be primary, secondary, special/],
    [["a.csv", "--urn", "12AB"], /--urn must be the school's 6-digit/],
    [["a.csv", "--date", "31/02/2025"], /--date must be a real date written dd\/MM\/yyyy/],
    [["a.csv", "--date", "11/20/2025"], /--date must be a real date/],
    [["a.csv", "--date", "2025-02-30"], /--date must be a real date/],
    [["a.csv", "--json=yes"], /--json takes no value/],
    [["a.csv", "--school", "A", "--school", "B"], /--school was given twice/],
    [["a.csv", "--sheet", " "], /--sheet needs the name of a worksheet/],
    [["a.csv", "--national"], /--national needs a value: a JSON file of national figures/],
    [["a.csv", "--national="], /--national needs a JSON file of national figures/],
  ])("refuses %j with one sentence saying what to do", (argv, pattern) => {
    const message = refused(argv as string[]);
    expect(message).toMatch(pattern);
    expect(message).toMatch(/[.]$/);
    expect(message).not.toContain("\n");
  });
});  test("--date takes a British date (dd/MM/yyyy) as well as yyyy-MM-dd, never month-first", () => {
    expect(parsed(["a.csv", "--date", "20/11/2025"]).date).toBe("2025-11-20");
    expect(parsed(["a.csv", "--date", "2025-11-20"]).date).toBe("2025-11-20");
    expect(parsed(["a.csv", "--date", "03/04/2026"]).date).toBe("2026-04-03");
  });



describe("--date far from today", () => {
  it.each(["01/01/1900", "01/12/2062", "2099-09-01"])("refuses %s, naming the academic year, before reading the export", async (date) => {
    const result = await runCli(["does-not-exist.csv", "--date", date], new Date(Date.UTC(2026, 10, 29)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^The meeting date \d\d\/\d\d\/\d{4} is in the \d{4}\/\d\d academic year, far from this one \(2026\/27\): check the year given with --date\.\n$/);
  });

  it("takes a meeting written up two years late or held next year", async () => {
    for (const date of ["01/09/2024", "31/08/2028"]) {
      const result = await runCli(["test/fixtures/bromcom-export.csv", "--json", "--date", date], new Date(Date.UTC(2026, 10, 29)));
      expect(result.code).toBe(0);
    }
  });
});
