import { historyMarker } from "../core/report/historySheet";
import { cellText } from "../core/report/readBack";
import { analyseGrid } from "../core/analyse";
import type { CellValue } from "../core/read/grid";
import type { SheetRole } from "../core/report/plan";
import { findDataBlock, strayWarning } from "../core/report/dataRegion";
import { highlightRangeName } from "../core/report/highlightPlan";
import { excelLimits } from "../core/report/excelLimits";
import type { ExistingSheets, SourceLayout } from "../core/report/workbookPlan";
import type { Analysis } from "../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../core/rules/settings";
import { columnLetter, parseAddress, quoteSheetName, rectAddress, type CellRect } from "../core/common/a1";
import { isOwnRuleFormula } from "./applyPlans";
import { emptySourceMessage, errorCode, GeneratedSheetActive, UserMessage } from "./excelErrors";
import { cellCount, extract, locatePrevious, rowsPerRead, sourceRect, type PreviousOutput, type UsedCells } from "./sourceGeometry";
import { loadSettingEntries } from "./settingsIO";
import { writtenFrom, type SettingEntries, type WrittenRecord } from "./storedState";
import type { MappingOverride, SourceChoice } from "./workbookGateway";

/**
 * Reading: the source sheet, what the add-in wrote before, and the sheets it may regenerate, in as few
 * syncs as possible (officeGateway.ts lists them).
 */

export type Sync = () => Promise<void>;

export interface SourceRead {
  sheet: Excel.Worksheet;
  sheetId: string;
  sheetName: string;
  /** The source cells (without the add-in's own columns), trimmed of empty trailing rows and columns. */
  grid: CellValue[][];
  /** 0-based sheet position of grid[0][0]. */
  firstRow: number;
  firstColumn: number;
  /** Everything with a value in the part of the sheet read, to check the cells the add-in is about to write are free. */
  used: UsedCells | null;
  /** What the add-in wrote on this sheet before, confirmed by its headings still being there. */
  previous: PreviousOutput | null;
  nameExists: boolean;
  /** Custom conditional formats on the sheet (their formulas are read in the second sync). */
  customRules: Excel.ConditionalFormat[];
  written: WrittenRecord;
  /** Every setting as read in the first sync: the base each write of this run is planned from. */
  settings: SettingEntries;
  sheets: { name: string; id: string }[];
  tables: string[];
  /** Cells far from the data that were not read (a stray value far below or to the right), in words. */
  ignored: string | null;
}

export interface ReadOptions {
  /** Cells per request when a sheet is too large to read in one (default 150,000). */
  chunkCells?: number;
}

const defaultChunkCells = 150_000;

/**
 * Sync 1: everything Analyse needs to know, in one request. A response over 5 MB (a very large mark grid)
 * is retried reading the values in row chunks, one sync each; a used range over five million cells (whose
 * values Excel gives as null) is narrowed to the data first (see boundedRead).
 */
export async function readSource(context: Excel.RequestContext, source: SourceChoice, sync: Sync, options: ReadOptions = {}): Promise<SourceRead> {
  try {
    return await readSourceOnce(context, source, sync, null, options.chunkCells ?? defaultChunkCells);
  } catch (error) {
    // Pressed while a TSM form or summary is showing: analyse the export analysed last (one more read).
    if (error instanceof GeneratedSheetActive) return readSource(context, { kind: "usedRange", sheetName: error.sheetName }, sync, options);
    if (errorCode(error) !== "ResponsePayloadSizeLimitExceeded") throw error;
    return readSourceOnce(context, source, sync, "chunked", options.chunkCells ?? defaultChunkCells);
  }
}

/** Rows (or columns) probed in bands of growing size from the data's corner: 1,000, 1,000, 2,000, 4,000 … */
function bands(first: number, last: number, firstSize: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = first;
  let size = firstSize;
  while (start <= last) {
    const end = Math.min(last, start + size - 1);
    out.push({ start, end });
    start = end + 1;
    if (out.length > 1) size *= 2;
  }
  return out;
}

/**
 * The used range is too large to read (over five million cells, or over the cell budget with a stray value
 * far from the data): find the data with bounded reads. One sync loads the used address within bands of
 * rows and of columns growing from the corner; the data runs on while the bands hold something and stops at
 * the first empty band. Everything beyond is left unread and reported.
 */
