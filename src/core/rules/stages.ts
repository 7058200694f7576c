import type { Stage } from "./pupilAnalysis";
import type { AttendanceSettings, StageDefinition } from "./settings";

/**
 * The school's stage ladder (rules.md §4). Days = sessions / 2, so a bound of b days is 2b sessions and the
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
  const sessions = absenceSessionsForStage(counts, settings);
  if (sessions === null || !(sessions > 0)) {
    // No absence: no stage (rules.md §4, "0 days → none").
    return { stage: null, absenceSessions: sessions, definition: null, previous: null };
  }
  const ladder = sortedStages(settings.stages);
  let previous: StageDefinition | null = null;
  for (const definition of ladder) {
    if (definition.maxDays === null || sessions <= 2 * definition.maxDays) {
      return { stage: definition.stage, absenceSessions: sessions, definition, previous };
    }
    previous = definition;
  }
  // A ladder whose top stage has a bound: absence above it stays on the top stage.
  const top = ladder[ladder.length - 1] ?? null;
  return { stage: top ? top.stage : null, absenceSessions: sessions, definition: top, previous: top };
}

function sortedStages(stages: readonly StageDefinition[]): readonly StageDefinition[] {
  for (let i = 1; i < stages.length; i++) {
    if ((stages[i] as StageDefinition).stage < (stages[i - 1] as StageDefinition).stage) {
      return [...stages].sort((a, b) => a.stage - b.stage);
    }
  }
  return stages;
}
