import type { SessionPatterns } from "./sessionPatterns";
import { addWeekdayTally, emptyWeekdayTally, weekdayRates, type WeekdayRate } from "./weekdayProfile";
import { weeklyAttendance, type WeekAttendance } from "./weeklyAttendance";

/**
 * docs/rules.md §10 "Cohort": the same weekday profile for the whole school, and attendance week by week,
 * summed from every pupil's session counts (so the school's figure is sessions over sessions, not an
 * average of pupils' percentages).
 */
export interface CohortPatterns {
  weekdays: WeekdayRate[];
  weeks: WeekAttendance[];
}

/** Null when no pupil has session marks. */
export function cohortPatterns(pupilPatterns: readonly (SessionPatterns | null)[]): CohortPatterns | null {
  const first = pupilPatterns.find((patterns) => patterns !== null);
  if (!first) return null;
  const weekStart = first.weekStart;
  const weekdays = emptyWeekdayTally();
  const weekly = new Int32Array(weekStart.length * 2);
  for (const patterns of pupilPatterns) {
    if (!patterns) continue;
    addWeekdayTally(weekdays, patterns.weekdays);
    const length = Math.min(weekly.length, patterns.weekly.length);
    for (let i = 0; i < length; i++) weekly[i] = (weekly[i] as number) + (patterns.weekly[i] as number);
  }
  return { weekdays: weekdayRates(weekdays), weeks: weeklyAttendance(weekly, weekStart) };
}
