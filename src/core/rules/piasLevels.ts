import type { PupilRecord } from "../read/pupilRecord";
import { isPersistentOrSevere } from "./bands";
import type { Band, PiasLevel } from "./pupilAnalysis";
import type { AttendanceSettings } from "./settings";

/**
 * PIAS intervention levels 1–4 (docs/rules.md §5). A suggestion, never a decision: support comes first and
 * legal intervention is the last resort, so level 4 needs recorded evidence that formal support was tried.
 */
export interface LevelInput {
  band: Band;
  /** Unauthorised sessions in the period; null when unknown. */
  unauthorisedSessions: number | null;
  /** Most unauthorised sessions within any rolling school-week window, from marks; null without marks. */
  unauthorisedInWindow: number | null;
  record: Pick<PupilRecord, "recordedLevel" | "parentingContract" | "penaltyNoticeThisYear">;
}

export interface LevelDecision {
  level: PiasLevel;
  /** PA or SA. */
  persistent: boolean;
  /** The unauthorised count that was compared with the level 3 threshold (window count where marks exist). */
  unauthorisedCompared: number | null;
  /** True when the comparison used the rolling school-week window of the marks. */
  fromWindow: boolean;
  /** Evidence that formal support was tried, in words ("the sheet records level 3"); empty when none. */
  history: readonly string[];
  /** Level 3 suggested without that evidence: say "consider level 4 if formal support is not engaged with". */
  considerLevel4: boolean;
}

/** docs/rules.md §5, level 4: the sheet records that formal support was tried. */
const noHistory: readonly string[] = Object.freeze([]);

export function formalSupportHistory(record: LevelInput["record"]): readonly string[] {
  if (
    !(record.recordedLevel !== null && record.recordedLevel >= 3) &&
    record.parentingContract !== true &&
    record.penaltyNoticeThisYear !== true
  ) {
    return noHistory;
  }
  const history: string[] = [];
  if (record.recordedLevel !== null && record.recordedLevel >= 3) {
    history.push(`the sheet records level ${record.recordedLevel}`);
  }
  if (record.parentingContract === true) history.push("a parenting contract is recorded");
  if (record.penaltyNoticeThisYear === true) history.push("a penalty notice is recorded this academic year");
  return history;
}

export function suggestLevel(
  input: LevelInput,
  settings: Pick<AttendanceSettings, "level3UnauthorisedSessions">,
): LevelDecision {
  const persistent = isPersistentOrSevere(input.band);
  const history = formalSupportHistory(input.record);
  const fromWindow = input.unauthorisedInWindow !== null;
  // Where marks are given, unauthorised absence must persist within the rolling window (docs/rules.md §5).
  const unauthorisedCompared = fromWindow ? input.unauthorisedInWindow : input.unauthorisedSessions;
  let level: PiasLevel = 2;
  const unauthorised = input.unauthorisedSessions;
  if (!persistent) level = 1;
  else if (history.length > 0 && unauthorised !== null && unauthorised > 0) level = 4;
  else if (unauthorisedCompared !== null && unauthorisedCompared >= settings.level3UnauthorisedSessions) level = 3;
  return { level, persistent, unauthorisedCompared, fromWindow, history, considerLevel4: level === 3 };
}
