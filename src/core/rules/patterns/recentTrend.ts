import type { PatternSettings } from "../settings";

/**
 * docs/rules.md §10 "Recent trend": attendance in the last 4 school weeks against the whole period;
 * "improving" or "declining" when they differ by at least 5 percentage points (patterns.recentSchoolWeeks,
 * trendPercentagePoints), compared in whole numbers as in §2:
 * 100 × (ra/rp − pa/pp) ≥ t ⇔ 1000 × (ra × pp − pa × rp) ≥ (10t) × rp × pp.
 */
export type TrendDirection = "improving" | "declining" | "steady";

export interface RecentTrend {
  direction: TrendDirection;
  recentAttended: number;
  recentPossible: number;
  periodAttended: number;
  periodPossible: number;
}

/**
 * Null when there is nothing to compare: the marks cover no more school weeks than the recent window, the
 * pupil had no possible session in it, or none before it (a pupil who joined within the window).
 */
export function recentTrend(weekly: Int32Array, weekCount: number, settings: PatternSettings): RecentTrend | null {
  const recentWeeks = settings.recentSchoolWeeks;
  if (weekCount <= recentWeeks) return null;
  const firstRecent = weekCount - recentWeeks;
  let recentAttended = 0;
  let recentPossible = 0;
  let periodAttended = 0;
  let periodPossible = 0;
  for (let week = 0; week < weekCount; week++) {
    const attended = weekly[week * 2] as number;
    const possible = weekly[week * 2 + 1] as number;
    periodAttended += attended;
    periodPossible += possible;
    if (week >= firstRecent) {
      recentAttended += attended;
      recentPossible += possible;
    }
  }
  if (recentPossible === 0 || periodPossible === recentPossible) return null;
  const pointsTenths = Math.round(settings.trendPercentagePoints * 10);
  const difference = 1000 * (recentAttended * periodPossible - periodAttended * recentPossible);
  const bound = pointsTenths * recentPossible * periodPossible;
  const direction: TrendDirection = difference >= bound ? "improving" : -difference >= bound ? "declining" : "steady";
  return { direction, recentAttended, recentPossible, periodAttended, periodPossible };
}
