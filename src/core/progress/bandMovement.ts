import type { Band } from "../rules/pupilAnalysis";

/**
 * A pupil's band movement since the last snapshot, in words (docs/rules.md §11). SA pupils are also PA
 * (docs/rules.md §2), so leaving PA from SA is "left PA", and moving between them names both.
 */
export type BandMovementKind =
  | "new-to-sa"
  | "new-to-pa"
  | "pa-to-sa"
  | "sa-to-pa"
  | "left-pa"
  | "new-to-at-risk"
  | "left-at-risk"
  | "same"
  | "no-data"
  /** Not in the last snapshot (joined, or first seen since). */
  | "new-pupil";

export interface BandMovement {
  kind: BandMovementKind;
  text: string;
}

const short: Record<Band, string> = {
  severe: "SA",
  persistent: "PA",
  "at-risk": "at risk",
  expected: "expected",
  "no-data": "no data",
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const isPersistent = (band: Band) => band === "severe" || band === "persistent";

export function bandMovement(then: Band | null, now: Band): BandMovement {
  if (then === null) return { kind: "new-pupil", text: "Not in the last snapshot" };
  if (then === "no-data" || now === "no-data") {
    return then === now ? { kind: "same", text: "No change" } : { kind: "no-data", text: `${capitalised(short[then])} → ${short[now]}` };
  }
  if (then === now) return { kind: "same", text: now === "severe" || now === "persistent" ? `Still ${short[now]}` : "No change" };
  if (then === "persistent" && now === "severe") return { kind: "pa-to-sa", text: "PA → SA" };
  if (then === "severe" && now === "persistent") return { kind: "sa-to-pa", text: "SA → PA" };
  if (!isPersistent(then) && now === "severe") return { kind: "new-to-sa", text: "New to SA" };
  if (!isPersistent(then) && now === "persistent") return { kind: "new-to-pa", text: "New to PA" };
  if (isPersistent(then)) return { kind: "left-pa", text: then === "severe" ? "Left SA and PA" : "Left PA" };
  if (now === "at-risk") return { kind: "new-to-at-risk", text: "New to at risk" };
  return { kind: "left-at-risk", text: "No longer at risk" };
}

/** Became persistently (or severely) absent since the last snapshot: the pane's "New to PA" filter. */
export function enteredPersistentAbsence(movement: BandMovement): boolean {
  return movement.kind === "new-to-pa" || movement.kind === "new-to-sa";
}
