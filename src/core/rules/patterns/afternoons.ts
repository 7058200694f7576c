import type { PatternSettings } from "../settings";
import type { WeekdayTally } from "./weekdayProfile";

/**
 * docs/rules.md §10 "Afternoons": at least 75% of missed sessions are PM, with at least 6 missed sessions
 * (patterns.afternoonPercent, afternoonMinimumMissed). In whole numbers: 1000 × PM missed ≥ tenths × missed.
 */
export interface AfternoonCounts {
  missed: number;
  afternoonMissed: number;
}

export function afternoonCounts(tally: WeekdayTally): AfternoonCounts {
  let missed = 0;
  let afternoonMissed = 0;
  for (let slot = 0; slot < 14; slot++) {
    missed += tally.missed[slot] as number;
    if (slot % 2 === 1) afternoonMissed += tally.missed[slot] as number;
  }
  return { missed, afternoonMissed };
}

export function mostlyAfternoons(counts: AfternoonCounts, settings: PatternSettings): boolean {
  if (counts.missed < settings.afternoonMinimumMissed || counts.missed === 0) return false;
  return 1000 * counts.afternoonMissed >= Math.round(settings.afternoonPercent * 10) * counts.missed;
}
