import { promises as fs } from "node:fs";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { excelSerialOfUtc, ukDate, utcIsoDate } from "../core/common/dates";
import type { CellValue, Grid } from "../core/read/grid";
import { readOutputRecord, type OutputRecord } from "../core/report/outputRecord";
import { readCustomProperties } from "./customProperties";

/**
 * Reads an attendance export file (CSV or XLSX) into the grid contract of docs/architecture.md ("Grid in"):
 * the grid starts at cell A1 so grid row i is the file's row i + 1, as Excel shows it.
 * CSV cells stay text; XLSX cells arrive as Excel's Range.values would give them.
 * Never throws: a file it cannot read gives one sentence naming the file and what to do.
 */
export type ReadFileResult =
  /** format: which kind of file the grid came from (a CSV's cells are all text). */
  | { ok: true; grid: Grid; sheetName: string; format: "csv" | "xlsx" }
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
  if (hasUtf16Bom(bytes)) {
    return fail(`${name} is saved as UTF-16 ("Unicode Text"): save it from Excel as "CSV UTF-8 (Comma delimited)" and try again.`);
  }
  if (bytes.includes(0)) {
    return fail(`${name} does not look like a CSV file (it contains binary data): export the attendance report from your MIS as CSV and try again.`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(`${name} is not UTF-8 text: save it from Excel as "CSV UTF-8 (Comma delimited)" and try again.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return fail(`${name} is empty: export the attendance report from your MIS again and try again.`);

  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text),
      // Keep blank lines: row numbers in messages must match the row Excel would show.
      skip_empty_lines: false,
      relax_column_count: true,
      // A stray quote inside an unquoted field (O"Brien) is data, not a syntax error.
      relax_quotes: true,
    }) as string[][];
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quote (\") opened in a cell is never closed"
        : error instanceof Error
          ? error.message.replace(/\.$/, "")
          : String(error);
    return fail(`${name} could not be read as CSV (${detail}): open it in Excel, save it as "CSV UTF-8 (Comma delimited)" and try again.`);
  }

  // csv-parse gives [""] for a blank line, which is what Range.values gives for an empty row.
  return { ok: true, grid: padRows(rows), sheetName: sheetNameFromFile(name), format: "csv" };
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function hasUtf16Bom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** Comma unless the first non-blank line holds tabs (or semicolons) and no commas: some MIS "CSV" files are tab-separated. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes("\t")) return "\t";
  if (firstLine.includes(";")) return ";";
  return ",";
}

/** Ragged rows are padded with "" so the grid is rectangular, as Range.values is. */
function padRows(rows: CellValue[][]): CellValue[][] {
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  for (const row of rows) {
    while (row.length < width) row.push("");
  }
  return rows;
}

/** Excel names a CSV's sheet after the file: at most 31 characters, none of \ / ? * [ ] :. */
export function sheetNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, "").replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").trim();
  return (base === "" ? "Sheet1" : base).slice(0, 31);
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
  if (!isZip(bytes)) {
    return fail(`${name} is not a valid .xlsx workbook: open it in Excel and save it as .xlsx (or CSV UTF-8), then try again.`);
  }
  const workbook = new (await excelJs()).Workbook();
  try {
    // ExcelJS's load() is typed for its own Buffer; Node's Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail(`${name} is damaged or is not an .xlsx workbook: open it in Excel and save it again as .xlsx (or CSV UTF-8), then try again.`);
  }

  const sheets = workbook.worksheets;
  if (sheets.length === 0) return fail(`${name} has no worksheets: export the attendance report from your MIS again and try again.`);

  let sheet: ExcelJS.Worksheet | undefined;
  if (wantedSheet === undefined) {
    // The first sheet the user can see: MIS exports sometimes carry a hidden lookup sheet first.
    sheet = sheets.find((candidate) => candidate.state === "visible" || candidate.state === undefined) ?? sheets[0];
  } else {
    sheet =
      sheets.find((candidate) => candidate.name === wantedSheet) ??
      sheets.find((candidate) => candidate.name.trim().toLowerCase() === wantedSheet.trim().toLowerCase());
    if (!sheet) {
      const names = sheets.map((candidate) => `"${candidate.name}"`).join(", ");
      return fail(`${name} has no sheet named "${wantedSheet}": its sheets are ${names}; pass one of them with --sheet.`);
    }
  }
  if (!sheet) return fail(`${name} has no worksheets: export the attendance report from your MIS again and try again.`);

  const grid = sheetGrid(sheet);
  if (grid.length === 0) {
    return fail(`The sheet "${sheet.name}" in ${name} is empty: choose the sheet that holds the export with --sheet, or export the report again.`);
  }
  return { ok: true, grid, sheetName: sheet.name, format: "xlsx" };
}

/**
 * Every worksheet of an .xlsx, in tab order, each as a grid from A1 (empty sheets give []), and the
 * product's output marker (null when the product did not write the file; then, with `onlyIfMarked`, no
 * sheets are read).
 * Used to read back a workbook the command line wrote before, so nothing typed into it is lost.
 * Date cells come back as Excel serial numbers, as Range.values gives them to the add-in, so a typed
 * date is written back as a date into the form's date-formatted cells rather than as text.
 */
export async function readWorkbookSheets(
  filePath: string,
  options: { onlyIfMarked?: boolean } = {},
): Promise<{ ok: true; sheets: { name: string; grid: Grid; notes: string[]; model: () => unknown }[]; record: OutputRecord | null } | { ok: false; message: string }> {
  const name = path.basename(filePath);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `Cannot read ${filePath} (${code ?? "unknown error"}): check the file is not open elsewhere and try again.` };
  }
  const workbook = new (await excelJs()).Workbook();
  let record: OutputRecord | null = null;
  try {
    if (!isZip(bytes)) throw new Error("not a zip");
    // The product's marker, if it wrote this file (outputRecord.ts); ExcelJS does not read custom properties.
    record = readOutputRecord(await readCustomProperties(await (await import("jszip")).default.loadAsync(bytes)));
    // A file the product did not write is never replaced, so its sheets need not be read (nor cost memory).
    if (record === null && options.onlyIfMarked === true) return { ok: true, record, sheets: [] };
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: `${name} is damaged or is not an .xlsx workbook: open it in Excel and save it again as .xlsx, then try again.` };
  }
  return {
    ok: true,
    record,
    sheets: workbook.worksheets.map((sheet) => {
      // Cell notes too: the marker a highlighted sheet carries says this tool wrote it (highlightPlan.ts).
      const notes: string[] = [];
      // The sheet whole (values, styles, merges, rules), for a sheet carried into the next file as it is.
      return { name: sheet.name, grid: sheetGrid(sheet, notes, "serial"), notes, model: () => sheet.model };
    }),
  };
}

/**
 * How a date cell is read. "text": dd/MM/yyyy, for an export being analysed (register headings then read
 * as the export shows them). "serial": the Excel serial number Range.values gives, for a workbook whose
 * cells are written back.
 */
export type DateCells = "text" | "serial";

/** The sheet from A1 to its last non-empty cell, each cell as Range.values would give it. */
/** ExcelJS's ValueType.Merge (a cell covered by a merge), named here so reading a sheet needs no ExcelJS value. */
const mergeValueType = 1 as ExcelJS.ValueType.Merge;

function sheetGrid(sheet: ExcelJS.Worksheet, notes: string[] = [], dates: DateCells = "text"): CellValue[][] {
  const cells: { row: number; column: number; value: CellValue }[] = [];
  let lastRow = 0;
  let lastColumn = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // Excel gives a merged area's value in its top-left cell only; ExcelJS repeats it in every cell.
      if (cell.type === mergeValueType) return;
      if (cell.note) notes.push(noteText(cell.note));
      const value = cellValue(cell.value, dates);
      if (value === "") return;
      cells.push({ row: rowNumber, column: columnNumber, value });
      lastRow = Math.max(lastRow, rowNumber);
      lastColumn = Math.max(lastColumn, columnNumber);
    });
  });
  const grid: CellValue[][] = [];
  for (let r = 0; r < lastRow; r += 1) grid.push(new Array<CellValue>(lastColumn).fill(""));
  for (const cell of cells) {
    const row = grid[cell.row - 1];
    if (row) row[cell.column - 1] = cell.value;
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
  if ("error" in value) return "";
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
