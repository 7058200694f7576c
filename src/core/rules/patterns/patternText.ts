import { ukDate } from "../../common/dates";
import { attendancePercentText, daysText } from "../reasons";
import type { AttendanceSettings, PatternSettings } from "../settings";
import type { DayPatternKey } from "./dayPattern";
import type { SessionLayout } from "./sessionLayout";
import type { SessionPatterns } from "./sessionPatterns";
import type { Run } from "./spells";

/**
 * A pupil's patterns in words (docs/rules.md §10): the highlighted sheet's "Pattern" column, the task pane
 * and the TSM form read the same text. The continuous-absence duties are also said in full in the pupil's
 * "Why" (continuousAbsenceReasons).
 */

const dayWords: Record<Exclude<DayPatternKey, "around-the-weekend">, string> = {
  monday: "Mondays",
  tuesday: "Tuesdays",
  wednesday: "Wednesdays",
  thursday: "Thursdays",
  friday: "Fridays",
  saturday: "Saturdays",
  sunday: "Sundays",
};

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function timesText(count: number, what: string): string {
  return `${count} ${what}`;
}

/** Each part of the pattern, most serious first; empty when the marks show nothing to watch. */
export function patternParts(patterns: SessionPatterns, settings: PatternSettings): string[] {
  const parts: string[] = [];
  if (patterns.tellLocalAuthority) {
    parts.push(`${daysText(patterns.longestUnauthorised.sessions)} of unauthorised absence in a row: tell the local authority`);
  }
  if (patterns.educationMayNeedArranging) {
    parts.push(`${daysText(patterns.longestSpell.sessions)} absent in a row: the local authority may need to arrange education`);
  }
  const days = patterns.dayPattern.filter((key): key is Exclude<DayPatternKey, "around-the-weekend"> => key !== "around-the-weekend");
  if (days.length > 0) parts.push(`absence concentrated on ${joinAnd(days.map((day) => dayWords[day]))}`);
  if (patterns.dayPattern.includes("around-the-weekend")) parts.push("around the weekend (Mondays and Fridays)");
  if (patterns.afternoons) {
    parts.push(`mostly afternoons (${patterns.afternoonMissed} of ${patterns.missed} missed sessions)`);
  }
  const trend = patterns.recentTrend;
  if (trend && trend.direction !== "steady") {
    parts.push(
      `${trend.direction}: ${attendancePercentText((trend.recentAttended / trend.recentPossible) * 100)} in the last ${settings.recentSchoolWeeks} school ${settings.recentSchoolWeeks === 1 ? "week" : "weeks"} against ${attendancePercentText((trend.periodAttended / trend.periodPossible) * 100)} over the period`,
    );
  }
  if (patterns.spells > 0) {
    parts.push(
      patterns.spells === 1
        ? `1 spell of ${daysText(patterns.longestSpell.sessions)}`
        : `${patterns.spells} spells, the longest ${daysText(patterns.longestSpell.sessions)}`,
    );
  }
  if (patterns.lateBeforeClose > 0) parts.push(timesText(patterns.lateBeforeClose, "late before registers closed (L)"));
  if (patterns.lateAfterClose > 0) parts.push(timesText(patterns.lateAfterClose, "late after registers closed (U)"));
  if (patterns.holidaySessions > 0) {
    parts.push(`${patterns.holidaySessions} ${patterns.holidaySessions === 1 ? "session" : "sessions"} of holiday in term time`);
  }
  return parts;
}

/** The "Pattern" cell: the parts in one sentence-like line, or that the marks show none. */
export function patternText(patterns: SessionPatterns | null, settings: PatternSettings): string | null {
  if (!patterns) return null;
  const parts = patternParts(patterns, settings);
  if (parts.length === 0) return "No absence in the marks";
  const text = parts.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function runDates(run: Run, layout: SessionLayout): string {
  const first = layout.sessions[run.first];
  const last = layout.sessions[run.last];
  if (!first || !last) return "";
  return ` (${ukDate(first.date)} ${first.session} to ${ukDate(last.date)} ${last.session})`;
}

/**
 * docs/rules.md §10: the two continuous-absence duties, said plainly, first in the pupil's reasons.
 * Unauthorised absence of 10 school days or more in a row: the school must tell the local authority.
 * Absence of any kind of 15 school days or more in a row: the local authority may need to arrange education.
 */
export function continuousAbsenceReasons(patterns: SessionPatterns, layout: SessionLayout, settings: AttendanceSettings): string[] {
  const reasons: string[] = [];
  const { continuousUnauthorisedDays, continuousAbsenceDays } = settings.patterns;
  if (patterns.tellLocalAuthority) {
    const run = patterns.longestUnauthorised;
    reasons.push(
      `Absent without permission for ${daysText(run.sessions)} in a row${runDates(run, layout)}: the school must tell the local authority (continuous unauthorised absence of ${continuousUnauthorisedDays} school days or more, School Attendance (Pupil Registration) (England) Regulations 2024), and check whether the child is missing education.`,
    );
  }
  if (patterns.educationMayNeedArranging) {
    const run = patterns.longestSpell;
    reasons.push(
      `Absent for ${daysText(run.sessions)} in a row${runDates(run, layout)}, for any reason: the local authority may need to arrange education (continuous absence of ${continuousAbsenceDays} school days or more, Education Act 1996 s19, for example for illness).`,
    );
  }
  return reasons;
}
