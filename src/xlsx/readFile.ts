import { promises as fs } from "node:fs";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import type JSZip from "jszip";
import { excelSerialOfUtc, ukDate, utcIsoDate } from "../core/common/dates";
import { excerpt } from "../core/read/excerpt";
import { columnLetter, parseRange } from "../core/common/a1";
import type { CellValue, Grid } from "../core/read/grid";
import { findDataBlock, inBlock, inputLimits, regionProblem, strayRefusal, strayWarning, type EachValue } from "../core/report/dataRegion";
import { excelLimits } from "../core/report/excelLimits";
import { isValidSheetName, makeSheetName } from "../core/report/sheetNames";
import { choosePupilSheet } from "../core/read/pupilSheet";
import { highlightMarker } from "../core/report/highlightPlan";
import { productSheetDescription, readOutputRecord, type OutputRecord } from "../core/report/outputRecord";
import { readCustomProperties } from "./customProperties";
import { readDateStyles, readNotes, readSharedStrings, readSheetCells, xmlAttribute, type CellContext } from "./sheetXml";
import { partBytes, unpackedBytesOver } from "./unpackedSize";

/**
 * Reads an attendance export file (CSV or XLSX) into the grid contract of docs/architecture.md ("Grid in"):
 * the grid starts at cell A1 so grid row i is the file's row i + 1, as Excel shows it.
 * CSV cells stay text; XLSX cells arrive as Excel's Range.values would give them.
 * Never throws: a file it cannot read gives one sentence naming the file and what to do.
 */
export type ReadFileResult =
  /**
   * format: which kind of file the grid came from (a CSV's cells are all text). notes: what the reader
   * assumed that the user should know (an encoding other than UTF-8, a sheet other than the first).
   */
  | { ok: true; grid: Grid; sheetName: string; format: "csv" | "xlsx"; notes: string[]; fieldCounts?: number[] }
  | { ok: false; message: string };

export interface ReadFileOptions {
  /** Worksheet to read from an .xlsx file; default: the first sheet. Ignored for CSV. */
  sheet?: string;
}

const csvExtensions = new Set([".csv", ".txt"]);
const xlsxExtensions = new Set([".xlsx", ".xlsm"]);

export async function readExportFile(filePath: string, options: ReadFileOptions = {}): Promise<ReadFileResult> {
  const name = path.basename(filePath);
  const extension = path.extname(filePath).toLowerCase();

  if (!csvExtensions.has(extension) && !xlsxExtensions.has(extension)) {
    if (extension === ".xls") {
      return fail(`${name} is in the old Excel 97–2003 (.xls) format: open it in Excel and save it as .xlsx or CSV UTF-8, then try again.`);
    }
    return fail(`${name} is not a CSV or .xlsx file: export the attendance report from your MIS as CSV or Excel (.xlsx) and try again.`);
  }

  let bytes: Buffer;
  try {
    const stat = await fs.stat(filePath);
    if (stat.isDirectory()) return fail(`${filePath} is a folder, not a file: give the path of the exported CSV or .xlsx file.`);
    // A pipe or a device (/dev/zero) never ends: only regular files are read, and only up to a size.
    if (!stat.isFile()) return fail(`${filePath} is not a regular file (a pipe or a device): save the export as a file and give its path.`);
    if (stat.size > inputLimits.fileBytes) {
      return fail(`${name} is ${Math.round(stat.size / 1024 / 1024).toLocaleString("en-GB")} MB, more than the ${inputLimits.fileBytes / 1024 / 1024} MB this tool reads: export fewer pupils or columns and try again.`);
    }
    bytes = await fs.readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail(`Cannot find the file ${filePath}: check the path and the file name, then try again.`);
    if (code === "EACCES" || code === "EPERM") return fail(`Cannot open ${filePath}: you do not have permission to read it; copy it somewhere you can read and try again.`);
    return fail(`Cannot read ${filePath} (${code ?? "unknown error"}): check the file is not open elsewhere and try again.`);
  }

  if (bytes.length === 0) return fail(`${name} is empty: export the attendance report from your MIS again and try again.`);

  return xlsxExtensions.has(extension) ? readXlsx(bytes, name, options.sheet) : readCsv(bytes, name);
}

function fail(message: string): ReadFileResult {
  return { ok: false, message };
}

// ---------------------------------------------------------------------------------------------
// CSV

