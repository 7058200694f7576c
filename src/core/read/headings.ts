import type { ColumnField } from "./pupilRecord";

/** User-facing names of each field (task pane mapping dropdowns, messages). */
export const fieldLabels: Record<ColumnField, string> = {
  upn: "UPN",
  admissionNumber: "Admission number",
  dateOfBirth: "Date of birth",
  fullName: "Name",
  surname: "Surname",
  forename: "Forename",
  yearGroup: "Year group",
  regGroup: "Registration group",
  possibleSessions: "Possible sessions",
  presentSessions: "Present sessions",
  aeaSessions: "Approved educational activity (AEA)",
  attendedSessions: "Attended sessions",
  authorisedSessions: "Authorised absences",
  unauthorisedSessions: "Unauthorised absences",
  missedSessions: "Total absence (sessions)",
  attendancePercent: "Attendance %",
  fsm: "Free school meals (FSM)",
  pupilPremium: "Pupil Premium",
  sen: "SEN status",
  ehcp: "EHCP",
  eal: "EAL",
  ethnicity: "Ethnicity",
  childInCare: "Child in care (CiC)",
  socialWorker: "Social worker (CIN/CP)",
  gender: "Gender",
  recordedStage: "Current stage",
  recordedLevel: "Current PIAS level",
  parentingContract: "Parenting contract",
  penaltyNotice: "Penalty notice (FPN)",
  persistentAbsenceFlag: "Persistent absence flag (PA)",
  severeAbsenceFlag: "Severe absence flag (SA)",
};

/** Fields that state a band rather than give a figure: checked against the computed band, never counted. */
export const statusFields: readonly ColumnField[] = ["persistentAbsenceFlag", "severeAbsenceFlag"];

/** Fields that carry attendance figures: a sheet needs at least one of these (or register marks). */
export const measureFields: readonly ColumnField[] = [
  "possibleSessions",
  "presentSessions",
  "aeaSessions",
  "attendedSessions",
  "authorisedSessions",
  "unauthorisedSessions",
  "missedSessions",
  "attendancePercent",
];

/** Fields read as counts of sessions. */
export const countFields: readonly ColumnField[] = [
  "possibleSessions",
  "presentSessions",
  "aeaSessions",
  "attendedSessions",
  "authorisedSessions",
  "unauthorisedSessions",
  "missedSessions",
];

/**
 * Headings as each MIS writes them (SIMS, Arbor, Bromcom, ScholarPack, Integris), normalised
 * (see normaliseHeading). Earlier entries are better candidates when two columns claim one field.
 */
