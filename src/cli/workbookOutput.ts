import { randomBytes } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import * as path from "node:path";
import type { CellValue, Grid } from "../core/read/grid";
import { quoted } from "../core/read/excerpt";
import { bandColumnHeading, highlightMarker } from "../core/report/highlightPlan";
import { addedColumnsIn, sheetNotesMessage } from "../core/report/sheetNotes";
import { decideReplacement, type OutputRecord } from "../core/report/outputRecord";
import type { HighlightPlan } from "../core/report/plan";
import type { PupilReferenceBook } from "../core/report/pupilReferences";
import { cellText } from "../core/report/readBack";
import type { NationalFigureTable } from "../core/report/nationalFigures";
import { historyMarker, historySheetName } from "../core/report/historySheet";
import type { ProgressRecord } from "../core/report/progressRecord";
import { keySheetName, lastMeetingSheet, makeSheetName, tsmSheetName } from "../core/report/sheetNames";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import { readTypedTsm } from "../core/report/tsmMerge";
import { buildWorkbookPlan, type ExistingSheets, type PlannedWorkbook } from "../core/report/workbookPlan";
import type { Analysis, Framework } from "../core/rules/pupilAnalysis";
import { readWorkbookSheets, type ReadBackSheet } from "../xlsx/readFile";
import { sheetsToWrite, sourceColumnWidths, writeWorkbookXlsx, type KeptSheet, type WriteWorkbookInput } from "../xlsx/writeWorkbook";

export interface WorkbookOutputRequest {
  analysis: Analysis;
  grid: Grid;
  sheetName: string;
  /** The grid is a CSV file's text: the data sheet then holds its plain numbers as numbers, as Excel would. */
  readFromCsv?: boolean;
  outPath: string;
  details: TsmMeetingDetails;
  shareable: boolean;
  framework: Framework;
  /** ISO yyyy-MM-dd. */
  today: string;
  /** National figures from --national (already checked); the shipped table when absent. */
  nationalFigures?: NationalFigureTable;
}

export type WorkbookOutputResult =
  | {
      ok: true;
      /** The school's workbook: data sheet, TSM form, summary and the pupil key. */
      path: string;
      /** The data sheet's name in it: the export's, or with " (2)" where the file holds a sheet of that name. */
      dataSheetName: string;
      /** With --shareable, the copy that may leave the school (cover, form and summary only); else null. */
      shareablePath: string | null;
      /** True when the file existed and its TSM form was read back, so typed cells were kept. */
      keptTypedCells: boolean;
      /** Data sheets an earlier run of this tool wrote into the school's workbook, replaced by this run's. */
      replacedDataSheets: string[];
      /** The pupil references (P001 …) the workbook uses, aligned with analysis.pupils. */
      references: string[];
      /** Earlier terms' TSM forms carried over as they were. */
      keptForms: string[];
      /** Earlier years' governors' summaries carried over: their tables as they were, without their charts. */
      keptSummaries: string[];
      /** This analysis recorded in the workbook's history, and each pupil's progress (docs/rules.md §11). */
      progress?: ProgressRecord;
      /** What happened to notes typed on the earlier highlighted sheet (docs/rules.md §15), or null. */
      notesMessage: string | null;
    }
  | { ok: false; message: string };

/** A sheet of the earlier file (readWorkbookSheets): a highlighted sheet's pasted columns are not read. */
type PreviousSheet = ReadBackSheet;

/** "out/r.xlsx" → "out/r-shareable.xlsx": the copy sits beside the school's workbook, named after it. */
export function shareablePathFor(outPath: string): string {
  const extension = path.extname(outPath);
  const stem = extension === "" ? outPath : outPath.slice(0, -extension.length);
  return `${stem}-shareable${extension === "" ? ".xlsx" : extension}`;
}

/**
 * Builds the same plan the add-in applies (highlighted sheet, TSM form, governors' summary and the
 * school-only pupil key) and writes it as the school's .xlsx. With `shareable`, the form and summary show
 * pupils by reference, and a second file beside it (shareablePathFor) carries only a cover sheet, the form
 * and the summary: no names, UPNs, pupil rows or key. Both come from one plan, so their references agree,
 * and both are written whole or not at all.
 * When the school's file exists already, its TSM form and pupil key are read back first so that what people
 * typed into the form is kept and pupils keep their references (docs/architecture.md "What must never happen").
 */