function readCsv(bytes: Buffer, name: string): ReadFileResult {
  if (isZip(bytes)) {
    return fail(`${name} is an Excel workbook saved with a .csv name: rename it to .xlsx, or save it from Excel as CSV UTF-8, and try again.`);
  }
  const decoded = decodeText(bytes, name);
  if (!decoded.ok) return decoded;
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return fail(`${name} is empty: export the attendance report from your MIS again and try again.`);

  // Without quotes every line is a row: a file with more lines than Excel has rows is refused before parsing.
  if (!text.includes('"') && lineCount(text) > excelLimits.rows + 1) {
    return fail(`${name} has more than ${excelLimits.rows.toLocaleString("en-GB")} rows, more than Excel allows: export fewer pupils (one year group at a time, say) and try again.`);
  }
  let rows: string[][];
  let tooLong: { row: number; column: number; length: number } | null = null;
  let tooWide: { row: number; columns: number } | null = null;
  try {
    rows = parse(text, {
      // Stop at one row more than Excel holds: a 3-million-row file is refused, never read whole.
      to: excelLimits.rows + 1,
      // Checked as each record is read, so one hostile line (400,000 fields, a 900,000-character field)
      // stops the read at once instead of costing gigabytes.
      on_record: (record: string[], context: { records: number }) => {
        let end = record.length;
        while (end > 1 && record[end - 1] === "") end--;
        if (end > excelLimits.columns) {
          tooWide = { row: context.records, columns: end };
          throw new Error("too wide");
        }
        for (let column = 0; column < end; column++) {
          const length = record[column]?.length ?? 0;
          if (length > excelLimits.cellText) {
            tooLong = { row: context.records, column, length };
            throw new Error("too long");
          }
        }
        return record;
      },
      delimiter: detectDelimiter(text),
      // Keep blank lines: row numbers in messages must match the row Excel would show.
      skip_empty_lines: false,
      relax_column_count: true,
      // A stray quote inside an unquoted field (O"Brien) is data, not a syntax error.
      relax_quotes: true,
    }) as string[][];
  } catch (error) {
    const wide = tooWide as { row: number; columns: number } | null;
    if (wide) {
      return fail(`Row ${wide.row} of ${name} has ${wide.columns.toLocaleString("en-GB")} columns, more than the ${excelLimits.columns.toLocaleString("en-GB")} Excel allows: check that row in the export.`);
    }
    const long = tooLong as { row: number; column: number; length: number } | null;
    if (long) {
      return fail(`Row ${long.row}, column ${columnLetter(long.column)} of ${name} holds ${long.length.toLocaleString("en-GB")} characters, more than the ${excelLimits.cellText.toLocaleString("en-GB")} a cell can hold: check that cell in the export.`);
    }
    const { code, records, index } = error as { code?: string; records?: number; index?: number };
    if (code === "CSV_QUOTE_NOT_CLOSED" && typeof records === "number" && typeof index === "number") {
      // csv-parse counts the rows it finished: the quote opened in the next one, in the field it had reached.
      return fail(
        `Row ${(records + 1).toLocaleString("en-GB")}, column ${columnLetter(index)} of ${name} opens a quote (") that is never closed, so the rest of the file would be one cell: remove that quote or close it in the file, or export it again, then try again.`,
      );
    }
    const detail =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quote (\") opened in a cell is never closed"
        : error instanceof Error
          ? error.message.replace(/\.$/, "")
          : String(error);
    return fail(`${name} could not be read as CSV (${excerpt(detail, 120)}): open it in Excel, save it as "CSV UTF-8 (Comma delimited)" and try again.`);
  }

  if (rows.length > excelLimits.rows) {
    return fail(`${name} has more than ${excelLimits.rows.toLocaleString("en-GB")} rows, more than Excel allows: export fewer pupils (one year group at a time, say) and try again.`);
  }
  // How many fields each line had, before trailing empty ones are dropped: a pupil row with more than the
  // header row was shifted by a comma (ReadOptions.fieldCounts).
  const fieldCounts = rows.map((row) => row.length);
  // Blank lines at the end are not data.
  let lastRow = rows.length - 1;
  while (lastRow > 0 && rows[lastRow]!.every((value) => value === "")) lastRow--;
  let lastColumn = 0;
  const eachValue = (visit: (row: number, column: number) => void) => {
    for (let r = 0; r <= lastRow; r++) {
      const row = rows[r]!;
      for (let c = 0; c < row.length; c++) if (row[c] !== "") visit(r, c);
    }
  };
  eachValue((_row, column) => (lastColumn = Math.max(lastColumn, column)));
  const block = findDataBlock(eachValue);
  const problem = regionProblem(name, lastRow, lastColumn, block);
  if (problem) return fail(problem);
  const notes = decoded.note ? [decoded.note] : [];
  if (block !== null && block.strayCount > 0) {
    // Values far from the data are left out (strayWarning names them): only the data block is kept.
    rows.length = Math.min(rows.length, block.lastRow + 1);
    rows.forEach((row, r) => {
      let removed = false;
      for (let c = 0; c < row.length; c++) {
        if (row[c] !== "" && !inBlock(block, r, c)) {
          row[c] = "";
          removed = true;
        }
      }
      if (!removed) return;
      // The line's fields without the stray: a line is not "shifted" by a value that was not read.
      let end = row.length;
      while (end > 0 && row[end - 1] === "") end--;
      fieldCounts[r] = Math.min(fieldCounts[r] ?? 0, end);
    });
    notes.push(strayWarning(name, block)!);
  }
  // csv-parse gives [""] for a blank line, which is what Range.values gives for an empty row.
  const grid = padRows(rows);
  // Blank lines at the end are not data.
  while (grid.length > 1 && grid[grid.length - 1]!.every((value) => value === "")) grid.pop();
  return {
    ok: true,
    grid,
    sheetName: sheetNameFromFile(name),
    format: "csv",
    notes,
    fieldCounts: fieldCounts.slice(0, grid.length),
  };
}

/**
 * An .xlsx saved with a password is not a zip but an OLE compound file holding an "EncryptedPackage"
 * stream (MS-OFFCRYPTO), named in UTF-16 in its directory.
 */
function isEncrypted(bytes: Buffer): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length < 8 || ole.some((b, i) => bytes[i] !== b)) return false;
  return bytes.includes(Buffer.from("EncryptedPackage", "utf16le"));
}

