import { thresholdText } from "./reasons";
import type { Band } from "./pupilAnalysis";
import { defaultSettings, type AttendanceSettings } from "./settings";

/**
 * Words for each band (docs/rules.md §2). The long label is the text written in the band column, so the meaning
 * never rests on colour alone, and conditional formats key on it: keep it stable.
 */
export interface BandLabel {
  short: string;
  long: string;
  description: string;
}

/** Labels with the school's thresholds in the descriptions (the long and short labels never change). */
export function bandLabelsFor(thresholds: AttendanceSettings["bands"]): Record<Band, BandLabel> {
  const severe = thresholdText(thresholds.severePercent);
  const persistent = thresholdText(thresholds.persistentPercent);
  const atRisk = thresholdText(thresholds.atRiskPercent);
  return {
    severe: {
      short: "SA",
      long: "Severe absence (SA)",
      description: `Missed ${severe} or more of possible sessions`,
    },
    persistent: {
      short: "PA",
      long: "Persistent absence (PA)",
      // SA pupils are counted under SA: the band alone is PA but not SA (the summary's "PA pupils" include SA).
      description: `Missed ${persistent} or more but less than ${severe} of possible sessions`,
    },
    "at-risk": {
      short: "At risk",
      long: "At risk of persistent absence",
      description: `Missed ${atRisk} or more but less than ${persistent} of possible sessions`,
    },
    expected: {
      short: "Expected",
      long: "Expected attendance",
      description: `Missed less than ${atRisk} of possible sessions`,
    },
    "no-data": {
      short: "No data",
      long: "No data",
      description: "No possible sessions recorded",
    },
  };
}

/** Labels for the default thresholds of docs/rules.md §2. */
export const bandLabels: Record<Band, BandLabel> = bandLabelsFor(defaultSettings.bands);

/** Most serious first, as legends and summaries list them. */
export const bandOrder: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];
