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
