import type { Grid } from "../read/grid";
import type { Analysis, Framework } from "../rules/pupilAnalysis";
import { planHighlight } from "./highlightPlan";
import { planKeySheet } from "./keySheet";
import type { NationalFigureTable } from "./nationalFigures";
import type { WorkbookPlan } from "./plan";
import { recordProgress } from "./progressRecord";
import { planHistorySheet } from "./historySheet";
import { readLastMeeting, readTypedOutcomes } from "./lastMeeting";
import { assignReferences, type PupilReferenceBook } from "./pupilReferences";
import { shareableAnalysis } from "./shareableAnalysis";
import { planSummarySheet } from "./summarySheet";
import type { TsmMeetingDetails } from "./tsmDetails";
import { planTsmForm } from "./tsmForm";
import { detailsWithTyped, readTypedTsm } from "./tsmMerge";
import { findSheetNotes, keepSheetNotes } from "./sheetNotes";

/** Where the pasted data sits in the user's sheet. */
export interface SourceLayout {
  sheetName: string;
  /** 0-based sheet column of the last pasted column. */
  lastColumn: number;
  /** 0-based sheet row of grid[0] (0 = Excel's row 1; core/common/a1.ts). */
  firstRow: number;
  /** 0-based sheet column of grid[0][0]. */
  firstColumn: number;
  rowCount: number;
  /**
   * Widths of the pasted columns in characters, from the first, where the adapter knows them (the command
   * line sizes its copy to the content); Excel's default width is assumed for any not given. Used only to
   * choose how many pages wide the sheet prints.
   */
  columnWidths?: readonly number[];
}

/**
 * Values of sheets the add-in wrote before, read back by an adapter: the TSM form (its typed cells are
 * merged into the new one) and the pupil key (keeps references stable).
 */
export interface ExistingSheets {
  tsm?: Grid;
  key?: Grid;
  /** The "Attendance history" sheet (docs/rules.md §11); absent on the first run. */
  history?: Grid;
  /** The TSM form of the last meeting before this one (an earlier term's), for "Pupils from the last meeting". */
  lastMeeting?: { sheetName: string; grid: Grid };
  /**
   * The added columns of each highlighted sheet this run replaces, as last written, heading row first:
   * their notes are kept (docs/rules.md §15).
   */
  addedColumns?: readonly Grid[];
}

export interface WorkbookPlanOptions {
  details: TsmMeetingDetails;
  shareable: boolean;
  framework: Framework;
  existing?: ExistingSheets;
  /** ISO date the workbook is prepared (shown on the summary); the meeting date when absent. */
  today?: string;
  /** National figures for the form and the summary (checked with checkNationalFigureTable); the shipped table when absent. */
  nationalFigures?: NationalFigureTable;
  /**
   * ISO date of this analysis, for its snapshot when the data gives no "as at" date (docs/rules.md §11);
   * `today`, else the meeting date, when absent.
   */
  analysisDate?: string;
}

/**
 * Everything "Create meeting sheets" writes: the highlight on the user's sheet, the TSM form, the
 * governors' summary and the school-only pupil key. The key is planned whether or not the form is
 * shareable: it is what keeps references stable from one run to the next, and the school keeps it
 * (docs/rules.md §7). Shareable changes only the form and the summary (references, "<3"); an adapter that
 * writes a copy to leave the school leaves out every schoolOnly sheet.
 * Pure: the same analysis, layout and options always give the same plan.
 */
/** The plan with the pupil references it gave, so an adapter never works them out a second time. */
export interface PlannedWorkbook extends WorkbookPlan {
  references: PupilReferenceBook;
}

export function buildWorkbookPlan(analysis: Analysis, source: SourceLayout, options: WorkbookPlanOptions): PlannedWorkbook {
  const { details, shareable, framework, existing = {} } = options;
  const progress = recordProgress(analysis, existing.history, options.analysisDate ?? options.today ?? details.meetingDate);
  const references = assignReferences(analysis.pupils, existing);
  const typed = readTypedTsm(existing.tsm, references);
  const national = options.nationalFigures ? { nationalFigures: options.nationalFigures } : {};
  const lastMeeting = existing.lastMeeting
    ? {
        sheetName: existing.lastMeeting.sheetName,
        pupils: readLastMeeting(existing.lastMeeting.grid, references, analysis.pupils),
        outcomes: readTypedOutcomes(existing.tsm),
      }
    : undefined;
  // Shareable: only year groups and genders that are what they claim to be reach the form and summary.
  const shown = shareable ? shareableAnalysis(analysis) : analysis;
  const tsm = planTsmForm({ analysis: shown, details, shareable, framework, references, typed, ...national, ...(lastMeeting ? { lastMeeting } : {}) });
  // The summary names the school and compares with its phase as the form does, typed details included.
  const summary = planSummarySheet({
    analysis: shown,
    details: detailsWithTyped(details, typed.details),
    shareable,
    ...(options.today ? { today: options.today } : {}),
    ...national,
    trend: progress.trend,
  });
  const sheets = [tsm, summary, planKeySheet(references, analysis.pupils), planHistorySheet(progress.history)];
  const notes = keepSheetNotes((existing.addedColumns ?? []).flatMap(findSheetNotes), analysis.pupils);
  return { highlight: planHighlight(analysis, source, framework, progress.progress, notes), sheets, progress, notes, references };
}
