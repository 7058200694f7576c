import { persistentRate, severeRate, type Snapshot } from "./snapshot";
import { snapshotsThisYear, type SnapshotHistory } from "./snapshotHistory";

/** One snapshot's whole-school figures, for the governors' trend (docs/rules.md §11). All 0–100 or null. */
export interface TrendPoint {
  date: string;
  persistentRate: number | null;
  severeRate: number | null;
  attendancePercent: number | null;
  /** The counts behind the rates (PA includes SA), so a shareable copy can hide a rate of fewer than 3 pupils. */
  persistentCount: number;
  severeCount: number;
}

/** PA rate, SA rate and overall attendance across this academic year's snapshots up to `date`, oldest first. */
export function attendanceTrend(history: SnapshotHistory, date: string): TrendPoint[] {
  return snapshotsThisYear(history, date).map((s: Snapshot) => ({
    date: s.date,
    persistentRate: persistentRate(s.cohort),
    severeRate: severeRate(s.cohort),
    attendancePercent: s.cohort.attendancePercent,
    persistentCount: s.cohort.bandCounts.severe + s.cohort.bandCounts.persistent,
    severeCount: s.cohort.bandCounts.severe,
  }));
}