export async function writeAnalysisWorkbook(given: WorkbookOutputRequest): Promise<WorkbookOutputResult> {
  // An --out that is a symbolic link names the file it points to: that file is read back and replaced, and
  // the link stays a link (renaming over it would leave the file it pointed to stale and the link a copy).
  const request = { ...given, outPath: await fs.realpath(given.outPath).catch(() => given.outPath) };
  const targets = [request.outPath, ...(request.shareable ? [shareablePathFor(request.outPath)] : [])];
  // A read-only file is the owner saying "do not change this" (root could write it anyway): refused.
  for (const target of targets) {
    const mode = await fs.stat(target).then((info) => info.mode, () => null);
    if (mode !== null && (mode & 0o222) === 0) {
      return {
        ok: false,
        message: `${path.basename(target)} is read-only, so it was left as it is: make it writable, or choose another --out file, and try again.`,
      };
    }
  }
  // One run at a time per --out file: two runs would both read the same earlier file and both say "Wrote".
  const lock = await takeLock(request.outPath);
  if ("message" in lock) return { ok: false, message: lock.message };
  try {
    for (const target of targets) await removeOrphans(target);
    return await writeUnlocked(request);
  } finally {
    await lock.release();
  }
}

/** The lock beside an --out file: a hidden file holding the writing process's id. */
function lockPath(outPath: string): string {
  return path.join(path.dirname(path.resolve(outPath)), `.${path.basename(outPath)}.lock`);
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function takeLock(outPath: string): Promise<{ release: () => Promise<void> } | { message: string }> {
  const file = lockPath(outPath);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: "wx" });
      return { release: () => fs.rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return { release: async () => undefined };
      const holder = Number((await fs.readFile(file, "utf8").catch(() => "")).trim());
      if (processAlive(holder) && holder !== process.pid) {
        return {
          message: `Another run is writing ${path.basename(outPath)} now, so this one wrote nothing: wait for it to finish, then try again.`,
        };
      }
      // Left by a run that was killed: it holds nothing any more.
      await fs.rm(file, { force: true });
    }
  }
  return { message: `Cannot take the lock on ${path.basename(outPath)}: delete ${lockPath(outPath)} if no other run is writing it, then try again.` };
}

/**
 * Temporary and kept-aside files (temporaryName) left beside `target` by a run that was killed (kill -9,
 * power cut): the process that made them is gone, so they are removed. Never another live run's.
 */
async function removeOrphans(target: string): Promise<void> {
  const folder = path.dirname(path.resolve(target));
  const prefix = `.${path.basename(target)}.`;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.(tmp|bak)$/.exec(name.slice(prefix.length));
    if (match && !processAlive(Number(match[1]))) await fs.rm(path.join(folder, name), { force: true });
  }
}

