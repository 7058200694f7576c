import type { SessionColumn } from "../read/pupilRecord";
import { NOT_POSSIBLE, NO_MARK, UNAUTHORISED, codeSetForDate, codeTable } from "./registerCodes";

/**
 * School weeks and school days of a mark grid (docs/rules.md §5, §6).
 * A school week is a Monday-based calendar week in which at least one session took place for the school:
 * a half-term week with no columns is not a school week, and nor is a week whose columns hold only
 * whole-school closure marks or no marks, so a rolling window of school weeks stretches across it, and
 * across the end of a term. School days are counted the same way.
 */
export interface SessionCalendar {
  /** School-week ordinal (0-based, in date order) of each session column; -1 when its date is unreadable or no session took place. */
  weekOfSession: Int32Array;
  weekCount: number;
  /** ISO date of the first and last session in each school week. */
  weekFirstDate: string[];
  weekLastDate: string[];
  /** School-day ordinal (0-based, in date order) of each session column; -1 when its date is unreadable or no session took place. */
  dayOfSession: Int32Array;
  dayCount: number;
  dayDates: string[];
}

const msPerDay = 86_400_000;

/** Days since 1970-01-01 (a Thursday) for an ISO date, or null when it is not a real date. */
export function dayNumber(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(time / msPerDay);
}

/** Monday-based week number: 1970-01-01 is a Thursday, so shift by 3 days to start weeks on Monday. */
export function mondayWeek(day: number): number {
  return Math.floor((day + 3) / 7);
}

/**
 * Marks that say the school was closed, so no session took place (docs/rules.md §3): "#" (planned closure),
 * "Y4" (site unexpectedly closed) and, before 2024, "Y" (enforced closure; from 2024 it is not a code at
 * all). Other "not possible" codes (X, Z, D, Q, Y1–Y3, Y5–Y7) are one pupil's circumstances on a day the
 * school was open. The code table accepts lower case, so lower case is listed too.
 */
const closureMarks: ReadonlySet<string> = new Set(["#", "Y4", "y4", "Y", "y"]);

/**
 * Which session columns took place for the school: some pupil has a register code there that is not a
 * whole-school closure. Blank, "-" and unrecognised marks say nothing either way. Columns are dropped
 * from the search once settled, so a big grid costs about one pupil's scan plus the closure columns.
 */
export function sessionsHeld(
  sessions: readonly SessionColumn[],
  marksOfPupils: readonly (readonly string[] | null)[],
): Uint8Array {
  const held = new Uint8Array(sessions.length);
  const tables = sessions.map((s) => codeTable(codeSetForDate(s.date)));
  const noMarkCode = NO_MARK;
  let open: number[] = sessions.map((_, i) => i);
  for (const marks of marksOfPupils) {
    if (!marks) continue;
    const stillOpen: number[] = [];
    for (const i of open) {
      const mark = (marks[i] ?? "").trim();
      const category = mark === "" ? undefined : tables[i]?.get(mark);
      if (category === undefined || category === noMarkCode || closureMarks.has(mark)) stillOpen.push(i);
      else held[i] = 1;
    }
    open = stillOpen;
    if (open.length === 0) break;
  }
  return held;
}

/**
 * The school-week and school-day calendar of a mark grid. With the pupils' marks, only sessions that took
 * place count (see sessionsHeld); without them every dated column counts.
 */
export function buildCalendar(
  sessions: readonly SessionColumn[],
  marksOfPupils?: readonly (readonly string[] | null)[],
): SessionCalendar {
  const held = marksOfPupils ? sessionsHeld(sessions, marksOfPupils) : null;
  const days = sessions.map((s, i) => (held && held[i] !== 1 ? null : dayNumber(s.date)));
  const distinctDays = [...new Set(days.filter((d): d is number => d !== null))].sort((a, b) => a - b);
  const distinctWeeks = [...new Set(distinctDays.map(mondayWeek))].sort((a, b) => a - b);
  const dayIndex = new Map(distinctDays.map((d, i) => [d, i]));
  const weekIndex = new Map(distinctWeeks.map((w, i) => [w, i]));
  const weekOfSession = new Int32Array(sessions.length);
  const dayOfSession = new Int32Array(sessions.length);
  const weekFirstDate: string[] = new Array<string>(distinctWeeks.length).fill("");
  const weekLastDate: string[] = new Array<string>(distinctWeeks.length).fill("");
  const dayDates: string[] = new Array<string>(distinctDays.length).fill("");
  sessions.forEach((session, i) => {
    const day = days[i];
    if (day === null || day === undefined) {
      weekOfSession[i] = -1;
      dayOfSession[i] = -1;
      return;
    }
    const week = weekIndex.get(mondayWeek(day)) as number;
    const dayOrdinal = dayIndex.get(day) as number;
    weekOfSession[i] = week;
    dayOfSession[i] = dayOrdinal;
    dayDates[dayOrdinal] = session.date;
    if (weekFirstDate[week] === "" || session.date < (weekFirstDate[week] as string)) weekFirstDate[week] = session.date;
    if (session.date > (weekLastDate[week] as string)) weekLastDate[week] = session.date;
  });
  return {
    weekOfSession,
    weekCount: distinctWeeks.length,
    weekFirstDate,
    weekLastDate,
    dayOfSession,
    dayCount: distinctDays.length,
    dayDates,
  };
}