async function boundedRegion(sheet: Excel.Worksheet, rect: CellRect, sync: Sync): Promise<{ region: CellRect; ignored: CellRect | null }> {
  const probe = (r: CellRect) => {
    const used = sheet
      .getRangeByIndexes(r.firstRow, r.firstColumn, r.lastRow - r.firstRow + 1, r.lastColumn - r.firstColumn + 1)
      .getUsedRangeOrNullObject(true);
    used.load("address");
    return used;
  };
  const rowBands = bands(rect.firstRow, rect.lastRow, 1000).map((b) => ({ b, used: probe({ ...rect, firstRow: b.start, lastRow: b.end }) }));
  const columnBands = bands(rect.firstColumn, rect.lastColumn, 64).map((b) => ({ b, used: probe({ ...rect, firstColumn: b.start, lastColumn: b.end }) }));
  await sync();
  const extent = (list: { used: Excel.Range }[], pick: (r: CellRect) => number) => {
    const found: (CellRect | null)[] = list.map(({ used }) => (used.isNullObject ? null : parseAddress(used.address)));
    let last = -1;
    let i = 0;
    for (; i < found.length; i++) {
      const r = found[i];
      if (r) last = Math.max(last, pick(r));
      else if (last >= 0) break; // the first empty band after the data ends it
    }
    // Anything in a later band is a stray value, left unread and reported.
    const beyond = found.slice(i + 1).find((r): r is CellRect => r !== null) ?? null;
    return { last, beyond };
  };
  const rows = extent(rowBands, (r) => r.lastRow);
  const columns = extent(columnBands, (r) => r.lastColumn);
  const region: CellRect = {
    firstRow: rect.firstRow,
    firstColumn: rect.firstColumn,
    lastRow: rows.last >= 0 ? rows.last : rect.firstRow,
    lastColumn: columns.last >= 0 ? columns.last : rect.firstColumn,
  };
  // Still beyond what one analysis reads: keep the first five million cells' worth of rows.
  const maxRows = Math.max(1, Math.floor(excelLimits.readCells / (region.lastColumn - region.firstColumn + 1)));
  const capped = { ...region, lastRow: Math.min(region.lastRow, region.firstRow + maxRows - 1) };
  const ignored = rows.beyond ?? columns.beyond ?? (capped.lastRow < region.lastRow ? { ...region, firstRow: capped.lastRow + 1 } : null);
  return { region: capped, ignored };
}

async function readValues(sheet: Excel.Worksheet, rect: CellRect, sync: Sync, chunkCells: number): Promise<CellValue[][]> {
  const values: CellValue[][] = [];
  const columns = rect.lastColumn - rect.firstColumn + 1;
  const rowsPerChunk = rowsPerRead(columns, Math.min(chunkCells, excelLimits.readCells));
  for (let row = rect.firstRow; row <= rect.lastRow; row += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, rect.lastRow - row + 1);
    const part = sheet.getRangeByIndexes(row, rect.firstColumn, count, columns);
    part.load("values");
    await sync();
    values.push(...((part.values as CellValue[][] | null) ?? []));
  }
  return values;
}

