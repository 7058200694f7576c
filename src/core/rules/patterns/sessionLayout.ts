import type { SessionColumn } from "../../read/pupilRecord";
import { codes2024From } from "../registerCodes";
import { dayNumber, type SessionCalendar } from "../schoolWeeks";

/**
 * What the patterns of docs/rules.md §10 need to know about each session column, worked out once per sheet
 * (not once per pupil): its weekday, whether it is an afternoon, its school week, and which code set its
 * date falls under.
 */
export interface SessionLayout {
  /** 0 = Monday … 6 = Sunday; `unknownWeekday` when the date cannot be read. */
  weekday: Uint8Array;
  /** 1 for a PM session. */
  afternoon: Uint8Array;
  /** 1 for a session dated before the 2024 regulations (H was still a code). */
  before2024: Uint8Array;
  /** School-week ordinal of each session (docs/rules.md §5: a week in which a session took place), -1 for none. */
  week: Int32Array;
  weekCount: number;
  /** ISO date of the first session of each school week. */
  weekStart: readonly string[];
  /** ISO date and half of each session, for the dates of a spell. */
  sessions: readonly SessionColumn[];
}

export const unknownWeekday = 7;
export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type WeekdayName = (typeof weekdayNames)[number];

/** 1970-01-01 (day 0) was a Thursday: Monday-based weekday = (day + 3) mod 7. */
export function weekdayOf(isoDate: string): number {
  const day = dayNumber(isoDate);
  return day === null ? unknownWeekday : (((day + 3) % 7) + 7) % 7;
}

export function sessionLayout(sessions: readonly SessionColumn[], calendar: SessionCalendar): SessionLayout {
  const count = sessions.length;
  const weekday = new Uint8Array(count);
  const afternoon = new Uint8Array(count);
  const before2024 = new Uint8Array(count);
  const week = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const session = sessions[i] as SessionColumn;
    weekday[i] = weekdayOf(session.date);
    afternoon[i] = session.session === "PM" ? 1 : 0;
    before2024[i] = session.date < codes2024From ? 1 : 0;
    week[i] = i < calendar.weekOfSession.length ? (calendar.weekOfSession[i] as number) : -1;
  }
  return { weekday, afternoon, before2024, week, weekCount: calendar.weekCount, weekStart: calendar.weekFirstDate, sessions };
}
