import type { Band, Framework, PiasLevel, Stage } from "./pupilAnalysis";
import type { AttendanceSettings } from "./settings";
import { formalConcernStage, legalEnforcementStage } from "./stages";

/**
 * The suggested next step for the school's chosen framework (stages, levels or both), built from the
 * stage and level definitions in settings (docs/rules.md §4, §5). Always advice ("Suggested"), never a decision.
 */
export interface SuggestionInput {
  band: Band;
  stage: Stage | null;
  /** Sessions of absence counted for the stage ladder; null when unknown. */
  stageAbsenceSessions: number | null;
  level: PiasLevel;
  /** Level 3 suggested without recorded formal support. */
  considerLevel4: boolean;
  /** Penalty-notice gate passed (docs/rules.md §6). */
  considerPenaltyNotice: boolean;
  /** The sheet shows formal support was tried (stages.formalConcernHistory), so enforcement may be suggested. */
  formalSupportTried: boolean;
}

function ensureFullStop(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function stagePart(input: SuggestionInput, settings: Pick<AttendanceSettings, "stages">): string {
  if (input.band === "no-data" && input.stageAbsenceSessions === null) {
    return "Suggested: check the pupil's register in the MIS; the sheet has no attendance figures to place them on the stage ladder.";
  }
  if (input.stage === null) {
    return input.stageAbsenceSessions === null
      ? "Suggested: check the pupil's absence in the MIS; the sheet does not give the sessions needed for the stage ladder."
      : "No stage action suggested: no absence counted for the stage ladder.";
  }
  const definition = settings.stages.find((s) => s.stage === input.stage);
  const name = definition ? `, ${definition.name}` : "";
  if (input.stage === legalEnforcementStage && !input.formalSupportTried) {
    // Support first (docs/rules.md §4): days alone never make enforcement the advice; the formal steps come first.
    const formal = settings.stages.find((s) => s.stage === formalConcernStage);
    const steps = formal ? ` First make sure the formal-concern steps are taken and recorded: ${ensureFullStop(formal.actions)}` : "";
    return `Suggested (stage ${input.stage}${name}, by days absent): the sheet does not show that formal support was tried, so legal enforcement is not suggested yet.${steps} Continue support for the child and family.`;
  }
  return `Suggested (stage ${input.stage}${name}): ${ensureFullStop(definition?.actions ?? "")}`.trim();
}

function levelPart(input: SuggestionInput, settings: Pick<AttendanceSettings, "levels">): string {
  const definition = settings.levels.find((l) => l.level === input.level);
  const name = definition ? `, ${definition.name}` : "";
  const text = `Suggested (level ${input.level}${name}): ${ensureFullStop(definition?.actions ?? "")}`.trim();
  return input.considerLevel4 ? `${text} Consider level 4 if formal support is not engaged with.` : text;
}

export function suggestedAction(
  input: SuggestionInput,
  settings: Pick<AttendanceSettings, "stages" | "levels">,
  framework: Framework,
): string {
  const parts: string[] = [];
  if (framework === "stages" || framework === "both") parts.push(stagePart(input, settings));
  if (framework === "levels" || framework === "both") parts.push(levelPart(input, settings));
  if (input.considerPenaltyNotice) parts.push("Consider a notice to improve or a penalty notice.");
  return parts.join(" ");
}
