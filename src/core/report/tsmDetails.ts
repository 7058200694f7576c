import { academicYearLabel, academicYearStart, meetingNumber, parseIsoDate, ukDate } from "../common/dates";
import { typedTextLimits, typedTextProblem } from "./excelLimits";

/** What the school types once for its Targeting Support Meeting form (docs/rules.md §7). */
export interface TsmMeetingDetails {
  schoolName: string;
  urn: string;
  phase: "primary" | "secondary" | "special" | "all-through" | "other";
  /** ISO yyyy-MM-dd */
  meetingDate: string;
  seniorAttendanceLead: string;
  linkPiasOfficer: string;
}

export type SchoolPhase = TsmMeetingDetails["phase"];

export const phaseLabels: Record<SchoolPhase, string> = {
  primary: "Primary",
  secondary: "Secondary",
  special: "Special",
  "all-through": "All-through",
  other: "Other",
};

/**
 * What a run passes for a detail it was not given (the command line without --school, --urn or --phase:
 * src/cli/runAnalyse.ts). Such a value never replaces what someone typed into the form (tsmMerge).
 */
export const phaseNotGiven: SchoolPhase = "other";

/** The form's "Attendance data covers" when the export does not say which dates it covers. */
export const dataCoversNotGiven = "As given in the export";

/** The form's "Meeting" line: one TSM a term, three an academic year (docs/rules.md §7). */
export function meetingText(meetingIso: string): string {
  return `Meeting ${meetingNumber(meetingIso)} of 3 this academic year`;
}

/** The form's "Attendance data covers" line, from the export's first and last dates where it has both. */
export function dataCoversText(periodStart: string | null, periodEnd: string | null): string {
  return periodStart && periodEnd && parseIsoDate(periodStart) && parseIsoDate(periodEnd)
    ? `${ukDate(periodStart)} to ${ukDate(periodEnd)}`
    : dataCoversNotGiven;
}

/**
 * The phase a person wrote ("Secondary", "secondary school", "All through"), or null when it names none
 * or more than one, so national figures are never chosen for a phase nobody meant.
 */
export function phaseFromText(text: string): SchoolPhase | null {
  const words = text.trim().toLowerCase().replace(/[\s\-–_]+/g, " ");
  if (words === "") return null;
  const named = (Object.keys(phaseLabels) as SchoolPhase[]).filter((phase) =>
    new RegExp(`(^|[^a-z])${phaseLabels[phase].toLowerCase().replace("-", " ")}([^a-z]|$)`).test(words),
  );
  return named.length === 1 ? (named[0] ?? null) : null;
}

/** Details with every text trimmed and missing text as "" (stored details may come from an older version). */
export function tidyTsmDetails(details: TsmMeetingDetails): TsmMeetingDetails {
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const phase = details.phase in phaseLabels ? details.phase : "other";
  return {
    schoolName: text(details.schoolName),
    urn: text(details.urn),
    phase,
    meetingDate: text(details.meetingDate),
    seniorAttendanceLead: text(details.seniorAttendanceLead),
    linkPiasOfficer: text(details.linkPiasOfficer),
  };
}

/**
 * A meeting date whose year is a slip (2062 for 2026, or 1900): TSMs are held termly about this year's data,
 * and a record may be written up a term or two late, so a date in an academic year more than two before
 * today's, or after the next, is refused with the years named; null when the date is plausible.
 */
export function meetingDateProblem(meetingIso: string, todayIso: string): string | null {
  const meeting = academicYearStart(meetingIso);
  const current = academicYearStart(todayIso);
  if (meeting >= current - 2 && meeting <= current + 1) return null;
  return `The meeting date ${ukDate(meetingIso)} is in the ${academicYearLabel(meeting)} academic year, far from this one (${academicYearLabel(current)}): check the year.`;
}

/**
 * Checks the details before a form is made; each problem is one sentence saying what to do.
 * An empty list means the details can be used. Names may be left blank (the form has space to write them).
 */
export function checkTsmDetails(details: TsmMeetingDetails): string[] {
  const problems: string[] = [];
  if (!details.schoolName || details.schoolName.trim() === "") problems.push("Enter the school's name.");
  if (details.urn && !/^\d{6}$/.test(details.urn.trim()))
    problems.push("The URN should be the school's 6-digit unique reference number, for example 118000.");
  if (!(details.phase in phaseLabels))
    problems.push("Choose the phase: primary, secondary, special, all-through or other.");
  if (!parseIsoDate(details.meetingDate)) problems.push("Enter the meeting date as a date, for example 14/11/2025.");
  // Typed text is capped where it is typed (excelLimits.ts): the school's name goes into every printed header.
  for (const problem of [
    typedTextProblem("the school's name", details.schoolName ?? "", typedTextLimits.schoolName),
    typedTextProblem("the senior attendance lead", details.seniorAttendanceLead ?? "", typedTextLimits.personName),
    typedTextProblem("the link PIAS officer", details.linkPiasOfficer ?? "", typedTextLimits.personName),
  ]) {
    if (problem) problems.push(problem);
  }
  return problems;
}
