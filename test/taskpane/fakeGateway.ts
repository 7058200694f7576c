import { analyseGrid } from "../../src/core/analyse";
import { columnLetter } from "../../src/core/common/a1";
import type { Grid } from "../../src/core/read/grid";
import { defaultSettings, type AttendanceSettings } from "../../src/core/rules/settings";
import { applyWrites, diffEntries, stateEntries, storedStateFrom } from "../../src/excel/storedState";
import type {
  AnalyseOutcome,
  AnalyseRequest,
  GatewayResult,
  MappingOverride,
  MeetingSheetsDone,
  MeetingSheetsRequest,
  RemoveDone,
  SourceChoice,
  SourcePreview,
  StoredState,
  WorkbookGateway,
} from "../../src/excel/workbookGateway";

/**
 * A small Bromcom-shaped export: one pupil per band, so every count is known by hand.
 * Row 1 is the header; pupils are on sheet rows 2–7.
 */
export const smallExport: Grid = [
  ["Legal Surname", "Legal Forename", "Year", "Tutor Group", "UPN", "Poss", "Pres", "AEA", "Auth", "Unauth", "Att %"],
  // 150 possible, 15 missed: exactly 10% missed → persistent (docs/rules.md §2).
  ["Smith-Jones", "Oliver", "Year 11", "11X", "K820001583800", 150, 135, 0, 10, 5, "90.0%"],
  // 120 possible, 60 missed: exactly 50% → severe.
  ["Hughes", "Grace", "Year 8", "8X", "K820001599638", 120, 58, 2, 30, 30, "50.0%"],
  // 100 possible, 7 missed → at risk.
  ["Patel", "Amir", "Year 7", "7Y", "K820001607557", 100, 93, 0, 5, 2, "93.0%"],
  // 100 possible, 1 missed → expected.
  ["Wright", "Ava", "Year 9", "9X", "K820001591719", 100, 99, 0, 1, 0, "99.0%"],
  // 120 possible, 20 missed (16.7%) → persistent.
  ["Evans", "Mia", "Year 10", "10Z", "K820001615476", 120, 100, 0, 4, 16, "83.3%"],
  // No possible sessions → no data.
  ["Khan", "Zara", "Year 7", "7X", "K820001623395", 0, 0, 0, 0, 0, ""],
];

export const sampleGrid: Grid = [
  ["Surname", "Forename", "Year", "UPN", "Possible", "Present", "AEA", "Authorised", "Unauthorised", "Attendance %"],
  ["Adams", "Noah", "Year 7", "A111111111111", 100, 40, 0, 30, 30, "40.0%"],
  ["Baker", "Lily", "Year 8", "A222222222222", 100, 85, 0, 5, 10, "85.0%"],
  ["Clark", "Finn", "Year 9", "A333333333333", 100, 97, 0, 3, 0, "97.0%"],
];

export interface FakeGatewayOptions {
  grid?: Grid;
  sheetName?: string;
  tables?: string[];
  stored?: Partial<StoredState>;
  /** What generateMeetingSheets reports as created. */
  meetingSheets?: string[];
  /** The 1-based row of the active cell ("use the selected row"); 1 when not given. */
  selectedRowNumber?: number;
}

export type FakeGateway = {
  [K in keyof WorkbookGateway]-?: jest.Mock<ReturnType<NonNullable<WorkbookGateway[K]>>, Parameters<NonNullable<WorkbookGateway[K]>>>;
} & {
  state: StoredState;
  coauthorSaves: (next: StoredState) => void;
  /** Someone edits the named sheet (as Excel's worksheet onChanged would report). */
  editSheet: (sheetName: string) => void;
  /**
   * Saves wait (as a slow Excel would) until the returned function is called; each is then written in the
   * order they were called, merged key by key like the real gateway.
   */
  holdSaves: () => () => void;
};

/**
 * Stands in for the Excel gateway: every analysis comes from the real core (analyseGrid) on a small grid,
 * so the pane shows what the engine really says; the workbook's saved state lives in memory.
 */
