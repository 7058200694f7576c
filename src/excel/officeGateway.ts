import { analyseGrid } from "../core/analyse";
import { checkNationalFigureTable, nationalTableToJson } from "../core/report/checkNationalFigures";
import { checkHighlightLimits, checkSheetLimits, limitsMessage } from "../core/report/checkPlanLimits";
import { planHistorySheet } from "../core/report/historySheet";
import { recordProgress } from "../core/report/progressRecord";
import type { PlanValue } from "../core/report/plan";
import { makeSheetName } from "../core/report/sheetNames";
import { checkTsmDetails } from "../core/report/tsmDetails";
import { planHighlight } from "../core/report/highlightPlan";
import type { AttendanceSettings } from "../core/rules/settings";
import { validateSettings } from "../core/rules/validateSettings";
import { sampleExportGrid } from "../sample/sampleExport";
import { quoteSheetName, rectAddress } from "../core/common/a1";
import { localIsoDate } from "../core/common/dates";
import { queueSheetPlan, queueValues } from "./applyPlans";
import { errorCode, friendlyError, missingSheetsMessage, sourceLabel, UserMessage } from "./excelErrors";
import { previousAddedColumns, queueHighlightRun } from "./highlightRun";
import { queueOriginalsRead, withTouched } from "./sheetOriginals";
import { removeAddedRun } from "./removeAdded";
import { findSheetNotes, keepSheetNotes, sheetNotesMessage } from "../core/report/sheetNotes";
import { isAddInWrite } from "./sheetEdits";
import { sheetMarkerName, writeMeetingSheets } from "./meetingSheets";
import { historyCandidates, prepare, readExisting, readSource, analyseSource, type Prepared, type Sync } from "./readSource";
import { supportsDelayForCellEdit } from "./requirements";
import { targetProblem } from "./sourceGeometry";
import { addSettingValues, loadSettingEntries, queueSettingValues, removeSettings } from "./settingsIO";
import {
  applyWrites,
  keepUnreadable,
  keptMessage,
  planSettingWrites,
  settingsSizeProblem,
  stateEntries,
  storedStateFrom,
  writtenEntries,
  writtenFrom,
  type SettingEntries,
  type SettingWrite,
  type WrittenRecord,
} from "./storedState";
import type {
  AnalyseOutcome,
  AnalyseRequest,
  GatewayResult,
  SourceChoice,
  StoredState,
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

/** The sheets a run read (ids and names), so an ItemNotFound later in the run can name the one that went. */
interface SheetsSeen {
  sheets: { id: string; name: string }[];
}

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

/**
 * Room kept for the records a run writes once the sheets they name exist (a highlight and three generated
 * sheets, each well under 1 KB): checked against Excel's settings cap before anything is written.
 */
const recordAllowance: SettingWrite = { key: "AttendanceInsight.allowance", value: "x".repeat(4096) };

/** The marker-name comment on the sample sheet the add-in made ("Try it with sample data"). */
const sampleMarker = "sample";

/**
 * The records this run changed (from `written` as read to `next`), plus those of sheets that are gone; a
 * pruned setting the add-in could not read is kept aside first (keepUnreadable).
 */
function recordWrites(entries: SettingEntries, written: WrittenRecord, next: WrittenRecord, sheets: readonly { id: string; name: string }[], keptOn: string): SettingWrite[] {
  return keepUnreadable(entries, planSettingWrites(entries, writtenEntries(written), writtenEntries(next), sheets), keptOn).writes;
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
    batch: (context: Excel.RequestContext, sync: Sync, syncs: () => number, seen: SheetsSeen) => Promise<GatewayResult<T>>,
  ): Promise<GatewayResult<T>> {
    let count = 0;
    const seen: SheetsSeen = { sheets: [] };
    try {
      return await run((context) => {
        const sync: Sync = async () => {
          count++;
          await context.sync();
        };
        return batch(context, sync, () => count, seen);
      });
    } catch (error) {
      if (errorCode(error) === "ItemNotFound" && seen.sheets.length > 0) {
        const missing = await sheetsGone(seen.sheets);
        if (missing.length > 0) return { ok: false, message: missingSheetsMessage(missing) };
      }
      return { ok: false, message: friendlyError(error, source) };
    }
  }

  /** Which of the sheets a run read are no longer in the workbook (one small read; [] when that fails too). */
  async function sheetsGone(sheets: readonly { id: string; name: string }[]): Promise<string[]> {
    try {
      return await run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/id");
        await context.sync();
        const now = new Set(worksheets.items.map((w) => w.id));
        return sheets.filter((s) => !now.has(s.id)).map((s) => s.name);
      });
    } catch {
      return [];
    }
  }

  /** Analyse and the meeting sheets start alike: read the source (one sync), analyse it, say so in the pane. */
  async function readAndPrepare(
    context: Excel.RequestContext,
    request: AnalyseRequest,
    sync: Sync,
    seen: SheetsSeen,
  ): Promise<Prepared | { ok: false; message: string }> {
    progress(request, `Reading ${sourceLabel(request.source)}…`);
    const read = await readSource(context, request.source, sync, readOptions);
    seen.sheets = read.sheets;
    const prepared = prepare(read, request.source, request.settings, { mappingOverride: request.mappingOverride, headerRowNumber: request.headerRowNumber }, today());
    if (!("ok" in prepared)) progress(request, `Checking ${pupilsText(prepared.analysis.pupils.length)}…`);
    return prepared;
  }

  /**
   * Analyse, once more if a co-author made the history sheet between this run's read and its write (Excel
   * refuses a second sheet of that name, before anything else in that batch): the second run finds theirs.
   */
  const analyse = async (request: AnalyseRequest): Promise<AnalyseOutcome> => {
    const race = { lost: false };
    const outcome = await analyseOnce(request, race);
    return race.lost ? analyseOnce(request, { lost: false }) : outcome;
  };

  const analyseOnce = (request: AnalyseRequest, race: { lost: boolean }): Promise<AnalyseOutcome> =>
    withRun(request.source, async (context, sync, syncs, seen) => {
      const prepared = await readAndPrepare(context, request, sync, seen);
      if ("ok" in prepared) return prepared;
      const { read, analysis, layout } = prepared;
      // Each Analyse records a snapshot in the workbook's hidden history (docs/rules.md §11), read back in
      // the sync that reads the add-in's own rules and written in the same queue as the rest.
      // The widths and page setup Analyse is about to change, as they were before it first did (docs/rules.md §15).
      const originals = queueOriginalsRead(read, layout.lastColumn + 2);
      const { ownRules, existing, grids } = await readExisting(context, read, historyCandidates(read), sync, originals.queued);
      const target = existing.history ? [...grids].find(([, grid]) => grid === existing.history)?.[0] : undefined;
      const progressRecord = recordProgress(analysis, existing.history, today());
      // Notes typed on the sheet follow their pupil (docs/rules.md §15), read from the values already read.
      const notes = keepSheetNotes(findSheetNotes(previousAddedColumns(read)), analysis.pupils);
      const plan = planHighlight(analysis, layout, request.settings.framework, progressRecord.progress, notes);
      const history = planHistorySheet(progressRecord.history);
      const blocked = targetProblem(read.used, read.previous, plan, read.sheetName);
      if (blocked) return { ok: false, message: blocked };
      const problems = [...checkHighlightLimits(plan), ...checkSheetLimits(history)];
      if (problems.length > 0) return { ok: false, message: limitsMessage(problems) };
      let sheets = read.written.sheets;
      if (target && !sheets.some((r) => r.role === "history" && r.sheetId === target)) {
        // Found by its name and marker: recorded now, so the next run finds it by id even if renamed.
        const name = read.sheets.find((sheet) => sheet.id === target)?.name ?? history.name;
        sheets = [...sheets.filter((r) => r.role !== "history"), { role: "history", sheetId: target, name }];
      }
      const queue = new WriteQueue();
      const written = queueHighlightRun(queue, { sheet: read.sheet, previous: read.previous, nameExists: read.nameExists, ownRules }, plan, read.sheetName);
      const original = withTouched(originals.result(), plan);
      const record = original ? { ...written, original } : written;
      const next = { ...read.written, sheets, highlights: { ...read.written.highlights, [read.sheetId]: record }, lastSourceSheetId: read.sheetId };
      const writes = recordWrites(read.settings, read.written, next, read.sheets, today());
      const tooLarge = settingsSizeProblem(read.settings, writes);
      if (tooLarge) return { ok: false, message: tooLarge };
      progress(request, "Colouring the rows and adding the results columns…");
      try {
        if (target) {
          queueSheetPlan(queue, context.workbook.worksheets.getItem(target), history, { charts: [] });
        } else {
          // A sheet of that name that is not the add-in's is never written over: the history goes beside it.
          // Its id is known only after the write, so it is found next time by its name and the marker in A1
          // (no extra sync here), and recorded then.
          const sheet = context.workbook.worksheets.add(makeSheetName(history.name, read.sheets.map((s) => s.name)));
          queue.add(120, () => {
            sheet.names.add(sheetMarkerName, sheet.getRange("A1"), "history");
          });
          queueSheetPlan(queue, sheet, history, null);
        }
        queueSettingValues(queue, context, writes);
        await queue.flush(sync);
      } catch (error) {
        if (!target && errorCode(error) === "ItemAlreadyExists") race.lost = true;
        throw error;
      }
      await removeSettings(context, sync, writes, read.settings);
      progress(request, `Done: ${pupilsText(analysis.pupils.length)} analysed.`);
      const notesMessage = sheetNotesMessage(notes);
      return { ok: true, value: { analysis, sheetName: read.sheetName, syncs: syncs(), progress: progressRecord, ...(notesMessage ? { notesMessage } : {}) } };
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
      // Worked out once here, for the heading-row hint and the column summary alike.
      const headingsRow = mapping ? read.firstRow + mapping.headerRow + 1 : undefined;
      return {
        ok: true,
        value: {
          sheetName: read.sheetName,
          address,
          tables: read.tables,
          analysis: analysed.result,
          ...(headings ? { headings } : {}),
          ...(headingsRow !== undefined ? { headerRowNumber: headingsRow } : {}),
        },
      };
    });

  const generateMeetingSheets: WorkbookGateway["generateMeetingSheets"] = async (request) => {
    const problems = checkTsmDetails(request.details);
    if (problems.length > 0) return { ok: false, message: problems.join(" ") };
    return withRun(request.source, async (context, sync, _syncs, seen) => {
      const prepared = await readAndPrepare(context, request, sync, seen);
      if ("ok" in prepared) return prepared;
      const { read } = prepared;
      const tooLarge = settingsSizeProblem(read.settings, [recordAllowance]);
      if (tooLarge) return { ok: false, message: tooLarge };
      const { done, written } = await writeMeetingSheets(context, prepared, request, today(), sync, (message) => progress(request, message));
      // Record the sheets so the next run regenerates them in place (ids are known only after the write).
      const writes = recordWrites(read.settings, read.written, written, read.sheets, today());
      addSettingValues(context, writes);
      await sync();
      await removeSettings(context, sync, writes, read.settings);
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

  /**
   * Adds the sample sheet and analyses it. A second press replaces the sample the add-in made before (found
   * by the marker name it carries, never by its name: a user's own "Sample export" is never touched), so it
   * never piles up "Sample export (2)", "(3)". One more small sync reads the sheets' markers.
   */
  const insertSampleAndAnalyse = (settings: AttendanceSettings): Promise<AnalyseOutcome> =>
    withRun(null, async (context, sync, syncs) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id");
      const settingsNow = loadSettingEntries(context);
      await sync();
      const entries = settingsNow();
      const tooLarge = settingsSizeProblem(entries, [recordAllowance]);
      if (tooLarge) return { ok: false, message: tooLarge };
      const markers = worksheets.items.map((w) => {
        const marker = w.names.getItemOrNullObject(sheetMarkerName);
        marker.load("comment");
        return { id: w.id, name: w.name, marker };
      });
      await sync();
      const earlier = markers.find((m) => !m.marker.isNullObject && m.marker.comment === sampleMarker) ?? null;
      const others = worksheets.items.filter((w) => w.id !== earlier?.id).map((w) => w.name);
      // The earlier sample's name (as the user may have renamed it), else a new one.
      const name = earlier ? earlier.name : makeSheetName("Sample export", others);
      const grid = sampleExportGrid();
      const result = analyseGrid(grid, { settings, sheetName: name, firstRow: 0, firstColumn: 0, today: today() });
      if (!result.ok) return { ok: false, message: result.message };
      const width = grid.reduce((w, line) => Math.max(w, line.length), 0);
      const plan = planHighlight(result.analysis, { sheetName: name, firstRow: 0, firstColumn: 0, lastColumn: width - 1, rowCount: grid.length }, settings.framework);
      const problems = checkHighlightLimits(plan);
      if (problems.length > 0) return { ok: false, message: limitsMessage(problems) };

      // A fresh sheet beside the earlier sample (Excel keeps at least one sheet), which then goes and
      // leaves the new one its name: all in the one write below.
      const sheet = worksheets.add(earlier ? makeSheetName("Sample export", worksheets.items.map((w) => w.name)) : name);
      sheet.load("id");
      const queue = new WriteQueue();
      queue.add(120, () => {
        sheet.names.add(sheetMarkerName, sheet.getRange("A1"), sampleMarker);
      });
      // Text stays text ("@" on every string cell), exactly as a CSV export pasted into Excel.
      queueValues(queue, sheet, 0, 0, grid as PlanValue[][], undefined);
      queue.add(40, () => sheet.activate());
      // The same highlight run as Analyse: a new sheet has no earlier columns, rules or name.
      const record = queueHighlightRun(queue, { sheet, previous: null, nameExists: false, ownRules: [] }, plan, name);
      if (earlier) {
        queue.add(80, () => {
          worksheets.getItem(earlier.id).delete();
          sheet.name = name;
        });
      }
      await queue.flush(sync);
      const written = writtenFrom(entries);
      const next: WrittenRecord = { ...written, highlights: { ...written.highlights, [sheet.id]: record }, lastSourceSheetId: sheet.id };
      const sheets = [...worksheets.items.filter((w) => w.id !== earlier?.id).map((w) => ({ id: w.id, name: w.name })), { id: sheet.id, name }];
      const writes = recordWrites(entries, written, next, sheets, today());
      addSettingValues(context, writes);
      await sync();
      await removeSettings(context, sync, writes, entries);
      return { ok: true, value: { analysis: result.analysis, sheetName: name, syncs: syncs() } };
    });

  const removeAdded: WorkbookGateway["removeAdded"] = (request) =>
    withRun(request.source, (context, sync) => {
      progress(request, "Removing what Analyse added…");
      return removeAddedRun(context, request, sync, today(), readOptions);
    });

  const loadStoredState: WorkbookGateway["loadStoredState"] = () =>
    withRun(null, async (context, sync) => {
      const settingsNow = loadSettingEntries(context);
      await sync();
      const { state, warning } = storedStateFrom(settingsNow());
      return { ok: true, value: warning ? { ...state, warning } : state };
    });

  /**
   * Saves what this person changed since `base` (the state their pane showed), concern by concern and
   * sheet by sheet, planned from the settings re-read in the same run; answers with the merged state, so
   * the pane also shows what co-authors saved meanwhile. Without `base`, every concern of `next` is written.
   */
  const saveStoredState: WorkbookGateway["saveStoredState"] = async (next, base) => {
    const checked = validateSettings(next.settings);
    if (!checked.ok) return { ok: false, message: checked.errors.join(" ") };
    const national = next.nationalFigures ? checkNationalFigureTable(nationalTableToJson(next.nationalFigures)) : null;
    if (national && !national.ok) return { ok: false, message: national.problems.map((p) => p.message).join(" ") };
    return withRun<StoredState>(null, async (context, sync) => {
      const settingsNow = loadSettingEntries(context);
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/id,items/name");
      await sync();
      const entries = settingsNow();
      const sheets = worksheets.items.map((w) => ({ id: w.id, name: w.name }));
      const planned = planSettingWrites(entries, base ? stateEntries(base) : new Map(), stateEntries({ ...next, settings: checked.settings }), sheets);
      // What could not be read is kept aside before it is written over (nothing lost), and the pane says where.
      const keptOn = today();
      const { writes, kept } = keepUnreadable(entries, planned, keptOn);
      const tooLarge = settingsSizeProblem(entries, writes);
      if (tooLarge) return { ok: false, message: tooLarge };
      addSettingValues(context, writes);
      await sync();
      await removeSettings(context, sync, writes, entries);
      const merged = storedStateFrom(applyWrites(entries, writes));
      const warning = [merged.warning ?? "", keptMessage(kept, keptOn)].filter((line) => line !== "").join(" ");
      return { ok: true, value: warning ? { ...merged.state, warning } : merged.state };
    });
  };

  /**
   * worksheet.onChanged (ExcelApi 1.7) on the analysed sheet. Reports the first edit outside the add-in's own
   * columns (one small read of the written record per change, to tell ours from the user's), then stops.
   */
  const watchSheet: NonNullable<WorkbookGateway["watchSheet"]> = async (sheetName, onEdit) => {
    let stopped = false;
    let registration: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      const handler = registration;
      if (!handler) return;
      // Removing a handler needs the context it was added in.
      void Excel.run(handler.context, async (context) => {
        handler.remove();
        await context.sync();
      }).catch(() => undefined);
    };
    const answer = await withRun<null>(null, async (context, sync) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      sheet.load("id");
      await sync();
      if (sheet.isNullObject) return { ok: false, message: `The sheet “${sheetName}” is no longer in this workbook.` };
      const sheetId = sheet.id;
      registration = sheet.onChanged.add(async (event) => {
        if (stopped) return;
        const own = await run(async (eventContext) => {
          const entries = loadSettingEntries(eventContext);
          await eventContext.sync();
          return isAddInWrite(event.address, writtenFrom(entries()).highlights[sheetId]);
        }).catch(() => false);
        if (own || stopped) return;
        stop();
        onEdit();
      });
      await sync();
      return { ok: true, value: null };
    });
    if (!answer.ok) throw new Error(answer.message);
    return stop;
  };

  /**
   * One settingsChanged handler per gateway (ExcelApi 1.4, `workbook.settings.onSettingsChanged`); each
   * event re-reads the state and hands it to every listener. Registered on first use; never fails the pane
   * (a host that cannot register simply never calls the listeners).
   */
  const listeners = new Set<(state: StoredState) => void>();
  let registered: Promise<unknown> | null = null;
  const watchStoredState: WorkbookGateway["watchStoredState"] = async (listener) => {
    listeners.add(listener);
    registered ??= withRun<null>(null, async (context, sync) => {
      context.workbook.settings.onSettingsChanged.add(async () => {
        const loaded = await loadStoredState();
        if (!loaded.ok) return;
        for (const l of [...listeners]) {
          try {
            l(loaded.value);
          } catch {
            // One listener failing must not stop the others.
          }
        }
      });
      await sync();
      return { ok: true, value: null };
    });
    await registered;
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    watchStoredState,
    preview,
    selectedRow,
    analyse,
    generateMeetingSheets,
    selectPupilRow,
    insertSampleAndAnalyse,
    removeAdded,
    loadStoredState,
    saveStoredState,
    watchSheet,
  };
}
