import { columnIndex, columnLetter, maxColumns } from "../common/a1";
import { fieldLabels, normaliseHeading } from "./headings";
import type { ColumnField } from "./pupilRecord";

/**
 * Short names a user types for each field ("--column missed=L"), besides the field's own name and label.
 * Normalised as headings are (case, spaces, hyphens and punctuation do not matter).
 */
const roleNames: Record<ColumnField, readonly string[]> = {
  upn: ["upn"],
  admissionNumber: ["adno", "admission", "admission number"],
  dateOfBirth: ["dob", "date of birth", "birth date"],
  fullName: ["name", "full name", "fullname", "student", "pupil"],
  surname: ["surname", "last name"],
  forename: ["forename", "first name"],
  yearGroup: ["year", "year group", "yeargroup"],
  regGroup: ["reg", "reg group", "form", "tutor group", "registration group"],
  possibleSessions: ["possible", "poss", "possible sessions"],
  presentSessions: ["present", "present sessions"],
  aeaSessions: ["aea"],
  attendedSessions: ["attended", "attended sessions"],
  authorisedSessions: ["authorised", "auth", "authorised absences"],
  unauthorisedSessions: ["unauthorised", "unauth", "unauthorised absences"],
  missedSessions: ["missed", "absence", "absences", "total absence", "missed sessions"],
  attendancePercent: ["percent", "attendance", "attendance percent", "percentage"],
  fsm: ["fsm"],
  pupilPremium: ["pp", "pupil premium"],
  sen: ["sen"],
  ehcp: ["ehcp"],
  eal: ["eal"],
  ethnicity: ["ethnicity"],
  childInCare: ["cic", "lac", "child in care"],
  socialWorker: ["social-worker", "cin", "cp"],
  gender: ["gender", "sex"],
  recordedStage: ["stage", "current stage"],
  recordedLevel: ["level", "pias level", "current level"],
  parentingContract: ["parenting-contract", "contract"],
  penaltyNotice: ["fpn", "penalty-notice"],
  persistentAbsenceFlag: ["pa", "pa flag", "persistent", "persistent absence"],
  severeAbsenceFlag: ["sa", "sa flag", "severe", "severe absence"],
};

const roleLookup = new Map<string, ColumnField>();
for (const field of Object.keys(roleNames) as ColumnField[]) {
  for (const name of [...roleNames[field], field.toLowerCase(), fieldLabels[field]]) {
    const key = normaliseHeading(name);
    if (!roleLookup.has(key)) roleLookup.set(key, field);
  }
}

/** The field a user's role name means ("missed", "Possible sessions", "possibleSessions"), or null. */
export function fieldFromRole(role: string): ColumnField | null {
  return roleLookup.get(normaliseHeading(role)) ?? roleLookup.get(role.trim().toLowerCase()) ?? null;
}

/** The role names to show in help and messages: the first short name of each field. */
export function roleNamesForHelp(): string[] {
  return (Object.keys(roleNames) as ColumnField[]).map((field) => roleNames[field][0]!);
}

/** "A" → 0, "AB" → 27; null when the text is not one to three letters within Excel's columns. */
export function columnIndexOfLetters(text: string): number | null {
  const letters = text.trim();
  if (letters.length > 3) return null;
  const index = columnIndex(letters);
  return index >= 0 && index < maxColumns ? index : null;
}

/**
 * Which grid column a user means by a letter or a heading, given the header row's headings: a heading
 * that matches (case, spacing and punctuation aside) wins over letters, so "PA" is the column headed "PA".
 * "none" (or "ignore", "-") → null: the user says the sheet has no such column. A string when nothing matches.
 */
export function resolveColumnChoice(
  text: string,
  headings: readonly string[],
  firstColumn: number,
): { ok: true; column: number | null } | { ok: false; message: string } {
  const wanted = normaliseHeading(text);
  if (["none", "ignore", "no column", ""].includes(wanted) || text.trim() === "-") return { ok: true, column: null };
  const byHeading = headings.findIndex((heading) => heading !== "" && normaliseHeading(heading) === wanted);
  if (byHeading >= 0) return { ok: true, column: byHeading };
  const index = columnIndexOfLetters(text);
  if (index !== null && index >= firstColumn && index - firstColumn < Math.max(headings.length, 1)) {
    return { ok: true, column: index - firstColumn };
  }
  const shown = headings
    .map((heading, column) => (heading.trim() === "" ? null : `${columnLetter(firstColumn + column)} "${heading.trim()}"`))
    .filter((entry): entry is string => entry !== null)
    .slice(0, 40)
    .join(", ");
  return { ok: false, message: `no column is headed "${text.trim()}" or lettered so on the header row; its columns are ${shown || "all blank"}` };
}
