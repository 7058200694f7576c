import { analyseGrid } from "../core/analyse";
import { checkNationalFigureTable, nationalTableToJson } from "../core/report/checkNationalFigures";
import { checkHighlightLimits, limitsMessage } from "../core/report/checkPlanLimits";
import type { PlanValue } from "../core/report/plan";
import { makeSheetName } from "../core/report/sheetNames";
import { checkTsmDetails } from "../core/report/tsmDetails";
import { planHighlight } from "../core/report/highlightPlan";
import type { AttendanceSettings } from "../core/rules/settings";
import { validateSettings } from "../core/rules/validateSettings";
import { sampleExportGrid } from "../sample/sampleExport";
import { quoteSheetName, rectAddress } from "../core/common/a1";
import { localIsoDate } from "../core/common/dates";
import { queueValues } from "./applyPlans";
import { friendlyError, sourceLabel, UserMessage } from "./excelErrors";
import { queueHighlightRun } from "./highlightRun";
import { writeMeetingSheets } from "./meetingSheets";
import { prepare, readExisting, readSource, analyseSource, type Prepared, type Sync } from "./readSource";
import { supportsDelayForCellEdit } from "./requirements";
import { targetProblem } from "./sourceGeometry";
import { parseStoredState, parseWritten, serialiseStoredState, stateSettingKey, writtenSettingKey, type WrittenRecord } from "./storedState";
import type {
  AnalyseOutcome,
  AnalyseRequest,
  GatewayResult,
  SourceChoice,
  WorkbookGateway,
} from "./workbookGateway";
import { WriteQueue } from "./writeQueue";

