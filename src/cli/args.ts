import { fieldFromRole, roleNamesForHelp } from "../core/read/columnChoice";
import { fieldLabels } from "../core/read/headings";
import type { ColumnField } from "../core/read/pupilRecord";
import { parseUkOrIsoDate } from "../core/common/dates";
import { typedTextLimits, typedTextProblem } from "../core/report/excelLimits";
import type { Framework } from "../core/rules/pupilAnalysis";
import type { SchoolPhase } from "../core/report/tsmDetails";

/** What `npm run analyse -- FILE [options]` was asked to do. */
export interface AnalyseArgs {
  /** The first (or only) file. */
  file: string;
  /** Every file given; more than one only with --out-dir. */
  files: string[];
  json: boolean;
  out: string | null;
  /** --out-dir DIR: one workbook per file in DIR, one line per file on stdout. */
  outDir: string | null;
  framework: Framework | null;
  sheet: string | null;
  shareable: boolean;
  school: string | null;
  urn: string | null;
  phase: SchoolPhase | null;
  /** ISO yyyy-MM-dd: the meeting date. */
  date: string | null;
  /** A JSON file of national figures (README "National figures") to use instead of the shipped table. */
  national: string | null;
  /** 0-based header row the user gave with --header-row N (N is the row number Excel shows). */
  headerRow: number | null;
  /** --column ROLE=LETTER_OR_HEADING, repeatable: field → the letter or heading as typed. */
  columns: Partial<Record<ColumnField, string>>;
}

export type ParseResult = { ok: true; args: AnalyseArgs } | { ok: true; help: true } | { ok: false; message: string };

export const usage = `Usage: npm run --silent analyse -- FILE [options]
       npm run --silent analyse -- FILE... --out-dir DIR [options]

Reads an attendance export (CSV or .xlsx), classifies every pupil and suggests each one's next step.
With --out-dir, reads several exports (one per school, say) and writes one workbook for each.

Options:
  --json                       print one JSON object instead of the readable summary
  --out OUT.xlsx               write the highlighted sheet, the TSM form and the governors' summary
  --out-dir DIR                for each FILE, write DIR/NAME.xlsx (NAME from the file's name) and
                               print one line saying what was written or why not; a file that
                               fails does not stop the others, and the exit code is 1 if any failed
  --framework stages|levels|both
                               which ladder to suggest steps on (default: stages)
  --sheet NAME                 the worksheet to read from an .xlsx file (default: the first)
  --shareable                  with --out: the TSM form and summary show pupils by reference
                               (counts under 3 as "<3"); OUT.xlsx keeps the data sheet and the
                               school-only pupil key, and OUT-shareable.xlsx beside it holds only
                               the form and summary, with no names, UPNs or key, to share
  --school NAME                school name for the TSM form (one file only)
  --urn URN                    the school's 6-digit unique reference number (one file only)
  --phase primary|secondary|special|all-through|other
  --date dd/MM/yyyy            the meeting date (or yyyy-MM-dd; default: today)
  --national FILE.json         national figures to compare with, instead of the shipped table
                               (see assets/national-figures.example.json)
  --header-row N               the row (as Excel numbers it) that holds the column headings, when
                               the one found is wrong; a second heading row under it ("Count" / "%")
                               is read with it
  --column ROLE=COLUMN         which column holds a field, by letter or heading, when the one found
                               is wrong or missing; repeat it for more fields, e.g.
                               --column missed=L --column "possible=Possible Sessions";
                               COLUMN "none" ignores the field. ROLE is one of:
                               ${wrap(roleNamesForHelp().join(", "), 60).join("\n                               ")}
  --help                       show this message`;

/** Splits a long list into lines of at most `width` characters, at ", ". */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

const phases: readonly SchoolPhase[] = ["primary", "secondary", "special", "all-through", "other"];
const frameworks: readonly Framework[] = ["stages", "levels", "both"];
const valueOptions = new Set(["--out", "--out-dir", "--framework", "--sheet", "--school", "--urn", "--phase", "--date", "--national", "--header-row", "--column"]);
/** Options that may be given more than once. */
const repeatableOptions = new Set(["--column"]);
const flagOptions = new Set(["--json", "--shareable", "--help", "-h"]);

