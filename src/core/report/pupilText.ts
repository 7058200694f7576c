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

/** "Year 7", "Reception", "Nursery 1"; other text as the sheet gave it; blank when unknown. */
export function yearGroupText(yearGroup: string | null): string | null {
  if (yearGroup === null || yearGroup.trim() === "") return null;
  const y = yearGroup.trim();
  if (/^\d{1,2}$/.test(y)) return `Year ${Number(y)}`;
  if (y.toUpperCase() === "R") return "Reception";
  const nursery = /^N([12])$/i.exec(y);
  if (nursery) return `Nursery ${nursery[1]}`;
  return y;
}

/** The inverse of yearGroupText, for reading back sheets the add-in wrote. */
export function yearGroupFromText(text: string): string | null {
  const t = text.trim();
  if (t === "") return null;
  const year = /^(?:year|yr|y)\s*(\d{1,2})$/i.exec(t);
  if (year) return String(Number(year[1]));
  if (/^\d{1,2}$/.test(t)) return String(Number(t));
  if (/^reception$/i.test(t) || t.toUpperCase() === "R") return "R";
  const nursery = /^(?:nursery\s*|N)([12])$/i.exec(t);
  if (nursery) return `N${nursery[1]}`;
  return t;
}
