import { sessionsInSchoolYear } from "./sessionsToLeave";

/**
 * Possible sessions no pupil can have: all 17 years from nursery (N1, N2, reception) to year 14 at 380
 * sessions a year (sessionsToLeave.ts). An export may span more than one year, so a year's 380 is not the
 * bound; but "150" typed as "15000", or a serial number in the wrong column, weighs as a hundred pupils in
 * the whole-school figure and shows governors 99.6% where it is 80% (docs/rules.md §1).
 */
export const mostPossibleSessions = 17 * sessionsInSchoolYear;

/**
 * Figures no pupil can have: more sessions attended, or missed, or both together, than were possible
 * (docs/rules.md §1: attended + missed never exceeds possible), or more possible than a school career
 * holds. A pupil with such figures keeps the band the export's own counts give, with a warning, but is
 * left out of the whole-school and cohort attendance figures, which would otherwise show governors
 * "Overall attendance 117.5%".
 */
export function impossibleFigures(figures: {
  possibleSessions: number | null;
  attendedSessions: number | null;
  missedSessions: number | null;
}): string | null {
  const { possibleSessions: possible, attendedSessions: attended, missedSessions: missed } = figures;
  if (possible === null) return null;
  if (possible > mostPossibleSessions) {
    return `${possible.toLocaleString("en-GB")} sessions possible, more than the ${mostPossibleSessions.toLocaleString("en-GB")} of a whole school career`;
  }
  if (attended !== null && attended > possible) return `${attended} sessions attended of ${possible} possible`;
  if (missed !== null && missed > possible) return `${missed} sessions missed of ${possible} possible`;
  if (attended !== null && missed !== null && attended + missed > possible) {
    return `${attended} sessions attended and ${missed} missed, more than the ${possible} possible`;
  }
  return null;
}

export function impossibleFiguresWarning(reason: string): string {
  return `The figures cannot all be right (${reason}), so this pupil is left out of the whole-school and cohort attendance figures; check this pupil's row in the export.`;
}

const checkTheRow = "; check this pupil's row in the export.";

/**
 * Adds the impossible-figures warning once per problem: where the session counts already said that a figure is
 * more than the sessions possible, that message gains the exclusion instead of a second message about the same row.
 */
export function addImpossibleFiguresWarning(warnings: string[], firstFromCounts: number, reason: string): void {
  for (let index = firstFromCounts; index < warnings.length; index++) {
    const warning = warnings[index]!;
    if (warning.includes("more than possible sessions") && warning.endsWith(checkTheRow)) {
      warnings[index] = `${warning.slice(0, -checkTheRow.length)}, and this pupil is left out of the whole-school and cohort attendance figures${checkTheRow}`;
      return;
    }
  }
  warnings.push(impossibleFiguresWarning(reason));
}
