import { oneDecimal } from "../common/numbers";
import { analysisWarnings } from "./analysisWarnings";
import type { BandMovementKind } from "../progress/bandMovement";
import type { PupilProgress } from "../progress/pupilProgress";
import type { ProgressRecord } from "./progressRecord";
import type { ReviewStatus } from "../progress/reviewDue";
import type { CohortPatterns } from "../rules/patterns/cohortPatterns";
import type { DayPatternKey } from "../rules/patterns/dayPattern";
import type { TrendDirection } from "../rules/patterns/recentTrend";
import type { SessionPatterns } from "../rules/patterns/sessionPatterns";
import { weekdayRates, type WeekdayRate } from "../rules/patterns/weekdayProfile";
import type { Analysis, AttendanceSummary, Band, CohortFigures, PiasLevel, Stage } from "../rules/pupilAnalysis";

/**
 * The command line's --json output (docs/architecture.md "Command line"): one object with pupils, summary and warnings.
 * Numbers the export does not give are null, never guessed; percentages are rounded to 1 decimal place.
 */
export interface JsonPupil {
  /** 1-based row in the file, as Excel would show it. */
  sourceRow: number;
  upn: string | null;
  /** The school's admission number, where the export has one (it identifies the pupil when there is no UPN); null otherwise and in shareable output. */
  admissionNumber: string | null;
  /** ISO yyyy-MM-dd, where the export has a readable one; null otherwise and in shareable output. */
  dateOfBirth: string | null;
  name: string;
  yearGroup: string | null;
  possibleSessions: number | null;
  missedSessions: number | null;
  authorisedSessions: number | null;
  unauthorisedSessions: number | null;
  /** 0–100, 1 decimal place. */
  attendancePercent: number | null;
  band: Band;
  stage: Stage | null;
  level: PiasLevel;
  penaltyNoticeThresholdMet: boolean | null;
  /** Patterns in the session marks (docs/rules.md §10); null where the sheet has no marks. */
  patterns: JsonPatterns | null;
  reasons: string[];
  /** Since the last snapshot in the workbook (docs/rules.md §11); null when no history was kept (no --out). */
  progress?: JsonPupilProgress | null;
}

/** docs/rules.md §11. Percentages and points to 1 decimal place; dates ISO yyyy-MM-dd. */
export interface JsonPupilProgress {
  /** The snapshot compared with; null on the year's first. */
  since: string | null;
  /** Percentage points, now − then. */
  attendanceChange: number | null;
  bandMovement: BandMovementKind | null;
  bandMovementText: string | null;
  recentAttendancePercent: number | null;
  improving: boolean | null;
  stageSince: string | null;
  reviewStatus: ReviewStatus | null;
  reviewDue: string | null;
}

/** The workbook's history as this analysis sees it (docs/rules.md §11): whole-school figures only. */
export interface JsonProgressSummary {
  snapshotDate: string;
  previousSnapshotDate: string | null;
  /** Band counts now − then; null on the year's first snapshot. */
  bandCountChange: Record<Band, number> | null;
  /** Pupils in the last snapshot who are not in this export. */
  leftSinceLastSnapshot: number;
  trend: { date: string; persistentRate: number | null; severeRate: number | null; attendancePercent: number | null }[];
}

/** Missed ÷ possible sessions on a weekday, 0–100 at 1 decimal place; null where none was possible. */
export interface JsonWeekdayRate {
  all: number | null;
  am: number | null;
  pm: number | null;
}

/** docs/rules.md §10, exactly the fields issue 13 names. Days are school days (sessions ÷ 2). */
export interface JsonPatterns {
  /** "monday" … "friday" (and "saturday"/"sunday" when sessions fell on them). */
  weekdayMissedRate: Record<string, JsonWeekdayRate>;
  /** Weekdays absence is concentrated on, then "around-the-weekend"; empty when none. */
  dayPattern: DayPatternKey[];
  /** At least 75% of missed sessions are afternoons, with at least 6 missed (the defaults). */
  afternoons: boolean;
  /** Last 4 school weeks against the whole period; null when there is nothing to compare. */
  recentTrend: TrendDirection | null;
  spells: number;
  longestSpellDays: number;
  continuousUnauthorisedDays: number;
  lateBeforeClose: number;
  lateAfterClose: number;
  holidaySessions: number;
}

export interface JsonCohortPatterns {
  weekdayMissedRate: Record<string, JsonWeekdayRate>;
  /** Attendance week by week: each school week's first session date (ISO) and attendance 0–100. */
  weeks: { weekStart: string; attendancePercent: number | null }[];
}

export interface JsonCohort {
  label: string;
  key: string;
  pupils: number;
  withData: number;
  severe: number;
  persistent: number;
  atRisk: number;
  attendancePercent: number | null;
  persistentRate: number | null;
  severeRate: number | null;
}

/** The whole-school figures as the engine has them (AttendanceSummary), with cohorts and patterns in JSON form. */
export type JsonSummary = Pick<
  AttendanceSummary,
  | "pupils"
  | "withData"
  | "bandCounts"
  | "possibleSessions"
  | "missedSessions"
  | "authorisedSessions"
  | "unauthorisedSessions"
  | "overallAttendancePercent"
  | "overallAbsencePercent"
  | "persistentRate"
  | "severeRate"
  | "periodStart"
  | "periodEnd"
> & {
  byYearGroup: JsonCohort[];
  byCharacteristic: JsonCohort[];
  /** The school's weekday profile and attendance week by week (docs/rules.md §10); null without marks. */
  sessionPatterns: JsonCohortPatterns | null;
};

export interface JsonWarning {
  /** 1-based row in the file, or null for a warning about the whole sheet. */
  sourceRow: number | null;
  message: string;
}