export function createFakeGateway(options: FakeGatewayOptions = {}): FakeGateway {
  const grid = options.grid ?? smallExport;
  const sheetName = options.sheetName ?? "Export";
  const tables = options.tables ?? ["Pupils2025"];
  const state: StoredState = {
    settings: options.stored?.settings ?? defaultSettings,
    details: options.stored?.details ?? null,
    mappings: options.stored?.mappings ?? {},
    ...(options.stored?.headerRows ? { headerRows: options.stored.headerRows } : {}),
    ...(options.stored?.nationalFigures ? { nationalFigures: options.stored.nationalFigures } : {}),
  };
  const watchers = new Set<(state: StoredState) => void>();
  const width = Math.max(...grid.map((row) => row.length));
  const address = `${sheetName}!A1:${columnLetter(width - 1)}${grid.length}`;

  // The grid sits at A1, so a sheet row number is the grid index plus one.
  const run = (settings: AttendanceSettings, mappingOverride?: MappingOverride, source: Grid = grid, headerRowNumber?: number) =>
    analyseGrid(source, {
      settings,
      mappingOverride,
      sheetName,
      firstRow: 0,
      firstColumn: 0,
      ...(headerRowNumber !== undefined ? { headerRowOverride: headerRowNumber - 1 } : {}),
    });

  const outcome = (settings: AttendanceSettings, mappingOverride?: MappingOverride, name = sheetName, source = grid, headerRowNumber?: number): AnalyseOutcome => {
    const result = run(settings, mappingOverride, source, headerRowNumber);
    return result.ok ? { ok: true, value: { analysis: result.analysis, sheetName: name, syncs: 3 } } : result;
  };

  const sheetWatchers = new Set<{ sheetName: string; onEdit: () => void }>();
  let held: Promise<void> | null = null;
  const gateway: FakeGateway = {
    state,
    holdSaves: () => {
      let release = () => undefined as void;
      held = new Promise<void>((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
      return release;
    },
    editSheet: (name: string) => {
      for (const watcher of [...sheetWatchers]) if (watcher.sheetName === name) watcher.onEdit();
    },
    watchSheet: jest.fn(async (name: string, onEdit: () => void) => {
      const watcher = { sheetName: name, onEdit };
      sheetWatchers.add(watcher);
      return () => {
        sheetWatchers.delete(watcher);
      };
    }),
    preview: jest.fn(
      async (_source: SourceChoice, settings: AttendanceSettings, mappingOverride?: MappingOverride, headerRowNumber?: number): Promise<GatewayResult<SourcePreview>> => {
        const analysis = run(settings, mappingOverride, grid, headerRowNumber);
        const mapping = analysis.ok ? analysis.analysis.mapping : analysis.mapping;
        const headings = mapping ? (grid[mapping.headerRow] ?? []).map((cell) => String(cell ?? "").trim()) : undefined;
        // The grid sits at A1: the sheet row is the grid row plus one.
        const headerRow = mapping ? { headerRowNumber: mapping.headerRow + 1 } : {};
        return { ok: true, value: { sheetName, address, tables, analysis, ...(headings ? { headings } : {}), ...headerRow } };
      },
    ),
    selectedRow: jest.fn(async () => ({ ok: true as const, value: { sheetName, rowNumber: options.selectedRowNumber ?? 1 } })),
    analyse: jest.fn(async (request: AnalyseRequest) => {
      request.onProgress?.("Reading the sheet…");
      request.onProgress?.("Colouring the rows…");
      return outcome(request.settings, request.mappingOverride, sheetName, grid, request.headerRowNumber);
    }),
    generateMeetingSheets: jest.fn(async (request: MeetingSheetsRequest): Promise<GatewayResult<MeetingSheetsDone>> => {
      const result = run(request.settings, request.mappingOverride, grid, request.headerRowNumber);
      if (!result.ok) return result;
      const sheets = options.meetingSheets ?? ["TSM Autumn 2025-26", "Governors summary", "Pupil key"];
      return { ok: true, value: { sheetNames: request.shareable ? sheets.filter((s) => s !== "Pupil key") : sheets, notes: [] } };
    }),
    removeAdded: jest.fn(
      async (_request: AnalyseRequest): Promise<GatewayResult<RemoveDone>> => ({
        ok: true,
        value: { sheetName, message: `Removed from “${sheetName}” its 8 columns (from column M) and the colour key. Your pasted data was not changed.` },
      }),
    ),
    selectPupilRow: jest.fn(async (_sheetName: string, _sourceRow: number): Promise<GatewayResult<null>> => ({ ok: true, value: null })),
    insertSampleAndAnalyse: jest.fn(async (settings: AttendanceSettings) =>
      outcome(settings, undefined, "Sample data", sampleGrid),
    ),
    loadStoredState: jest.fn(async (): Promise<GatewayResult<StoredState>> => ({ ok: true, value: JSON.parse(JSON.stringify(state)) as StoredState })),
    // As the real gateway (officeGateway.ts saveStoredState): only the keys that changed from `base` to
    // `next` are written over what the workbook holds now, one key per concern and per sheet.
    saveStoredState: jest.fn(async (next: StoredState, base?: StoredState): Promise<GatewayResult<StoredState>> => {
      if (held) await held;
      const writes = diffEntries(base ? stateEntries(base) : new Map(), stateEntries(next));
      const merged = storedStateFrom(applyWrites(stateEntries(state), writes)).state;
      state.settings = merged.settings;
      state.details = merged.details;
      state.mappings = merged.mappings;
      if (merged.headerRows) state.headerRows = merged.headerRows;
      else delete state.headerRows;
      if (merged.nationalFigures) state.nationalFigures = merged.nationalFigures;
      else delete state.nationalFigures;
      return { ok: true, value: JSON.parse(JSON.stringify(state)) as StoredState };
    }),
    /** `coauthorSaves(state)` plays a co-author's save arriving through settingsChanged. */
    watchStoredState: jest.fn(async (listener: (state: StoredState) => void) => {
      watchers.add(listener);
      return () => {
        watchers.delete(listener);
      };
    }),
    coauthorSaves: (next: StoredState) => {
      Object.assign(state, JSON.parse(JSON.stringify(next)) as StoredState);
      for (const w of [...watchers]) w(JSON.parse(JSON.stringify(state)) as StoredState);
    },
  };
  return gateway;
}
