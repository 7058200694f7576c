import type { PupilRecord } from "../read/pupilRecord";
import { formalSupportHistory } from "./piasLevels";
import type { Stage } from "./pupilAnalysis";
import type { AttendanceSettings, StageDefinition } from "./settings";

/**
 * The school's stage ladder (docs/rules.md §4). Days = sessions / 2, so a bound of b days is 2b sessions and the
 * comparison stays in whole sessions. Bounds are upper-inclusive: 10 sessions (5 days) is stage 1, 11 is stage 2.
 */
export interface StagePlacement {
  stage: Stage | null;
  /** Sessions of absence that placed the pupil (all absence or unauthorised only, per settings); null when unknown. */
  absenceSessions: number | null;
  definition: StageDefinition | null;
  /** The definition below this one (for "more than x days"), null for the first stage. */
  previous: StageDefinition | null;
}

/**
 * The ladder's top rung, legal enforcement (docs/rules.md §4). Support comes first: days of absence alone
 * place a pupil here, but enforcement is suggested only where the sheet shows formal support was tried.
 */
export const legalEnforcementStage: Stage = 6;
/** The rung whose formal-concern steps (formal warning notice, contract) come before enforcement. */
export const formalConcernStage: Stage = 4;

/**
 * Evidence in the sheet that formal support was tried, in words, for the stage ladder: what counts for PIAS
 * level 4 (docs/rules.md §5) or a recorded stage of formal concern or above. Empty when there is none.
 */
export function formalConcernHistory(
  record: Pick<PupilRecord, "recordedStage" | "recordedLevel" | "parentingContract" | "penaltyNoticeThisYear">,
): readonly string[] {
  const levelHistory = formalSupportHistory(record);
  if (record.recordedStage === null || record.recordedStage < formalConcernStage) return levelHistory;
  return [`the sheet records stage ${record.recordedStage}`, ...levelHistory];
}

export function absenceSessionsForStage(
  counts: { missed: number | null; unauthorised: number | null },
  settings: Pick<AttendanceSettings, "stageAbsence">,
): number | null {
  return settings.stageAbsence === "unauthorised" ? counts.unauthorised : counts.missed;
}

export function placeOnStageLadder(
  counts: { missed: number | null; unauthorised: number | null },
  settings: Pick<AttendanceSettings, "stageAbsence" | "stages">,
): StagePlacement {
  return new StageLadder(settings.stages).place(absenceSessionsForStage(counts, settings));
}

/**
 * The ladder sorted once, with each rung's upper bound already in sessions, so that placing 100,000
 * pupils costs a few comparisons each (analysePupils builds one per run).
 */
export class StageLadder {
  /** Stage definitions in stage order. */
  readonly rungs: readonly StageDefinition[];
  /** Upper-inclusive bound of each rung in sessions (2 × maxDays); Infinity for an open top rung. */
  private readonly maxSessions: Float64Array;

  constructor(stages: readonly StageDefinition[]) {
    this.rungs = sortedStages(stages);
    this.maxSessions = Float64Array.from(this.rungs, (definition) =>
      definition.maxDays === null ? Infinity : 2 * definition.maxDays,
    );
  }

  /**
   * Index in `rungs` of the stage for this many sessions of absence; -1 for no stage (no absence, not
   * known, or an empty ladder). Absence above a bounded top rung stays on the top rung.
   */
  rung(sessions: number | null): number {
    if (sessions === null || !(sessions > 0)) return -1; // docs/rules.md §4, "0 days → none"
    const bounds = this.maxSessions;
    for (let i = 0; i < bounds.length; i++) if (sessions <= (bounds[i] as number)) return i;
    return bounds.length - 1;
  }

  place(sessions: number | null): StagePlacement {
    const index = this.rung(sessions);
    if (index < 0) {
      // No absence (or an empty ladder): no stage.
      return { stage: null, absenceSessions: sessions, definition: null, previous: null };
    }
    const definition = this.rungs[index] as StageDefinition;
    // Above every bound: the top rung, described as "more than" its own bound.
    const onTop = !((sessions as number) <= (this.maxSessions[index] as number));
    const previous = onTop ? definition : index > 0 ? (this.rungs[index - 1] as StageDefinition) : null;
    return { stage: definition.stage, absenceSessions: sessions, definition, previous };
  }
}

function sortedStages(stages: readonly StageDefinition[]): readonly StageDefinition[] {
  for (let i = 1; i < stages.length; i++) {
    if ((stages[i] as StageDefinition).stage < (stages[i - 1] as StageDefinition).stage) {
      return [...stages].sort((a, b) => a.stage - b.stage);
    }
  }
  return stages;
}
