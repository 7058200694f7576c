import { academicYear, academicYearStart } from "../common/dates";
import type { Snapshot } from "./snapshot";

/**
 * The school's analysis history (docs/rules.md §11): snapshots in date order, one per date. It lives in the
 * school's workbook, so it is kept bounded: this academic year and the one before (a new year starts fresh
 * for comparisons, and last year's stays readable), and never more pupil rows than `maxPupilRows`.
 */
export type SnapshotHistory = readonly Snapshot[];

/**
 * Pupil rows the history sheet holds at most: well inside Excel's 1,048,576 rows and a request Excel on
 * the web accepts in a few chunks (a year of weekly snapshots of a 2,000-pupil school is about 78,000).
 */
export const maxHistoryPupilRows = 200_000;

/**
 * The history with `snapshot` added: a snapshot on a date the history already has replaces it (analysing
 * the same data on the same date again adds nothing); snapshots before last academic year are dropped, then
 * the oldest until the pupil rows fit.
 */
export function mergeSnapshot(history: SnapshotHistory, snapshot: Snapshot, maxPupilRows = maxHistoryPupilRows): Snapshot[] {
  const merged = [...history.filter((s) => s.date !== snapshot.date), snapshot].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const newest = merged[merged.length - 1]?.date ?? snapshot.date;
  const earliestYear = academicYearStart(newest) - 1;
  const kept = merged.filter((s) => academicYearStart(s.date) >= earliestYear);
  let rows = kept.reduce((sum, s) => sum + s.pupils.length, 0);
  // Oldest first, but never the snapshot just taken.
  while (rows > maxPupilRows && kept.length > 1 && kept[0] !== snapshot) {
    rows -= kept[0]?.pupils.length ?? 0;
    kept.shift();
  }
  return kept;
}

/** The snapshot a pupil's progress is measured from: the latest before `date` in the same academic year, or null. */
export function previousSnapshot(history: SnapshotHistory, date: string): Snapshot | null {
  const year = academicYear(date);
  let found: Snapshot | null = null;
  for (const s of history) if (s.date < date && academicYear(s.date) === year) found = s;
  return found;
}

/** This academic year's snapshots up to and including `date`, oldest first (the governors' trend). */
export function snapshotsThisYear(history: SnapshotHistory, date: string): Snapshot[] {
  const year = academicYear(date);
  return history.filter((s) => s.date <= date && academicYear(s.date) === year);
}
