import { parseIsoDate } from "./academicCalendar";

/** What the school types once for its Targeting Support Meeting form (rules.md §7). */
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
  return problems;
}
