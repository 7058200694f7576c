import { hasContinuousAbsenceDuty } from "../rules/patterns/sessionPatterns";
import type { Band, PupilAnalysis } from "../rules/pupilAnalysis";

/**
 * The order pupils are listed in, everywhere (pane, TSM form): first any pupil whose continuous absence the
 * law asks the school or the local authority to act on (docs/rules.md §10), whatever their band; then
 * docs/rules.md §7 priority — severe absence (each needs an agreed plan), then persistent, then at risk,
 * expected and no data; within each, lowest attendance first (unknown attendance last), then sheet order.
 */
const bandRank: Record<Band, number> = { severe: 1, persistent: 2, "at-risk": 3, expected: 4, "no-data": 5 };

function rank(pupil: PupilAnalysis): number {
  return hasContinuousAbsenceDuty(pupil.patterns) ? 0 : bandRank[pupil.band];
}

function comparePriority(a: PupilAnalysis, b: PupilAnalysis): number {
  return (
    rank(a) - rank(b) ||
    (a.attendancePercent ?? Number.POSITIVE_INFINITY) - (b.attendancePercent ?? Number.POSITIVE_INFINITY) ||
    a.record.sourceRow - b.record.sourceRow
  );
}

/** Every pupil, as indices into `pupils`, in priority order. */
export function pupilPriorityOrder(pupils: readonly PupilAnalysis[]): number[] {
  return pupils
    .map((_, index) => index)
    .sort((a, b) => comparePriority(pupils[a] as PupilAnalysis, pupils[b] as PupilAnalysis));
}

/**
 * Whether a pupil is one to discuss at the TSM: severe or persistent absence (docs/rules.md §7), or continuous
 * absence the local authority must hear of (§10).
 */
export function isToDiscuss(pupil: PupilAnalysis): boolean {
  return pupil.band === "severe" || pupil.band === "persistent" || hasContinuousAbsenceDuty(pupil.patterns);
}

/** Pupils to discuss, as indices into `pupils`, in priority order. */
export function pupilsToDiscuss(pupils: readonly PupilAnalysis[]): number[] {
  return pupilPriorityOrder(pupils).filter((index) => isToDiscuss(pupils[index] as PupilAnalysis));
}
