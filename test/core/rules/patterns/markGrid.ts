import type { SessionColumn } from "../../../../src/core/read/pupilRecord";
import { sessionLayout, type SessionLayout } from "../../../../src/core/rules/patterns/sessionLayout";
import { categoriseMarks, codeTablesForSessions } from "../../../../src/core/rules/registerCodes";
import { buildCalendar } from "../../../../src/core/rules/schoolWeeks";

/** Plain register data for the pattern tests: school days, their AM and PM session columns, and marks. */

function isoOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * `count` weekdays from `from` (ISO), skipping Saturdays, Sundays and any date in `closed` (a half term).
 */
export function schoolDays(from: string, count: number, closed: readonly string[] = []): string[] {
  const days: string[] = [];
  let time = Date.parse(`${from}T00:00:00Z`);
  while (days.length < count) {
    const iso = isoOf(time);
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.includes(iso)) days.push(iso);
    time += 86_400_000;
  }
  return days;
}

/** Every ISO date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`); isoOf(time) <= to; time += 86_400_000) dates.push(isoOf(time));
  return dates;
}

export function sessionsOn(days: readonly string[]): SessionColumn[] {
  return days.flatMap((date, i) => [
    { column: 2 * i, date, session: "AM" as const, heading: `${date} AM` },
    { column: 2 * i + 1, date, session: "PM" as const, heading: `${date} PM` },
  ]);
}

export interface Register {
  sessions: SessionColumn[];
  layout: SessionLayout;
}

/** The layout of a register over these days; every session took place (as if some pupil was present). */
export function registerOn(days: readonly string[]): Register {
  const sessions = sessionsOn(days);
  return { sessions, layout: sessionLayout(sessions, buildCalendar(sessions)) };
}

export function categorise(marks: readonly string[], sessions: readonly SessionColumn[]): Uint8Array {
  return categoriseMarks(marks, codeTablesForSessions(sessions));
}

/** Marks for a register: "/" everywhere except the given session indices. */
export function marksWith(total: number, marks: Readonly<Record<number, string>>): string[] {
  return Array.from({ length: total }, (_, i) => marks[i] ?? "/");
}

/** Session index of a day's AM (PM is one more). */
export function am(dayIndex: number): number {
  return dayIndex * 2;
}

export function pm(dayIndex: number): number {
  return dayIndex * 2 + 1;
}

/**
 * A small register grid of six school weeks from 1 September 2025: Ann misses every Monday (PA), Bob is
 * absent without permission for 10 days in a row (the school must tell the local authority), Cal is always in.
 */
export function threePupilMarkGrid(): string[][] {
  const days = schoolDays("2025-09-01", 30);
  const headings = sessionsOn(days).map((s) => `${s.date} ${s.session}`);
  const mondays = new Set(days.flatMap((d, i) => (new Date(`${d}T00:00:00Z`).getUTCDay() === 1 ? [2 * i, 2 * i + 1] : [])));
  return [
    ["Name", "Year", ...headings],
    ["Ann Monday", "7", ...headings.map((_, i) => (mondays.has(i) ? "N" : "/"))],
    ["Bob Away", "7", ...headings.map((_, i) => (i >= 20 && i < 40 ? "N" : "/"))],
    ["Cal Here", "7", ...headings.map(() => "/")],
  ];
}
