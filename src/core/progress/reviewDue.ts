import { excelDateSerial, ukDate as formatUkDate, isoFromExcelSerial } from "../common/dates";
import type { Stage } from "../rules/pupilAnalysis";
import type { ProgressSettings } from "../rules/settings";

/**
 * When a pupil's stage is due for review (docs/rules.md §11, seed 004's indicator row). Always advice.
 * - welfare call and stage 1: 1 school week after the stage began, then every week;
 * - stages 2–3: 1 week, then a further week each time there has been no real improvement;
 * - stages 4–5: by the 5th week, then every 5 weeks;
 * - stage 6: at the next Targeting Support Meeting.
 * An improving snapshot counts as a review passed, so the next review falls after it. A review is overdue
 * when its date has passed and no later snapshot showed improvement.
 * School weeks are counted as calendar weeks from the snapshot dates: a summary export does not say which
 * weeks were holidays, so a review date may fall in a holiday (docs/rules.md §11 says so).
 */
export type ReviewStatus = "due" | "overdue" | "next-tsm";

export interface ReviewAdvice {
  status: ReviewStatus;
  /** ISO date the review falls due; null for "at the next TSM". */
  date: string | null;
  text: string;
}

/** School weeks between reviews at a stage, or null for "at the next TSM". */
export function reviewIntervalWeeks(stage: Stage, settings: ProgressSettings): number | null {
  if (stage <= 1) return settings.reviewWeeks.welfareAndStage1;
  if (stage <= 3) return settings.reviewWeeks.stages2And3;
  if (stage <= 5) return settings.reviewWeeks.stages4And5;
  return null;
}

function addDays(iso: string, days: number): string {
  return isoFromExcelSerial(excelDateSerial(iso) + days) ?? iso;
}

/**
 * @param stageSince the date the pupil's current stage began (first snapshot of the unbroken run)
 * @param lastImproving the latest snapshot in that run that showed improvement, or null
 * @param asOf the current snapshot's date
 */
export function reviewAdvice(
  stage: Stage,
  stageSince: string,
  lastImproving: string | null,
  asOf: string,
  settings: ProgressSettings,
): ReviewAdvice {
  const weeks = reviewIntervalWeeks(stage, settings);
  if (weeks === null) return { status: "next-tsm", date: null, text: "Review at the next TSM" };
  const after = lastImproving !== null && lastImproving > stageSince ? lastImproving : stageSince;
  const start = excelDateSerial(stageSince);
  const step = weeks * 7;
  // The first review date strictly after the last review passed (or the stage's start).
  const k = Math.max(1, Math.floor((excelDateSerial(after) - start) / step) + 1);
  const date = addDays(stageSince, k * step);
  if (date < asOf) return { status: "overdue", date, text: `Review overdue (due ${formatUkDate(date)})` };
  return { status: "due", date, text: `Review due by ${formatUkDate(date)}` };
}