const exactHeadings: Record<ColumnField, readonly string[]> = {
  upn: ["upn", "unique pupil number", "pupil upn", "student upn"],
  admissionNumber: ["adno", "admission number", "admission no", "adm no", "admissions number", "admission num", "adm number", "pupil id", "student id", "mis id"],
  dateOfBirth: ["dob", "d o b", "date of birth", "birth date", "birthdate", "dateofbirth", "date birth", "pupil dob", "student dob", "dob dd mm yyyy"],
  fullName: [
    "name",
    "student",
    "pupil",
    "student name",
    "pupil name",
    "full name",
    "legal name",
    "learner",
    "learner name",
    "child",
    "child name",
    "preferred name",
    "surname forename",
    "name surname forename",
  ],
  surname: ["surname", "legal surname", "last name", "family name", "preferred surname", "lastname"],
  forename: [
    "forename",
    "legal forename",
    "first name",
    "given name",
    "forenames",
    "preferred forename",
    "firstname",
    "legal forenames",
  ],
  yearGroup: ["year", "nc year", "year group", "yr", "ncyear", "national curriculum year", "yeargroup", "yr group", "year grp"],
  regGroup: [
    "reg group",
    "tutor group",
    "registration form",
    "form",
    "registration group",
    "reg form",
    "form group",
    "class",
    "reg",
    "tutor",
    "regroup",
  ],
  possibleSessions: [
    "possible sessions",
    "poss",
    "sessions possible",
    "possible marks",
    "possible",
    "poss sessions",
    "total possible",
    "possible attendance",
    "marks possible",
  ],
  presentSessions: ["present", "pres", "present sessions", "sessions present", "present marks"],
  aeaSessions: [
    "aea",
    "approved educational activity",
    "approved education activity",
    "aea sessions",
    "approved edu activity",
  ],
  attendedSessions: [
    "attended",
    "sessions attended",
    "attended sessions",
    "attendances",
    "total attended",
    "present aea",
    "present and aea",
    "present plus aea",
  ],
  authorisedSessions: [
    "authorised absences",
    "auth",
    "authorised",
    "authorised absence",
    "auth abs",
    "authorised sessions",
    "authorized absences",
    "authorized",
  ],
  unauthorisedSessions: [
    "unauthorised absences",
    "unauth",
    "unauthorised",
    "unauthorised absence",
    "unauth abs",
    "unauthorised sessions",
    "unauthorized absences",
    "unauthorized",
  ],
  missedSessions: [
    "total absence",
    "absences",
    "absence",
    "total absences",
    "sessions missed",
    "missed sessions",
    "missed",
    "absent",
    "total absent",
    "absent sessions",
  ],
  attendancePercent: [
    "percent attendance",
    "attendance percent",
    "att percent",
    "attendance",
    "attendance percentage",
    "percentage attendance",
    "overall attendance",
    "overall attendance percent",
    "percent present",
    "present percent",
    "percent attended",
  ],
  fsm: ["fsm", "free school meals", "fsm6", "fsm ever 6", "ever 6 fsm", "fsm eligible", "fsm status", "ever fsm"],
  pupilPremium: ["pp", "pupil premium", "pp pupil premium", "pupil premium indicator", "pp eligible", "disadvantaged"],
  sen: ["sen", "sen status", "send", "send status", "sen provision", "sen stage", "sen need"],
  ehcp: ["ehcp", "ehc plan", "education health and care plan", "ehcp flag"],
  eal: ["eal", "english as an additional language", "eal status"],
  ethnicity: ["ethnicity", "ethnic code", "ethnic group", "ethnicity code", "ethnic origin", "ethnicity description"],
  childInCare: [
    "cic",
    "lac",
    "cla",
    "looked after",
    "looked after child",
    "child in care",
    "children in care",
    "in care",
    "cic lac",
    "lac cic",
  ],
  socialWorker: [
    "cin",
    "cp",
    "social worker",
    "child in need",
    "child protection",
    "cin cp",
    "has social worker",
    "cp cin",
  ],
  gender: ["gender", "sex", "legal sex"],
  recordedStage: ["current stage", "stage", "attendance stage", "current attendance stage"],
  recordedLevel: ["current pias level", "pias level", "level", "current level", "intervention level", "current pias"],
  parentingContract: ["parenting contract", "parenting contract in place"],
  penaltyNotice: [
    "fpn",
    "penalty notice",
    "last fpn date",
    "fpn date",
    "penalty notice date",
    "fixed penalty notice",
    "fpn issued",
    "last penalty notice",
  ],
  // Read by statusOfHeading before these lists; here so that every field has its usual headings.
  persistentAbsenceFlag: ["persistent absence", "pa", "pa flag", "persistent absentee", "is pa"],
  severeAbsenceFlag: ["severe absence", "sa", "sa flag", "severe absentee", "is sa"],
};

const countFieldSet: ReadonlySet<ColumnField> = new Set(countFields);

