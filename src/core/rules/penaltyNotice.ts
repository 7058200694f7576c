import type { Band } from "./pupilAnalysis";
import type { AttendanceSettings } from "./settings";

/**
 * Penalty notices (docs/rules.md §6). The national threshold (from 19 Aug 2024) is 10 unauthorised sessions
 * within any rolling 10 school weeks; it can only be judged from session marks, so without marks it is null.
 */
export function penaltyNoticeThresholdMet(
  unauthorisedInWindow: number | null,
  settings: Pick<AttendanceSettings, "penaltyNotice">,
): boolean | null {
  if (unauthorisedInWindow === null) return null;
  return unauthorisedInWindow >= settings.penaltyNotice.sessions;
}

export type PenaltyNoticeBar = "severe" | "notice-this-year";

export interface PenaltyNoticeAdvice {
  thresholdMet: boolean | null;
  /** "Consider a notice to improve or a penalty notice": threshold met, not severe, no notice this year. */
  suggest: boolean;
  /** Why a met threshold does not lead to the suggestion (Kent handbook, section 16). */
  bars: PenaltyNoticeBar[];
}

export function penaltyNoticeAdvice(
  thresholdMet: boolean | null,
  band: Band,
  penaltyNoticeThisYear: boolean | null,
): PenaltyNoticeAdvice {
  if (thresholdMet !== true) return { thresholdMet, suggest: false, bars: [] };
  const bars: PenaltyNoticeBar[] = [];
  if (band === "severe") bars.push("severe");
  if (penaltyNoticeThisYear === true) bars.push("notice-this-year");
  return { thresholdMet, suggest: bars.length === 0, bars };
}

/** Statutory referral (docs/rules.md §6): may close after this many school days with no unauthorised absence. */
export const referralClosureSchoolDays = 20;
