import type { ColumnField } from "./pupilRecord";

/** User-facing names of each field (task pane mapping dropdowns, messages). */
export const fieldLabels: Record<ColumnField, string> = {
  upn: "UPN",
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
};

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
};

/** Looser rules: every token present in the heading. Order matters: the first match wins. */
const containsRules: readonly (readonly [ColumnField, readonly string[]])[] = [
  ["upn", ["upn"]],
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

/** The field a heading names, or null. */
export function classifyHeading(text: string): HeadingMatch | null {
  if (text.length === 0 || text.length > maxHeadingLength) return null;
  const normal = normaliseHeading(text);
  if (normal === "") return null;
  const exact = exactLookup.get(normal);
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
  for (let i = 0; i < containsRules.length; i++) {
    const [field, words] = containsRules[i]!;
    if (words.every((word) => tokens.includes(word))) {
      return { field, confidence: field === "yearGroup" && words.length === 1 ? 0.6 : 0.8, rank: 100 + i };
    }
  }
  return null;
}
