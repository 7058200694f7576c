import { analyseGrid } from "../core/analyse";
import { columnLetter, type CellValue } from "../core/read/grid";
import { checkNationalFigureTable, nationalTableToJson } from "../core/report/checkNationalFigures";
import { checkHighlightLimits, checkSheetLimits, checkWorkbookLimits, limitsMessage } from "../core/report/checkPlanLimits";
import type { HighlightPlan, PlanValue, SheetPlan, SheetRole } from "../core/report/plan";
import { historyMarker, historySheetName, planHistorySheet } from "../core/report/historySheet";
import { recordProgress } from "../core/report/progressRecord";
import { cellText } from "../core/report/readBack";
import { keySheetName, makeSheetName, summarySheetName, tsmSheetName } from "../core/report/sheetNames";
import { checkTsmDetails } from "../core/report/tsmDetails";
import { buildWorkbookPlan, planHighlightOnly, type ExistingSheets, type SourceLayout } from "../core/report/workbookPlan";
import type { Analysis } from "../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../core/rules/settings";
import { bandLabels } from "../core/rules/bandLabels";
import { validateSettings } from "../core/rules/validateSettings";
import { sampleExportGrid } from "../sample/sampleExport";
import { cellAddress, intersects, parseAddress, quoteSheetName, rectAddress, type CellRect } from "./a1";
import { highlightArea, isOwnRuleFormula, legendArea, queueHighlight, queueSheetPlan, queueValues } from "./applyPlans";
import { supportsDelayForCellEdit } from "./requirements";
import {
  highlightName,
  parseStoredState,
  parseWritten,
  serialiseStoredState,
  stateSettingKey,
  writtenSettingKey,
  type HighlightRecord,
  type WrittenRecord,
} from "./storedState";
import type {
  AnalyseOutcome,
  AnalyseRequest,
  MappingOverride,
  MeetingSheetsRequest,
  SourceChoice,
  SourcePreview,
  StoredState,
  WorkbookGateway,
} from "./workbookGateway";
import { WriteQueue } from "./writeQueue";

/**
 * The Office.js implementation of WorkbookGateway. It reads once, runs the core, and writes once:
 *
 *   Analyse          sync 1  source values + address, the sheet's own marker, settings, sheet and table names,
 *                            the sheet's conditional-format list;
 *                    sync 2  only when the sheet has custom rules: their formulas (to find the add-in's own);
 *                    sync 3  every write (more than one only above Excel on the web's 5 MB request limit).
 *   Meeting sheets   as Analyse, with the existing TSM/key sheets' values read in sync 2, plus one small
 *                    sync at the end to record the ids of sheets it created.
 *
 * The number of syncs never depends on the number of pupils. Two cases add a constant few: a sheet whose
 * values exceed Excel on the web's 5 MB response limit is re-read in row chunks (one sync each), and a write
 * over the 5 MB request limit is sent in ~4 MB requests (one sync each; only the first holds the marker that
 * lets a re-run clear a half-finished write). Pressed while a generated sheet is active, the used-range
 * source falls back to the export analysed last (one more read).
 *
 * Everything is built and checked before the first write, so bad input gives a message and no partial write.
 */

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeGatewayOptions {
  /** How to start a batch; defaults to Excel.run (with delayForCellEdit where supported). */
  run?: ExcelRunner;
  /** ISO date the meeting sheets are prepared (shown on the summary); defaults to today's local date. */
  today?: () => string;
  /** Cells per request when a sheet is too large to read in one (default 150,000). */
  readChunkCells?: number;
}

function defaultRunner(): ExcelRunner {
  return <T>(batch: (context: Excel.RequestContext) => Promise<T>) =>
    supportsDelayForCellEdit() ? Excel.run<T>({ delayForCellEdit: true }, batch) : Excel.run<T>(batch);
}

/** A message the user sees, as opposed to an unexpected error. */
class UserMessage extends Error {}

/** The active sheet is one the add-in made; the export analysed last is on `sheetName`. */
class GeneratedSheetActive extends Error {
  constructor(readonly sheetName: string) {
    super(sheetName);
  }
}

interface Counter {
  syncs: number;
}

function syncer(context: Excel.RequestContext, counter: Counter): () => Promise<void> {
  return async () => {
    counter.syncs++;
    await context.sync();
  };
}

