import { ukDate } from "../common/dates";
import { oneDecimal } from "../common/numbers";
import type { Analysis, Band } from "../rules/pupilAnalysis";
import type { ProgressSettings } from "../rules/settings";
import { identityKey, recordedFields, sharedFields, type IdentityFields } from "../report/pupilIdentity";
import { identityOf } from "../report/pupilReferences";
import { bandMovement, type BandMovement } from "./bandMovement";
import { reviewAdvice, type ReviewAdvice } from "./reviewDue";
import type { PupilSnapshot, Snapshot } from "./snapshot";
import { previousSnapshot, snapshotsThisYear, type SnapshotHistory } from "./snapshotHistory";

/** A pupil's progress since the last snapshot of this academic year (docs/rules.md §11). Advice, never a decision. */
export interface PupilProgress {
  /** Date of the snapshot compared with; null when this is the year's first (or the pupil cannot be matched). */
  since: string | null;
  /** Attendance now − then, in percentage points; null when either is unknown. */
  attendanceChange: number | null;
  /** null when there is no earlier snapshot this year to compare with. */
  movement: BandMovement | null;
  /** (attended now − then) ÷ (possible now − then), 0–100, when possible sessions grew; else null. */
  recentAttendancePercent: number | null;
  /** Recent attendance at least the improving threshold; null when there is no recent attendance. */
  improving: boolean | null;
  /** First snapshot of the unbroken run at the pupil's current stage or higher; null without a stage. */
  stageSince: string | null;
  review: ReviewAdvice | null;
}

export interface ProgressResult {
  /** The snapshot compared with, or null (first snapshot of the academic year). */
  previousDate: string | null;
  /** One per analysis.pupils. */
  pupils: PupilProgress[];
  /** Pupils in the last snapshot who are not in this export. */
  leftSince: PupilSnapshot[];
  /** Band counts now − then; null without a previous snapshot. */
  bandCountChange: Record<Band, number> | null;
}

const noProgress: PupilProgress = {
  since: null,
  attendanceChange: null,
  movement: null,
  recentAttendancePercent: null,
  improving: null,
  stageSince: null,
  review: null,
};

/**
 * One snapshot's pupils by identity, on the fields it and the current snapshot both record (a history written
 * before a column existed still matches as it did); a key two pupils share maps to null (never matched:
 * notes and figures are not guessed).
 */
interface IndexedSnapshot {
  date: string;
  fields: IdentityFields;
  pupils: Map<string, PupilSnapshot | null>;
}

/** Snapshots record no reg group: pupils are matched across them on UPN, admission number, name and date of birth, or name and year. */
function snapshotFields(pupils: readonly PupilSnapshot[]): IdentityFields {
  return { ...recordedFields(pupils), regGroup: false };
}

function indexSnapshot(snapshot: Snapshot, currentFields: IdentityFields): IndexedSnapshot {
  const fields = sharedFields(currentFields, snapshotFields(snapshot.pupils));
  const pupils = new Map<string, PupilSnapshot | null>();
  for (const pupil of snapshot.pupils) {
    const key = identityKey(pupil, fields);
    if (key !== null) pupils.set(key, pupils.has(key) ? null : pupil);
  }
  return { date: snapshot.date, fields, pupils };
}

/**
 * Keys of the current pupils on each combination of fields, worked out once per combination. Asked once per
 * pupil and snapshot, so a fields object already seen is found by itself, without naming its combination.
 */
class CurrentKeys {
  private readonly byFields = new Map<string, (string | null)[]>();
  private readonly byObject = new Map<IdentityFields, (string | null)[]>();
  constructor(private readonly identities: readonly PupilIdentityOf[]) {}
  of(fields: IdentityFields): (string | null)[] {
    const seen = this.byObject.get(fields);
    if (seen) return seen;
    const name = `${fields.admissionNumber}|${fields.dateOfBirth}|${fields.regGroup}`;
    let keys = this.byFields.get(name);
    if (!keys) this.byFields.set(name, (keys = this.identities.map((identity) => identityKey(identity, fields))));
    this.byObject.set(fields, keys);
    return keys;
  }
}
type PupilIdentityOf = ReturnType<typeof identityOf>;

function attendance(pupil: PupilSnapshot): number | null {
  const { possibleSessions: possible, attendedSessions: attended } = pupil;
  return possible !== null && attended !== null && possible > 0 ? (attended / possible) * 100 : null;
}

/** Attended and possible sessions between two snapshots, when possible sessions grew and both are known. */
export function recentSessions(then: PupilSnapshot, now: PupilSnapshot): { attended: number; possible: number } | null {
  if (then.possibleSessions === null || now.possibleSessions === null || then.attendedSessions === null || now.attendedSessions === null) return null;
  const possible = now.possibleSessions - then.possibleSessions;
  const attended = now.attendedSessions - then.attendedSessions;
  if (possible <= 0 || attended < 0 || attended > possible) return null;
  return { attended, possible };
}

/**
 * Improving: recent attendance ≥ the threshold, compared in whole numbers (docs/rules.md §2 and §11):
 * 1000 × attended ≥ (threshold × 10) × possible, the threshold having at most one decimal place.
 */
export function isImproving(recent: { attended: number; possible: number }, settings: ProgressSettings): boolean {
  return 1000 * recent.attended >= Math.round(settings.improvingPercent * 10) * recent.possible;
}

