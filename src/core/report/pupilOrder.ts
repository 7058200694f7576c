import type { Band, PupilAnalysis } from "../rules/pupilAnalysis";

/**
 * The order pupils are listed in, everywhere (pane, TSM form): docs/rules.md §7 priority — severe absence
 * first (each needs an agreed plan), then persistent, then at risk, expected and no data; within a band,
 * lowest attendance first (unknown attendance last), then sheet order.
 */
const bandRank: Record<Band, number> = { severe: 0, persistent: 1, "at-risk": 2, expected: 3, "no-data": 4 };

function comparePriority(a: PupilAnalysis, b: PupilAnalysis): number {
  return (
    bandRank[a.band] - bandRank[b.band] ||
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

/** Whether a pupil is one to discuss at the TSM: severe or persistent absence (docs/rules.md §7). */
export function isToDiscuss(pupil: PupilAnalysis): boolean {
  return pupil.band === "severe" || pupil.band === "persistent";
}

/** Pupils to discuss, as indices into `pupils`, in priority order. */
export function pupilsToDiscuss(pupils: readonly PupilAnalysis[]): number[] {
  return pupilPriorityOrder(pupils).filter((index) => isToDiscuss(pupils[index] as PupilAnalysis));
}