/** Looser rules: every token present in the heading. Order matters: the first match wins. */
const containsRules: readonly (readonly [ColumnField, readonly string[]])[] = [
  ["upn", ["upn"]],
  ["admissionNumber", ["admission"]],
  ["admissionNumber", ["adno"]],
  ["dateOfBirth", ["birth"]],
  ["dateOfBirth", ["dob"]],
  ["penaltyNotice", ["fpn"]],
  ["penaltyNotice", ["penalty"]],
  ["parentingContract", ["parenting", "contract"]],
  ["recordedLevel", ["pias"]],
  ["recordedStage", ["attendance", "stage"]],
  ["recordedStage", ["current", "stage"]],
  ["possibleSessions", ["possible"]],
  ["possibleSessions", ["poss"]],
  ["aeaSessions", ["aea"]],
  ["aeaSessions", ["approved", "activity"]],
  ["unauthorisedSessions", ["unauthorised"]],
  ["unauthorisedSessions", ["unauthorized"]],
  ["unauthorisedSessions", ["unauth"]],
  ["authorisedSessions", ["authorised"]],
  ["authorisedSessions", ["authorized"]],
  ["authorisedSessions", ["auth"]],
  ["attendedSessions", ["attended"]],
  ["attendedSessions", ["attendances"]],
  ["presentSessions", ["present"]],
  ["missedSessions", ["absence"]],
  ["missedSessions", ["absences"]],
  ["missedSessions", ["missed"]],
  ["missedSessions", ["absent"]],
  ["surname", ["surname"]],
  ["surname", ["last", "name"]],
  ["surname", ["family", "name"]],
  ["forename", ["forename"]],
  ["forename", ["forenames"]],
  ["forename", ["first", "name"]],
  ["forename", ["given", "name"]],
  ["pupilPremium", ["pupil", "premium"]],
  ["fsm", ["fsm"]],
  ["fsm", ["free", "meals"]],
  ["ehcp", ["ehcp"]],
  ["ehcp", ["ehc"]],
  ["sen", ["sen"]],
  ["sen", ["send"]],
  ["eal", ["eal"]],
  ["ethnicity", ["ethnicity"]],
  ["ethnicity", ["ethnic"]],
  ["childInCare", ["looked", "after"]],
  ["childInCare", ["lac"]],
  ["childInCare", ["cic"]],
  ["socialWorker", ["social", "worker"]],
  ["socialWorker", ["cin"]],
  ["socialWorker", ["protection"]],
  ["gender", ["gender"]],
  ["yearGroup", ["year", "group"]],
  ["yearGroup", ["nc", "year"]],
  ["yearGroup", ["curriculum", "year"]],
  ["regGroup", ["reg"]],
  ["regGroup", ["registration"]],
  ["regGroup", ["tutor"]],
  ["regGroup", ["form"]],
  ["fullName", ["name"]],
  ["fullName", ["student"]],
  ["fullName", ["pupil"]],
  ["yearGroup", ["year"]],
];

/** Words that make a "%" heading an attendance percentage rather than an absence rate. */
const attendancePercentWords = new Set(["attendance", "att", "attended", "present", "overall", "attend"]);
/** Words that make a "%" heading an absence rate ("Overall absence %"), which the reader does not use. */
const absenceWords = new Set(["absence", "absences", "absent", "missed", "authorised", "unauthorised", "auth", "unauth", "late", "lates"]);

/**
 * Case-, spacing- and punctuation-insensitive form of a heading: "% Attendance" → "percent attendance",
 * "Poss." → "poss", "CIN/CP" → "cin cp".
 */
export function normaliseHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/%/g, " percent ")
    .replace(/&/g, " and ")
    .replace(/\+/g, " plus ")
    .replace(/[<≤]/g, " below ")
    .replace(/[>≥]/g, " above ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\bpct\b|\bperc\b|\bpc\b(?= attendance)/g, "percent")
    .replace(/ plus /g, " ")
    .replace(/ and (?=aea$)/, " ");
}

export interface HeadingMatch {
  field: ColumnField;
  /** 1 for a known heading, lower for a looser match. */
  confidence: number;
  /** Position in the synonym list: lower is the better candidate when two columns claim one field. */
  rank: number;
}

const exactLookup = new Map<string, HeadingMatch>();
for (const field of Object.keys(exactHeadings) as ColumnField[]) {
  exactHeadings[field].forEach((heading, rank) => {
    if (!exactLookup.has(heading)) exactLookup.set(heading, { field, confidence: 1, rank });
  });
}

/** Longest heading text worth reading: anything longer is a note, not a heading. */
const maxHeadingLength = 120;