export interface WindowCount {
  /** Most unauthorised sessions within any run of `weeks` consecutive school weeks. */
  count: number;
  /** ISO dates of the first and last session of the busiest window (the earliest such window). */
  from: string | null;
  to: string | null;
  /** School weeks the window spans (fewer than asked when the grid is shorter). */
  weeks: number;
}

/**
 * docs/rules.md §6: most unauthorised sessions (G, N, O, U, any mix, not necessarily consecutive) within any
 * rolling `weeks` school weeks. A grid shorter than the window is one window.
 */
export function maxUnauthorisedInSchoolWeeks(
  categories: Uint8Array,
  calendar: SessionCalendar,
  weeks: number,
): WindowCount {
  const perWeek = new Int32Array(calendar.weekCount);
  const length = Math.min(categories.length, calendar.weekOfSession.length);
  // Imported constants held locally: under CommonJS output each read of an import is a getter call,
  // which shows when it runs once per mark (2,000 pupils × 380 sessions).
  const unauthorisedCode = UNAUTHORISED;
  for (let i = 0; i < length; i++) {
    if (categories[i] !== unauthorisedCode) continue;
    const week = calendar.weekOfSession[i] as number;
    if (week >= 0) perWeek[week] = (perWeek[week] as number) + 1;
  }
  const span = Math.max(1, Math.min(Math.floor(weeks), calendar.weekCount));
  if (calendar.weekCount === 0) return { count: 0, from: null, to: null, weeks: 0 };
  let sum = 0;
  for (let w = 0; w < span; w++) sum += perWeek[w] as number;
  let best = sum;
  let bestStart = 0;
  for (let start = 1; start + span <= calendar.weekCount; start++) {
    sum += (perWeek[start + span - 1] as number) - (perWeek[start - 1] as number);
    if (sum > best) {
      best = sum;
      bestStart = start;
    }
  }
  return {
    count: best,
    from: calendar.weekFirstDate[bestStart] ?? null,
    to: calendar.weekLastDate[bestStart + span - 1] ?? null,
    weeks: span,
  };
}

export interface RecentDays {
  /** Unauthorised sessions in the most recent `days` school days. */
  unauthorised: number;
  /** ISO date of the first of those school days. */
  from: string;
  to: string;
}

/**
 * docs/rules.md §6 (statutory referral): unauthorised sessions in the most recent `days` school days, where a
 * school day is a date on which the pupil had at least one possible session (closures, "not possible"
 * and unmarked days are not school days for the pupil). Null when the marks cover fewer school days.
 */
export function unauthorisedInRecentSchoolDays(
  categories: Uint8Array,
  calendar: SessionCalendar,
  days: number,
): RecentDays | null {
  const possibleOnDay = new Uint8Array(calendar.dayCount);
  const unauthorisedOnDay = new Int32Array(calendar.dayCount);
  const length = Math.min(categories.length, calendar.dayOfSession.length);
  // Imported constants held locally, as in maxUnauthorisedInSchoolWeeks.
  const notPossibleCode = NOT_POSSIBLE;
  const noMarkCode = NO_MARK;
  const unauthorisedCode = UNAUTHORISED;
  for (let i = 0; i < length; i++) {
    const category = categories[i] as number;
    const day = calendar.dayOfSession[i] as number;
    if (day < 0 || category === notPossibleCode || category === noMarkCode) continue;
    possibleOnDay[day] = 1;
    if (category === unauthorisedCode) unauthorisedOnDay[day] = (unauthorisedOnDay[day] as number) + 1;
  }
  let counted = 0;
  let unauthorised = 0;
  let from = "";
  let to = "";
  for (let day = calendar.dayCount - 1; day >= 0 && counted < days; day--) {
    if (possibleOnDay[day] !== 1) continue;
    if (counted === 0) to = calendar.dayDates[day] as string;
    counted++;
    unauthorised += unauthorisedOnDay[day] as number;
    from = calendar.dayDates[day] as string;
  }
  return counted < days ? null : { unauthorised, from, to };
}
