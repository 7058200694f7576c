import type { ReportedPercent } from "../read/pupilRecord";
import type { Band, PupilAnalysis } from "./pupilAnalysis";
import type { AttendanceSettings } from "./settings";

/**
 * Bands (docs/rules.md §2), decided in whole numbers so that no floating-point result can move a pupil across
 * a line (1 − 135/150 is 0.09999999999999998 in floating point, but 10 × 15 ≥ 150 is exact).
 */
export type BandThresholds = AttendanceSettings["bands"];
export type BandBasis = PupilAnalysis["bandBasis"];

/** A threshold percentage in tenths of a percent (10 → 100, 7.5 → 75); settings allow one decimal place. */
export function toTenths(percent: number): number {
  return Math.round(percent * 10);
}

/** missed/possible ≥ threshold%, exactly: 1000 × missed ≥ tenths × possible. */
function atLeast(missed: number, possible: number, thresholdTenths: number): boolean {
  return 1000 * missed >= thresholdTenths * possible;
}

/** The three band thresholds in tenths of a percent, worked out once per run rather than once per pupil. */
export interface ThresholdTenths {
  severe: number;
  persistent: number;
  atRisk: number;
}

export function thresholdTenths(thresholds: BandThresholds): ThresholdTenths {
  return {
    severe: toTenths(thresholds.severePercent),
    persistent: toTenths(thresholds.persistentPercent),
    atRisk: toTenths(thresholds.atRiskPercent),
  };
}

/** docs/rules.md §2 from session counts. No data when there are no possible sessions. */
export function bandFromSessions(missed: number, possible: number, thresholds: BandThresholds): Band {
  return bandFromSessionTenths(missed, possible, thresholdTenths(thresholds));
}

/** bandFromSessions with the thresholds already in tenths (the per-pupil path of analysePupils). */
export function bandFromSessionTenths(missed: number, possible: number, tenths: ThresholdTenths): Band {
  if (!(possible > 0)) return "no-data";
  if (atLeast(missed, possible, tenths.severe)) return "severe";
  if (atLeast(missed, possible, tenths.persistent)) return "persistent";
  if (atLeast(missed, possible, tenths.atRisk)) return "at-risk";
  return "expected";
}

/** Most decimal places we honour in a reported percentage (beyond this the MIS is not rounding). */
const maxDecimals = 9;

/**
 * docs/rules.md §2 from an attendance percentage alone. A rounded percentage is classified at its own
 * precision (90.0 → PA, 90.1 → at risk, 95.0 → at risk, 50.0 → SA) by scaling it to an integer;
 * a full-precision number (decimals null, e.g. an Excel fraction) is compared at 1e-6 of a percent, so
 * 0.9 × 100 = 90.00000000000001 still counts as exactly 90%.
 * Returns null for a percentage outside 0–100.
 */
export function bandFromPercent(
  reported: ReportedPercent,
  thresholds: BandThresholds,
): { band: Band; basis: BandBasis } | null {
  const { percent } = reported;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100.0000005) return null;
  let scaled: number;
  let scale: number;
  let basis: BandBasis;
  if (reported.decimals === null) {
    scale = 1e6;
    scaled = Math.round(percent * 1e6);
    basis = "percent";
  } else {
    const decimals = Math.max(0, Math.min(maxDecimals, Math.floor(reported.decimals)));
    scale = 10 ** decimals;
    scaled = Math.round(percent * scale);
    basis = "rounded-percent";
  }
  // attendance ≤ 100 − threshold ⇔ 10 × scaled ≤ (1000 − tenths) × scale, all integers.
  const attendanceAtMost = (thresholdPercent: number) => 10 * scaled <= (1000 - toTenths(thresholdPercent)) * scale;
  const band: Band = attendanceAtMost(thresholds.severePercent)
    ? "severe"
    : attendanceAtMost(thresholds.persistentPercent)
      ? "persistent"
      : attendanceAtMost(thresholds.atRiskPercent)
        ? "at-risk"
        : "expected";
  return { band, basis };
}

/** PA includes SA (docs/rules.md §2). */
export function isPersistentOrSevere(band: Band): boolean {
  return band === "severe" || band === "persistent";
}