interface SourceRead {
  sheet: Excel.Worksheet;
  sheetId: string;
  sheetName: string;
  /** The source cells (without the add-in's own columns), trimmed of empty trailing rows and columns. */
  grid: CellValue[][];
  /** 0-based sheet position of grid[0][0]. */
  firstRow: number;
  firstColumn: number;
  /** Everything with a value on the sheet, to check the cells the add-in is about to write are free. */
  used: { rect: CellRect; values: CellValue[][] } | null;
  /** What the add-in wrote on this sheet before, confirmed by its headings still being there. */
  previous: { area: CellRect; legend: CellRect | null } | null;
  nameExists: boolean;
  /** Custom conditional formats on the sheet (their formulas are read in the second sync). */
  customRules: Excel.ConditionalFormat[];
  written: WrittenRecord;
  sheets: { name: string; id: string }[];
  tables: string[];
}

function sourceLabel(source: SourceChoice): string {
  if (source.kind === "selection") return "the selected cells";
  if (source.kind === "table") return `the table “${source.tableName}”`;
  return "the sheet";
}

function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && typeof (error as { code: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return "";
}

/** Excel's errors in words a school office can act on. */
function friendlyError(error: unknown, source: SourceChoice | null): string {
  if (error instanceof UserMessage) return error.message;
  const code = errorCode(error);
  if (code === "InvalidOperationInCellEditMode") {
    return "Excel is waiting for you to finish typing in a cell. Press Enter or Esc, then try again.";
  }
  if (code === "ItemNotFound" && source?.kind === "usedRange" && source.sheetName) {
    return `There is no sheet called “${source.sheetName}” in this workbook any more. Go to the sheet with your export, then try again.`;
  }
  if (code === "ItemNotFound" && source?.kind === "table") {
    return `There is no table called “${source.tableName}” in this workbook. Choose another table, or use the whole sheet.`;
  }
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
    return "The data is too large for Excel to handle in one go. Try analysing a smaller range (for example one year group at a time).";
  }
  if (code === "InvalidSelection") {
    return "Select a single block of cells (not a chart, picture or several separate areas), then try again.";
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Excel could not finish the task (${code || "error"}: ${detail}). Try again; if it keeps happening, save the workbook, close it and open it again.`;
}

function isBlankCell(value: CellValue | undefined): boolean {
  return value === undefined || value === "" || (typeof value === "string" && value.trim() === "");
}

function cellIn(used: { rect: CellRect; values: CellValue[][] }, row: number, column: number): CellValue {
  const r = row - used.rect.firstRow;
  const c = column - used.rect.firstColumn;
  return used.values[r]?.[c] ?? "";
}

function clamp(a: CellRect, b: CellRect): CellRect | null {
  const r = {
    firstRow: Math.max(a.firstRow, b.firstRow),
    lastRow: Math.min(a.lastRow, b.lastRow),
    firstColumn: Math.max(a.firstColumn, b.firstColumn),
    lastColumn: Math.min(a.lastColumn, b.lastColumn),
  };
  return r.firstRow <= r.lastRow && r.firstColumn <= r.lastColumn ? r : null;
}

/** Cells of `area` from the used values, with trailing empty rows and columns removed. */
function extract(used: { rect: CellRect; values: CellValue[][] }, area: CellRect): CellValue[][] {
  const grid: CellValue[][] = [];
  for (let row = area.firstRow; row <= area.lastRow; row++) {
    const line: CellValue[] = [];
    for (let column = area.firstColumn; column <= area.lastColumn; column++) line.push(cellIn(used, row, column));
    grid.push(line);
  }
  while (grid.length > 0 && (grid[grid.length - 1] ?? []).every(isBlankCell)) grid.pop();
  let width = grid.reduce((w, line) => Math.max(w, line.length), 0);
  while (width > 0 && grid.every((line) => isBlankCell(line[width - 1]))) width--;
  return grid.map((line) => line.slice(0, width));
}

function sameHeadings(used: { rect: CellRect; values: CellValue[][] } | null, area: CellRect, headings: readonly string[]): boolean {
  if (!used || headings.length !== area.lastColumn - area.firstColumn + 1) return false;
  return headings.every((h, i) => String(cellIn(used, area.firstRow, area.firstColumn + i)).trim() === h.trim());
}

/** Where the add-in wrote before on this sheet: the named range if it still holds the headings, else the recorded place. */
function locatePrevious(
  record: HighlightRecord | undefined,
  namedAddress: string | null,
  used: { rect: CellRect; values: CellValue[][] } | null,
): { area: CellRect; legend: CellRect | null } | null {
  const named = namedAddress ? parseAddress(namedAddress) : null;
  if (!record) return named && used ? recogniseWithoutRecord(named, used) : null;
  if (named && sameHeadings(used, named, record.headings)) {
    // People may have inserted rows or columns: move the legend by as much as the named range moved.
    const dr = named.firstRow - record.area.firstRow;
    const dc = named.firstColumn - record.area.firstColumn;
    const legend = record.legend
      ? { firstRow: record.legend.firstRow + dr, lastRow: record.legend.lastRow + dr, firstColumn: record.legend.firstColumn + dc, lastColumn: record.legend.lastColumn + dc }
      : null;
    return { area: { firstRow: named.firstRow, firstColumn: named.firstColumn, lastRow: named.lastRow, lastColumn: named.lastColumn }, legend };
  }
  if (sameHeadings(used, record.area, record.headings)) return { area: record.area, legend: record.legend };
  return null;
}

/** The first added column's heading in every framework (report/highlightPlan.ts). */
const bandColumnHeading = "Attendance band";
const legendLabels = new Set(Object.values(bandLabels).map((label) => label.long));

/**
 * The record in workbook.settings is gone (e.g. the sheet was copied into another workbook) but the
 * add-in's named range is there: its heading row is the add-in's if it starts with the band column's
 * heading, and the legend (the first filled cells to its right) is recognised by its band labels. Otherwise nothing is treated as the add-in's.
 */
function recogniseWithoutRecord(named: CellRect, used: { rect: CellRect; values: CellValue[][] }): { area: CellRect; legend: CellRect | null } | null {
  if (String(cellIn(used, named.firstRow, named.firstColumn)).trim() !== bandColumnHeading) return null;
  const area = { firstRow: named.firstRow, firstColumn: named.firstColumn, lastRow: named.lastRow, lastColumn: named.lastColumn };
  // The legend is the first filled cell to the right on the heading row (after the room the reasons run over).
  let column = area.lastColumn + 1;
  while (column < used.rect.lastColumn && isBlankCell(cellIn(used, area.firstRow, column))) column++;
  let rows = 0;
  while (legendLabels.has(String(cellIn(used, area.firstRow + rows, column)).trim())) rows++;
  return { area, legend: rows > 0 ? { firstRow: area.firstRow, firstColumn: column, lastRow: area.firstRow + rows - 1, lastColumn: column + 1 } : null };
}

/**
 * Sync 1: everything Analyse needs to know, in one request. A response over 5 MB (a very large mark grid)
 * is retried reading the values in row chunks, one sync each.
 */
async function readSource(context: Excel.RequestContext, source: SourceChoice, sync: () => Promise<void>, chunkCells = 150_000): Promise<SourceRead> {
  try {
    return await readSourceOnce(context, source, sync, null);
  } catch (error) {
    // Pressed while a TSM form or summary is showing: analyse the export analysed last (one more read).
    if (error instanceof GeneratedSheetActive) return readSource(context, { kind: "usedRange", sheetName: error.sheetName }, sync, chunkCells);
    if (errorCode(error) !== "ResponsePayloadSizeLimitExceeded") throw error;
    return readSourceOnce(context, source, sync, chunkCells);
  }
}

async function readSourceOnce(
  context: Excel.RequestContext,
  source: SourceChoice,
  sync: () => Promise<void>,
  /** Cells per read when reading in chunks; null reads the values in the first request. */
  chunkCells: number | null,
): Promise<SourceRead> {
  const chunked = chunkCells !== null;
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  worksheets.load("items/name,items/id");
  const tables = workbook.tables;
  tables.load("items/name");
  const writtenSetting = workbook.settings.getItemOrNullObject(writtenSettingKey);
  writtenSetting.load("value");

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
  usedRange.load(chunked ? "address,rowCount,columnCount" : "address,values");
  const named = sheet.names.getItemOrNullObject(highlightName);
  named.load("value");
  const rules = sheet.getRange().conditionalFormats;
  rules.load("items/type");
  await sync();

  let used: { rect: CellRect; values: CellValue[][] } | null = null;
  if (!usedRange.isNullObject) {
    const rect = parseAddress(usedRange.address);
    if (!rect) throw new UserMessage(`Excel gave an address the add-in cannot read (${usedRange.address}).`);
    if (!chunked) used = { rect, values: usedRange.values as CellValue[][] };
    else {
      const values: CellValue[][] = [];
      const columns = rect.lastColumn - rect.firstColumn + 1;
      const rowsPerChunk = Math.max(1, Math.floor((chunkCells ?? 150_000) / columns));
      for (let row = rect.firstRow; row <= rect.lastRow; row += rowsPerChunk) {
        const count = Math.min(rowsPerChunk, rect.lastRow - row + 1);
        const part = sheet.getRangeByIndexes(row, rect.firstColumn, count, columns);
        part.load("values");
        await sync();
        values.push(...(part.values as CellValue[][]));
      }
      used = { rect, values };
    }
  }

  const written = parseWritten(writtenSetting.isNullObject ? null : writtenSetting.value);
  if (written.sheets.some((s) => s.sheetId === sheet.id)) {
    const last = worksheets.items.find((w) => w.id === written.lastSourceSheetId && w.id !== sheet.id);
    if (source.kind === "usedRange" && !source.sheetName && last) throw new GeneratedSheetActive(last.name);
    throw new UserMessage(
      `“${sheet.name}” is a sheet the add-in made, not your export. Go to the sheet with your pasted export (or choose it as the source), then try again.`,
    );
  }
  const namedAddress = named.isNullObject ? null : typeof named.value === "string" ? named.value : null;
  const previous = locatePrevious(written.highlights[sheet.id], namedAddress, used);

  // The source rectangle, without the add-in's own columns from an earlier run.
  let wanted: CellRect | null = used ? { ...used.rect } : null;
  if (area) {
    const parsed = parseAddress(area.address);
    if (!parsed) throw new UserMessage("Select a single block of cells, then try again.");
    wanted = used ? clamp(parsed, used.rect) : null;
  }
  if (wanted && previous && previous.area.firstColumn - 2 < wanted.lastColumn && previous.area.firstColumn > wanted.firstColumn) {
    wanted = { ...wanted, lastColumn: Math.max(wanted.firstColumn, previous.area.firstColumn - 2) };
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
    sheets: worksheets.items.map((w) => ({ name: w.name, id: w.id })),
    tables: tables.items.map((t) => t.name),
  };
}

function emptySourceMessage(source: SourceChoice, sheetName: string): string {
  if (source.kind === "selection") return "The selected cells are empty. Select your pasted export (or choose the whole sheet), then press Analyse again.";
  if (source.kind === "table") return `The table “${source.tableName}” is empty. Paste your export into it, or choose the whole sheet.`;
  return `The sheet “${sheetName}” is empty. Paste your attendance export into it (or try the sample data), then press Analyse again.`;
}

interface Prepared {
  read: SourceRead;
  analysis: Analysis;
  layout: SourceLayout;
}

function analyseSource(read: SourceRead, source: SourceChoice, settings: AttendanceSettings, mappingOverride: MappingOverride | undefined, today: string) {
  if (read.grid.length === 0) return { ok: false as const, message: emptySourceMessage(source, read.sheetName) };
  const result = analyseGrid(read.grid, {
    settings,
    sheetName: read.sheetName,
    firstRow: read.firstRow + 1,
    firstColumn: read.firstColumn,
    today,
    ...(mappingOverride ? { mappingOverride } : {}),
  });
  const width = read.grid.reduce((w, line) => Math.max(w, line.length), 0);
  const layout: SourceLayout = {
    sheetName: read.sheetName,
    firstRow: read.firstRow + 1,
    firstColumn: read.firstColumn,
    lastColumn: read.firstColumn + width - 1,
    rowCount: read.grid.length,
  };
  return { ok: true as const, result, layout };
}

/** The cells the highlight will write must be empty (or hold what the add-in wrote last time). */
function checkTargetFree(read: SourceRead, plan: HighlightPlan): void {
  const used = read.used;
  if (!used) return;
  const targets = [highlightArea(plan), legendArea(plan)].filter((r): r is CellRect => r !== null);
  const ours = [read.previous?.area, read.previous?.legend].filter((r): r is CellRect => !!r);
  for (const target of targets) {
    const overlap = clamp(target, used.rect);
    if (!overlap) continue;
    for (let row = overlap.firstRow; row <= overlap.lastRow; row++) {
      for (let column = overlap.firstColumn; column <= overlap.lastColumn; column++) {
        if (isBlankCell(cellIn(used, row, column))) continue;
        const cell = { firstRow: row, lastRow: row, firstColumn: column, lastColumn: column };
        if (ours.some((r) => intersects(r, cell))) continue;
        const first = columnLetter(plan.firstColumn);
        throw new UserMessage(
          `Analyse adds its columns from column ${first} onwards, but cell ${cellAddress(row, column)} on “${read.sheetName}” is not empty. ` +
            "Nothing was changed. Move what is there (or leave the columns to the right of your data empty), then press Analyse again.",
        );
      }
    }
  }
}

/** Second sync, only when needed: formulas of custom rules, and values/charts of sheets to regenerate. */
async function readExisting(
  context: Excel.RequestContext,
  read: SourceRead,
  regenerate: { role: SheetRole; sheetId: string }[],
  sync: () => Promise<void>,
): Promise<{ ownRules: Excel.ConditionalFormat[]; existing: ExistingSheets; charts: Map<string, Excel.Chart[]> }> {
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
  if (rules.length > 0 || loaded.length > 0) await sync();

  const existing: ExistingSheets = {};
  const charts = new Map<string, Excel.Chart[]>();
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
        const v = r >= rect.firstRow && c >= rect.firstColumn ? (used.values as CellValue[][])[r - rect.firstRow]?.[c - rect.firstColumn] : "";
        line.push(v ?? "");
      }
      grid.push(line);
    }
    if (target.role === "tsm") existing.tsm = grid;
    if (target.role === "key") existing.key = grid;
    // The history is read back only while it is still the add-in's own sheet: its marker stands in A1.
    if (target.role === "history" && cellText(grid[0]?.[0]) === historyMarker) existing.history = grid;
  }
  return { ownRules: rules.filter(({ formulaOf }) => isOwnRuleFormula(formulaOf.formula)).map(({ rule }) => rule), existing, charts };
}

/**
 * The workbook's "Attendance history" sheet (docs/rules.md §11): the one the add-in recorded, else one of
 * that name (rewritten only if its marker says it is the add-in's), or null on the first run.
 */
function historySheet(read: SourceRead): { role: "history"; sheetId: string } | null {
  const ids = new Set(read.sheets.map((s) => s.id));
  const recorded = read.written.sheets.find((record) => record.role === "history" && ids.has(record.sheetId));
  if (recorded) return { role: "history", sheetId: recorded.sheetId };
  const named = read.sheets.find((s) => s.name.toLowerCase() === historySheetName.toLowerCase());
  return named ? { role: "history", sheetId: named.id } : null;
}

/**
 * Queues this analysis' history (written in the same syncs as the rest): onto the add-in's history sheet
 * when there is one, else onto a new hidden sheet. Returns the new sheet to record once its id is known.
 */
function queueHistory(
  queue: WriteQueue,
  context: Excel.RequestContext,
  read: SourceRead,
  target: { sheetId: string } | null,
  ours: boolean,
  plan: SheetPlan,
): { sheet: Excel.Worksheet; name: string } | null {
  if (target && ours) {
    queueSheetPlan(queue, context.workbook.worksheets.getItem(target.sheetId), plan, { charts: [] });
    return null;
  }
  const name = makeSheetName(plan.name, read.sheets.map((s) => s.name));
  const sheet = context.workbook.worksheets.add(name);
  sheet.load("id");
  queueSheetPlan(queue, sheet, plan, null);
  return { sheet, name };
}

/** Clears the add-in's previous columns, legend, name and rules; marks the new area; writes the highlight. */
function queueHighlightRun(queue: WriteQueue, context: Excel.RequestContext, read: SourceRead, plan: HighlightPlan, ownRules: Excel.ConditionalFormat[], written: WrittenRecord): void {
  const sheet = read.sheet;
  const previous = read.previous;
  const area = highlightArea(plan);
  const legend = legendArea(plan);
  queue.add(300 + ownRules.length * 60, () => {
    if (previous) {
      for (const r of [previous.area, previous.legend]) {
        if (r) sheet.getRangeByIndexes(r.firstRow, r.firstColumn, r.lastRow - r.firstRow + 1, r.lastColumn - r.firstColumn + 1).clear("All" as Excel.ClearApplyTo);
      }
    }
    for (const rule of ownRules) rule.delete();
    if (read.nameExists) sheet.names.getItem(highlightName).delete();
    sheet.names.add(
      highlightName,
      sheet.getRangeByIndexes(area.firstRow, area.firstColumn, area.lastRow - area.firstRow + 1, area.lastColumn - area.firstColumn + 1),
      "Columns added by Attendance Insight; Analyse replaces them.",
    );
  });
  written.highlights[read.sheetId] = { marker: plan.marker, sheetName: read.sheetName, area, headings: plan.headings, legend };
  written.lastSourceSheetId = read.sheetId;
  const text = JSON.stringify(written);
  queue.add(text.length, () => {
    context.workbook.settings.add(writtenSettingKey, text);
  });
  queueHighlight(queue, sheet, plan);
}

/** Excel's limits (core excelLimits) are checked before the first write, so a batch is never rejected half-way. */
function checkLimits(problems: string[]): void {
  if (problems.length > 0) throw new UserMessage(limitsMessage(problems));
}

function progress(request: { onProgress?: (message: string) => void }, message: string): void {
  try {
    request.onProgress?.(message);
  } catch {
    // A progress display that fails must not stop the work.
  }
}

function pupilsText(n: number): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? "pupil" : "pupils"}`;
}

function prepare(read: SourceRead, request: AnalyseRequest, today: string): Prepared | { ok: false; message: string } {
  const analysed = analyseSource(read, request.source, request.settings, request.mappingOverride, today);
  if (!analysed.ok) return analysed;
  if (!analysed.result.ok) return { ok: false, message: analysed.result.message };
  return { read, analysis: analysed.result.analysis, layout: analysed.layout };
}

function localIsoDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function createOfficeGateway(options: OfficeGatewayOptions = {}): WorkbookGateway {
  const run = options.run ?? defaultRunner();
  const today = options.today ?? localIsoDate;

  /** Analyse and the meeting sheets start alike: read the source (one sync), analyse it, say so in the pane. */
  async function readAndPrepare(
    context: Excel.RequestContext,
    request: AnalyseRequest,
    sync: () => Promise<void>,
  ): Promise<Prepared | { ok: false; message: string }> {
    progress(request, `Reading ${sourceLabel(request.source)}…`);
    const read = await readSource(context, request.source, sync, options.readChunkCells);
    const prepared = prepare(read, request, today());
    if (!("ok" in prepared)) progress(request, `Checking ${pupilsText(prepared.analysis.pupils.length)}…`);
    return prepared;
  }

  async function analyse(request: AnalyseRequest): Promise<AnalyseOutcome> {
    const counter: Counter = { syncs: 0 };
    try {
      return await run(async (context) => {
        const sync = syncer(context, counter);
        const prepared = await readAndPrepare(context, request, sync);
        if ("ok" in prepared) return prepared;
        const { read, analysis, layout } = prepared;
        // Each Analyse records a snapshot in the workbook's history (docs/rules.md §11).
        const target = historySheet(read);
        const { ownRules, existing } = await readExisting(context, read, target ? [target] : [], sync);
        const record = recordProgress(analysis, existing.history, today());
        const plan = planHighlightOnly(analysis, layout, request.settings.framework, record);
        const history = planHistorySheet(record.history);
        checkTargetFree(read, plan);
        checkLimits([...checkHighlightLimits(plan), ...checkSheetLimits(history)]);
        progress(request, "Colouring the rows and adding the results columns…");
        const queue = new WriteQueue();
        queueHighlightRun(queue, context, read, plan, ownRules, read.written);
        const created = queueHistory(queue, context, read, target, existing.history !== undefined, history);
        await queue.flush(sync);
        if (created) {
          // Recorded once its id is known, so the next Analyse finds it even if renamed.
          const others = read.written.sheets.filter((r) => r.role !== "history");
          const final: WrittenRecord = { ...read.written, sheets: [...others, { role: "history", sheetId: created.sheet.id, name: created.name }] };
          context.workbook.settings.add(writtenSettingKey, JSON.stringify(final));
          await sync();
        }
        progress(request, `Done: ${pupilsText(analysis.pupils.length)} analysed.`);
        return { ok: true as const, analysis, sheetName: read.sheetName, syncs: counter.syncs, progress: record };
      });
    } catch (error) {
      return { ok: false, message: friendlyError(error, request.source) };
    }
  }

  async function preview(source: SourceChoice, settings: AttendanceSettings, mappingOverride?: MappingOverride): Promise<SourcePreview | { ok: false; message: string }> {
    try {
      return await run(async (context) => {
        const read = await readSource(context, source, syncer(context, { syncs: 0 }), options.readChunkCells);
        const analysed = analyseSource(read, source, settings, mappingOverride, today());
        if (!analysed.ok) return analysed;
        const width = read.grid.reduce((w, line) => Math.max(w, line.length), 0);
        const address = `${quoteSheetName(read.sheetName)}!${rectAddress({
          firstRow: read.firstRow,
          firstColumn: read.firstColumn,
          lastRow: read.firstRow + Math.max(1, read.grid.length) - 1,
          lastColumn: read.firstColumn + Math.max(1, width) - 1,
        })}`;
        // The header row's text, so the pane's column dropdowns can name every column, not only matched ones.
        const headerRow = analysed.result.ok ? read.grid[analysed.result.analysis.mapping.headerRow] : undefined;
        const headings = headerRow ? headerRow.map((cell) => String(cell).trim()) : undefined;
        return {
          sheetName: read.sheetName,
          address,
          tables: read.tables,
          analysis: analysed.result,
          ...(headings ? { headings } : {}),
        };
      });
    } catch (error) {
      return { ok: false, message: friendlyError(error, source) };
    }
  }

  async function generateMeetingSheets(request: MeetingSheetsRequest): Promise<{ ok: true; sheetNames: string[] } | { ok: false; message: string }> {
    const problems = checkTsmDetails(request.details);
    if (problems.length > 0) return { ok: false, message: problems.join(" ") };
    const counter: Counter = { syncs: 0 };
    try {
      return await run(async (context) => {
        const sync = syncer(context, counter);
        const prepared = await readAndPrepare(context, request, sync);
        if ("ok" in prepared) return prepared;
        const { read, analysis, layout } = prepared;

        // Sheets written before for the same meeting are regenerated in place, keeping what people typed.
        const wanted: Record<SheetRole, string> = {
          tsm: tsmSheetName(request.details.meetingDate),
          summary: summarySheetName(request.details.meetingDate),
          key: keySheetName,
          history: historySheetName,
        };
        const byId = new Map(read.sheets.map((s) => [s.id, s]));
        const reuse = new Map<SheetRole, { sheetId: string; name: string }>();
        for (const record of read.written.sheets) {
          const current = byId.get(record.sheetId);
          if (current && record.name === wanted[record.role] && !reuse.has(record.role)) reuse.set(record.role, { sheetId: record.sheetId, name: current.name });
        }
        const historyTarget = historySheet(read);
        if (historyTarget && !reuse.has("history")) {
          const found = byId.get(historyTarget.sheetId);
          if (found) reuse.set("history", { sheetId: historyTarget.sheetId, name: found.name });
        }
        const regenerate = [...reuse.entries()].map(([role, r]) => ({ role, sheetId: r.sheetId }));
        const { ownRules, existing, charts } = await readExisting(context, read, regenerate, sync);
        // A sheet called "Attendance history" that is not the add-in's (no marker) is never written over.
        if (reuse.has("history") && existing.history === undefined) reuse.delete("history");

        const plan = buildWorkbookPlan(analysis, layout, {
          details: request.details,
          shareable: request.shareable,
          framework: request.settings.framework,
          existing,
          today: today(),
          analysisDate: today(),
          ...(request.nationalFigures ? { nationalFigures: request.nationalFigures } : {}),
        });
        checkTargetFree(read, plan.highlight);
        checkLimits(checkWorkbookLimits(plan));
        // Every planned sheet is written, the school-only key included even when the form is shareable: this
        // workbook is the school's, and the key keeps references stable; only the form and summary are for sharing.

        progress(request, "Writing the meeting sheets…");
        const queue = new WriteQueue();
        const written = read.written;
        queueHighlightRun(queue, context, read, plan.highlight, ownRules, written);
        const taken = read.sheets.map((s) => s.name);
        const created: { role: SheetRole; sheet: Excel.Worksheet; name: string }[] = [];
        const names: string[] = [];
        const hiddenNames = new Set<string>();
        let first: Excel.Worksheet | null = null;
        for (const sheetPlan of plan.sheets) {
          const again = reuse.get(sheetPlan.role);
          let sheet: Excel.Worksheet;
          if (again) {
            sheet = context.workbook.worksheets.getItem(again.sheetId);
            names.push(again.name);
            queueSheetPlan(queue, sheet, sheetPlan, { charts: charts.get(again.sheetId) ?? [] });
          } else {
            const name = makeSheetName(sheetPlan.name, [...taken, ...names]);
            // Queued now, so the new sheet exists before anything is written to it (first request).
            sheet = context.workbook.worksheets.add(name);
            sheet.load("id");
            created.push({ role: sheetPlan.role, sheet, name });
            names.push(name);
            queueSheetPlan(queue, sheet, sheetPlan, null);
          }
          if (sheetPlan.hidden) hiddenNames.add(names[names.length - 1] ?? "");
          else first ??= sheet;
        }
        const activate = first;
        if (activate) queue.add(50, () => activate.activate());
        await queue.flush(sync);

        // Record the sheets so the next run regenerates them in place (ids are known only after the write).
        // One record per role: the latest sheet. Older terms' TSM sheets stay in the workbook untouched.
        const latest = new Map<SheetRole, WrittenRecord["sheets"][number]>();
        for (const record of written.sheets) if (byId.has(record.sheetId)) latest.set(record.role, record);
        for (const [role, r] of reuse) latest.set(role, { role, sheetId: r.sheetId, name: wanted[role] });
        for (const c of created) latest.set(c.role, { role: c.role, sheetId: c.sheet.id, name: c.name });
        const final: WrittenRecord = { ...written, sheets: [...latest.values()] };
        context.workbook.settings.add(writtenSettingKey, JSON.stringify(final));
        await sync();
        // The hidden history is the add-in's own record, not a sheet to show people.
        const shown = names.filter((name) => !hiddenNames.has(name));
        progress(request, `Done: ${shown.join(", ")}.`);
        return { ok: true as const, sheetNames: shown };
      });
    } catch (error) {
      return { ok: false, message: friendlyError(error, request.source) };
    }
  }

  async function selectPupilRow(sheetName: string, sourceRow: number): Promise<void> {
    if (!Number.isInteger(sourceRow) || sourceRow < 1 || sourceRow > 1_048_576) throw new Error(`There is no row ${sourceRow} in a worksheet.`);
    try {
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.activate();
        sheet.getRange(`${sourceRow}:${sourceRow}`).select();
        await context.sync();
      });
    } catch (error) {
      if (errorCode(error) === "ItemNotFound") throw new Error(`The sheet “${sheetName}” is no longer in this workbook.`);
      throw new Error(friendlyError(error, null));
    }
  }

  async function insertSampleAndAnalyse(settings: AttendanceSettings): Promise<AnalyseOutcome> {
    const counter: Counter = { syncs: 0 };
    try {
      return await run(async (context) => {
        const sync = syncer(context, counter);
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/name");
        const writtenSetting = context.workbook.settings.getItemOrNullObject(writtenSettingKey);
        writtenSetting.load("value");
        await sync();
        const name = makeSheetName("Sample export", worksheets.items.map((w) => w.name));
        const grid = sampleExportGrid();
        const result = analyseGrid(grid, { settings, sheetName: name, firstRow: 1, firstColumn: 0, today: today() });
        if (!result.ok) return { ok: false as const, message: result.message };
        const width = grid.reduce((w, line) => Math.max(w, line.length), 0);
        const plan = planHighlightOnly(result.analysis, { sheetName: name, firstRow: 1, firstColumn: 0, lastColumn: width - 1, rowCount: grid.length }, settings.framework);

        const sheet = worksheets.add(name);
        sheet.load("id");
        const queue = new WriteQueue();
        // Text stays text ("@" on every string cell), exactly as a CSV export pasted into Excel.
        queueValues(queue, sheet, 0, 0, grid as PlanValue[][], undefined);
        queue.add(40, () => sheet.activate());
        const area = highlightArea(plan);
        queue.add(200, () => {
          sheet.names.add(highlightName, sheet.getRangeByIndexes(area.firstRow, area.firstColumn, area.lastRow - area.firstRow + 1, area.lastColumn - area.firstColumn + 1));
        });
        queueHighlight(queue, sheet, plan);
        await queue.flush(sync);
        const written = parseWritten(writtenSetting.isNullObject ? null : writtenSetting.value);
        written.highlights[sheet.id] = { marker: plan.marker, sheetName: name, area, headings: plan.headings, legend: legendArea(plan) };
        written.lastSourceSheetId = sheet.id;
        context.workbook.settings.add(writtenSettingKey, JSON.stringify(written));
        await sync();
        return { ok: true as const, analysis: result.analysis, sheetName: name, syncs: counter.syncs };
      });
    } catch (error) {
      return { ok: false, message: friendlyError(error, null) };
    }
  }

  async function loadStoredState(): Promise<StoredState> {
    return run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(stateSettingKey);
      setting.load("value");
      await context.sync();
      const { state, warning } = parseStoredState(setting.isNullObject ? null : setting.value);
      return warning ? { ...state, warning } : state;
    });
  }

  async function saveStoredState(state: StoredState): Promise<void> {
    const checked = validateSettings(state.settings);
    if (!checked.ok) throw new Error(checked.errors.join(" "));
    const national = state.nationalFigures ? checkNationalFigureTable(nationalTableToJson(state.nationalFigures)) : null;
    if (national && !national.ok) throw new Error(national.problems.map((p) => p.message).join(" "));
    await run(async (context) => {
      context.workbook.settings.add(stateSettingKey, serialiseStoredState({ ...state, settings: checked.settings }));
      await context.sync();
    });
  }

  return { preview, analyse, generateMeetingSheets, selectPupilRow, insertSampleAndAnalyse, loadStoredState, saveStoredState };
}

