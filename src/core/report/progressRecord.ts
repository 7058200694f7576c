import type { Grid } from "../read/grid";
import { readHistorySheet } from "./historySheet";
import type { Analysis } from "../rules/pupilAnalysis";
import { defaultSettings } from "../rules/settings";
import { pupilProgress, type ProgressResult } from "../progress/pupilProgress";
import { takeSnapshot, type Snapshot } from "../progress/snapshot";
import { mergeSnapshot } from "../progress/snapshotHistory";
import { attendanceTrend, type TrendPoint } from "../progress/trend";

/** What one analysis adds to the history, and what the history says about it (docs/rules.md §11). */
export interface ProgressRecord {
  /** This analysis' snapshot. */
  current: Snapshot;
  /** The history to write back: the old one with this snapshot merged in (same date replaced). */
  history: Snapshot[];
  progress: ProgressResult;
  /** This academic year's snapshots, the current one included. */
  trend: TrendPoint[];
}

/**
 * Takes this analysis' snapshot, merges it into the history read back from the workbook's "Attendance
 * history" sheet (absent on the first run), and measures each pupil's progress since the last snapshot.
 * `analysisDate` is the date the analysis is made (core never reads the clock); the snapshot carries the
 * data's own "as at" date where the sheet gives one.
 */
export function recordProgress(analysis: Analysis, historyGrid: Grid | undefined, analysisDate: string): ProgressRecord {
  const current = takeSnapshot(analysis, analysisDate);
  const history = mergeSnapshot(readHistorySheet(historyGrid), current);
  return {
    current,
    history,
    progress: pupilProgress(analysis, history, current, analysis.settings.progress ?? defaultSettings.progress),
    trend: attendanceTrend(history, current.date),
  };
}
