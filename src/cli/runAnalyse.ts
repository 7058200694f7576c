import { localIsoDate, ukDate } from "../core/common/dates";
import { mkdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { analyseGrid } from "../core/analyse";
import { escapeControls } from "../core/read/excerpt";
import { toJsonReport } from "../core/report/jsonReport";
import { assignReferences } from "../core/report/pupilReferences";
import { redactShareableText, shareableAnalysis } from "../core/report/shareableAnalysis";
import type { NationalFigureTable } from "../core/report/nationalFigures";
import { meetingDateProblem, type TsmMeetingDetails } from "../core/report/tsmDetails";
import type { Analysis } from "../core/rules/pupilAnalysis";
import { defaultSettings } from "../core/rules/settings";
import { readExportFile } from "../xlsx/readFile";
import { parseAnalyseArgs, usage, type AnalyseArgs } from "./args";
import { readNationalFile } from "./nationalFile";
import { pupilNamesByRow, summaryText, withoutName } from "./summaryText";
import type * as WorkbookOutput from "./workbookOutput";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

// Every control character but the newline and tab that lay out the text; JSON strings already escape those.
// eslint-disable-next-line no-control-regex
const terminalUnsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: control characters as visible \uXXXX escapes (escapeControls, one home for the form). */
export function terminalText(text: string): string {
  return text.replace(terminalUnsafe, (c) => escapeControls(c));
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Exit codes: 0 done, 1 the file could not be read, analysed or written, 2 the command line was wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Writing a workbook needs ExcelJS, which takes several times Node's own start-up to load, so the code that
 * writes is loaded only when a run writes (docs/architecture.md "Contracts").
 */
function loadWorkbookOutput(): Promise<typeof WorkbookOutput> {
  return import("./workbookOutput");
}

/**
 * `npm run --silent analyse -- FILE [options]` (docs/architecture.md "Contracts", command line).
 * On any failure: one sentence on stderr, nothing on stdout, no file written.
 * With --out-dir: one workbook per file and one line per file on stdout (runBatch).
 */
export async function runAnalyse(argv: readonly string[], rawIo: CliIo = processIo, now: Date = new Date()): Promise<number> {
  // Names, cells and file names can hold ESC, BEL or NUL: shown escaped, they cannot clear or retitle a terminal.
  const io: CliIo = { stdout: (text) => rawIo.stdout(terminalText(text)), stderr: (text) => rawIo.stderr(terminalText(text)) };
  const parsed = parseAnalyseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`${parsed.message}\n`);
    return exitCodes.usage;
  }
  if ("help" in parsed) {
    io.stdout(`${usage}\n`);
    return exitCodes.ok;
  }
  if (parsed.args.outDir !== null) return runBatch(parsed.args, parsed.args.outDir, io, now);
  return (await analyseFile(parsed.args, io, now)).code;
}

/** What one file's run gives back: the exit code and, when it got that far, the analysis and what was written. */
interface FileOutcome {
  code: number;
  analysis?: Analysis;
  written?: { path: string; shareablePath: string | null };
}

