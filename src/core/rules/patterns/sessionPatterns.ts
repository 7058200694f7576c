import type { PatternSettings } from "../settings";
import { afternoonCounts, mostlyAfternoons } from "./afternoons";
import { dayPattern, type DayPatternKey } from "./dayPattern";
import { tallyMarks } from "./markTallies";
import { recentTrend, type RecentTrend } from "./recentTrend";
import type { SessionLayout } from "./sessionLayout";
import { findSpells, runReaches, type Run } from "./spells";
import { tallyWeekdays, type WeekdayTally } from "./weekdayProfile";
import { tallyWeeks } from "./weeklyAttendance";

/** One pupil's patterns in their session marks (docs/rules.md §10). */
export interface SessionPatterns {
  weekdays: WeekdayTally;
  /** Weekdays (and "around-the-weekend") absence is concentrated on. */
  dayPattern: DayPatternKey[];
  /** Mostly afternoons (§10 "Afternoons"). */
  afternoons: boolean;
  missed: number;
  afternoonMissed: number;
  /** Number of separate spells of missed sessions. */
  spells: number;
  longestSpell: Run;
  longestUnauthorised: Run;
  /** Continuous unauthorised absence long enough that the school must tell the local authority. */
  tellLocalAuthority: boolean;
  /** Continuous absence of any kind long enough that the local authority may need to arrange education. */
  educationMayNeedArranging: boolean;
  recentTrend: RecentTrend | null;
  lateBeforeClose: number;
  lateAfterClose: number;
  holidaySessions: number;
  /** Attended and possible sessions per school week (weeklyAttendance.ts), for the school's week-by-week figures. */
  weekly: Int32Array;
  /** ISO date of each school week's first session (shared by every pupil of the sheet). */
  weekStart: readonly string[];
}

/**
 * `categories` are the pupil's marks categorised under their dates' code sets (registerCodes.ts);
 * `marks` are the marks as written, for the codes counted apart (L, U, G, H).
 */
export function sessionPatterns(
  marks: readonly string[],
  categories: Uint8Array,
  layout: SessionLayout,
  settings: PatternSettings,
): SessionPatterns {
  const weekdays = tallyWeekdays(categories, layout);
  const afternoon = afternoonCounts(weekdays);
  const spells = findSpells(categories);
  const weekly = tallyWeeks(categories, layout);
  const tallies = tallyMarks(marks, layout);
  return {
    weekdays,
    dayPattern: dayPattern(weekdays, settings),
    afternoons: mostlyAfternoons(afternoon, settings),
    missed: afternoon.missed,
    afternoonMissed: afternoon.afternoonMissed,
    spells: spells.count,
    longestSpell: spells.longest,
    longestUnauthorised: spells.longestUnauthorised,
    tellLocalAuthority: runReaches(spells.longestUnauthorised, settings.continuousUnauthorisedDays),
    educationMayNeedArranging: runReaches(spells.longest, settings.continuousAbsenceDays),
    recentTrend: recentTrend(weekly, layout.weekCount, settings),
    lateBeforeClose: tallies.lateBeforeClose,
    lateAfterClose: tallies.lateAfterClose,
    holidaySessions: tallies.holidaySessions,
    weekly,
    weekStart: layout.weekStart,
  };
}

/** Continuous absence the law asks the school or the local authority to act on (§10): listed first to discuss. */
export function hasContinuousAbsenceDuty(patterns: SessionPatterns | null): boolean {
  return patterns !== null && (patterns.tellLocalAuthority || patterns.educationMayNeedArranging);
}