async function writeUnlocked(request: WorkbookOutputRequest): Promise<WorkbookOutputResult> {
  const outName = path.basename(request.outPath);
  const previous = await readPreviousOutput(request.outPath);
  if ("message" in previous) return { ok: false, message: previous.message };

  const tsmName = tsmSheetName(request.details.meetingDate);
  const existing: ExistingSheets = {};
  const tsm = findSheet(previous.sheets, tsmName);
  const key = findSheet(previous.sheets, keySheetName);
  if (tsm) existing.tsm = tsm.grid;
  if (key) existing.key = key.grid;
  // The analysis history, when the earlier file's sheet is still the add-in's own (its marker in A1).
  const history = findSheet(previous.sheets, historySheetName);
  if (history && cellText(history.grid[0]?.[0]) === historyMarker) existing.history = history.grid;
  // Every earlier term's form (and earlier year's summary) the product wrote is kept as it is, and the last
  // meeting's form gives this one its "Pupils from the last meeting" (docs/rules.md §11).
  const earlierForms = formsAndSummaries(previous);
  const lastMeeting = lastMeetingSheet(
    earlierForms.filter((sheet) => sheet.role === "tsm").map((sheet) => sheet.name),
    request.details.meetingDate,
  );
  const lastMeetingGrid = lastMeeting === null ? undefined : findSheet(previous.sheets, lastMeeting)?.grid;
  if (lastMeeting !== null && lastMeetingGrid) existing.lastMeeting = { sheetName: lastMeeting, grid: lastMeetingGrid };
  // Notes typed on the earlier highlighted sheet(s) this run replaces follow their pupils (docs/rules.md §15).
  const addedColumns = previous.sheets
    .filter((sheet) => sheet.notes.includes(highlightMarker))
    .map((sheet) => addedColumnsIn(sheet.grid, bandColumnHeading))
    .filter((grid): grid is Grid => grid !== undefined);
  if (addedColumns.length > 0) existing.addedColumns = addedColumns;
  const width = request.grid.reduce((max, row) => Math.max(max, row.length), 0);
  const planFor = (sheetName: string): PlannedWorkbook =>
    buildWorkbookPlan(
      request.analysis,
      {
        sheetName,
        lastColumn: Math.max(0, width - 1),
        firstRow: 0,
        firstColumn: 0,
        rowCount: request.grid.length,
        // The widths this copy's pasted columns get (writeWorkbook), so the print fits them.
        columnWidths: sourceColumnWidths(request.grid, request.analysis.mapping.headerRow, request.grid.length - 1),
      },
      {
        details: request.details,
        shareable: request.shareable,
        framework: request.framework,
        existing,
        today: request.today,
        analysisDate: request.today,
        ...(request.nationalFigures ? { nationalFigures: request.nationalFigures } : {}),
      },
    );
  let plan: PlannedWorkbook;
  let dataSheetName = request.sheetName;
  try {
    plan = planFor(dataSheetName);
    // The data sheet is named after the export, which may share a name with a sheet this file holds
    // ("Attendance history.csv", or an export named like an earlier term's form, which would then be lost):
    // it takes " (2)" as Excel names a copy (sheetNames.ts), and is planned again under that name.
    const held = [...plan.sheets.map((sheet) => sheet.name), ...earlierForms.map((sheet) => sheet.name)];
    if (held.some((name) => name.toLowerCase() === dataSheetName.toLowerCase())) {
      dataSheetName = makeSheetName(dataSheetName, held);
      plan = planFor(dataSheetName);
    }
  } catch (error) {
    return { ok: false, message: writeFailure(request.outPath, error) };
  }
  // The plan's own references (the pure assignment, made once), so printed references match the files'.
  const book = plan.references;

  // The school's workbook keeps every planned sheet, the key included, whether or not the form is shareable.
  const keptSheets = keptFrom(previous, earlierForms, [dataSheetName, ...plan.sheets.map((sheet) => sheet.name)]);
  const school: WriteWorkbookInput = {
    source: { sheetName: dataSheetName, grid: request.grid, readFromCsv: request.readFromCsv === true },
    plan,
    shareable: false,
    keptSheets,
  };
  const schoolCheck = checkNothingLost(outName, previous, school, { replaceEarlierData: true });
  if ("message" in schoolCheck) return { ok: false, message: schoolCheck.message };

  const files: { target: string; input: WriteWorkbookInput }[] = [{ target: request.outPath, input: school }];
  if (request.shareable) {
    const sharePath = shareablePathFor(request.outPath);
    const shareName = path.basename(sharePath);
    const previousShare = await readPreviousOutput(sharePath);
    if ("message" in previousShare) return { ok: false, message: previousShare.message };
    // The copy that leaves the school (docs/rules.md §7): the form and summary, not the pasted pupil rows or the
    // key, so its first sheet says what it is instead of holding the export.
    const cover = shareableCover(request.details.schoolName);
    const sharedSheets = sheetsToWrite(plan, true);
    const shared: WriteWorkbookInput = {
      source: { ...cover, role: "cover" },
      plan: { highlight: emptyHighlight(cover.sheetName, cover.grid.length), sheets: sharedSheets },
      shareable: true,
      // The copy keeps its own earlier terms' forms, as they were shared then: never one from the school's workbook.
      keptSheets: keptFrom(previousShare, formsAndSummaries(previousShare), [cover.sheetName, ...sharedSheets.map((sheet) => sheet.name)]),
    };
    // The copy never holds a data sheet, so nothing in it is replaced: any sheet it would lose stops the run.
    const shareCheck = checkNothingLost(shareName, previousShare, shared, { replaceEarlierData: false });
    if ("message" in shareCheck) return { ok: false, message: shareCheck.message };
    // What this run writes into the form itself (role labels, headings) was never typed by anyone.
    const plannedForm = plan.sheets.find((sheet) => sheet.role === "tsm");
    const planned = new Set((plannedForm?.blocks ?? []).flatMap((block) => block.values.flat()).map((value) => cellText(value)));
    const typedOnlyThere = typedOnlyInCopy(findSheet(previousShare.sheets, tsmName)?.grid, existing.tsm, book, planned);
    if (typedOnlyThere !== null) {
      return {
        ok: false,
        message: `${shareName} has ${quoted(typedOnlyThere)} typed into its TSM form, which ${outName} does not hold, so neither file was written: copy what was typed into the form in ${outName} (the shareable copy is made again from it each time), or delete ${shareName} if that is not needed, then run again.`,
      };
    }
    files.push({ target: sharePath, input: shared });
  }

  // Every file is built in memory first, so a plan Excel would reject writes nothing at all.
  const buffers: { target: string; buffer: Buffer }[] = [];
  for (const file of files) {
    try {
      buffers.push({ target: file.target, buffer: await writeWorkbookXlsx(file.input) });
    } catch (error) {
      return { ok: false, message: writeFailure(file.target, error) };
    }
  }
  try {
    await replaceFilesTogether(buffers);
  } catch (error) {
    const failed = (error as { target?: string }).target ?? request.outPath;
    return { ok: false, message: writeFailure(failed, error) };
  }
  return {
    ok: true,
    path: path.resolve(request.outPath),
    dataSheetName,
    shareablePath: files[1] ? path.resolve(files[1].target) : null,
    keptTypedCells: existing.tsm !== undefined,
    replacedDataSheets: schoolCheck.replaced,
    references: book.byPupil,
    keptForms: keptSheets.filter((sheet) => sheet.role === "tsm").map((sheet) => sheet.name),
    keptSummaries: keptSheets.filter((sheet) => sheet.role === "summary").map((sheet) => sheet.name),
    ...(plan.progress ? { progress: plan.progress } : {}),
    notesMessage: plan.notes ? sheetNotesMessage(plan.notes) : null,
  };
}