/**
 * The Office.js implementation of WorkbookGateway: a small gateway over one `withRun` helper. It reads
 * once, runs the core, and writes once:
 *
 *   Analyse          sync 1  source values + address, the sheet's own marker, settings, sheet and table names,
 *                            the sheet's conditional-format list;
 *                    sync 2  only when the sheet has custom rules: their formulas (to find the add-in's own);
 *                    sync 3  every write (more than one only above Excel on the web's 5 MB request limit).
 *   Meeting sheets   as Analyse, with the existing TSM/key sheets' values and markers read in sync 2, plus
 *                    one small sync at the end to record the ids of sheets it created.
 *
 * The number of syncs never depends on the number of pupils. Three cases add a constant few: a sheet whose
 * values exceed Excel on the web's 5 MB response limit is re-read in row chunks (one sync each); a used
 * range over five million cells is narrowed to the data with one probing sync first (readSource.ts); and a
 * write over the 5 MB request limit is sent in ~4 MB requests (one sync each). Pressed while a generated
 * sheet is active, the used-range source falls back to the export analysed last (one more read).
 *
 * Everything is built and checked (Excel's limits included) before the first write, so bad input gives a
 * message and no partial write.
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

function queueWrittenRecord(queue: WriteQueue, context: Excel.RequestContext, written: WrittenRecord): void {
  const text = JSON.stringify(written);
  queue.add(text.length, () => {
    context.workbook.settings.add(writtenSettingKey, text);
  });
}

export function createOfficeGateway(options: OfficeGatewayOptions = {}): WorkbookGateway {
  const run = options.run ?? defaultRunner();
  const today = options.today ?? (() => localIsoDate(new Date()));
  const readOptions = options.readChunkCells ? { chunkCells: options.readChunkCells } : {};

  /**
   * The one place a batch starts: counts syncs, and turns anything thrown (Excel's errors, the adapter's
   * own messages) into `{ ok: false, message }` in words a school office can act on.
   */
  async function withRun<T>(
    source: SourceChoice | null,
    batch: (context: Excel.RequestContext, sync: Sync, syncs: () => number) => Promise<GatewayResult<T>>,
  ): Promise<GatewayResult<T>> {
    let count = 0;
    try {
      return await run((context) => {
        const sync: Sync = async () => {
          count++;
          await context.sync();
        };
        return batch(context, sync, () => count);
      });
    } catch (error) {
      return { ok: false, message: friendlyError(error, source) };
    }
  }

  /** Analyse and the meeting sheets start alike: read the source (one sync), analyse it, say so in the pane. */
  async function readAndPrepare(context: Excel.RequestContext, request: AnalyseRequest, sync: Sync): Promise<Prepared | { ok: false; message: string }> {
    progress(request, `Reading ${sourceLabel(request.source)}…`);
    const read = await readSource(context, request.source, sync, readOptions);
    const prepared = prepare(read, request.source, request.settings, { mappingOverride: request.mappingOverride, headerRowNumber: request.headerRowNumber }, today());
    if (!("ok" in prepared)) progress(request, `Checking ${pupilsText(prepared.analysis.pupils.length)}…`);
    return prepared;
  }

  const analyse = (request: AnalyseRequest): Promise<AnalyseOutcome> =>
    withRun(request.source, async (context, sync, syncs) => {
      const prepared = await readAndPrepare(context, request, sync);
      if ("ok" in prepared) return prepared;
      const { read, analysis, layout } = prepared;
      const plan = planHighlight(analysis, layout, request.settings.framework);
      const blocked = targetProblem(read.used, read.previous, plan, read.sheetName);
      if (blocked) return { ok: false, message: blocked };
      const problems = checkHighlightLimits(plan);
      if (problems.length > 0) return { ok: false, message: limitsMessage(problems) };
      const { ownRules } = await readExisting(context, read, [], sync);
      progress(request, "Colouring the rows and adding the results columns…");
      const queue = new WriteQueue();
      const record = queueHighlightRun(queue, { sheet: read.sheet, previous: read.previous, nameExists: read.nameExists, ownRules }, plan, read.sheetName);
      queueWrittenRecord(queue, context, { ...read.written, highlights: { ...read.written.highlights, [read.sheetId]: record }, lastSourceSheetId: read.sheetId });
      await queue.flush(sync);
      progress(request, `Done: ${pupilsText(analysis.pupils.length)} analysed.`);
      return { ok: true, value: { analysis, sheetName: read.sheetName, syncs: syncs() } };
    });

  const preview: WorkbookGateway["preview"] = (source, settings, mappingOverride, headerRowNumber) =>
    withRun(source, async (context, sync) => {
      const read = await readSource(context, source, sync, readOptions);
      const analysed = analyseSource(read, source, settings, { mappingOverride, headerRowNumber }, today());
      if (!analysed.ok) return analysed;
      const width = read.grid.reduce((w, line) => Math.max(w, line.length), 0);
      const address = `${quoteSheetName(read.sheetName)}!${rectAddress({
        firstRow: read.firstRow,
        firstColumn: read.firstColumn,
        lastRow: read.firstRow + Math.max(1, read.grid.length) - 1,
        lastColumn: read.firstColumn + Math.max(1, width) - 1,
      })}`;
      // The header row's text, so the pane's column dropdowns can name every column, not only matched ones.
      const mapping = analysed.result.ok ? analysed.result.analysis.mapping : analysed.result.mapping;
      const headerRow = mapping ? read.grid[mapping.headerRow] : undefined;
      const headings = mapping?.headings ?? (headerRow ? headerRow.map((cell) => String(cell ?? "").trim()) : undefined);
      return {
        ok: true,
        value: { sheetName: read.sheetName, address, tables: read.tables, analysis: analysed.result, ...(headings ? { headings } : {}) },
      };
    });

  const generateMeetingSheets: WorkbookGateway["generateMeetingSheets"] = async (request) => {
    const problems = checkTsmDetails(request.details);
    if (problems.length > 0) return { ok: false, message: problems.join(" ") };
    return withRun(request.source, async (context, sync) => {
      const prepared = await readAndPrepare(context, request, sync);
      if ("ok" in prepared) return prepared;
      const { done, written } = await writeMeetingSheets(context, prepared, request, today(), sync, (message) => progress(request, message));
      // Record the sheets so the next run regenerates them in place (ids are known only after the write).
      context.workbook.settings.add(writtenSettingKey, JSON.stringify(written));
      await sync();
      progress(request, `Done: ${done.sheetNames.join(", ")}.`);
      return { ok: true, value: done };
    });
  };

  const selectPupilRow: WorkbookGateway["selectPupilRow"] = async (sheetName, sourceRow) => {
    if (!Number.isInteger(sourceRow) || sourceRow < 1 || sourceRow > 1_048_576) return { ok: false, message: `There is no row ${sourceRow} in a worksheet.` };
    const result = await withRun<null>(null, async (context, sync) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      sheet.load("name");
      await sync();
      if (sheet.isNullObject) throw new UserMessage(`The sheet “${sheetName}” is no longer in this workbook.`);
      sheet.activate();
      sheet.getRange(`${sourceRow}:${sourceRow}`).select();
      await sync();
      return { ok: true, value: null };
    });
    return result;
  };

  const selectedRow: WorkbookGateway["selectedRow"] = () =>
    withRun(null, async (context, sync) => {
      // ExcelApi 1.7: the active cell, whatever the selection's shape (one cell of a chart selection fails).
      const cell = context.workbook.getActiveCell();
      cell.load("rowIndex");
      const sheet = cell.worksheet;
      sheet.load("name");
      await sync();
      return { ok: true, value: { sheetName: sheet.name, rowNumber: cell.rowIndex + 1 } };
    });

  const insertSampleAndAnalyse = (settings: AttendanceSettings): Promise<AnalyseOutcome> =>
    withRun(null, async (context, sync, syncs) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const writtenSetting = context.workbook.settings.getItemOrNullObject(writtenSettingKey);
      writtenSetting.load("value");
      await sync();
      const name = makeSheetName("Sample export", worksheets.items.map((w) => w.name));
      const grid = sampleExportGrid();
      const result = analyseGrid(grid, { settings, sheetName: name, firstRow: 0, firstColumn: 0, today: today() });
      if (!result.ok) return { ok: false, message: result.message };
      const width = grid.reduce((w, line) => Math.max(w, line.length), 0);
      const plan = planHighlight(result.analysis, { sheetName: name, firstRow: 0, firstColumn: 0, lastColumn: width - 1, rowCount: grid.length }, settings.framework);
      const problems = checkHighlightLimits(plan);
      if (problems.length > 0) return { ok: false, message: limitsMessage(problems) };

      const sheet = worksheets.add(name);
      sheet.load("id");
      const queue = new WriteQueue();
      // Text stays text ("@" on every string cell), exactly as a CSV export pasted into Excel.
      queueValues(queue, sheet, 0, 0, grid as PlanValue[][], undefined);
      queue.add(40, () => sheet.activate());
      // The same highlight run as Analyse: a new sheet has no earlier columns, rules or name.
      const record = queueHighlightRun(queue, { sheet, previous: null, nameExists: false, ownRules: [] }, plan, name);
      await queue.flush(sync);
      const written = parseWritten(writtenSetting.isNullObject ? null : writtenSetting.value);
      written.highlights[sheet.id] = record;
      written.lastSourceSheetId = sheet.id;
      context.workbook.settings.add(writtenSettingKey, JSON.stringify(written));
      await sync();
      return { ok: true, value: { analysis: result.analysis, sheetName: name, syncs: syncs() } };
    });

  const loadStoredState: WorkbookGateway["loadStoredState"] = () =>
    withRun(null, async (context, sync) => {
      const setting = context.workbook.settings.getItemOrNullObject(stateSettingKey);
      setting.load("value");
      await sync();
      const { state, warning } = parseStoredState(setting.isNullObject ? null : setting.value);
      return { ok: true, value: warning ? { ...state, warning } : state };
    });

  const saveStoredState: WorkbookGateway["saveStoredState"] = async (state) => {
    const checked = validateSettings(state.settings);
    if (!checked.ok) return { ok: false, message: checked.errors.join(" ") };
    const national = state.nationalFigures ? checkNationalFigureTable(nationalTableToJson(state.nationalFigures)) : null;
    if (national && !national.ok) return { ok: false, message: national.problems.map((p) => p.message).join(" ") };
    return withRun<null>(null, async (context, sync) => {
      context.workbook.settings.add(stateSettingKey, serialiseStoredState({ ...state, settings: checked.settings }));
      await sync();
      return { ok: true, value: null };
    });
  };

  return { preview, selectedRow, analyse, generateMeetingSheets, selectPupilRow, insertSampleAndAnalyse, loadStoredState, saveStoredState };
}
