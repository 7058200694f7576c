import type { PupilAnalysis } from "../rules/pupilAnalysis";
import { yearGroupText } from "./pupilText";
import { phaseLabels, type SchoolPhase } from "./tsmDetails";

/**
 * The school's phase as the data shows it (issue: never default silently): nursery, Reception and Years 1–6
 * are primary; Years 7–14 secondary; both, all-through. The national figures a form compares with follow the
 * phase (docs/rules.md §8), so a Years 7–11 export compared with primary figures would mislead.
 */
export interface PhaseFromData {
  /** null when the data has no year group the rule can place. */
  phase: Extract<SchoolPhase, "primary" | "secondary" | "all-through"> | null;
  /** "Year 7 to Year 11", "Reception to Year 6"; null without year groups. */
  yearsText: string | null;
  /** A sentence saying what was inferred and from what, or why nothing was. */
  explanation: string;
}

/** 0 for Reception, -2/-1 for nursery, 1–14 for Years; null for text the rule cannot place. */
function yearNumber(yearGroup: string | null): number | null {
  if (yearGroup === null) return null;
  const y = yearGroup.trim().toUpperCase();
  if (y === "R") return 0;
  if (y === "N1") return -2;
  if (y === "N2") return -1;
  if (/^\d{1,2}$/.test(y)) {
    const n = Number(y);
    return n >= 1 && n <= 14 ? n : null;
  }
  return null;
}

function yearLabel(n: number): string {
  return yearGroupText(n === 0 ? "R" : n < 0 ? `N${n + 3}` : String(n)) ?? "Nursery";
}

export function phaseFromYearGroups(yearGroups: Iterable<string | null>): PhaseFromData {
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const yearGroup of yearGroups) {
    const n = yearNumber(yearGroup);
    if (n === null) continue;
    if (n < lowest) lowest = n;
    if (n > highest) highest = n;
  }
  if (lowest === Number.POSITIVE_INFINITY) {
    return {
      phase: null,
      yearsText: null,
      explanation: "The data has no year groups, so the phase cannot be told from it: choose the phase.",
    };
  }
  const yearsText = lowest === highest ? yearLabel(lowest) : `${yearLabel(lowest)} to ${yearLabel(highest)}`;
  const phase = highest <= 6 ? "primary" : lowest >= 7 ? "secondary" : "all-through";
  return { phase, yearsText, explanation: `${phaseLabels[phase]}, from the year groups in the data (${yearsText}).` };
}

export function phaseFromPupils(pupils: readonly PupilAnalysis[]): PhaseFromData {
  return phaseFromYearGroups(pupils.map((pupil) => pupil.record.yearGroup));
}