/**
 * Every pupil's progress, from the history with this analysis' snapshot already merged in (mergeSnapshot)
 * and the current snapshot's date.
 */
export function pupilProgress(analysis: Analysis, history: SnapshotHistory, current: Snapshot, settings: ProgressSettings): ProgressResult {
  const previous = previousSnapshot(history, current.date);
  const currentFields = snapshotFields(current.pupils);
  // The year's snapshots up to now, newest first, each indexed by pupil.
  const year = snapshotsThisYear(history, current.date).filter((s) => s.date !== current.date);
  const runs = [current, ...year.reverse()].map((s) => indexSnapshot(s, currentFields));
  const keys = new CurrentKeys(analysis.pupils.map((pupil) => identityOf(pupil.record)));
  const nowRun = runs[0];
  const thenRun = previous ? indexSnapshot(previous, currentFields) : null;

  // Most pupils share a stage and its dates, so each review is worked out once (reviewAdvice is pure).
  const reviews = new Map<string, ReviewAdvice>();
  const review = (stage: NonNullable<PupilSnapshot["stage"]>, stageSince: string, lastImproving: string | null): ReviewAdvice => {
    const key = `${stage}|${stageSince}|${lastImproving ?? ""}`;
    let advice = reviews.get(key);
    if (!advice) reviews.set(key, (advice = reviewAdvice(stage, stageSince, lastImproving, current.date, settings)));
    return advice;
  };

  const pupils = analysis.pupils.map((pupil, index): PupilProgress => {
    const at = (run: IndexedSnapshot | undefined | null): PupilSnapshot | null | undefined => {
      if (!run) return undefined;
      const key = keys.of(run.fields)[index] ?? null;
      return key === null ? undefined : run.pupils.get(key);
    };
    const now = at(nowRun);
    if (!now) return noProgress;
    const then = at(thenRun);
    const thenPercent = then ? attendance(then) : null;
    const nowPercent = attendance(now);
    const recent = then ? recentSessions(then, now) : null;

    // Stage since, and the latest improving snapshot in that run (each compared with the one before it).
    let stageSince: string | null = null;
    let lastImproving: string | null = null;
    if (now.stage !== null) {
      for (let i = 0; i < runs.length; i++) {
        const inRun = at(runs[i]);
        if (!inRun || inRun.stage === null || inRun.stage < now.stage) break;
        stageSince = runs[i]?.date ?? null;
      }
      for (let i = 0; i + 1 < runs.length && stageSince !== null; i++) {
        const date = runs[i]?.date ?? "";
        if (date <= stageSince) break;
        const inRun = at(runs[i]);
        const before = at(runs[i + 1]);
        const between = inRun && before ? recentSessions(before, inRun) : null;
        if (between && isImproving(between, settings)) {
          lastImproving = date;
          break;
        }
      }
    }
    return {
      since: previous && then !== null ? previous.date : null,
      attendanceChange: thenPercent !== null && nowPercent !== null ? nowPercent - thenPercent : null,
      movement: thenRun === null || then === null ? null : bandMovement(then?.band ?? null, now.band),
      recentAttendancePercent: recent ? (recent.attended / recent.possible) * 100 : null,
      improving: recent ? isImproving(recent, settings) : null,
      stageSince,
      review: now.stage !== null && stageSince !== null ? review(now.stage, stageSince, lastImproving) : null,
    };
  });

  // Pupils of the last snapshot no one in this export is (on the fields both record).
  const stillHere = thenRun ? new Set(keys.of(thenRun.fields)) : new Set<string | null>();
  const leftSince = previous && thenRun ? previous.pupils.filter((p) => !stillHere.has(identityKey(p, thenRun.fields))) : [];
  let bandCountChange: Record<Band, number> | null = null;
  if (previous) {
    const before = previous.cohort.bandCounts;
    const after = current.cohort.bandCounts;
    bandCountChange = {
      severe: after.severe - before.severe,
      persistent: after.persistent - before.persistent,
      "at-risk": after["at-risk"] - before["at-risk"],
      expected: after.expected - before.expected,
      "no-data": after["no-data"] - before["no-data"],
    };
  }
  return { previousDate: previous?.date ?? null, pupils, leftSince, bandCountChange };
}

/**
 * A pupil's progress in one line of words for the task pane (docs/rules.md §11): since when, the change in
 * attendance, the band movement, whether there is real improvement, then the review. Null when there is
 * nothing to say (the year's first snapshot, and no review).
 */
export function progressText(progress: PupilProgress): string | null {
  const parts: string[] = [];
  if (progress.attendanceChange !== null) {
    const points = oneDecimal(progress.attendanceChange) ?? 0;
    parts.push(`attendance ${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points).toFixed(1)} points`);
  }
  if (progress.movement !== null && progress.movement.kind !== "same") {
    // Mid-sentence: "new to PA", but "SA → PA" keeps its capitals.
    const text = progress.movement.text;
    parts.push(/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
  }
  if (progress.improving !== null) parts.push(progress.improving ? "improving" : "no real improvement");
  const sentences: string[] = [];
  if (parts.length > 0) {
    const body = parts.join(", ");
    const since = progress.since === null ? "" : `Since ${ukDate(progress.since)}: `;
    sentences.push(`${since}${since ? body : body.charAt(0).toUpperCase() + body.slice(1)}.`);
  }
  if (progress.review !== null) sentences.push(`${progress.review.text.replace(/\.$/, "")}.`);
  return sentences.length > 0 ? sentences.join(" ") : null;
}
