import { AUTHORISED, NOT_POSSIBLE, NO_MARK, UNAUTHORISED } from "../registerCodes";
import { unknownWeekday, weekdayNames, type SessionLayout, type WeekdayName } from "./sessionLayout";

/**
 * docs/rules.md §10 "Weekday profile": for each weekday, missed sessions ÷ possible sessions on that
 * weekday, and AM and PM separately too. Counts are kept (not rates) so a school's profile is the sum of
 * its pupils' and every comparison can be made in whole numbers.
 */
export interface WeekdayTally {
  /** Index weekday × 2 + (1 for PM): possible sessions (present, AEA, authorised, unauthorised). */
  possible: Int32Array;
  /** Same index: missed sessions (authorised + unauthorised). */
  missed: Int32Array;
}

export function emptyWeekdayTally(): WeekdayTally {
  return { possible: new Int32Array(14), missed: new Int32Array(14) };
}

export function tallyWeekdays(categories: Uint8Array, layout: SessionLayout): WeekdayTally {
  const tally = emptyWeekdayTally();
  const { possible, missed } = tally;
  const length = Math.min(categories.length, layout.weekday.length);
  // Imported constants held locally: under CommonJS output each read of an import is a getter call.
  const notPossible = NOT_POSSIBLE;
  const noMark = NO_MARK;
  const authorised = AUTHORISED;
  const unauthorised = UNAUTHORISED;
  const unknown = unknownWeekday;
  for (let i = 0; i < length; i++) {
    const category = categories[i] as number;
    if (category === notPossible || category === noMark) continue;
    const weekday = layout.weekday[i] as number;
    if (weekday === unknown) continue;
    const slot = weekday * 2 + (layout.afternoon[i] as number);
    possible[slot] = (possible[slot] as number) + 1;
    if (category === authorised || category === unauthorised) missed[slot] = (missed[slot] as number) + 1;
  }
  return tally;
}

export function addWeekdayTally(into: WeekdayTally, from: WeekdayTally): void {
  for (let slot = 0; slot < 14; slot++) {
    into.possible[slot] = (into.possible[slot] as number) + (from.possible[slot] as number);
    into.missed[slot] = (into.missed[slot] as number) + (from.missed[slot] as number);
  }
}

/** Missed and possible sessions on one weekday (both halves, or one). */
export interface WeekdayCounts {
  missed: number;
  possible: number;
}

export function weekdayCounts(tally: WeekdayTally, weekday: number, half?: "AM" | "PM"): WeekdayCounts {
  const am = weekday * 2;
  const pm = am + 1;
  if (half === "AM") return { missed: tally.missed[am] as number, possible: tally.possible[am] as number };
  if (half === "PM") return { missed: tally.missed[pm] as number, possible: tally.possible[pm] as number };
  return {
    missed: (tally.missed[am] as number) + (tally.missed[pm] as number),
    possible: (tally.possible[am] as number) + (tally.possible[pm] as number),
  };
}

export interface WeekdayRate {
  weekday: WeekdayName;
  /** Missed ÷ possible on that weekday, 0–100; null when the pupil had no possible session that day. */
  missedPercent: number | null;
  amMissedPercent: number | null;
  pmMissedPercent: number | null;
  missed: number;
  possible: number;
}

function percent(counts: WeekdayCounts): number | null {
  return counts.possible > 0 ? (counts.missed / counts.possible) * 100 : null;
}

/** Monday to Friday always; Saturday and Sunday only when some session fell on them. */
export function weekdayRates(tally: WeekdayTally): WeekdayRate[] {
  const rates: WeekdayRate[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const all = weekdayCounts(tally, weekday);
    if (weekday >= 5 && all.possible === 0) continue;
    rates.push({
      weekday: weekdayNames[weekday] as WeekdayName,
      missedPercent: percent(all),
      amMissedPercent: percent(weekdayCounts(tally, weekday, "AM")),
      pmMissedPercent: percent(weekdayCounts(tally, weekday, "PM")),
      missed: all.missed,
      possible: all.possible,
    });
  }
  return rates;
}

/** Whole tally: every weekday, both halves. */
export function totalCounts(tally: WeekdayTally): WeekdayCounts {
  let missed = 0;
  let possible = 0;
  for (let slot = 0; slot < 14; slot++) {
    missed += tally.missed[slot] as number;
    possible += tally.possible[slot] as number;
  }
  return { missed, possible };
}
