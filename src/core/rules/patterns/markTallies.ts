import type { SessionLayout } from "./sessionLayout";

/**
 * docs/rules.md §10 "Lateness" and "Holidays in term time", counted from the marks themselves:
 * L (late before registers closed, counted as present) and U (late after registers closed, unauthorised
 * absence) apart; G (holiday not agreed) and, before the 2024 regulations, H (holiday agreed).
 * Lower-case marks are the same codes (registerCodes.ts).
 */
export interface MarkTallies {
  lateBeforeClose: number;
  lateAfterClose: number;
  holidaySessions: number;
}

const L = "L".charCodeAt(0);
const U = "U".charCodeAt(0);
const G = "G".charCodeAt(0);
const H = "H".charCodeAt(0);
/** ASCII upper case from lower case. */
const caseBit = 0x20;

export function tallyMarks(marks: readonly string[], layout: SessionLayout): MarkTallies {
  let lateBeforeClose = 0;
  let lateAfterClose = 0;
  let holidaySessions = 0;
  const length = Math.min(marks.length, layout.before2024.length);
  for (let i = 0; i < length; i++) {
    const mark = marks[i] as string;
    // Every code counted here is one letter; "  l " style stray spaces are trimmed by the reader.
    if (mark.length !== 1) continue;
    const code = mark.charCodeAt(0) & ~caseBit;
    if (code === L) lateBeforeClose++;
    else if (code === U) lateAfterClose++;
    else if (code === G || (code === H && layout.before2024[i] === 1)) holidaySessions++;
  }
  return { lateBeforeClose, lateAfterClose, holidaySessions };
}
