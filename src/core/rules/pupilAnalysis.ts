import type { ColumnMapping, PupilRecord, ReadWarning } from "../read/pupilRecord";
import type { CohortPatterns } from "./patterns/cohortPatterns";
import type { SessionPatterns } from "./patterns/sessionPatterns";
import type { AttendanceSettings } from "./settings";

/** docs/rules.md §2. */
export type Band = "severe" | "persistent" | "at-risk" | "expected" | "no-data";
/** docs/rules.md §4: 0 = welfare call. */
export type Stage = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** docs/rules.md §5. */
export type PiasLevel = 1 | 2 | 3 | 4;
export type Framework = "stages" | "levels" | "both";

export interface PupilAnalysis {
  record: PupilRecord;
  possibleSessions: number | null;
  attendedSessions: number | null;
  missedSessions: number | null;
  authorisedSessions: number | null;
  unauthorisedSessions: number | null;
  /** 0–100, unrounded; null when unknown. */
  attendancePercent: number | null;
  band: Band;
  /** How the band was decided: from session counts, or from a percentage alone (docs/rules.md §2). */
  bandBasis: "sessions" | "rounded-percent" | "percent" | "none";
  stage: Stage | null;
  level: PiasLevel;
  /** National threshold alone (docs/rules.md §6): null where neither marks nor a dated window allow. */
  penaltyNoticeThresholdMet: boolean | null;
  /** Sessions in a row the pupil must attend to leave persistent absence; null when not PA or unknown. */
  sessionsToLeavePersistentAbsence: number | null;
  /** Patterns in the pupil's session marks (docs/rules.md §10); null where the sheet has no marks. */
  patterns: SessionPatterns | null;
  /**
   * Plain-English reasons: a continuous-absence duty first where there is one (docs/rules.md §10), then
   * band, stage, level, and penalty notice where relevant.
   */
  reasons: string[];
  /** The suggested next step for the chosen framework(s), as advice. */
  suggestedAction: string;
  /** Things about this pupil's row the user should check (unknown marks, inconsistent counts). */
  warnings: string[];
}

export interface CohortFigures {
  /** "Year 7", "Pupil Premium", "SEN support", … */
  label: string;
  /** Group key, e.g. "year:7" or "pupilPremium". */
  key: string;
  pupils: number;
  /** Pupils with a band: possible sessions > 0, or a percentage alone (summary.ts). */
  withData: number;
  severe: number;
  /** Band "persistent" only; SA pupils are counted in `severe` (and both in persistentRate). */
  persistent: number;
  atRisk: number;
  /** 0–100 or null when no sessions. */
  attendancePercent: number | null;
  /** PA (including SA) as % of pupils with data; null when none. */
  persistentRate: number | null;
  severeRate: number | null;
}

export interface AttendanceSummary {
  pupils: number;
  withData: number;
  bandCounts: Record<Band, number>;
  possibleSessions: number;
  missedSessions: number;
  authorisedSessions: number;
  unauthorisedSessions: number;
  /** Whole-school attendance %, 0–100 (sessions attended / possible); null without session counts. */
  overallAttendancePercent: number | null;
  overallAbsencePercent: number | null;
  /** PA (SA included) as % of pupils with data, 0–100. */
  persistentRate: number | null;
  /** SA as % of pupils with data, 0–100. */
  severeRate: number | null;
  byYearGroup: CohortFigures[];
  /** Only characteristics that the sheet has. */
  byCharacteristic: CohortFigures[];
  /** First and last session dates for mark grids (ISO), else null. */
  periodStart: string | null;
  periodEnd: string | null;
  /** The date the export's title rows say its figures are as at (asAtDate), where they say; docs/rules.md §11. */
  dataAsAt?: string | null;
  /** The school's weekday profile and attendance week by week (docs/rules.md §10); null without session marks. */
  sessionPatterns: CohortPatterns | null;
}

export interface Analysis {
  mapping: ColumnMapping;
  settings: AttendanceSettings;
  pupils: PupilAnalysis[];
  summary: AttendanceSummary;
  warnings: ReadWarning[];
}
