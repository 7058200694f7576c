import type { PiasLevel, Stage } from "../rules/pupilAnalysis";
import type { AttendanceSettings } from "../rules/settings";

/** How a pupil's analysis is written in cells: the same words on the highlighted sheet and the TSM form. */

/** "Stage 2 – Ongoing concern"; stage 0 is "Welfare call" (docs/rules.md §4); null (no absence) is blank. */
export function stageText(stage: Stage | null, settings: AttendanceSettings): string | null {
  if (stage === null) return null;
  const name = settings.stages.find((s) => s.stage === stage)?.name ?? "";
  if (stage === 0) return name || "Welfare call";
  return name ? `Stage ${stage} – ${name}` : `Stage ${stage}`;
}

/** "Level 2 – Facilitate support" (docs/rules.md §5). */
export function levelText(level: PiasLevel, settings: AttendanceSettings): string {
  const name = settings.levels.find((l) => l.level === level)?.name ?? "";
  return name ? `Level ${level} – ${name}` : `Level ${level}`;
}

/** Reasons as one readable paragraph: each reason a sentence. */
export function reasonsText(reasons: readonly string[]): string {
  return reasons
    .map((reason) => reason.trim())
    .filter((reason) => reason.length > 0)
    .map((reason) => (/[.!?)]$/.test(reason) ? reason : `${reason}.`))
    .join(" ");
}

/** docs/rules.md §6: the national threshold is a yes/no where the sheet allows, else not known. */
export function penaltyThresholdText(met: boolean | null): string {
  return met === null ? "Not known" : met ? "Yes" : "No";
}

// One home for a year group's words: beside reading them (core/read/cellValues.ts).
export { readYearGroup as yearGroupFromText, yearGroupText } from "../read/cellValues";
