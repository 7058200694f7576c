import type { ColumnField, ColumnMapping, PupilRecord, SessionColumn } from "../../../src/core/read/pupilRecord";
import { defaultSettings, type AttendanceSettings } from "../../../src/core/rules/settings";

/** A pupil record with nothing known, to be filled in by each test. */
export function makeRecord(overrides: Partial<PupilRecord> = {}): PupilRecord {
  return {
    sourceRow: 2,
    upn: null,
    name: "Test Pupil",
    surname: null,
    forename: null,
    yearGroup: null,
    regGroup: null,
    possibleSessions: null,
    presentSessions: null,
    aeaSessions: null,
    attendedSessions: null,
    authorisedSessions: null,
    unauthorisedSessions: null,
    missedSessions: null,
    attendancePercent: null,
    marks: null,
    characteristics: {
      fsm: null,
      pupilPremium: null,
      senSupport: null,
      ehcp: null,
      eal: null,
      childInCare: null,
      socialWorker: null,
      grt: null,
      ethnicity: null,
      gender: null,
    },
    recordedStage: null,
    recordedLevel: null,
    parentingContract: null,
    penaltyNoticeThisYear: null,
    ...overrides,
  };
}

/** A summary-export record: possible, present, authorised and unauthorised. */
export function countsRecord(
  possible: number,
  authorised: number,
  unauthorised: number,
  overrides: Partial<PupilRecord> = {},
): PupilRecord {
  return makeRecord({
    possibleSessions: possible,
    presentSessions: possible - authorised - unauthorised,
    aeaSessions: 0,
    authorisedSessions: authorised,
    unauthorisedSessions: unauthorised,
    ...overrides,
  });
}

export function makeMapping(fields: readonly ColumnField[] = [], sessions: readonly SessionColumn[] = []): ColumnMapping {
  const columns: ColumnMapping["columns"] = {};
  fields.forEach((field, index) => {
    columns[field] = { field, column: index, heading: field, confidence: 1, alternatives: [] };
  });
  return { headerRow: 0, columns, sessions, percentScale: null };
}

const summaryFields: ColumnField[] = [
  "possibleSessions",
  "presentSessions",
  "aeaSessions",
  "authorisedSessions",
  "unauthorisedSessions",
];
export const summaryMapping = makeMapping(summaryFields);

export function settingsWith(overrides: Partial<AttendanceSettings>): AttendanceSettings {
  return { ...defaultSettings, ...overrides };
}

/** ISO date `days` after `start`. */
export function addDays(start: string, days: number): string {
  const time = Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)));
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * AM and PM session columns for Monday–Friday of `weeks` calendar weeks from a Monday, skipping the
 * calendar weeks (0-based) listed in `skipWeeks` (half terms, holidays).
 */
export function weekdaySessions(monday: string, weeks: number, skipWeeks: readonly number[] = []): SessionColumn[] {
  const sessions: SessionColumn[] = [];
  let column = 4;
  for (let week = 0; week < weeks; week++) {
    if (skipWeeks.includes(week)) continue;
    for (let day = 0; day < 5; day++) {
      const date = addDays(monday, week * 7 + day);
      for (const session of ["AM", "PM"] as const) {
        sessions.push({ column: column++, date, session, heading: `${date} ${session}` });
      }
    }
  }
  return sessions;
}

/** Present marks for every session, with chosen sessions (by index) replaced. */
export function marksWith(count: number, replacements: Record<number, string> = {}): string[] {
  const marks: string[] = [];
  for (let i = 0; i < count; i++) marks.push(replacements[i] ?? (i % 2 === 0 ? "/" : "\\"));
  return marks;
}