/**
 * Replacing a file must not lose a sheet people may have worked in (an earlier term's form, a sheet of
 * their own), nor anything the product did not write: an earlier output is recognised by the marker the
 * product wrote into it, never by its sheet names (outputRecord.ts). The one sheet that may go is a data
 * sheet this tool wrote on an earlier run: new weekly data usually comes under a new file name, and the new
 * data sheet takes its place.
 */
function checkNothingLost(
  fileName: string,
  previous: PreviousOutput,
  input: WriteWorkbookInput,
  options: { replaceEarlierData: boolean },
): { replaced: string[] } | { message: string } {
  const writing = [
    input.source.sheetName,
    ...sheetsToWrite(input.plan, input.shareable).map((sheet) => sheet.name),
    ...(input.keptSheets ?? []).map((sheet) => sheet.name),
  ];
  const earlier = previous.sheets.map((sheet) => ({ name: sheet.name, highlighted: sheet.notes.includes(highlightMarker) }));
  const decision = decideReplacement(earlier, previous.record, writing, options);
  if (decision.ok) return { replaced: decision.replaced };
  if (decision.reason === "notOurs") return { message: notOursMessage(fileName) };
  return {
    message: `${fileName} already exists and holds ${decision.sheets.map((n) => `"${n}"`).join(", ")}, which this run would not keep, so it was left as it is: choose another --out file.`,
  };
}

function notOursMessage(fileName: string): string {
  return `${fileName} already exists and was not written by this tool, so it was left as it is: choose another --out file name.`;
}

/**
 * The first thing typed into the shareable copy's form that the school's form does not hold, or null.
 * The copy is rebuilt from the school's workbook, so anyone typing into the copy would lose their words.
 */
function typedOnlyInCopy(
  copy: Grid | undefined,
  schoolForm: Grid | undefined,
  book: PupilReferenceBook,
  planned: ReadonlySet<string>,
): string | null {
  if (!copy) return null;
  const typedValues = (grid: Grid | undefined): string[] => {
    const typed = readTypedTsm(grid, book);
    const values: CellValue[] = [
      ...typed.attendees.flat(),
      ...typed.pupilRows.flatMap((row) => Object.values(row.inputs)),
      ...Object.values(typed.sections).flat(),
      ...(typed.nextMeetingDate === null ? [] : [typed.nextMeetingDate]),
    ];
    return values.map((value) => cellText(value)).filter((text) => text !== "");
  };
  const inSchool = new Set(typedValues(schoolForm));
  return typedValues(copy).find((text) => !inSchool.has(text) && !planned.has(text)) ?? null;
}