function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  return lines;
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (undefined ones kept as their C1 code). Node 20's
 * TextDecoder("windows-1252") decodes these as ISO-8859-1 control codes, turning O’Connor's 0x92 into
 * an invisible character, so the table is spelled out here; every other byte is its own code point.
 */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      codes[i - start] = byte >= 0x80 && byte <= 0x9f ? windows1252High[byte - 0x80]! : byte;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join("");
}

/**
 * The text of a CSV, whatever Excel or the MIS saved it as: UTF-8 (with or without a byte-order mark),
 * UTF-16 with a byte-order mark (Excel's "Unicode Text"), else Windows-1252, the ANSI code page that
 * Excel's "CSV (Comma delimited)" writes on English Windows (O’Connor's 0x92, Zoë's 0xEB, en dashes).
 * No library is needed: TextDecoder reads UTF-8 and UTF-16, and Windows-1252 is one small table.
 */
export function decodeText(bytes: Uint8Array, name: string): { ok: true; text: string; note: string | null } | { ok: false; message: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder("utf-16le").decode(bytes), note: `${name} was read as UTF-16 (Excel's "Unicode Text").` };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder("utf-16be").decode(bytes), note: `${name} was read as UTF-16 (big-endian).` };
  }
  if (bytes.includes(0)) {
    return {
      ok: false,
      message: `${name} does not look like a CSV file (it contains binary data): export the attendance report from your MIS as CSV and try again.`,
    };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), note: null };
  } catch {
    return {
      ok: true,
      text: decodeWindows1252(bytes),
      note: `${name} is not UTF-8, so it was read as Windows-1252 (what Excel's "CSV (Comma delimited)" writes on English Windows); if names look wrong, save it from Excel as "CSV UTF-8 (Comma delimited)".`,
    };
  }
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Comma unless the first non-blank line holds tabs (or semicolons) and no commas: some MIS "CSV" files are tab-separated. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes("\t")) return "\t";
  if (firstLine.includes(";")) return ";";
  return ",";
}

/**
 * Ragged rows are padded with "" so the grid is rectangular, as Range.values is. Trailing empty fields are
 * dropped first: empty columns are not data, and cost nothing however many commas end a line.
 */
function padRows(rows: CellValue[][]): CellValue[][] {
  for (const row of rows) {
    let end = row.length;
    while (end > 1 && row[end - 1] === "") end--;
    row.length = end;
  }
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  for (const row of rows) {
    while (row.length < width) row.push("");
  }
  return rows;
}

/**
 * Excel names a CSV's sheet after the file, within its sheet-name rules (sheetNames.ts, one home): at most
 * 31 characters, none of \ / ? * [ ] :, and not "History", which Excel keeps for itself ("History (2)").
 */
export function sheetNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, "").replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").trim();
  const cut = (base === "" ? "Sheet1" : base).slice(0, 31);
  return isValidSheetName(cut) ? cut : makeSheetName(cut, []);
}

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * ExcelJS, loaded the first time an .xlsx is read: loading it costs several times Node's own start-up, and
 * a CSV never needs it, so the command line starts fast (docs/architecture.md).
 */
