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

/**
 * Every pupil (or only those `among`, indices into `pupils`), as indices into `pupils`, in priority order. The
 * keys are worked out once per pupil sorted, not once per comparison; sorting only the pupils a list shows
 * (the pane's first view: those to discuss) keeps its first drawing quick at 20,000 pupils (issue 12 §10).
 */
export function pupilPriorityOrder(pupils: readonly PupilAnalysis[], among?: readonly number[]): number[] {
  const order: number[] = among ? [...among] : Array.from({ length: pupils.length }, (_, index) => index);
  const count = pupils.length;
  const ranks = new Float64Array(count);
  const attendance = new Float64Array(count);
  const rows = new Float64Array(count);
  for (const index of order) {
    const pupil = pupils[index] as PupilAnalysis;
    ranks[index] = rank(pupil);
    attendance[index] = pupil.attendancePercent ?? Number.POSITIVE_INFINITY;
    rows[index] = pupil.record.sourceRow;
  }
  const byAttendance = (a: number, b: number): number => {
    const x = attendance[a] as number;
    const y = attendance[b] as number;
    // Infinity - Infinity is NaN: two unknown attendances are equal here.
    return x === y ? 0 : x < y ? -1 : 1;
  };
  return order.sort(
    (a, b) => (ranks[a] as number) - (ranks[b] as number) || byAttendance(a, b) || (rows[a] as number) - (rows[b] as number),
  );
}

/**
 * Whether a pupil is one to discuss at the TSM: severe or persistent absence (docs/rules.md §7), or continuous
 * absence the local authority must hear of (§10).
 */
export function isToDiscuss(pupil: PupilAnalysis): boolean {
  return pupil.band === "severe" || pupil.band === "persistent" || hasContinuousAbsenceDuty(pupil.patterns);
}

/** How many pupils are to discuss (the list's heading), without ordering them. */
export function countToDiscuss(pupils: readonly PupilAnalysis[]): number {
  let count = 0;
  for (const pupil of pupils) if (isToDiscuss(pupil)) count += 1;
  return count;
}

/** Pupils to discuss, as indices into `pupils`, in priority order. */
export function pupilsToDiscuss(pupils: readonly PupilAnalysis[]): number[] {
  return pupilPriorityOrder(pupils).filter((index) => isToDiscuss(pupils[index] as PupilAnalysis));
}
