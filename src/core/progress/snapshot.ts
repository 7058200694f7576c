import { parseIsoDate } from "../common/dates";
import { identityKey } from "../report/pupilIdentity";
import { identityOf } from "../report/pupilReferences";
import type { Analysis, Band, PiasLevel, Stage } from "../rules/pupilAnalysis";

/**
 * One analysis kept for later comparison (docs/rules.md §11): its date, and per pupil the figures the
 * next analysis compares with. Pupils are matched on the strongest key both snapshots record (pupilIdentity.ts:
 * UPN, else admission number, else name and date of birth, else name and year).
 */
export interface PupilSnapshot {
  upn: string | null;
  /** Null where the export gave none (or the history was written before the column existed). */
  admissionNumber: string | null;
  /** ISO yyyy-MM-dd; null as for the admission number. */
  dateOfBirth: string | null;
  name: string;
  yearGroup: string | null;
  possibleSessions: number | null;
  attendedSessions: number | null;
  authorisedSessions: number | null;
  unauthorisedSessions: number | null;
  band: Band;
  stage: Stage | null;
  level: PiasLevel;
}

/** Whole-school figures of a snapshot, for the governors' trend (docs/rules.md §11). */
export interface SnapshotCohort {
  pupils: number;
  withData: number;
  bandCounts: Record<Band, number>;
  /** Whole-school attendance, 0–100; null without session counts. */
  attendancePercent: number | null;
}

export interface Snapshot {
  /** ISO yyyy-MM-dd: the data's "as at" date, else the analysis date. */
  date: string;
  pupils: PupilSnapshot[];
  cohort: SnapshotCohort;
}

/**
 * The date a snapshot of this analysis carries (docs/rules.md §11): the data's "as at" date when the sheet
 * gives one (the last session date of a mark grid, else the date its title rows give), else the analysis date the caller passes (core never
 * reads the clock).
 */
export function snapshotDate(analysis: Analysis, analysisDate: string): string {
  const asAt = analysis.summary.periodEnd ?? analysis.summary.dataAsAt ?? null;
  return asAt !== null && parseIsoDate(asAt) ? asAt : analysisDate;
}

/** A snapshot of an analysis. Pupils without a name, UPN or admission number cannot be matched later, so are left out. */
export function takeSnapshot(analysis: Analysis, analysisDate: string): Snapshot {
  if (!parseIsoDate(analysisDate)) throw new Error(`The analysis date "${analysisDate}" is not a date in the form yyyy-MM-dd.`);
  const pupils: PupilSnapshot[] = [];
  for (const pupil of analysis.pupils) {
    const identity = identityOf(pupil.record);
    if (identityKey(identity, { admissionNumber: true, dateOfBirth: false, regGroup: false }) === null) continue;
    pupils.push({
      upn: pupil.record.upn,
      admissionNumber: identity.admissionNumber ?? null,
      dateOfBirth: identity.dateOfBirth ?? null,
      name: pupil.record.name,
      yearGroup: pupil.record.yearGroup,
      possibleSessions: pupil.possibleSessions,
      attendedSessions: pupil.attendedSessions,
      authorisedSessions: pupil.authorisedSessions,
      unauthorisedSessions: pupil.unauthorisedSessions,
      band: pupil.band,
      stage: pupil.stage,
      level: pupil.level,
    });
  }
  const summary = analysis.summary;
  return {
    date: snapshotDate(analysis, analysisDate),
    pupils,
    cohort: {
      pupils: summary.pupils,
      withData: summary.withData,
      bandCounts: { ...summary.bandCounts },
      attendancePercent: summary.overallAttendancePercent,
    },
  };
}

/** PA (SA included) as % of pupils with data; null when none (as the summary counts them). */
export function persistentRate(cohort: SnapshotCohort): number | null {
  return cohort.withData > 0 ? ((cohort.bandCounts.severe + cohort.bandCounts.persistent) / cohort.withData) * 100 : null;
}

export function severeRate(cohort: SnapshotCohort): number | null {
  return cohort.withData > 0 ? (cohort.bandCounts.severe / cohort.withData) * 100 : null;
}
