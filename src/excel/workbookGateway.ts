import type { AnalyseResult } from "../core/analyse";
import type { ColumnField } from "../core/read/pupilRecord";
import type { NationalFigureTable } from "../core/report/nationalFigures";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import type { ProgressRecord } from "../core/report/progressRecord";
import type { Analysis } from "../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../core/rules/settings";

/**
 * The only thing the task pane and ribbon commands call. The implementation (officeGateway.ts) translates
 * plain plans into Excel JavaScript API calls and holds no attendance rules; this file does not import it.
 */

/** Every gateway method's answer: a value, or a message the user can act on. Nothing is thrown. */
export type GatewayResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Where the pupils' data is: the used range of the active sheet (or of `sheetName`, e.g. the sheet analysed
 * last, so "Create meeting sheets" can be pressed again while the TSM form is showing), the current
 * selection, or a named table.
 */
export type SourceChoice =
  | { kind: "usedRange"; sheetName?: string }
  | { kind: "selection" }
  | { kind: "table"; tableName: string };

/** Field → 0-based grid column chosen by the user, or null to ignore that field. */
export type MappingOverride = Partial<Record<ColumnField, number | null>>;

export interface SourcePreview {
  sheetName: string;
  /** A1 address of the data read, e.g. "Export!A1:U201". */
  address: string;
  /** Names of the tables in the workbook, for the source picker. */
  tables: string[];
  analysis: AnalyseResult;
  /**
   * The header row's text by grid column, wherever a header row is known (a read that failed after
   * finding it too), for the column dropdowns.
   */
  headings?: readonly string[];
  /** The sheet row (1-based, as Excel shows it) of the headings, wherever a header row is known. */
  headerRowNumber?: number;
}

export interface AnalyseRequest {
  source: SourceChoice;
  settings: AttendanceSettings;
  mappingOverride?: MappingOverride;
  /** The sheet row (1-based, as Excel shows it) holding the column headings, where the user chose it. */
  headerRowNumber?: number;
  /** Short British-English progress messages ("Reading the sheet…"). */
  onProgress?: (message: string) => void;
}

export interface AnalyseDone {
  analysis: Analysis;
  sheetName: string;
  syncs: number;
  /** This analysis recorded in the workbook's history, and each pupil's progress (docs/rules.md §11). */
  progress?: ProgressRecord;
  /** What happened to notes typed on the sheet (moved to Notes, kept aside), in words; absent when nothing did. */
  notesMessage?: string;
}

export type AnalyseOutcome = GatewayResult<AnalyseDone>;

export interface MeetingSheetsDone {
  sheetNames: string[];
  /** Things the user should know (a sheet left alone because it no longer carries the add-in's marker). */
  notes: string[];
}

/** What the add-in keeps in workbook.settings so co-editors share one set of rules. */
export interface StoredState {
  settings: AttendanceSettings;
  details: TsmMeetingDetails | null;
  mappings: Record<string /* sheet name */, MappingOverride>;
  /**
   * The sheet row (1-based, as Excel shows it) the user said holds the headings, per sheet; kept with the
   * sheet's column choices so the ribbon and co-authors read the sheet the same way. Absent: found for them.
   */
  headerRows?: Record<string /* sheet name */, number>;
  /** National figures the school saved for its forms (docs/rules.md §8); absent means the shipped table. */
  nationalFigures?: NationalFigureTable;
  /** Set by loadStoredState when saved settings were unreadable and defaults are in use: show it to the user. */
  warning?: string;
}

/** What "Remove what Analyse added" did, and anything it could not put back, in words (docs/rules.md §15). */
export interface RemoveDone {
  sheetName: string;
  message: string;
}

export type MeetingSheetsRequest = AnalyseRequest & {
  details: TsmMeetingDetails;
  shareable: boolean;
  /** The workbook's saved national figures; the shipped table when absent. */
  nationalFigures?: NationalFigureTable;
};

export interface WorkbookGateway {
  preview(source: SourceChoice, settings: AttendanceSettings, mappingOverride?: MappingOverride, headerRowNumber?: number): Promise<GatewayResult<SourcePreview>>;
  /** The sheet and 1-based row of the active cell, for "use the selected row" as the heading row. */
  selectedRow(): Promise<GatewayResult<{ sheetName: string; rowNumber: number }>>;
  analyse(request: AnalyseRequest): Promise<AnalyseOutcome>;
  generateMeetingSheets(request: MeetingSheetsRequest): Promise<GatewayResult<MeetingSheetsDone>>;
  /** Activates the sheet and selects that 1-based row of the data. */
  selectPupilRow(sheetName: string, sourceRow: number): Promise<GatewayResult<null>>;
  insertSampleAndAnalyse(settings: AttendanceSettings): Promise<AnalyseOutcome>;
  /**
   * Takes off the sheet what Analyse added (its columns, colour rules, name, widths and page setup as they
   * were before the first Analyse), keeping typed notes on a new sheet; the settings choose whose notes
   * are whose. Safe to run again: then nothing changes.
   */
  removeAdded(request: AnalyseRequest): Promise<GatewayResult<RemoveDone>>;
  /** Settings, TSM details and per-sheet mappings from workbook.settings (defaults when absent or corrupt). */
  loadStoredState(): Promise<GatewayResult<StoredState>>;
  /**
   * Saves what changed from `base` (the state the pane showed) to `next`, concern by concern, merged with
   * what co-authors saved meanwhile; answers with the state now in the workbook. Without `base`, every
   * concern of `next` is written.
   */
  saveStoredState(next: StoredState, base?: StoredState): Promise<GatewayResult<StoredState>>;
  /**
   * Calls `listener` with the workbook's state whenever a co-author saves settings (Excel on the web raises
   * settingsChanged in co-authoring only). Resolves to a function that stops listening.
   */
  watchStoredState(listener: (state: StoredState) => void): Promise<() => void>;
  /**
   * Calls `onEdit` when someone edits the sheet's cells (the add-in's own writes excepted), so the pane can
   * say its results are out of date. Resolves to the function that stops watching. Optional: without it the
   * results still say when they were made.
   */
  watchSheet?(sheetName: string, onEdit: () => void): Promise<() => void>;
}