/** What the file system does, so a test can make one step fail. */
export interface FileSteps {
  writeNew(file: string, data: Buffer): Promise<void>;
  keepCopy(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Gives `to` the mode and owner of `from`, when `from` exists. */
  keepMode?(from: string, to: string): Promise<void>;
}

async function keepMode(from: string, to: string): Promise<void> {
  const info = await fs.stat(from).catch(() => null);
  if (info === null) return;
  await fs.chmod(to, info.mode & 0o7777);
  // Only root may give a file to someone else; an ordinary user's files are theirs already.
  await fs.chown(to, info.uid, info.gid).catch(() => undefined);
}

const fileSteps: FileSteps = {
  writeNew: (file, data) => fs.writeFile(file, data, { flag: "wx" }),
  // A hard link keeps the earlier file without copying it; a copy where the disk cannot link.
  keepCopy: async (from, to) => {
    try {
      await fs.link(from, to);
    } catch {
      await fs.copyFile(from, to);
    }
  },
  rename: (from, to) => fs.rename(from, to),
  remove: (file) => fs.rm(file, { force: true }),
};

function temporaryName(target: string, kind: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.${kind}`);
}

/**
 * Puts several files in place together, or none: each is written whole to a temporary file beside its
 * target first; only then is each renamed over its target, with the earlier version kept aside until all
 * are in place, so a failure part-way puts back every file as it was. An error carries the failing `target`.
 */
export async function replaceFilesTogether(files: readonly { target: string; buffer: Buffer }[], steps: FileSteps = fileSteps): Promise<void> {
  const staged = files.map((file) => ({ ...file, target: path.resolve(file.target), temporary: temporaryName(path.resolve(file.target), "tmp") }));
  const placed: { target: string; backup: string | null }[] = [];
  const backups: string[] = [];
  let current = staged[0]?.target ?? "";
  try {
    for (const file of staged) {
      current = file.target;
      await steps.writeNew(file.temporary, file.buffer);
      // The new file takes the earlier one's permissions and owner: a 0600 workbook stays private.
      await (steps.keepMode ?? keepMode)(file.target, file.temporary);
    }
    for (const file of staged) {
      current = file.target;
      let backup: string | null = null;
      if (existsSync(file.target)) {
        backup = temporaryName(file.target, "bak");
        await steps.keepCopy(file.target, backup);
        backups.push(backup);
      }
      await steps.rename(file.temporary, file.target);
      placed.push({ target: file.target, backup });
    }
  } catch (error) {
    for (const done of placed.reverse()) {
      try {
        if (done.backup !== null) await steps.rename(done.backup, done.target);
        else await steps.remove(done.target);
      } catch {
        // Putting back is best effort; the error below says what failed.
      }
    }
    for (const file of staged) await steps.remove(file.temporary).catch(() => undefined);
    for (const backup of backups) await steps.remove(backup).catch(() => undefined);
    if (error !== null && typeof error === "object") Object.assign(error, { target: current });
    throw error;
  }
  for (const backup of backups) await steps.remove(backup).catch(() => undefined);
}

export const shareableCoverSheetName = "About this copy";

function shareableCover(schoolName: string): { sheetName: string; grid: Grid } {
  const school = schoolName.trim() === "" ? "the school" : schoolName.trim();
  return {
    sheetName: shareableCoverSheetName,
    grid: [
      [`Shareable copy for the Targeting Support Meeting of ${school}`],
      ["It holds the meeting form, with pupils shown by reference only, and the cohort summary."],
      ["It holds no pupil names, UPNs or pupil-level export: the school keeps those, with the key to the references."],
      ["It is made again from the school's workbook each time: type the meeting's notes into the school's copy of the form."],
    ],
  };
}

/** Nothing added to the cover sheet: no columns, colour rules or legend. */
/** No added columns; the "header row" lies below the sheet's `rows` lines, so none of them is styled as headings. */
function emptyHighlight(sheetName: string, rows: number): HighlightPlan {
  return {
    sheetName,
    headerRow: rows,
    firstDataRow: rows + 1,
    lastDataRow: rows,
    firstColumn: 1,
    headings: [],
    values: [],
    numberFormats: [],
    columnWidths: [],
    conditionalFormats: [],
    legend: { row: 0, column: 1, entries: [] },
    marker: "",
    // The cover's sentences run over empty cells: fitted to one page wide, they print on one page.
    print: {
      orientation: "portrait",
      fitToPagesWide: 1,
      repeatRows: null,
      headerCentre: sheetName,
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    },
  };
}

interface PreviousOutput {
  /** The earlier file's sheets; none when there is no file. */
  sheets: PreviousSheet[];
  /** Its output marker; null when it has none (or there is no file). */
  record: OutputRecord | null;
  /** The named sheets whole (ExcelJS's models), to carry them into the new file as they are (an earlier term's form). */
  models(names: readonly string[]): Promise<Map<string, unknown>>;
}

const noModels = async () => new Map<string, unknown>();

function unreadableMessage(fileName: string): string {
  return `${fileName} already exists and cannot be read back to keep what was typed into it, so it was left as it is: choose another --out file.`;
}

async function readPreviousOutput(outPath: string): Promise<PreviousOutput | { message: string }> {
  if (!existsSync(outPath)) return { sheets: [], record: null, models: noModels };
  // The data sheet's pasted columns are replaced by this run's: only the columns this tool added are read back.
  const read = await readWorkbookSheets(outPath, { onlyIfMarked: true, pastedColumns: false });
  if (!read.ok) {
    // A value far from the data (or beyond Excel's limits) is named with its cell and what to do; a damaged
    // file gets the general sentence.
    const message =
      read.unreadableSheet !== undefined
        ? `${path.basename(outPath)} already exists and was left as it is, because it must be read back whole to keep what was typed into it. ${read.message}`
        : unreadableMessage(path.basename(outPath));
    return { message };
  }
  // Not written by this tool: nothing of it is read, and nothing replaces it.
  if (read.record === null) return { message: notOursMessage(path.basename(outPath)) };
  return { sheets: read.sheets, record: read.record, models: read.models };
}

/** The TSM forms and governors' summaries an earlier output of this product holds, by its own record of them. */
function formsAndSummaries(previous: PreviousOutput): (PreviousSheet & { role: "tsm" | "summary" })[] {
  const roleOf = new Map((previous.record?.sheets ?? []).map((sheet) => [sheet.name.toLowerCase(), sheet.role]));
  return previous.sheets.flatMap((sheet) => {
    const role = roleOf.get(sheet.name.toLowerCase());
    return role === "tsm" || role === "summary" ? [{ ...sheet, role }] : [];
  });
}

/**
 * The earlier forms and summaries this run does not write again: carried into the new file whole. Each is read
 * (ExcelJS's model) only as it is written, so one at a time is in memory, however many terms the file holds.
 */
function keptFrom(previous: PreviousOutput, earlier: readonly (PreviousSheet & { role: "tsm" | "summary" })[], writing: readonly string[]): KeptSheet[] {
  const planned = new Set(writing.map((name) => name.toLowerCase()));
  return earlier
    .filter((sheet) => !planned.has(sheet.name.toLowerCase()))
    .map((sheet) => ({
      name: sheet.name,
      role: sheet.role,
      model: async () => {
        const model = (await previous.models([sheet.name])).get(sheet.name);
        if (model === undefined) throw new Error(`the earlier sheet "${sheet.name}" could not be read whole`);
        return model;
      },
    }));
}

function findSheet(sheets: readonly PreviousSheet[], name: string): PreviousSheet | undefined {
  return sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase() && sheet.grid.length > 0);
}

function writeFailure(outPath: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EBUSY" || code === "EPERM" || code === "EACCES") {
    return `Cannot write ${outPath}: it is open in Excel or the folder is read-only; close it or choose another --out file.`;
  }
  if (code === "ENOENT") return `Cannot write ${outPath}: the folder does not exist; create it or choose another --out file.`;
  if (code === "ENOSPC") return `Cannot write ${outPath}: the disk is full; free some space and try again.`;
  if (code === "ENAMETOOLONG") return `Cannot write ${outPath}: the name is longer than the disk allows; choose a shorter --out name.`;
  if (typeof code === "string") return `Cannot write ${outPath} (${code}): check the folder and try again.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `Could not build the workbook, so nothing was written (${detail.replace(/\.$/, "")}); please report this with the export's layout.`;
}
