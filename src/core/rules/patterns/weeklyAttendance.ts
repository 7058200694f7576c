import { AEA, NOT_POSSIBLE, NO_MARK, PRESENT } from "../registerCodes";
import type { SessionLayout } from "./sessionLayout";

/**
 * Attended and possible sessions in each school week (docs/rules.md §10 "Recent trend" and "Cohort:
 * attendance week by week"). Index week × 2 holds attended, week × 2 + 1 possible.
 */
export function tallyWeeks(categories: Uint8Array, layout: SessionLayout): Int32Array {
  const weekly = new Int32Array(layout.weekCount * 2);
  const length = Math.min(categories.length, layout.week.length);
  const notPossible = NOT_POSSIBLE;
  const noMark = NO_MARK;
  const present = PRESENT;
  const aea = AEA;
  for (let i = 0; i < length; i++) {
    const category = categories[i] as number;
    if (category === notPossible || category === noMark) continue;
    const week = layout.week[i] as number;
    if (week < 0) continue;
    const slot = week * 2;
    weekly[slot + 1] = (weekly[slot + 1] as number) + 1;
    if (category === present || category === aea) weekly[slot] = (weekly[slot] as number) + 1;
  }
  return weekly;
}

export interface WeekAttendance {
  /** ISO date of the week's first session. */
  weekStart: string;
  attended: number;
  possible: number;
  /** 0–100, or null when no session was possible that week. */
  attendancePercent: number | null;
}

export function weeklyAttendance(weekly: Int32Array, weekStart: readonly string[]): WeekAttendance[] {
  const weeks: WeekAttendance[] = [];
  for (let week = 0; week < weekStart.length; week++) {
    const attended = weekly[week * 2] as number;
    const possible = weekly[week * 2 + 1] as number;
    weeks.push({
      weekStart: weekStart[week] ?? "",
      attended,
      possible,
      attendancePercent: possible > 0 ? (attended / possible) * 100 : null,
    });
  }
  return weeks;
}
