import type { PupilRecord, ReportedPercent } from "../read/pupilRecord";
import type { MarkCounts } from "./registerCodes";

/**
 * docs/rules.md §1: a pupil's possible, attended and missed sessions, from whichever figures the export gives.
 * Order: absence counts → possible − attended → register marks → a percentage alone.
 * (Marks come before a lone percentage: a percentage is only used when it is all the sheet gives, §1–2.)
 * Unknown numbers stay null; inconsistent figures give a warning, never a silent guess.
 */
export type CountsSource = "absence-counts" | "attended" | "marks" | "percent" | "none";

export interface SessionCounts {
  possible: number | null;
  attended: number | null;
  missed: number | null;
  authorised: number | null;
  unauthorised: number | null;
  source: CountsSource;
  /** The percentage as the MIS gave it, if any. */
  reportedPercent: ReportedPercent | null;
  warnings: string[];
}

type NumericField =
  | "possibleSessions"
  | "presentSessions"
  | "aeaSessions"
  | "attendedSessions"
  | "authorisedSessions"
  | "unauthorisedSessions"
  | "missedSessions";

const fieldNames: Record<NumericField, string> = {
  possibleSessions: "possible sessions",
  presentSessions: "present sessions",
  aeaSessions: "approved educational activity (AEA) sessions",
  attendedSessions: "attended sessions",
  authorisedSessions: "authorised absence",
  unauthorisedSessions: "unauthorised absence",
  missedSessions: "missed sessions",
};

function sessionsOf(value: number | null, field: NumericField, warnings: string[]): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0) {
    warnings.push(
      `The ${fieldNames[field]} figure (${String(value)}) is not a number of sessions, so it is not used; check this pupil's row in the export.`,
    );
    return null;
  }
  return value;
}

function percentOf(record: PupilRecord, warnings: string[]): ReportedPercent | null {
  const reported = record.attendancePercent;
  if (!reported) return null;
  if (!Number.isFinite(reported.percent) || reported.percent < 0 || reported.percent > 100.0000005) {
    warnings.push(
      `The attendance percentage (${String(reported.percent)}%) is outside 0–100%, so it is not used; check this pupil's row in the export.`,
    );
    return null;
  }
  return reported;
}

/**
 * `warnings`, when given, is the list the messages are added to (and returned as `warnings`), so a
 * caller that already holds the pupil's warnings does not copy them.
 */
export function sessionCounts(record: PupilRecord, marks: MarkCounts | null, warnings: string[] = []): SessionCounts {
  let possible = sessionsOf(record.possibleSessions, "possibleSessions", warnings);
  const present = sessionsOf(record.presentSessions, "presentSessions", warnings);
  const aea = sessionsOf(record.aeaSessions, "aeaSessions", warnings);
  const attendedColumn = sessionsOf(record.attendedSessions, "attendedSessions", warnings);
  let authorised = sessionsOf(record.authorisedSessions, "authorisedSessions", warnings);
  let unauthorised = sessionsOf(record.unauthorisedSessions, "unauthorisedSessions", warnings);
  const missedColumn = sessionsOf(record.missedSessions, "missedSessions", warnings);
  const reportedPercent = percentOf(record, warnings);

  // Attended = present + AEA (docs/rules.md §1), or the export's own attended column.
  const attendedFromParts = present !== null ? present + (aea ?? 0) : null;
  if (attendedColumn !== null && attendedFromParts !== null && attendedColumn !== attendedFromParts) {
    warnings.push(
      `Attended sessions (${attendedColumn}) differ from present (${present}) + AEA (${aea ?? 0}) = ${attendedFromParts}; the attended figure is used. Check this pupil's row in the export.`,
    );
  }
  let attended = attendedColumn ?? attendedFromParts;

  // Missed = authorised + unauthorised (docs/rules.md §1).
  let missed: number | null = null;
  if (authorised !== null && unauthorised !== null) {
    missed = authorised + unauthorised;
    if (missedColumn !== null && missedColumn !== missed) {
      warnings.push(
        `Missed sessions (${missedColumn}) differ from authorised (${authorised}) + unauthorised (${unauthorised}) = ${missed}; the authorised and unauthorised figures are used. Check this pupil's row in the export.`,
      );
    }
  } else if (missedColumn !== null) {
    missed = missedColumn;
  }

  let source: CountsSource = "none";
  if (missed !== null) {
    if (possible === null && attended !== null) possible = attended + missed;
    if (possible !== null) source = "absence-counts";
  }
  if (source === "none" && possible !== null && attended !== null) {
    // Only attended and possible: missed = possible − attended (docs/rules.md §1).
    if (attended > possible) {
      warnings.push(
        `Attended sessions (${attended}) are more than possible sessions (${possible}), so sessions missed are not known; check this pupil's row in the export.`,
      );
    } else {
      missed = possible - attended;
      source = "attended";
    }
  }
  if (source === "none" && marks !== null) {
    possible = marks.possible;
    attended = marks.attended;
    missed = marks.authorised + marks.unauthorised;
    authorised = marks.authorised;
    unauthorised = marks.unauthorised;
    source = "marks";
  }
  if (source === "none" && reportedPercent !== null) source = "percent";

  if (source === "absence-counts" || source === "attended") {
    // Derive the one unknown part of missed = authorised + unauthorised; this is arithmetic, not a guess.
    if (missed !== null && authorised !== null && unauthorised === null && missed >= authorised)
      unauthorised = missed - authorised;
    if (missed !== null && unauthorised !== null && authorised === null && missed >= unauthorised)
      authorised = missed - unauthorised;
    if (missed !== null && authorised !== null && unauthorised !== null && authorised + unauthorised !== missed) {
      warnings.push(
        `Authorised (${authorised}) + unauthorised (${unauthorised}) absence do not make the ${missed} sessions missed (possible − attended); check this pupil's row in the export.`,
      );
    }
  }

  if (source === "absence-counts" && possible !== null && missed !== null) {
    if (missed > possible) {
      warnings.push(
        `Missed sessions (${missed}) are more than possible sessions (${possible}); check this pupil's row in the export.`,
      );
    }
    if (attended !== null && attended + missed !== possible) {
      const parts =
        attendedColumn !== null
          ? `Attended (${attended})`
          : `Present (${present ?? 0}) + AEA (${aea ?? 0})`;
      warnings.push(
        `${parts} + authorised (${authorised ?? "?"}) + unauthorised (${unauthorised ?? "?"}) make ${attended + missed} sessions, but possible sessions are ${possible}; the band uses possible sessions and the absence figures. Check this pupil's row in the export.`,
      );
    } else if (attended === null) {
      attended = possible - missed >= 0 ? possible - missed : null;
    }
  }

  // A percentage given alongside session counts should agree with them at its own precision.
  if (
    reportedPercent !== null &&
    source !== "percent" &&
    source !== "none" &&
    possible !== null &&
    possible > 0 &&
    attended !== null
  ) {
    const computed = (attended / possible) * 100;
    const tolerance = reportedPercent.decimals === null ? 0.05 : 0.5 * 10 ** -reportedPercent.decimals + 1e-9;
    if (Math.abs(computed - reportedPercent.percent) > tolerance) {
      warnings.push(
        `The attendance percentage in the sheet (${reportedPercent.percent}%) does not match ${attended} attended of ${possible} possible sessions (${computed.toFixed(1)}%); the band uses the sessions. Check that the right columns are mapped.`,
      );
    }
  }

  return {
    possible,
    attended,
    missed,
    authorised,
    unauthorised,
    source,
    reportedPercent,
    warnings,
  };
}
