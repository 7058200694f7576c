import { toTenths } from "./bands";
import type { AttendanceSettings } from "./settings";

/**
 * Sessions in a row the pupil must attend to leave persistent absence: the smallest n with
 * missed / (possible + n) below the threshold, i.e. 1000 × missed < tenths × (possible + n)
 * (for 10%: 10 × missed < possible + n). Whole numbers throughout. Null when not PA or unknown.
 */
export function sessionsToLeavePersistentAbsence(
  missed: number | null,
  possible: number | null,
  settings: Pick<AttendanceSettings, "bands">,
): number | null {
  if (missed === null || possible === null || !(possible > 0) || missed < 0) return null;
  if (!Number.isInteger(missed) || !Number.isInteger(possible)) return null;
  const tenths = toTenths(settings.bands.persistentPercent);
  if (!(tenths > 0)) return null;
  const scaled = 1000 * missed;
  if (scaled < tenths * possible) return null; // not persistently absent
  // n > scaled / tenths − possible  ⇒  n = floor(scaled / tenths) − possible + 1 (integer floor division)
  const floorQuotient = (scaled - (scaled % tenths)) / tenths;
  return floorQuotient - possible + 1;
}

/**
 * Sessions a school year holds at most: schools in England must meet for 380 sessions (190 days) a year
 * (Education (School Day and School Year) (England) Regulations 1999, reg. 3). docs/rules.md §2.
 */
export const sessionsInSchoolYear = 380;

/**
 * The sessions left this academic year when an export counts `possible` sessions of it so far; null when
 * the export covers more than one year (possible above a year's sessions), so nothing can be said.
 */
export function sessionsLeftThisYear(possible: number): number | null {
  return possible >= 0 && possible <= sessionsInSchoolYear ? sessionsInSchoolYear - possible : null;
}