async function excelJs(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

async function readXlsx(bytes: Buffer, name: string, wantedSheet: string | undefined): Promise<ReadFileResult> {
  if (isEncrypted(bytes)) {
    return fail(`${name} is password-protected: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save it and try again.`);
  }
  if (!isZip(bytes)) {
    return fail(`${name} is not a valid .xlsx workbook: open it in Excel and save it as .xlsx (or CSV UTF-8), then try again.`);
  }
  const workbook = new (await excelJs()).Workbook();
  let record: OutputRecord | null;
  try {
    const zip = await (await import("jszip")).default.loadAsync(bytes);
    // What it unpacks to, before anything is unpacked whole: memory stays bounded (unpackedSize.ts).
    const unpacked = await unpackedBytesOver(zip, inputLimits.xlsxUnpackedBytes);
    if (unpacked.over) {
      const megabytes = (count: number) => Math.ceil(count / 1024 / 1024).toLocaleString("en-GB");
      return fail(
        `${name} unpacks to ${unpacked.bytes >= inputLimits.xlsxUnpackedBytes * 2 ? "more than " : ""}${megabytes(Math.min(unpacked.bytes, inputLimits.xlsxUnpackedBytes * 2))} MB, more than the ${megabytes(inputLimits.xlsxUnpackedBytes)} MB this tool reads from an .xlsx: save the sheet as CSV UTF-8 in Excel (File > Save As) and analyse that, or export fewer columns.`,
      );
    }
    // The product's own record (outputRecord.ts), when this tool wrote the file: its forms and summaries are
    // not exports, however much their tables look like one.
    record = readOutputRecord(await readCustomProperties(zip));
    // ExcelJS's load() is typed for its own Buffer; Node's Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail(`${name} is damaged or is not an .xlsx workbook: open it in Excel and save it again as .xlsx (or CSV UTF-8), then try again.`);
  }

  const madeHere = (sheetName: string) => productSheetDescription(record, sheetName);
  const sheets = workbook.worksheets;
  if (sheets.length === 0) return fail(`${name} has no worksheets: export the attendance report from your MIS again and try again.`);
  if (sheets.every((candidate) => madeHere(candidate.name) !== null)) {
    return fail(
      `${name} was written by this tool and holds no export, only its own sheets (meeting forms, summaries, the key): analyse the export from your MIS, or the school's workbook this tool wrote, whose first sheet holds it.`,
    );
  }

  let sheet: ExcelJS.Worksheet | undefined;
  const notes: string[] = [];
  let chosenGrid: Grid | null = null;
  let chosenAdded: number | null = null;
  if (wantedSheet === undefined) {
    // The sheets the user can see: MIS exports sometimes carry a hidden lookup sheet first. An officer's
    // workbook often starts with a cover or notes sheet: then the one other sheet with pupils is read.
    // Never a sheet this tool wrote: a summary's cohort rows would be read as pupils without names.
    const exports = sheets.filter((candidate) => madeHere(candidate.name) === null);
    const visible = exports.filter((candidate) => candidate.state === "visible" || candidate.state === undefined);
    const offered = visible.length > 0 ? visible : exports.slice(0, 1);
    const grids = new Map<number, Grid>();
    // A sheet whose data region cannot be read (a stray far-away value) is named, never skipped silently.
    const regionProblems = new Map<number, string>();
    const strayNotes = new Map<number, string>();
    // Sheets this tool highlighted, with their first added column (read without it).
    const ownSheets = new Map<number, number>();
    const gridOf = (index: number): Grid => {
      let grid = grids.get(index);
      if (!grid) {
        const region: RegionCheck = { where: `The sheet "${excerpt(offered[index]!.name)}" in ${name}`, problem: null };
        const own: OwnColumns = { pastedOnly: true, firstAdded: null };
        grids.set(index, (grid = sheetGrid(offered[index]!, [], "text", region, own)));
        if (own.firstAdded !== null) ownSheets.set(index, own.firstAdded);
        if (region.problem) regionProblems.set(index, region.problem);
        if (region.strays) strayNotes.set(index, region.strays);
      }
      return grid;
    };
    const choice = choosePupilSheet(offered.map((candidate, index) => ({ name: candidate.name, grid: () => gridOf(index) })));
    const unreadable = regionProblems.get(choice.ok ? choice.index : 0) ?? regionProblems.get(0);
    if (unreadable !== undefined) return fail(unreadable);
    if (!choice.ok) {
      const listed = choice.candidates.map((candidate) => `"${candidate}"`);
      const names = listed.length === 2 ? listed.join(" and ") : `${listed.slice(0, -1).join(", ")} and ${listed[listed.length - 1]}`;
      return fail(
        `${name}: its first sheet "${choice.firstName}" holds no pupil table, and the sheets ${names} both hold pupils: choose one with --sheet, for example --sheet "${choice.candidates[0]}".`.replace(
          " both hold",
          listed.length === 2 ? " both hold" : " all hold",
        ),
      );
    }
    sheet = offered[choice.index];
    chosenGrid = gridOf(choice.index);
    chosenAdded = ownSheets.get(choice.index) ?? null;
    const strays = strayNotes.get(choice.index);
    if (strays !== undefined) notes.push(strays);
    if (choice.instead) {
      notes.push(`${name}: its first sheet "${choice.instead.firstName}" holds no pupil table, so the sheet "${sheet!.name}" was read (choose another with --sheet).`);
    }
  } else {
    sheet =
      sheets.find((candidate) => candidate.name === wantedSheet) ??
      sheets.find((candidate) => candidate.name.trim().toLowerCase() === wantedSheet.trim().toLowerCase());
    if (!sheet) {
      const names = sheets.map((candidate) => `"${candidate.name}"`).join(", ");
      return fail(`${name} has no sheet named "${wantedSheet}": its sheets are ${names}; pass one of them with --sheet.`);
    }
    const made = madeHere(sheet.name);
    if (made !== null) {
      return fail(`The sheet "${excerpt(sheet.name)}" in ${name} is ${made} this tool wrote, not an export: choose the sheet that holds the export with --sheet, or leave --sheet out.`);
    }
  }
  if (!sheet) return fail(`${name} has no worksheets: export the attendance report from your MIS again and try again.`);

  const region: RegionCheck = { where: `The sheet "${excerpt(sheet.name)}" in ${name}`, problem: null };
  const own: OwnColumns = { pastedOnly: true, firstAdded: chosenAdded };
  const grid = chosenGrid ?? sheetGrid(sheet, [], "text", region, own);
  if (region.problem) return fail(region.problem);
  if (region.strays) notes.push(region.strays);
  if (own.firstAdded !== null) {
    notes.push(
      `The sheet "${sheet.name}" in ${name} is one this tool highlighted: only the pasted columns (before column ${columnLetter(own.firstAdded)}) were read, not the columns it added.`,
    );
  }
  if (grid.length === 0) {
    return fail(`The sheet "${sheet.name}" in ${name} is empty: choose the sheet that holds the export with --sheet, or export the report again.`);
  }
  return { ok: true, grid, sheetName: sheet.name, format: "xlsx", notes };
}

/** One sheet of a workbook read back (readWorkbookSheets). */
export interface ReadBackSheet {
  name: string;
  /**
   * The sheet from A1 to its last value, date cells as serial numbers. On a highlighted sheet read without its
   * pasted columns (`pastedColumns: false`), the cells before `addedFrom` are left empty: never read.
   */
  grid: Grid;
  /** The text of its cell notes (a highlighted sheet's marker among them). */
  notes: string[];
  /** On a sheet this tool highlighted, read without its pasted columns: the first added column (0-based); else null. */
  addedFrom: number | null;
}

export type ReadBackResult =
  | {
      ok: true;
      sheets: ReadBackSheet[];
      record: OutputRecord | null;
      /**
       * The named sheets whole, as ExcelJS reads them (values, styles, merges, rules, print settings), for sheets
       * carried into the next file as they are. Only these sheets are loaded; it throws if the file cannot be.
       */
      models(names: readonly string[]): Promise<Map<string, unknown>>;
    }
  | {
      ok: false;
      message: string;
      /** The sheet that cannot be read whole, when that is why (the message then names its cell and what to do). */
      unreadableSheet?: string;
    };

/**
 * Every worksheet of an .xlsx, in tab order, each as a grid from A1 (empty sheets give []), and the
 * product's output marker (null when the product did not write the file; then, with `onlyIfMarked`, no
 * sheets are read).
 * Used to read back a workbook the command line wrote before, so nothing typed into it is lost.
 * Date cells come back as Excel serial numbers, as Range.values gives them to the add-in, so a typed
 * date is written back as a date into the form's date-formatted cells rather than as text.
 * Each sheet's XML is read a row at a time (sheetXml.ts), keeping only values: memory and time grow with the
 * cells kept, not with ExcelJS's object per cell. `pastedColumns: false` leaves out the pasted columns of a
 * highlighted sheet (a trust's 100,000 pupil rows): a re-run needs only the columns this tool added.
 * A sheet that cannot be read whole (a value far from the rest, beyond Excel's limits) refuses the file.
 */
export async function readWorkbookSheets(
  filePath: string,
  options: { onlyIfMarked?: boolean; pastedColumns?: boolean } = {},
): Promise<ReadBackResult> {
  const name = path.basename(filePath);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `Cannot read ${filePath} (${code ?? "unknown error"}): check the file is not open elsewhere and try again.` };
  }
  const damaged = { ok: false as const, message: `${name} is damaged or is not an .xlsx workbook: open it in Excel and save it again as .xlsx, then try again.` };
  let zip: JSZip;
  let record: OutputRecord | null = null;
  try {
    if (!isZip(bytes)) throw new Error("not a zip");
    zip = await (await jsZip()).loadAsync(bytes);
    // The product's marker, if it wrote this file (outputRecord.ts); ExcelJS does not read custom properties.
    record = readOutputRecord(await readCustomProperties(zip));
  } catch {
    return damaged;
  }
  const models = (names: readonly string[]) => sheetModels(zip, names);
  // A file the product did not write is never replaced, so its sheets need not be read (nor cost memory).
  if (record === null && options.onlyIfMarked === true) return { ok: true, record, sheets: [], models };
  const sheets: ReadBackSheet[] = [];
  try {
    const parts = await worksheetParts(zip);
    const sharedStrings = readSharedStrings((await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "");
    const dateStyles = readDateStyles((await zip.file("xl/styles.xml")?.async("string")) ?? "");
    const context: CellContext = { sharedStrings, dateStyles, date1904: parts.date1904 };
    for (const part of parts.sheets) {
      const read = await readBackSheet(zip, part, context, `The sheet "${excerpt(part.name)}" in ${name}`, options.pastedColumns !== false);
      // A sheet that cannot be read whole is never half-merged: the file is left as it is.
      if ("problem" in read) return { ok: false, message: read.problem, unreadableSheet: part.name };
      sheets.push(read);
    }
  } catch {
    return damaged;
  }
  return { ok: true, record, sheets, models };
}