/** Parses the command line. Every problem comes back as one sentence that says what to do. */
export function parseAnalyseArgs(argv: readonly string[]): ParseResult {
  const values = new Map<string, string>();
  const repeated: string[] = [];
  const flags = new Set<string>();
  const files: string[] = [];

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      files.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const option = equals > 0 ? arg.slice(0, equals) : arg;
    if (flagOptions.has(option)) {
      if (equals > 0) return fail(`${option} takes no value: write ${option} on its own.`);
      flags.add(option === "-h" ? "--help" : option);
      continue;
    }
    if (!valueOptions.has(option)) {
      return fail(`Unknown option ${option}: run with --help to see the options.`);
    }
    let value: string | undefined;
    if (equals > 0) {
      value = arg.slice(equals + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) {
        return fail(`${option} needs a value: ${exampleFor(option)}.`);
      }
      i += 1;
    }
    if (repeatableOptions.has(option)) {
      repeated.push(value);
      continue;
    }
    if (values.has(option)) return fail(`${option} was given twice: give it once.`);
    values.set(option, value);
  }

  if (flags.has("--help")) return { ok: true, help: true };
  if (files.length === 0) return fail("No file given: run npm run --silent analyse -- FILE, where FILE is the exported CSV or .xlsx.");
  const outDir = values.get("--out-dir") ?? null;
  if (files.length > 1 && outDir === null) {
    return fail(`Give one file at a time, or several with --out-dir DIR (one workbook each): got ${files.map((f) => `"${f}"`).join(" and ")}.`);
  }

  const out = values.get("--out") ?? null;
  if (out !== null && !/\.xlsx$/i.test(out)) return fail(`--out must name an .xlsx file (for example --out attendance.xlsx), not "${out}".`);
  if (outDir !== null) {
    if (outDir.trim() === "") return fail("--out-dir needs a folder, for example --out-dir meetings.");
    if (out !== null) return fail("--out and --out-dir do not go together: --out names one workbook, --out-dir writes one per file into a folder.");
    if (flags.has("--json")) return fail("--json prints one file's report: leave it out with --out-dir, which prints one line per file.");
    if (files.length > 1 && values.has("--school")) return fail("--school names one school: with several files, leave it out and type each school's name into its form.");
    if (files.length > 1 && values.has("--urn")) return fail("--urn is one school's number: with several files, leave it out and type each school's URN into its form.");
  }

  const frameworkText = values.get("--framework");
  let framework: Framework | null = null;
  if (frameworkText !== undefined) {
    const found = frameworks.find((candidate) => candidate === frameworkText.trim().toLowerCase());
    if (!found) return fail(`--framework must be stages, levels or both, not "${frameworkText}".`);
    framework = found;
  }

  const phaseText = values.get("--phase");
  let phase: SchoolPhase | null = null;
  if (phaseText !== undefined) {
    const found = phases.find((candidate) => candidate === phaseText.trim().toLowerCase());
    if (!found) return fail(`--phase must be primary, secondary, special, all-through or other, not "${phaseText}".`);
    phase = found;
  }

  const urn = values.get("--urn")?.trim() ?? null;
  if (urn !== null && !/^\d{6}$/.test(urn)) return fail(`--urn must be the school's 6-digit unique reference number, not "${urn}".`);

  // A British user types 20/11/2025; a script writes 2025-11-20. Both mean one day, never month-first.
  const dateText = values.get("--date")?.trim() ?? null;
  const date = dateText === null ? null : parseUkOrIsoDate(dateText);
  if (dateText !== null && date === null) {
    return fail(`--date must be a real date written dd/MM/yyyy or yyyy-MM-dd (for example 20/11/2025), not "${dateText}".`);
  }

  const sheet = values.get("--sheet") ?? null;
  if (sheet !== null && sheet.trim() === "") return fail("--sheet needs the name of a worksheet, for example --sheet Export.");

  const school = values.get("--school")?.trim() ?? null;
  if (school !== null && school === "") return fail("--school needs the school's name, for example --school \"Oakfield Academy\".");
  const schoolTooLong = school === null ? null : typedTextProblem("--school", school, typedTextLimits.schoolName);
  if (schoolTooLong) return fail(schoolTooLong);

  const national = values.get("--national") ?? null;
  if (national !== null && national.trim() === "") return fail("--national needs a JSON file of national figures, for example --national national-figures.json.");

  const headerRowText = values.get("--header-row")?.trim() ?? null;
  let headerRow: number | null = null;
  if (headerRowText !== null) {
    if (!/^\d{1,7}$/.test(headerRowText) || Number(headerRowText) < 1) {
      return fail(`--header-row must be the number of the row that holds the headings, as Excel shows it (for example --header-row 4), not "${headerRowText}".`);
    }
    headerRow = Number(headerRowText) - 1;
  }

  const columns: Partial<Record<ColumnField, string>> = {};
  for (const choice of repeated) {
    const equals = choice.indexOf("=");
    const role = equals > 0 ? choice.slice(0, equals).trim() : "";
    const target = equals > 0 ? choice.slice(equals + 1).trim() : "";
    if (role === "" || target === "") {
      return fail(`--column needs ROLE=COLUMN, for example --column missed=L or --column "possible=Possible Sessions", not "${choice}".`);
    }
    const field = fieldFromRole(role);
    if (field === null) return fail(`--column: "${role}" is not a field: use one of ${roleNamesForHelp().join(", ")}.`);
    if (columns[field] !== undefined) return fail(`--column gives ${fieldLabels[field]} twice: give it once.`);
    columns[field] = target;
  }

  const file = files[0] ?? "";
  if (files.some((name) => name.trim() === "")) return fail("The file name is blank: give the path of the exported CSV or .xlsx.");

  return {
    ok: true,
    args: {
      file,
      files,
      json: flags.has("--json"),
      out,
      outDir,
      framework,
      sheet,
      shareable: flags.has("--shareable"),
      school,
      urn,
      phase,
      date,
      national,
      headerRow,
      columns,
    },
  };
}

function fail(message: string): ParseResult {
  return { ok: false, message };
}

function exampleFor(option: string): string {
  switch (option) {
    case "--out":
      return "for example --out attendance.xlsx";
    case "--out-dir":
      return "a folder, for example --out-dir meetings";
    case "--framework":
      return "stages, levels or both";
    case "--sheet":
      return "the worksheet's name, for example --sheet Export";
    case "--school":
      return 'the school\'s name, for example --school "Oakfield Academy"';
    case "--urn":
      return "the school's 6-digit URN";
    case "--phase":
      return "primary, secondary, special, all-through or other";
    case "--national":
      return "a JSON file of national figures, for example --national national-figures.json";
    case "--header-row":
      return "the number of the row that holds the headings, for example --header-row 4";
    case "--column":
      return "ROLE=COLUMN, for example --column missed=L";
    default:
      return "a date written dd/MM/yyyy, for example --date 20/11/2025";
  }
}
