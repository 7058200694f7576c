import type { ReportedPercent } from "../read/pupilRecord";
import { toTenths, type BandBasis, type BandThresholds } from "./bands";
import type { PenaltyNoticeAdvice } from "./penaltyNotice";
import type { LevelDecision } from "./piasLevels";
import type { Band } from "./pupilAnalysis";
import { ukDate } from "../common/dates";
import type { RecentDays, WindowCount } from "./schoolWeeks";
import type { AttendanceSettings, LevelDefinition } from "./settings";
import { sessionsInSchoolYear, sessionsLeftThisYear, sessionsToLeavePersistentAbsence } from "./sessionsToLeave";
import type { StagePlacement } from "./stages";

/**
 * The reasons a pupil sees, in plain British English (docs/rules.md §2, §4, §5, §6).
 * Percentages have one decimal place. Missed percentages are rounded down (and attendance up) to that
 * place, so a pupil just below a line never reads as being on it: 9.96% missed shows as 9.9%, not 10.0%.
 */

/** "10%" or "7.5%" for a threshold from settings. */
export function thresholdText(percent: number): string {
  const tenths = toTenths(percent);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

function tenthsText(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** Missed as a percentage of possible, rounded down to one decimal place with whole-number arithmetic. */
export function missedPercentText(missed: number, possible: number): string {
  const scaled = Math.floor((1000 * missed) / possible);
  return tenthsText(scaled);
}

/** An attendance percentage at one decimal place, rounded up (consistent with rounding missed down). */
export function attendancePercentText(percent: number): string {
  const micro = Math.round(percent * 1e6); // drop floating noise such as 90.00000000000001
  return tenthsText(Math.ceil(micro / 1e5));
}

/** A reported percentage at the precision the MIS gave it ("90.0%"). */
export function reportedPercentText(reported: ReportedPercent): string {
  if (reported.decimals === null) return attendancePercentText(reported.percent);
  const decimals = Math.max(0, Math.min(6, Math.floor(reported.decimals)));
  return `${reported.percent.toFixed(decimals)}%`;
}

export function sessionsText(count: number): string {
  return `${count} ${count === 1 ? "session" : "sessions"}`;
}

/** Sessions as days ("7.5 days", "1 day", "0.5 days"). */
export function daysText(sessions: number): string {
  const days = sessions / 2;
  return `${days} ${days === 1 ? "day" : "days"}`;
}

function dayBoundText(days: number): string {
  return `${days} ${days === 1 ? "day" : "days"}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * How many sessions in a row the pupil must attend to leave persistent absence, in words, with the school
 * weeks it takes (ten sessions a week), so a number beyond what is left of the year reads as such.
 * Empty when it cannot be worked out.
 */
function leavingText(missed: number, possible: number, thresholds: BandThresholds): string {
  const sessions = sessionsToLeavePersistentAbsence(missed, possible, { bands: thresholds });
  if (sessions === null) return "";
  const below = thresholdText(thresholds.persistentPercent);
  if (sessions === 1) return ` Attending the next session would bring absence below ${below}.`;
  const left = sessionsLeftThisYear(possible);
  if (left !== null && sessions > left) {
    // More than the rest of the year: say so plainly rather than quote a number no pupil can attend.
    return ` Attendance alone cannot bring absence below ${below} this academic year: it would take ${sessions} sessions in a row, and a school year has ${left} sessions left after these ${possible} (${sessionsInSchoolYear} in a year).`;
  }
  const weeks = Math.round(sessions / sessionsPerSchoolWeek);
  const duration = sessions < sessionsPerSchoolWeek ? "under a school week" : weeks === 1 ? "about a school week" : `about ${weeks} school weeks`;
  return ` Attending the next ${sessions} sessions in a row (${duration}) would bring absence below ${below}.`;
}

/** Morning and afternoon on five days. */
const sessionsPerSchoolWeek = 10;

/** docs/rules.md §2: why the pupil is in their band. */
export function bandReasons(
  input: {
    band: Band;
    basis: BandBasis;
    missed: number | null;
    possible: number | null;
    reportedPercent: ReportedPercent | null;
  },
  thresholds: BandThresholds,
): string[] {
  const severe = thresholdText(thresholds.severePercent);
  const persistent = thresholdText(thresholds.persistentPercent);
  const atRisk = thresholdText(thresholds.atRiskPercent);
  const { band, basis, missed, possible, reportedPercent } = input;

  if (basis === "sessions" && missed !== null && possible !== null && possible > 0) {
    const lead = `Missed ${missed} of ${possible} possible sessions (${missedPercentText(missed, possible)})`;
    switch (band) {
      case "severe":
        return [`${lead}: severe absence starts at ${severe}.${leavingText(missed, possible, thresholds)}`];
      case "persistent":
        return [`${lead}: persistent absence starts at ${persistent}.${leavingText(missed, possible, thresholds)}`];
      case "at-risk":
        return [`${lead}: at risk from ${atRisk}; persistent absence starts at ${persistent}.`];
      default:
        return [`${lead}: below the ${atRisk} at-risk line.`];
    }
  }
  if ((basis === "rounded-percent" || basis === "percent") && reportedPercent !== null) {
    const shown = reportedPercentText(reportedPercent);
    const attendanceLine = (threshold: number) => thresholdText(100 - toTenths(threshold) / 10);
    const bandText =
      band === "severe"
        ? `Attendance of ${shown}: severe absence is attendance of ${attendanceLine(thresholds.severePercent)} or below.`
        : band === "persistent"
          ? `Attendance of ${shown}: persistent absence is attendance of ${attendanceLine(thresholds.persistentPercent)} or below.`
          : band === "at-risk"
            ? `Attendance of ${shown}: at risk is attendance of ${attendanceLine(thresholds.atRiskPercent)} or below; persistent absence is ${attendanceLine(thresholds.persistentPercent)} or below.`
            : `Attendance of ${shown}: above the ${attendanceLine(thresholds.atRiskPercent)} at-risk line.`;
    const basisText =
      basis === "rounded-percent"
        ? `Classified from a rounded percentage (${shown}).`
        : `Classified from the attendance percentage alone (${shown}); the sheet gives no session counts.`;
    return [bandText, basisText];
  }
  if (possible === 0) return ["No possible sessions recorded, so there is no band: check the pupil is on roll for this period."];
  return ["No attendance figures for this pupil (possible sessions, absence or a percentage), so there is no band."];
}

/** docs/rules.md §4: "7.5 days of absence (all absence) places the pupil at stage 2, Ongoing concern (more than 5 and up to 10 days)." */
export function stageReason(placement: StagePlacement, settings: Pick<AttendanceSettings, "stageAbsence">): string {
  const kind = settings.stageAbsence === "unauthorised" ? "unauthorised absence only" : "all absence";
  const { stage, absenceSessions, definition, previous } = placement;
  if (absenceSessions === null) {
    return settings.stageAbsence === "unauthorised"
      ? "Stage not known: the sheet does not give unauthorised sessions."
      : "Stage not known: the sheet does not give sessions missed.";
  }
  if (stage === null || definition === null) return `No absence (${kind}), so no stage.`;
  const lower = previous?.maxDays ?? 0;
  const range =
    definition.maxDays === null || (previous !== null && previous === definition)
      ? `more than ${dayBoundText(lower)}`
      : `more than ${lower} and up to ${dayBoundText(definition.maxDays)}`;
  return `${capitalise(daysText(absenceSessions))} of absence (${kind}) places the pupil at stage ${stage}, ${definition.name} (${range}).`;
}

/**
 * docs/rules.md §4: a pupil on the legal-enforcement rung by days absent. Support first: say what the sheet
 * shows of formal support, since enforcement is advised only where it was tried.
 */
export function enforcementReason(history: readonly string[]): string {
  return history.length > 0
    ? `Formal support is recorded (${joinAnd(history)}): legal enforcement is for discussion with the education welfare officer, not a decision.`
    : "Legal enforcement is not suggested: the sheet does not show that formal support was tried (a recorded stage 4 or above, PIAS level 3 or above, a parenting contract, or a penalty notice this academic year).";
}

function levelName(levels: readonly LevelDefinition[], level: number): string {
  return levels.find((l) => l.level === level)?.name ?? "";
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** docs/rules.md §5: "Level 3, Formalise support: persistent absence with 12 unauthorised sessions (10 or more)." */
export function levelReasons(
  decision: LevelDecision,
  input: { band: Band; unauthorisedSessions: number | null; windowWeeks: number | null },
  settings: Pick<AttendanceSettings, "levels" | "level3UnauthorisedSessions">,
): string[] {
  const name = levelName(settings.levels, decision.level);
  const head = `Level ${decision.level}, ${name}`;
  const absence = input.band === "severe" ? "severe absence" : "persistent absence";
  const threshold = settings.level3UnauthorisedSessions;
  const counted =
    decision.unauthorisedCompared === null
      ? null
      : decision.fromWindow && input.windowWeeks !== null
        ? `${decision.unauthorisedCompared} unauthorised ${decision.unauthorisedCompared === 1 ? "session" : "sessions"} within ${input.windowWeeks} school weeks`
        : `${decision.unauthorisedCompared} unauthorised ${decision.unauthorisedCompared === 1 ? "session" : "sessions"}`;
  switch (decision.level) {
    case 1:
      return input.band === "no-data"
        ? [`${head}: suggested for every pupil.`]
        : [`${head}: suggested for every pupil; not persistently absent.`];
    case 2: {
      const reasons = [
        counted === null
          ? `${head}: ${absence}; unauthorised sessions are not known, so level 3 cannot be judged.`
          : `${head}: ${absence} with ${counted} (level 3 needs ${threshold} or more).`,
      ];
      if (decision.history.length > 0) {
        reasons.push(
          `Formal support is recorded (${joinAnd(decision.history)}), but there is no unauthorised absence, so level 4 is not suggested.`,
        );
      }
      return reasons;
    }
    case 3:
      return [
        `${head}: ${absence} with ${counted ?? "unauthorised sessions"} (${threshold} or more).`,
        "Consider level 4 if formal support is not engaged with.",
      ];
    case 4: {
      const unauthorised = input.unauthorisedSessions ?? 0;
      return [
        `${head}: formal support has been tried (${joinAnd(decision.history)}) and the pupil still has ${absence} with ${sessionsText(unauthorised).replace("session", "unauthorised session")}.`,
        "Support first: this is advice to discuss with the link PIAS officer, not a decision.",
      ];
    }
  }
}

/** docs/rules.md §6: the national threshold and whether a notice fits. Empty when nothing is worth saying. */
export function penaltyNoticeReasons(
  advice: PenaltyNoticeAdvice,
  window: WindowCount | null,
  unauthorisedSessions: number | null,
  settings: Pick<AttendanceSettings, "penaltyNotice">,
): string[] {
  const { sessions, schoolWeeks } = settings.penaltyNotice;
  if (advice.thresholdMet === null) {
    return unauthorisedSessions !== null && unauthorisedSessions >= sessions
      ? [
          `Penalty notice threshold not known: the sheet has no session marks to check for ${sessions} unauthorised sessions within ${schoolWeeks} school weeks.`,
        ]
      : [];
  }
  if (window === null) return [];
  const dates = window.from && window.to ? ` (${ukDate(window.from)} to ${ukDate(window.to)})` : "";
  if (advice.thresholdMet) {
    const met = `Penalty notice threshold met: ${window.count} unauthorised sessions within ${window.weeks} school weeks${dates}; the national threshold is ${sessions}.`;
    if (advice.suggest) return [met, "Consider a notice to improve or a penalty notice."];
    const why = advice.bars.map((bar) =>
      bar === "severe" ? "absence is severe" : "a penalty notice is already recorded this academic year",
    );
    return [met, `A penalty notice is not suggested because ${joinAnd(why)} (Kent handbook): agree a support plan instead.`];
  }
  if (unauthorisedSessions !== null && unauthorisedSessions >= sessions) {
    return [
      `Penalty notice threshold not met: ${unauthorisedSessions} unauthorised sessions in all, but no more than ${window.count} within any ${schoolWeeks} school weeks (the national threshold is ${sessions}).`,
    ];
  }
  return [];
}

/** docs/rules.md §6: a statutory referral may close after 20 school days with no unauthorised absence. */
export function referralClosureReason(recent: RecentDays | null, schoolDays: number): string {
  if (recent === null) {
    return `A statutory referral closes after ${schoolDays} school days with no unauthorised absence; the marks cover fewer school days, so this cannot be checked yet.`;
  }
  const span = `${ukDate(recent.from)} to ${ukDate(recent.to)}`;
  return recent.unauthorised === 0
    ? `No unauthorised absence in the most recent ${schoolDays} school days (${span}): a statutory referral may close.`
    : `${capitalise(sessionsText(recent.unauthorised).replace("session", "unauthorised session"))} in the most recent ${schoolDays} school days (${span}): a statutory referral stays open.`;
}