async function jsZip(): Promise<typeof JSZip> {
  return (await import("jszip")).default;
}

/** A worksheet of the package: its name, visibility and the zip paths of its XML and its notes. */
interface WorksheetPart {
  name: string;
  path: string;
  relsPath: string;
  notesPath: string | null;
}

/**
 * The worksheets in tab order as ExcelJS finds them (xl/workbook.xml, its relationships, parts named
 * xl/worksheets/sheetN.xml; chart sheets are not worksheets), and whether dates count from 1904.
 */
async function worksheetParts(zip: JSZip): Promise<{ sheets: WorksheetPart[]; date1904: boolean }> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = relationships((await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "");
  const properties = /<workbookPr\b([^>]*)>/.exec(workbook)?.[1] ?? "";
  const date1904 = /(?:^|\s)date1904\s*=\s*["'](1|true)["']/.test(properties);
  const sheets: WorksheetPart[] = [];
  for (const sheet of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const attributes = sheet[1] ?? "";
    const rel = rels.get(xmlAttribute(attributes, "r:id") ?? "");
    if (!rel) continue;
    const partPath = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, "")}`;
    const number = /^xl\/worksheets\/sheet(\d+)[.]xml$/.exec(partPath)?.[1];
    if (number === undefined || !zip.file(partPath)) continue;
    const relsPath = `xl/worksheets/_rels/sheet${number}.xml.rels`;
    const sheetRels = relationships((await zip.file(relsPath)?.async("string")) ?? "");
    const notesRel = [...sheetRels.values()].find((r) => r.type.endsWith("/comments"));
    const notesPath = notesRel ? `xl/${notesRel.target.replace(/^\.\.\//, "")}` : null;
    sheets.push({ name: xmlAttribute(attributes, "name") ?? "", path: partPath, relsPath, notesPath });
  }
  return { sheets, date1904 };
}

function relationships(xml: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  for (const rel of xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const attributes = rel[1] ?? "";
    rels.set(xmlAttribute(attributes, "Id") ?? "", { type: xmlAttribute(attributes, "Type") ?? "", target: xmlAttribute(attributes, "Target") ?? "" });
  }
  return rels;
}

/** A part's text as it is inflated, a chunk at a time (never the whole of a large sheet at once). */
async function* partText(zip: JSZip, partPath: string): AsyncIterable<string> {
  const file = zip.file(partPath);
  if (!file) throw new Error(`${partPath} is missing`);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of partBytes(file)) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/** Places of values, as two growing columns of numbers (a sheet may hold millions). */
class Places {
  rows = new Int32Array(1024);
  columns = new Int32Array(1024);
  length = 0;
  add(row: number, column: number): void {
    if (this.length === this.rows.length) {
      const rows = new Int32Array(this.length * 2);
      const columns = new Int32Array(this.length * 2);
      rows.set(this.rows);
      columns.set(this.columns);
      this.rows = rows;
      this.columns = columns;
    }
    this.rows[this.length] = row;
    this.columns[this.length] = column;
    this.length += 1;
  }
  forEach(visit: (row: number, column: number) => void): void {
    for (let i = 0; i < this.length; i++) visit(this.rows[i]!, this.columns[i]!);
  }
}

/** Cells a merged area covers, apart from its top-left one (ExcelJS reads them as part of the merge: no value). */
function coveredCells(merges: readonly string[]): Set<number> | null {
  if (merges.length === 0) return null;
  const covered = new Set<number>();
  for (const merge of merges) {
    const area = parseRange(merge);
    if (!area) continue;
    if ((area.lastRow - area.firstRow + 1) * (area.lastColumn - area.firstColumn + 1) > inputLimits.regionCells) throw new Error(`merge ${merge} too large`);
    for (let r = area.firstRow; r <= area.lastRow; r++) {
      for (let c = area.firstColumn; c <= area.lastColumn; c++) if (r !== area.firstRow || c !== area.firstColumn) covered.add(r * placeStride + c);
    }
  }
  return covered;
}

/** One number per cell place (row × columns in Excel + column). */
const placeStride = 16_384 * 2;

/**
 * One sheet read back: its notes, and its grid checked as sheetGrid checks an export's (regionProblem,
 * strayRefusal). With `pasted` false, a highlighted sheet's values before its first added column are not kept.
 */
async function readBackSheet(
  zip: JSZip,
  part: WorksheetPart,
  context: CellContext,
  where: string,
  pasted: boolean,
): Promise<ReadBackSheet | { problem: string }> {
  const notesByPlace = new Map<number, string[]>();
  let markedFrom: number | null = null;
  if (part.notesPath !== null) {
    const xml = await zip.file(part.notesPath)?.async("string");
    if (xml === undefined) throw new Error(`${part.notesPath} is missing`);
    for (const note of readNotes(xml)) {
      const place = note.row * placeStride + note.column;
      notesByPlace.set(place, [...(notesByPlace.get(place) ?? []), note.text]);
      if (note.text === highlightMarker) markedFrom = Math.min(markedFrom ?? Infinity, note.column);
    }
  }
  const read = async (keepFrom: number) => {
    const places = new Places();
    // The values kept, with their places beside them (no object per cell).
    const kept = { places: new Places(), values: [] as CellValue[] };
    const noted: { place: number; texts: string[] }[] = [];
    const { merges } = await readSheetCells(partText(zip, part.path), context, (cell) => {
      const place = cell.row * placeStride + cell.column;
      if (cell.hasValue && notesByPlace.size > 0) {
        const texts = notesByPlace.get(place);
        if (texts) noted.push({ place, texts });
      }
      if (cell.value === "") return;
      places.add(cell.row, cell.column);
      if (cell.column >= keepFrom) {
        kept.places.add(cell.row, cell.column);
        kept.values.push(cell.value);
      }
    });
    return { places, kept, noted, covered: coveredCells(merges) };
  };
  let keepFrom = pasted || markedFrom === null ? 0 : markedFrom;
  let cells = await read(keepFrom);
  const notes = cells.noted.filter((hit) => !cells.covered?.has(hit.place)).flatMap((hit) => hit.texts);
  // The marker counts only where ExcelJS would see it, on a cell with a value: else the sheet is read whole.
  const firstAdded = notes.includes(highlightMarker)
    ? Math.min(...cells.noted.filter((hit) => hit.texts.includes(highlightMarker) && !cells.covered?.has(hit.place)).map((hit) => hit.place % placeStride))
    : null;
  if (keepFrom > 0 && (firstAdded === null || firstAdded < keepFrom)) {
    keepFrom = 0;
    cells = await read(0);
  }
  const addedFrom = keepFrom > 0 ? Math.max(keepFrom, firstAdded ?? 0) : null;
  const { places, covered } = cells;
  let lastRow = -1;
  let lastColumn = -1;
  const eachValue: EachValue = (visit) =>
    places.forEach((row, column) => {
      if (covered === null || !covered.has(row * placeStride + column)) visit(row, column);
    });
  eachValue((row, column) => {
    lastRow = Math.max(lastRow, row);
    lastColumn = Math.max(lastColumn, column);
  });
  const block = findDataBlock(eachValue);
  const problem = regionProblem(where, lastRow, lastColumn, block) ?? strayRefusal(where, block);
  if (problem !== null) return { problem };
  const grid: CellValue[][] = [];
  if (block !== null) {
    for (let r = 0; r <= block.lastRow; r += 1) grid.push(new Array<CellValue>(block.lastColumn + 1).fill(""));
    const { values } = cells.kept;
    let index = 0;
    cells.kept.places.forEach((row, column) => {
      const value = values[index++]!;
      if (column < (addedFrom ?? 0) || !inBlock(block, row, column)) return;
      if (covered !== null && covered.has(row * placeStride + column)) return;
      grid[row]![column] = value;
    });
  }
  return { name: part.name, grid, notes, addedFrom };
}

/**
 * The named sheets whole as ExcelJS reads them. ExcelJS loads every sheet of a package, so it is given a
 * copy of the package in which every other sheet is empty (its notes and drawings unlinked): the sheets
 * carried over cost what they hold, not what the whole workbook holds. The workbook part, styles and shared
 * strings are the file's own, so each model is the one a load of the whole file gives.
 */
async function sheetModels(zip: JSZip, names: readonly string[]): Promise<Map<string, unknown>> {
  const result = new Map<string, unknown>();
  if (names.length === 0) return result;
  const wanted = new Set(names);
  const parts = await worksheetParts(zip);
  const Zip = await jsZip();
  const reduced = new Zip();
  const emptied = new Set<string>();
  for (const part of parts.sheets) {
    if (wanted.has(part.name)) continue;
    emptied.add(part.path);
    emptied.add(part.relsPath);
  }
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const entryName = entry.name.replace(/^\//, "");
    if (emptied.has(entryName)) {
      if (!entryName.endsWith(".rels")) reduced.file(entryName, emptyWorksheet);
      continue;
    }
    reduced.file(entryName, await entry.async("uint8array"));
  }
  const workbook = new (await excelJs()).Workbook();
  await workbook.xlsx.load((await reduced.generateAsync({ type: "nodebuffer", compression: "STORE" })) as unknown as ArrayBuffer);
  for (const sheet of workbook.worksheets) if (wanted.has(sheet.name)) result.set(sheet.name, sheet.model);
  return result;
}

const emptyWorksheet =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';

/**
 * How a date cell is read. "text": dd/MM/yyyy, for an export being analysed (register headings then read
 * as the export shows them). "serial": the Excel serial number Range.values gives, for a workbook whose
 * cells are written back.
 */
export type DateCells = "text" | "serial";

/** The sheet from A1 to its last non-empty cell, each cell as Range.values would give it. */
/** ExcelJS's ValueType.Merge (a cell covered by a merge), named here so reading a sheet needs no ExcelJS value. */
const mergeValueType = 1 as ExcelJS.ValueType.Merge;

/**
 * Where a region is checked (regionProblem), and what came of it: the sentence when it cannot be read, and
 * the warning naming values far from the data that were left out (strayWarning). `refuseStrays`: such values
 * make the sheet unreadable instead (a workbook read back to be rewritten must be read whole or not at all).
 */
interface RegionCheck {
  where: string;
  problem: string | null;
  strays?: string | null;
  refuseStrays?: boolean;
}

/**
 * `pastedOnly`: on a sheet this tool highlighted (its marker note sits on the first added heading), only the
 * columns before the added ones: a re-read of an earlier output must not take the add-in's own suggestions
 * ("Stage", "PIAS level") for the school's records, or its legend for a status column. Null when unmarked.
 */
interface OwnColumns {
  pastedOnly: boolean;
  firstAdded: number | null;
}

function sheetGrid(
  sheet: ExcelJS.Worksheet,
  notes: string[] = [],
  dates: DateCells = "text",
  region?: RegionCheck,
  own?: OwnColumns,
): CellValue[][] {
  let cells: { row: number; column: number; value: CellValue }[] = [];
  let lastRow = 0;
  let lastColumn = 0;
  let firstAdded: number | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // Excel gives a merged area's value in its top-left cell only; ExcelJS repeats it in every cell.
      if (cell.type === mergeValueType) return;
      if (cell.note) {
        const note = noteText(cell.note);
        notes.push(note);
        if (note === highlightMarker) firstAdded = Math.min(firstAdded ?? Infinity, columnNumber - 1);
      }
      const value = cellValue(cell.value, dates);
      if (value === "") return;
      cells.push({ row: rowNumber - 1, column: columnNumber - 1, value });
      lastRow = Math.max(lastRow, rowNumber);
      lastColumn = Math.max(lastColumn, columnNumber);
    });
  });
  if (own) own.firstAdded = firstAdded;
  if (own?.pastedOnly === true && firstAdded !== null) {
    const before = firstAdded;
    cells = cells.filter((cell) => cell.column < before);
    lastRow = cells.reduce((last, cell) => Math.max(last, cell.row + 1), 0);
    lastColumn = cells.reduce((last, cell) => Math.max(last, cell.column + 1), 0);
  }
  // Only the data block is built: a value far from the rest is left out and named (or, read back, refused).
  const where = region?.where ?? `The sheet "${excerpt(sheet.name)}"`;
  const block = findDataBlock((visit) => cells.forEach((cell) => visit(cell.row, cell.column)));
  const problem = regionProblem(where, lastRow - 1, lastColumn - 1, block) ?? (region?.refuseStrays === true ? strayRefusal(where, block) : null);
  if (problem !== null) {
    if (region) region.problem = problem;
    return [];
  }
  if (region) region.strays = strayWarning(where, block);
  const grid: CellValue[][] = [];
  if (block === null) return grid;
  for (let r = 0; r <= block.lastRow; r += 1) grid.push(new Array<CellValue>(block.lastColumn + 1).fill(""));
  for (const cell of cells) {
    if (inBlock(block, cell.row, cell.column)) grid[cell.row]![cell.column] = cell.value;
  }
  return grid;
}