async function readSourceOnce(
  context: Excel.RequestContext,
  source: SourceChoice,
  sync: Sync,
  /** "chunked": the values come in row chunks (the first response was over 5 MB). */
  mode: "chunked" | null,
  chunkCells: number,
): Promise<SourceRead> {
  const chunked = mode === "chunked";
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  worksheets.load("items/name,items/id");
  const tables = workbook.tables;
  tables.load("items/name");
  const settingsNow = loadSettingEntries(context);

  let sheet: Excel.Worksheet;
  let area: Excel.Range | null = null;
  if (source.kind === "selection") {
    area = workbook.getSelectedRange();
    sheet = area.worksheet;
  } else if (source.kind === "table") {
    const table = workbook.tables.getItem(source.tableName);
    area = table.getRange();
    sheet = table.worksheet;
  } else {
    sheet = source.sheetName ? worksheets.getItem(source.sheetName) : worksheets.getActiveWorksheet();
  }
  area?.load("address");
  sheet.load("name,id");
  const usedRange = sheet.getUsedRangeOrNullObject(true);
  usedRange.load(chunked ? "address" : "address,values");
  const named = sheet.names.getItemOrNullObject(highlightRangeName);
  named.load("value");
  const rules = sheet.getRange().conditionalFormats;
  rules.load("items/type");
  await sync();

  let used: UsedCells | null = null;
  let ignored: CellRect | null = null;
  if (!usedRange.isNullObject) {
    const rect = parseAddress(usedRange.address);
    if (!rect) throw new UserMessage(`Excel gave an address the add-in cannot read (${usedRange.address}).`);
    const values = chunked ? null : (usedRange.values as CellValue[][] | null);
    if (values) used = { rect, values };
    else if (cellCount(rect) <= excelLimits.readCells) used = { rect, values: await readValues(sheet, rect, sync, chunkCells) };
    else {
      // Documented: over five million cells Range.values is null. Read the data region only.
      const bounded = await boundedRegion(sheet, rect, sync);
      ignored = bounded.ignored;
      used = { rect: bounded.region, values: await readValues(sheet, bounded.region, sync, chunkCells) };
    }
  }

  const entries = settingsNow();
  const written = writtenFrom(entries);
  if (written.sheets.some((s) => s.sheetId === sheet.id)) {
    const last = worksheets.items.find((w) => w.id === written.lastSourceSheetId && w.id !== sheet.id);
    if (source.kind === "usedRange" && !source.sheetName && last) throw new GeneratedSheetActive(last.name);
    throw new UserMessage(
      `“${sheet.name}” is a sheet the add-in made, not your export. Go to the sheet with your pasted export (or choose it as the source), then try again.`,
    );
  }
  const namedAddress = named.isNullObject ? null : typeof named.value === "string" ? named.value : null;
  const previous = locatePrevious(written.highlights[sheet.id], namedAddress, used);

  let chosen: CellRect | null = null;
  if (area) {
    chosen = parseAddress(area.address);
    if (!chosen) throw new UserMessage("Select a single block of cells, then try again.");
  }
  let wanted = sourceRect(used, chosen, previous);
  // A value far from the data in a used range small enough to read (a name typed at A20000 of a 200-pupil
  // export) is left out and named by the same rule as the command line's (core dataRegion.ts), never read
  // as a pupil. A block the user selected is read as chosen.
  let strays: string | null = null;
  if (used && wanted && !chosen && ignored === null) {
    const { rect, values } = used;
    const within = wanted;
    const block = findDataBlock((visit) => {
      for (let r = within.firstRow; r <= within.lastRow; r++) {
        const row = values[r - rect.firstRow];
        if (!row) continue;
        for (let c = within.firstColumn; c <= within.lastColumn; c++) {
          const value = row[c - rect.firstColumn];
          if (value !== "" && value !== null && value !== undefined) visit(r, c);
        }
      }
    });
    if (block && block.strayCount > 0) {
      strays = strayWarning(`The sheet “${sheet.name}”`, block);
      wanted = { firstRow: block.firstRow, lastRow: block.lastRow, firstColumn: block.firstColumn, lastColumn: block.lastColumn };
    }
  }
  const grid = used && wanted ? extract(used, wanted) : [];

  return {
    sheet,
    sheetId: sheet.id,
    sheetName: sheet.name,
    grid,
    firstRow: wanted?.firstRow ?? 0,
    firstColumn: wanted?.firstColumn ?? 0,
    used,
    previous,
    nameExists: !named.isNullObject,
    customRules: rules.items.filter((rule) => rule.type === "Custom"),
    written,
    settings: entries,
    sheets: worksheets.items.map((w) => ({ name: w.name, id: w.id })),
    tables: tables.items.map((t) => t.name),
    ignored: ignored ? ignoredMessage(sheet.name, ignored) : strays,
  };
}

function ignoredMessage(sheetName: string, ignored: CellRect): string {
  return (
    `Cells far from the data on “${sheetName}” were not read (${quoteSheetName(sheetName)}!${rectAddress(ignored)}, from row ${(ignored.firstRow + 1).toLocaleString("en-GB")}, column ${columnLetter(ignored.firstColumn)}). ` +
    "If they belong to the export, move them next to it; otherwise delete them so Excel's used range ends with your data."
  );
}

/**
 * Where the workbook's "Attendance history" (docs/rules.md §11) may be: the sheet the add-in recorded, else
 * any of that name or a name Excel made unique from it ("Attendance history (2)"). Each is read back, and
 * only one whose marker stands in A1 is the add-in's (readExisting).
 */
export function historyCandidates(read: SourceRead): { role: "history"; sheetId: string }[] {
  const ids = new Set(read.sheets.map((s) => s.id));
  const recorded = read.written.sheets.find((record) => record.role === "history" && ids.has(record.sheetId));
  if (recorded) return [{ role: "history", sheetId: recorded.sheetId }];
  const unique = /^attendance history(?: \(\d+\))?$/i;
  return read.sheets.filter((s) => unique.test(s.name)).map((s) => ({ role: "history" as const, sheetId: s.id }));
}