const persistentWords = new Set(["persistent", "persistently", "pa", "absentee", "absentees"]);
const severeWords = new Set(["severe", "severely", "sa"]);
const belowWords = new Set(["below", "under", "less", "lt", "le", "max", "maximum"]);
const aboveWords = new Set(["above", "over", "more", "plus", "gt", "ge", "min", "minimum"]);
const statusWords = new Set(["flag", "status", "indicator", "band", "concern", "category", "alert", "risk", "yn", "y", "n"]);
const absenceOrAttendance = new Set(["absence", "absences", "absent", "attendance", "att", "attend", "attended", "missed"]);

/**
 * A heading that names a band or status rather than a figure: "Persistent Absence", "PA", "PA?", "PA flag",
 * "Is PA", "Severe absence", "SA?", "Below 90%", "Over 10% absent", "Absence flag". Such a column holds
 * 1/blank, Y/N or 100.00/blank, and read as a count it would hide persistent absentees (docs/rules.md §2).
 * "other": a status the reader cannot tie to a band, left unused.
 */
export function statusOfHeading(normal: string): "persistentAbsenceFlag" | "severeAbsenceFlag" | "other" | null {
  const tokens = normal.split(" ");
  let persistent = false;
  let severe = false;
  let below = false;
  let above = false;
  let status = false;
  let absence = false;
  let ninety = false;
  let fifty = false;
  let ten = false;
  for (const token of tokens) {
    if (persistentWords.has(token)) persistent = true;
    else if (severeWords.has(token)) severe = true;
    else if (belowWords.has(token)) below = true;
    else if (aboveWords.has(token)) above = true;
    else if (statusWords.has(token)) status = true;
    else if (absenceOrAttendance.has(token)) absence = true;
    else if (token === "90") ninety = true;
    else if (token === "50") fifty = true;
    else if (token === "10") ten = true;
  }
  // "Persistent and severe absence": severe is the narrower band, and a severe pupil is persistent too.
  if (severe) return "severeAbsenceFlag";
  if (persistent) return "persistentAbsenceFlag";
  // "Below 90%", "90% or below", "< 90% attendance", "Over 10% absence", "Below 50%", "50% or more absent".
  if (ninety && (below || tokens.includes("or"))) return "persistentAbsenceFlag";
  if (ten && absence && (above || tokens.includes("or"))) return "persistentAbsenceFlag";
  if (fifty && (below || above || tokens.includes("or"))) return "severeAbsenceFlag";
  if (status && absence) return "other";
  return null;
}

/** The field a heading names, or null. */
export function classifyHeading(text: string): HeadingMatch | null {
  if (text.length === 0 || text.length > maxHeadingLength) return null;
  const normal = normaliseHeading(text);
  if (normal === "") return null;
  // A status column is never a count, whatever else its heading says ("Persistent Absence" holds "absence").
  const status = statusOfHeading(normal);
  if (status === "other") return null;
  if (status !== null) return { field: status, confidence: 1, rank: 0 };
  const exact = exactLookup.get(normal) ?? exactLookup.get(normal.replace(/ (?:count|number|num)$/, ""));
  if (exact) return exact;
  const tokens = normal.split(" ");
  if (tokens.includes("percent") || tokens.includes("percentage") || tokens.includes("rate")) {
    // A percentage is only ever the attendance percentage; "% Unauth" is an absence rate, not a count.
    for (const token of tokens) if (absenceWords.has(token)) return null;
    for (const token of tokens) {
      if (attendancePercentWords.has(token)) return { field: "attendancePercent", confidence: 0.8, rank: 50 };
    }
    return null;
  }
  // "Days absent", "Possible days": counted in days, not sessions, so never read as a count of sessions.
  const inDays = tokens.includes("days") || tokens.includes("day");
  for (let i = 0; i < containsRules.length; i++) {
    const [field, words] = containsRules[i]!;
    if (inDays && countFieldSet.has(field)) continue;
    if (words.every((word) => tokens.includes(word))) {
      return { field, confidence: field === "yearGroup" && words.length === 1 ? 0.6 : 0.8, rank: 100 + i };
    }
  }
  return null;
}