/** One file, as `analyse -- FILE [options]` runs it. */
async function analyseFile(args: AnalyseArgs, io: CliIo, now: Date): Promise<FileOutcome> {
  const output = args.out === null ? null : await loadWorkbookOutput();
  const outProblem = checkOutPath(args, output);
  if (outProblem) {
    io.stderr(`${outProblem}\n`);
    return { code: exitCodes.usage };
  }
  if (args.sheet !== null && !/\.xls[xm]$/i.test(args.file)) {
    io.stderr(`--sheet only applies to .xlsx files, and ${path.basename(args.file)} is not one: leave --sheet out.\n`);
    return { code: exitCodes.usage };
  }

  // A slip of the year names the forms after it ("TSM Autumn 2062-63"): stopped before anything is read.
  const dateProblem = args.date === null ? null : meetingDateProblem(args.date, localIsoDate(now));
  if (dateProblem) {
    io.stderr(`${forCommandLine(dateProblem)}\n`);
    return { code: exitCodes.usage };
  }

  // Checked before the export is read, so a bad table stops the run before anything is analysed or written.
  let nationalFigures: NationalFigureTable | null = null;
  if (args.national !== null) {
    const national = await readNationalFile(args.national);
    if (!national.ok) {
      io.stderr(`${national.message}\n`);
      return { code: exitCodes.failed };
    }
    nationalFigures = national.table;
  }

  const read = await readExportFile(args.file, args.sheet === null ? {} : { sheet: args.sheet });
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return { code: exitCodes.failed };
  }

  const framework = args.framework ?? defaultSettings.framework;
  const settings = { ...defaultSettings, framework };
  let result: ReturnType<typeof analyseGrid>;
  try {
    result = analyseGrid(read.grid, {
      sheetName: read.sheetName,
      firstRow: 0,
      firstColumn: 0,
      settings,
      referenceDate: args.date ?? undefined,
      today: localIsoDate(now),
      ...(args.headerRow !== null ? { headerRowOverride: args.headerRow } : {}),
      ...(Object.keys(args.columns).length > 0 ? { columnsByText: args.columns } : {}),
      ...(read.fieldCounts ? { fieldCounts: read.fieldCounts } : {}),
    });
  } catch (error) {
    // The engine promises not to throw; if it does, say so plainly rather than print a stack.
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`Could not analyse ${path.basename(args.file)} because of an internal error (${detail.replace(/\.$/, "")}): please report it with the export's layout.\n`);
    return { code: exitCodes.failed };
  }
  if (!result.ok) {
    io.stderr(`${forCommandLine(result.message)}\n`);
    return { code: exitCodes.failed };
  }
  // What the file reader assumed (an encoding, a sheet other than the first) is said once, first.
  const fileNotes = read.notes.map((message) => ({ sourceRow: null, column: null, message }));
  const warnings = [...fileNotes, ...result.analysis.warnings].map((warning) => ({ ...warning, message: forCommandLine(warning.message) }));
  const analysis = { ...result.analysis, warnings };

  let written: WrittenOutput | null = null;
  let references: string[] | null = null;
  if (args.out !== null) {
    const today = localIsoDate(now);
    const details: TsmMeetingDetails = {
      schoolName: args.school ?? "",
      urn: args.urn ?? "",
      phase: args.phase ?? "other",
      meetingDate: args.date ?? today,
      seniorAttendanceLead: "",
      linkPiasOfficer: "",
    };
    const wrote = await (output as typeof WorkbookOutput).writeAnalysisWorkbook({
      analysis,
      grid: read.grid,
      sheetName: read.sheetName,
      readFromCsv: read.format === "csv",
      outPath: args.out,
      details,
      shareable: args.shareable,
      framework,
      today,
      ...(nationalFigures ? { nationalFigures } : {}),
    });
    if (!wrote.ok) {
      io.stderr(`${wrote.message}\n`);
      return { code: exitCodes.failed };
    }
    written = wrote;
    references = wrote.references;
  }
  // No names or UPNs in a shareable run (docs/rules.md §7): pupils appear by the workbook's references.
  if (args.shareable && references === null) references = assignReferences(analysis.pupils).byPupil;
  const shown = args.shareable ? references : null;

  // Shareable: the note names sheets (after the export's file) and notes moved, so it is redacted as the rest is.
  const wroteNote = written ? (args.shareable ? redactShareableText(wroteText(written, read.sheetName), analysis) : wroteText(written, read.sheetName)) : "";
  // Shareable: no name or UPN in any channel, warnings and cohort labels included (shareableAnalysis.ts).
  const reported = args.shareable ? shareableAnalysis(analysis) : analysis;
  if (args.json) {
    const report = toJsonReport(reported, written?.progress);
    if (shown) {
      report.pupils.forEach((pupil, index) => {
        pupil.name = shown[index] ?? "";
        pupil.upn = null;
        pupil.admissionNumber = null;
        pupil.dateOfBirth = null;
      });
      const byRow = pupilNamesByRow(analysis, shown);
      for (const warning of report.warnings) warning.message = withoutName(warning.sourceRow, warning.message, byRow);
    }
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    // stdout holds the JSON object alone.
    if (wroteNote) io.stderr(wroteNote);
  } else {
    const text = summaryText(args.shareable ? { ...reported, warnings: analysis.warnings, pupils: reported.pupils.map((p, i) => ({ ...p, warnings: analysis.pupils[i]?.warnings ?? [] })) } : analysis, {
      fileName: path.basename(args.file),
      sheetName: read.sheetName,
      grid: read.grid,
      ...(shown ? { references: shown } : {}),
    });
    // Shareable: pupils are named by reference above; anything else a warning quotes is withheld.
    io.stdout(args.shareable ? redactShareableText(text, analysis) : text);
    if (wroteNote) io.stdout(`\n${wroteNote}`);
  }
  return { code: exitCodes.ok, analysis, ...(written ? { written } : {}) };
}

