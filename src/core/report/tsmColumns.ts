import type { Framework } from "../rules/pupilAnalysis";
import { admissionNumberHeading, dateOfBirthHeading } from "./pupilReferences";

/**
 * The pupil table of the Targeting Support Meeting form (docs/rules.md §7), defined once: the form
 * (tsmForm.ts) writes these columns and the merge (tsmMerge.ts) reads them back by heading, so a heading
 * renamed here is renamed in both.
 */
export interface TsmPupilColumn {
  heading: string;
  /** Width in characters on the full form and on the shareable one (narrower labels need less room). */
  width: { full: number; shareable: number };
  /** Number format ("@" text, "0.0%", "0", "dd/mm/yyyy"); null = General. */
  format: string | null;
  /** People type into it and it is kept when the form is made again; otherwise the add-in fills it. */
  input: boolean;
  /** Long text wraps within the column (and the row is made tall enough to show it). */
  wrap: boolean;
  /**
   * Which forms show it: names and UPNs only on the school's own ("full"); admission numbers and dates of
   * birth only there too, and only where the export has them (they tell apart pupils of the same name:
   * docs/rules.md §7); stages and levels by the framework chosen; the pattern only where the sheet has
   * session marks. Every form otherwise.
   */
  shownOn?: "full" | "admissionNumbers" | "datesOfBirth" | Exclude<Framework, "both"> | "sessionMarks";
}

/** How every date a person types on the form is shown. */
export const tsmDateFormat = "dd/mm/yyyy";

/** Choices for the lead practitioner of a pupil's support. */
export const leadPractitionerOptions = ["School", "Early Help", "Social care", "PIAS", "Health", "Other"];

/** Heading of the extra column that holds typed notes whose own column no longer exists. */
export const otherNotesHeading = "Other notes (kept from the earlier form)";

const same = (width: number) => ({ full: width, shareable: width });
const data = (heading: string, width: { full: number; shareable: number }, format: string | null, wrap = false, shownOn?: TsmPupilColumn["shownOn"]): TsmPupilColumn => ({
  heading,
  width,
  format,
  input: false,
  wrap,
  ...(shownOn ? { shownOn } : {}),
});
const typed = (heading: string, width: number, format: string): TsmPupilColumn => ({ heading, width: same(width), format, input: true, wrap: false });

// Widths keep the form readable printed landscape one page wide: labels wrap rather than widen columns.
// The first three columns also hold the meeting details and attendees: without names and UPNs they are
// widened so labels such as "Attendance data covers" and "Organisation" still fit.
export const tsmPupilColumns: readonly TsmPupilColumn[] = [
  data("Reference", { full: 11, shareable: 14 }, "@"),
  data("Name", same(22), "@", false, "full"),
  data("UPN", same(15), "@", false, "full"),
  data(admissionNumberHeading, same(12), "@", false, "admissionNumbers"),
  data(dateOfBirthHeading, same(11), tsmDateFormat, false, "datesOfBirth"),
  data("Year", { full: 8, shareable: 12 }, "@"),
  data("Attendance", { full: 11, shareable: 14 }, "0.0%"),
  data("Missed sessions", same(9), "0"),
  data("Missed: authorised", same(11), "0"),
  data("Missed: unauthorised", same(13), "0"),
  data("Band", same(14), "@", true),
  data("Stage", same(16), "@", true, "stages"),
  data("PIAS level", same(16), "@", true, "levels"),
  data("Penalty-notice threshold met", same(11), "@"),
  // docs/rules.md §10: the pattern in words, where the sheet has session marks.
  data("Pattern", same(30), "@", true, "sessionMarks"),
  data("Suggested next step", same(40), "@", true),
  typed("Barriers", 24, "@"),
  typed("Support in place", 24, "@"),
  typed("Agreed actions", 28, "@"),
  typed("Lead practitioner", 14, "@"),
  typed("Owner", 14, "@"),
  typed("Review date", 12, tsmDateFormat),
];

/**
 * The pupil-table columns the add-in fills from the analysis. Any other column in an old form (one a
 * person added, say) holds typed cells, and is kept like the input columns.
 */
export const pupilDataHeadings: readonly string[] = tsmPupilColumns.filter((c) => !c.input).map((c) => c.heading);

/** The pupil-table columns people type into, in order. */
export const pupilInputHeadings: readonly string[] = tsmPupilColumns.filter((c) => c.input).map((c) => c.heading);

/** What decides which columns a form has. */
export interface TsmFormShape {
  shareable: boolean;
  framework: Framework;
  hasSessionMarks: boolean;
  /** Some pupil has an admission number (shown on the school's own form only). */
  hasAdmissionNumbers?: boolean;
  /** Some pupil has a date of birth (shown on the school's own form only). */
  hasDatesOfBirth?: boolean;
  /** Old typed notes need the other-notes column. */
  otherNotes: boolean;
}

/** The columns of one form, in order: the other-notes column last, when old notes need it. */
export function tsmColumnsFor(form: TsmFormShape): TsmPupilColumn[] {
  const shown = tsmPupilColumns.filter((c) => {
    switch (c.shownOn) {
      case "full":
        return !form.shareable;
      case "admissionNumbers":
        return !form.shareable && form.hasAdmissionNumbers === true;
      case "datesOfBirth":
        return !form.shareable && form.hasDatesOfBirth === true;
      case "stages":
        return form.framework !== "levels";
      case "levels":
        return form.framework !== "stages";
      case "sessionMarks":
        return form.hasSessionMarks;
      default:
        return true;
    }
  });
  return form.otherNotes ? [...shown, { heading: otherNotesHeading, width: same(30), format: "@", input: true, wrap: false }] : shown;
}
