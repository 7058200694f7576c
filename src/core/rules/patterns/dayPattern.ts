import type { PatternSettings } from "../settings";
import { weekdayCounts, totalCounts, type WeekdayTally } from "./weekdayProfile";

/**
 * docs/rules.md §10 "Day pattern": a weekday whose share of the pupil's missed sessions is at least
 * 2 × its share of the pupil's possible sessions, with at least 3 missed sessions on that weekday
 * ("absence concentrated on Mondays"). Mondays and Fridays together are tested as one "around the
 * weekend" day-set on the same rule. Defaults are settings (patterns.dayShareMultiple, dayMinimumMissed).
 *
 * Compared in whole numbers: missedDay ÷ missedAll ≥ k × possibleDay ÷ possibleAll
 * ⇔ 10 × missedDay × possibleAll ≥ (10k) × possibleDay × missedAll, with k at one decimal place.
 */
export type DayPatternKey = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "around-the-weekend";

const dayKeys: readonly DayPatternKey[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

function concentrated(
  missedDay: number,
  possibleDay: number,
  missedAll: number,
  possibleAll: number,
  settings: PatternSettings,
): boolean {
  if (possibleDay <= 0 || missedDay < settings.dayMinimumMissed) return false;
  const multipleTenths = Math.round(settings.dayShareMultiple * 10);
  return 10 * missedDay * possibleAll >= multipleTenths * possibleDay * missedAll;
}

/** The weekdays absence is concentrated on, in week order, then "around-the-weekend" when it applies. */
export function dayPattern(tally: WeekdayTally, settings: PatternSettings): DayPatternKey[] {
  const all = totalCounts(tally);
  if (all.missed === 0 || all.possible === 0) return [];
  const found: DayPatternKey[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const day = weekdayCounts(tally, weekday);
    if (concentrated(day.missed, day.possible, all.missed, all.possible, settings)) found.push(dayKeys[weekday] as DayPatternKey);
  }
  const monday = weekdayCounts(tally, 0);
  const friday = weekdayCounts(tally, 4);
  if (concentrated(monday.missed + friday.missed, monday.possible + friday.possible, all.missed, all.possible, settings)) {
    found.push("around-the-weekend");
  }
  return found;
}