/**
 * `analyse -- a.csv b.xlsx … --out-dir DIR`: one workbook per file (DIR/a.xlsx, DIR/b.xlsx), for a trust's
 * attendance lead preparing each school's meeting. One line per file on stdout, in the order given, saying
 * what was written or why not; a file that fails does not stop the others; exit 1 if any failed.
 */
async function runBatch(args: AnalyseArgs, outDir: string, io: CliIo, now: Date): Promise<number> {
  const folder = path.resolve(outDir);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`Cannot use ${outDir} for the workbooks (${code ?? "unknown error"}): give a folder you can write to with --out-dir.\n`);
    return exitCodes.usage;
  }
  if (!statSync(folder).isDirectory()) {
    io.stderr(`--out-dir names a file (${outDir}), not a folder: give a folder for the workbooks.\n`);
    return exitCodes.usage;
  }

  // Two files with one name (a/x.csv and b/x.xlsx) would write one workbook over the other: say so first.
  const outPaths = args.files.map((file) => path.join(outDir, `${path.basename(file).replace(/\.[^.]*$/, "") || "export"}.xlsx`));
  const seen = new Map<string, string>();
  for (const [index, outPath] of outPaths.entries()) {
    // Compared without case: Windows and macOS file names ignore it.
    const key = path.resolve(outPath).toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      io.stderr(`${earlier} and ${args.files[index]} would both be written to ${outPath}: rename one, or run them into different folders.\n`);
      return exitCodes.usage;
    }
    seen.set(key, args.files[index] as string);
  }

  let failed = 0;
  for (const [index, file] of args.files.entries()) {
    const outPath = outPaths[index] as string;
    let errors = "";
    const quiet: CliIo = { stdout: () => undefined, stderr: (text) => void (errors += text) };
    const fileArgs: AnalyseArgs = {
      ...args,
      file,
      files: [file],
      out: outPath,
      outDir: null,
      json: false,
      // --sheet names a worksheet of the .xlsx files; a CSV has only one.
      sheet: /\.xls[xm]$/i.test(file) ? args.sheet : null,
    };
    let outcome: FileOutcome;
    try {
      outcome = await analyseFile(fileArgs, quiet, now);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      errors = `Could not analyse ${path.basename(file)} because of an internal error (${detail.replace(/\.$/, "")}): please report it.`;
      outcome = { code: exitCodes.failed };
    }
    if (outcome.code === exitCodes.ok && outcome.analysis && outcome.written) {
      io.stdout(`${batchLine(file, outcome.analysis, outcome.written)}\n`);
    } else {
      failed += 1;
      const reason = errors.trim().split("\n")[0] || "it could not be analysed";
      io.stdout(`${file}: not written: ${reason}\n`);
    }
  }
  if (failed > 0) io.stderr(`${failed} of ${args.files.length} ${args.files.length === 1 ? "file" : "files"} not written; the others were.\n`);
  return failed > 0 ? exitCodes.failed : exitCodes.ok;
}

/** "a.csv: wrote out/a.xlsx: 212 pupils, 31 persistently absent (PA, 4 of them SA), 40 at risk." */
function batchLine(file: string, analysis: Analysis, written: { path: string; shareablePath: string | null }): string {
  const counts = analysis.summary.bandCounts;
  const pa = counts.severe + counts.persistent;
  const pupils = `${analysis.summary.pupils.toLocaleString("en-GB")} ${analysis.summary.pupils === 1 ? "pupil" : "pupils"}`;
  const copy = written.shareablePath ? ` and ${written.shareablePath} (shareable)` : "";
  return `${file}: wrote ${written.path}${copy}: ${pupils}, ${pa} persistently absent (PA, ${counts.severe} of them SA), ${counts["at-risk"]} at risk.`;
}

/**
 * The engine's "choose … yourself" said the command line's way (the pane has controls for the same):
 * no message asks for something the user has no way to do.
 */