export interface JsonReport {
  pupils: JsonPupil[];
  summary: JsonSummary;
  warnings: JsonWarning[];
  /** Present when the run kept a history (--out). */
  progress?: JsonProgressSummary;
}

export function toJsonReport(analysis: Analysis, record?: ProgressRecord): JsonReport {
  const pupils: JsonPupil[] = analysis.pupils.map((pupil, index) => ({
    sourceRow: pupil.record.sourceRow,
    upn: pupil.record.upn,
    admissionNumber: pupil.record.admissionNumber ?? null,
    dateOfBirth: pupil.record.dateOfBirth ?? null,
    name: pupil.record.name,
    yearGroup: pupil.record.yearGroup,
    possibleSessions: pupil.possibleSessions,
    missedSessions: pupil.missedSessions,
    authorisedSessions: pupil.authorisedSessions,
    unauthorisedSessions: pupil.unauthorisedSessions,
    attendancePercent: oneDecimal(pupil.attendancePercent),
    band: pupil.band,
    stage: pupil.stage,
    level: pupil.level,
    penaltyNoticeThresholdMet: pupil.penaltyNoticeThresholdMet,
    patterns: pupil.patterns ? jsonPatterns(pupil.patterns) : null,
    reasons: [...pupil.reasons],
    ...(record ? { progress: jsonProgress(record.progress.pupils[index]) } : {}),
  }));

  return {
    pupils,
    summary: jsonSummary(analysis.summary),
    warnings: analysisWarnings(analysis).map(({ sourceRow, message }) => ({ sourceRow, message })),
    ...(record ? { progress: jsonProgressSummary(record) } : {}),
  };
}

function jsonProgress(progress: PupilProgress | undefined): JsonPupilProgress | null {
  if (!progress) return null;
  return {
    since: progress.since,
    attendanceChange: oneDecimal(progress.attendanceChange),
    bandMovement: progress.movement?.kind ?? null,
    bandMovementText: progress.movement?.text ?? null,
    recentAttendancePercent: oneDecimal(progress.recentAttendancePercent),
    improving: progress.improving,
    stageSince: progress.stageSince,
    reviewStatus: progress.review?.status ?? null,
    reviewDue: progress.review?.date ?? null,
  };
}

function jsonProgressSummary(record: ProgressRecord): JsonProgressSummary {
  return {
    snapshotDate: record.current.date,
    previousSnapshotDate: record.progress.previousDate,
    bandCountChange: record.progress.bandCountChange,
    leftSinceLastSnapshot: record.progress.leftSince.length,
    trend: record.trend.map((point) => ({
      date: point.date,
      persistentRate: oneDecimal(point.persistentRate),
      severeRate: oneDecimal(point.severeRate),
      attendancePercent: oneDecimal(point.attendancePercent),
    })),
  };
}

function jsonSummary(summary: AttendanceSummary): JsonSummary {
  return {
    pupils: summary.pupils,
    withData: summary.withData,
    bandCounts: { ...summary.bandCounts },
    possibleSessions: summary.possibleSessions,
    missedSessions: summary.missedSessions,
    authorisedSessions: summary.authorisedSessions,
    unauthorisedSessions: summary.unauthorisedSessions,
    overallAttendancePercent: oneDecimal(summary.overallAttendancePercent),
    overallAbsencePercent: oneDecimal(summary.overallAbsencePercent),
    persistentRate: oneDecimal(summary.persistentRate),
    severeRate: oneDecimal(summary.severeRate),
    byYearGroup: summary.byYearGroup.map(jsonCohort),
    byCharacteristic: summary.byCharacteristic.map(jsonCohort),
    periodStart: summary.periodStart,
    periodEnd: summary.periodEnd,
    sessionPatterns: summary.sessionPatterns ? jsonCohortPatterns(summary.sessionPatterns) : null,
  };
}

function jsonWeekdays(rates: readonly WeekdayRate[]): Record<string, JsonWeekdayRate> {
  const byDay: Record<string, JsonWeekdayRate> = {};
  for (const rate of rates) {
    byDay[rate.weekday.toLowerCase()] = {
      all: oneDecimal(rate.missedPercent),
      am: oneDecimal(rate.amMissedPercent),
      pm: oneDecimal(rate.pmMissedPercent),
    };
  }
  return byDay;
}

function jsonPatterns(patterns: SessionPatterns): JsonPatterns {
  return {
    weekdayMissedRate: jsonWeekdays(weekdayRates(patterns.weekdays)),
    dayPattern: [...patterns.dayPattern],
    afternoons: patterns.afternoons,
    recentTrend: patterns.recentTrend?.direction ?? null,
    spells: patterns.spells,
    longestSpellDays: patterns.longestSpell.sessions / 2,
    continuousUnauthorisedDays: patterns.longestUnauthorised.sessions / 2,
    lateBeforeClose: patterns.lateBeforeClose,
    lateAfterClose: patterns.lateAfterClose,
    holidaySessions: patterns.holidaySessions,
  };
}

function jsonCohortPatterns(patterns: CohortPatterns): JsonCohortPatterns {
  return {
    weekdayMissedRate: jsonWeekdays(patterns.weekdays),
    weeks: patterns.weeks.map((week) => ({ weekStart: week.weekStart, attendancePercent: oneDecimal(week.attendancePercent) })),
  };
}

function jsonCohort(cohort: CohortFigures): JsonCohort {
  return {
    label: cohort.label,
    key: cohort.key,
    pupils: cohort.pupils,
    withData: cohort.withData,
    severe: cohort.severe,
    persistent: cohort.persistent,
    atRisk: cohort.atRisk,
    attendancePercent: oneDecimal(cohort.attendancePercent),
    persistentRate: oneDecimal(cohort.persistentRate),
    severeRate: oneDecimal(cohort.severeRate),
  };
}