/** Second sync, only when needed: formulas of custom rules, and values/charts of sheets to regenerate. */
export async function readExisting(
  context: Excel.RequestContext,
  read: SourceRead,
  regenerate: { role: SheetRole; sheetId: string; readOnly?: boolean }[],
  sync: Sync,
  /** Other reads are queued for this sync (the sheet's originals: sheetOriginals.ts). */
  mustSync = false,
): Promise<{ ownRules: Excel.ConditionalFormat[]; existing: ExistingSheets; charts: Map<string, Excel.Chart[]>; grids: Map<string, CellValue[][]> }> {
  const rules = read.customRules.map((rule) => {
    const r = rule.custom.rule;
    r.load("formula");
    return { rule, formulaOf: r };
  });
  const loaded = regenerate.map((target) => {
    const sheet = context.workbook.worksheets.getItem(target.sheetId);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address,values");
    const charts = sheet.charts;
    charts.load("items/name");
    return { target, used, charts };
  });
  if (rules.length > 0 || loaded.length > 0 || mustSync) await sync();

  const existing: ExistingSheets = {};
  const charts = new Map<string, Excel.Chart[]>();
  // Every sheet read, by id: the last meeting's form is read with the sheets to regenerate, not written.
  const grids = new Map<string, CellValue[][]>();
  for (const { target, used, charts: list } of loaded) {
    charts.set(target.sheetId, list.items);
    if (used.isNullObject) continue;
    const rect = parseAddress(used.address);
    if (!rect) continue;
    // Plans read existing sheets from A1: pad the used range back to the top-left corner.
    const grid: CellValue[][] = [];
    for (let r = 0; r <= rect.lastRow; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c <= rect.lastColumn; c++) {
        const v = r >= rect.firstRow && c >= rect.firstColumn ? (used.values as CellValue[][] | null)?.[r - rect.firstRow]?.[c - rect.firstColumn] : "";
        line.push(v ?? "");
      }
      grid.push(line);
    }
    grids.set(target.sheetId, grid);
    if (target.readOnly) continue;
    if (target.role === "tsm") existing.tsm = grid;
    if (target.role === "key") existing.key = grid;
    // The history is read back only while it is still the add-in's own sheet: its marker stands in A1.
    if (target.role === "history" && !existing.history && cellText(grid[0]?.[0]) === historyMarker) existing.history = grid;
  }
  return { ownRules: rules.filter(({ formulaOf }) => isOwnRuleFormula(formulaOf.formula)).map(({ rule }) => rule), existing, charts, grids };
}

export interface Prepared {
  read: SourceRead;
  analysis: Analysis;
  layout: SourceLayout;
}

/** What the user chose about how to read the source: columns, and the sheet row holding the headings. */
export interface ReadingChoice {
  mappingOverride?: MappingOverride | undefined;
  headerRowNumber?: number | undefined;
}

export function analyseSource(read: SourceRead, source: SourceChoice, settings: AttendanceSettings, choice: ReadingChoice, today: string) {
  if (read.grid.length === 0) return { ok: false as const, message: read.ignored ?? emptySourceMessage(source, read.sheetName) };
  const { mappingOverride, headerRowNumber } = choice;
  const result = analyseGrid(read.grid, {
    settings,
    sheetName: read.sheetName,
    firstRow: read.firstRow,
    firstColumn: read.firstColumn,
    today,
    ...(mappingOverride ? { mappingOverride } : {}),
    // The sheet's row number as the grid's row index (the core checks it lies within the data read).
    ...(headerRowNumber !== undefined ? { headerRowOverride: headerRowNumber - 1 - read.firstRow } : {}),
  });
  // What was not read is said where every other warning about the sheet is.
  if (result.ok && read.ignored) result.analysis.warnings.unshift({ sourceRow: null, column: null, message: read.ignored });
  const width = read.grid.reduce((w, line) => Math.max(w, line.length), 0);
  const layout: SourceLayout = {
    sheetName: read.sheetName,
    firstRow: read.firstRow,
    firstColumn: read.firstColumn,
    lastColumn: read.firstColumn + width - 1,
    rowCount: read.grid.length,
  };
  return { ok: true as const, result, layout };
}

export function prepare(
  read: SourceRead,
  source: SourceChoice,
  settings: AttendanceSettings,
  choice: ReadingChoice,
  today: string,
): Prepared | { ok: false; message: string } {
  const analysed = analyseSource(read, source, settings, choice, today);
  if (!analysed.ok) return analysed;
  if (!analysed.result.ok) return { ok: false, message: analysed.result.message };
  return { read, analysis: analysed.result.analysis, layout: analysed.layout };
}