export function forCommandLine(message: string): string {
  return message
    .replace(/choose the header row yourself/g, "give the row that holds the headings with --header-row N")
    .replace(/: check the year\.$/, ": check the year given with --date.")
    .replace(/choose the columns yourself/g, "name the columns with --column ROLE=COLUMN (see --help)")
    .replace(/choose it for ([^.—]+?) yourself/g, (_, label: string) => `give it for ${label} with --column ROLE=COLUMN (see --help)`);
}

type WrittenOutput = Extract<WorkbookOutput.WorkbookOutputResult, { ok: true }>;

/** What was written, one line per file: the school's workbook first, then any shareable copy. */
function wroteText(written: WrittenOutput, sheetName: string): string {
  const notes: string[] = [];
  const dataSheet = written.dataSheetName;
  if (dataSheet !== sheetName) notes.push(`the data sheet is "${dataSheet}", as the workbook holds a sheet called "${sheetName}" of its own`);
  if (written.replacedDataSheets.length > 0) {
    const earlier = written.replacedDataSheets.map((name) => `"${name}"`).join(", ");
    notes.push(`its earlier data sheet ${earlier} was replaced by "${dataSheet}"`);
  }
  if (written.keptTypedCells) notes.push("its earlier TSM form was merged in, keeping everything typed into it");
  if (written.keptForms.length > 0) notes.push(`earlier terms' forms kept as they were: ${written.keptForms.map((name) => `"${name}"`).join(", ")}`);
  // The file is written afresh and ExcelJS does not read charts: an earlier year's summary keeps its tables only.
  if (written.keptSummaries.length > 0) {
    notes.push(`earlier years' summaries kept, their tables as they were but without their charts: ${written.keptSummaries.map((name) => `"${name}"`).join(", ")}`);
  }
  const progress = written.progress;
  if (progress) {
    // docs/rules.md §11: one snapshot per date, compared with the last of this academic year.
    const since = progress.progress.previousDate;
    notes.push(
      `this analysis was recorded in its attendance history as at ${ukDate(progress.current.date)}${since ? `, with progress since ${ukDate(since)}` : " (the first of this academic year)"}`,
    );
  }
  const school = `Wrote ${written.path}${written.shareablePath ? " (the school's workbook, with the pupil key: keep it in school)" : ""}${
    notes.length > 0 ? `; ${notes.join("; ")}` : ""
  }.\n`;
  const copy = written.shareablePath
    ? `Wrote ${written.shareablePath} (shareable copy: the TSM form and summary only, no names, UPNs, pupil rows or pupil key).\n`
    : "";
  // docs/rules.md §15: notes typed in the added columns moved to Notes, or kept aside.
  const kept = written.notesMessage ? `${written.notesMessage}\n` : "";
  return school + kept + copy;
}

/** The same file by path, or by what it is: a symbolic or hard link to the export is the export. */
function sameFile(one: string, other: string): boolean {
  if (path.resolve(one) === path.resolve(other)) return true;
  try {
    const a = statSync(one);
    const b = statSync(other);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

function checkOutPath(args: AnalyseArgs, output: typeof WorkbookOutput | null): string | null {
  if (args.out === null || output === null) return null;
  const { shareablePathFor } = output;
  const out = path.resolve(args.out);
  if (sameFile(out, args.file)) return `--out names the file being read (${args.out}): choose a different file name so the export is never overwritten.`;
  if (args.shareable && sameFile(shareablePathFor(args.out), args.file)) {
    return `--shareable would write its copy to ${shareablePathFor(args.out)}, the file being read: choose a different --out name so the export is never overwritten.`;
  }
  const folder = path.dirname(out);
  try {
    if (!statSync(folder).isDirectory()) return `Cannot write ${args.out}: ${folder} is not a folder.`;
  } catch {
    return `Cannot write ${args.out}: the folder ${folder} does not exist; create it or choose another --out path.`;
  }
  try {
    if (statSync(out).isDirectory()) return `--out names a folder (${args.out}): give a file name ending .xlsx.`;
  } catch {
    // Not there yet: it will be created.
  }
  if (args.shareable) {
    const copy = shareablePathFor(args.out);
    try {
      if (statSync(copy).isDirectory()) return `--shareable writes its copy to ${copy}, which is a folder: move it or choose another --out name.`;
    } catch {
      // Not there yet: it will be created.
    }
  }
  return null;
}