/** A cell note's text, whether ExcelJS gives it as a string or as rich text. */
function noteText(note: string | ExcelJS.Comment): string {
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((run) => run.text ?? "").join("");
}

/**
 * One ExcelJS cell value as Range.values gives it: numbers stay numbers (a percent-formatted cell is
 * its fraction), formulas give their cached result, rich text and hyperlinks give their text,
 * dates give dd/MM/yyyy (or their serial number, see DateCells), errors and empty cells give "".
 */
export function cellValue(value: ExcelJS.CellValue | undefined, dates: DateCells = "text"): CellValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return dates === "serial" ? excelSerial(value) : formatDate(value);
  if (typeof value !== "object") return "";
  // Range.values gives an error cell as its text ("#DIV/0!"), so the engine names it rather than skipping it.
  if ("error" in value) return typeof value.error === "string" ? value.error : "";
  if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? "").join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    return cellValue(result as ExcelJS.CellValue | undefined, dates);
  }
  if ("hyperlink" in value && "text" in value) return cellValue((value as { text?: unknown }).text as ExcelJS.CellValue | undefined, dates);
  if ("text" in value) return cellValue((value as { text?: unknown }).text as ExcelJS.CellValue | undefined, dates);
  return "";
}

/** ExcelJS gives date cells as UTC midnight of the date shown; dd/MM/yyyy as a UK user reads it. */
function formatDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? "" : ukDate(utcIsoDate(date));
}

/**
 * The 1900-system serial number of a date cell: the inverse of ExcelJS's reading, so the number stored in
 * the file comes back (times as fractions, to the millisecond). ExcelJS counts straight on from 30/12/1899,
 * ignoring Excel's phantom 29/02/1900, so undoing its count needs no leap-year correction. ExcelJS converts a
 * 1904-system workbook's dates first, so they too come back as 1900 serials: right for the 1900-system file
 * the command line writes.
 */
function excelSerial(date: Date): CellValue {
  return excelSerialOfUtc(date) ?? "";
}
