import type { CellValue, Grid } from "../core/read/grid";
import { seededRandom, type Random } from "./random";

/**
 * A fictitious secondary school's autumn-term attendance summary, shaped like a SIMS export: two title rows,
 * a blank row, the header row, one row per pupil sorted by year, reg group and name, and a totals row.
 * Deterministic (seeded), pure TypeScript with no Node imports, so the task pane can insert it too.
 * Every pupil, name and UPN is invented.
 */
export const sampleSchool = { name: "Oakfield Academy", urn: "999999", phase: "secondary" as const };

export const sampleHeadings = [
  "UPN",
  "Legal Surname",
  "Legal Forename",
  "Year",
  "Reg Group",
  "Possible Sessions",
  "Present",
  "AEA",
  "Authorised Absences",
  "Unauthorised Absences",
  "% Attendance",
  "FSM",
  "PP",
  "SEN",
  "EAL",
  "Ethnicity",
  "CiC",
  "CIN/CP",
  "Current PIAS level",
] as const;

/** Autumn term 2025: Wed 03/09/2025 (after two INSET days) to Fri 19/12/2025, half term 27–31/10: 73 days. */
export const sampleTermSessions = 146;

export interface SummaryExportOptions {
  pupils: number;
  seed: number;
  /** Title rows, blank row and totals row as a real export has them (default true). */
  decorations?: boolean;
}

type SampleBand = "severe" | "persistent" | "at-risk" | "expected" | "no-data";

/** The bundled sample: about 200 pupils in Years 7–11 with every band present. */
export function sampleExportGrid(): Grid {
  return summaryExportGrid({ pupils: 200, seed: 20250901 });
}

/**
 * A summary export of any size (the benchmark uses 2,000–100,000 pupils). About 18% of pupils are
 * persistently absent (2% of them severely), 11% at risk, 1.5% have no sessions yet.
 */
export function summaryExportGrid(options: SummaryExportOptions): CellValue[][] {
  const random = seededRandom(options.seed);
  const count = Math.max(1, Math.floor(options.pupils));
  const decorations = options.decorations ?? true;

  const bands = bandQuota(count);
  random.shuffle(bands);

  const pupils = bands.map((band, index) => makePupil(random, band, index, count));
  assignRecordedLevels(random, pupils);
  pupils.sort(
    (a, b) =>
      a.year - b.year ||
      compareText(a.regGroup, b.regGroup) ||
      compareText(a.surname, b.surname) ||
      compareText(a.forename, b.forename) ||
      compareText(a.upn, b.upn),
  );

  const width = sampleHeadings.length;
  const blank = (): CellValue[] => new Array<CellValue>(width).fill("");
  const rows: CellValue[][] = [];
  if (decorations) {
    const title = blank();
    title[0] = `${sampleSchool.name} – Attendance summary`;
    const period = blank();
    period[0] = "01/09/2025 – 19/12/2025";
    rows.push(title, period, blank());
  }
  rows.push([...sampleHeadings]);
  for (const pupil of pupils) rows.push(pupilRow(pupil));
  if (decorations) rows.push(totalsRow(pupils, width));
  return rows;
}

interface SamplePupil {
  upn: string;
  surname: string;
  forename: string;
  year: number;
  regGroup: string;
  band: SampleBand;
  possible: number;
  present: number;
  aea: number;
  authorised: number;
  unauthorised: number;
  fsm: boolean;
  pupilPremium: boolean;
  sen: "N" | "K" | "E";
  eal: boolean;
  ethnicity: string;
  childInCare: boolean;
  socialWorker: boolean;
  recordedLevel: number | null;
}

function bandQuota(count: number): SampleBand[] {
  const severe = Math.max(1, Math.round(count * 0.02));
  const persistent = Math.max(1, Math.round(count * 0.16));
  const atRisk = Math.max(1, Math.round(count * 0.11));
  const noData = Math.max(1, Math.round(count * 0.015));
  const bands: SampleBand[] = [];
  const add = (band: SampleBand, n: number): void => {
    for (let i = 0; i < n && bands.length < count; i += 1) bands.push(band);
  };
  add("severe", severe);
  add("persistent", persistent);
  add("at-risk", atRisk);
  add("no-data", noData);
  add("expected", count - bands.length);
  return bands;
}

function makePupil(random: Random, band: SampleBand, index: number, count: number): SamplePupil {
  // Years 7–11 in equal shares; 30 pupils to a reg group.
  const year = 7 + Math.min(4, Math.floor((index * 5) / count));
  const perYear = Math.ceil(count / 5);
  const groups = Math.max(1, Math.ceil(perYear / 30));
  const regGroup = `${year}${groupLetters[random.int(0, Math.min(groups, groupLetters.length) - 1)] ?? "A"}`;

  // Most pupils were on roll all term; some joined later.
  const possible = band === "no-data" ? 0 : random.chance(0.08) ? sampleTermSessions - 2 * random.int(5, 50) : sampleTermSessions;
  const missed = missedFor(random, band, possible);
  const unauthorisedShare =
    band === "severe" ? 0.3 + random.next() * 0.6 : band === "persistent" ? random.next() * 0.7 : random.next() * 0.35;
  const unauthorised = Math.round(missed * unauthorisedShare);
  const authorised = missed - unauthorised;
  const aea = possible - missed > 4 && random.chance(0.12) ? random.int(1, 4) : 0;
  const present = possible - missed - aea;

  const absent = band === "severe" || band === "persistent";
  const fsm = random.chance(absent ? 0.4 : 0.2);
  return {
    upn: upnFor(index, year),
    surname: random.pick(surnames),
    forename: random.pick(forenames),
    year,
    regGroup,
    band,
    possible,
    present,
    aea,
    authorised,
    unauthorised,
    fsm,
    pupilPremium: fsm || random.chance(0.1),
    sen: random.weighted([
      ["N", 84],
      ["K", absent ? 16 : 12],
      ["E", absent ? 5 : 3],
    ] as const),
    eal: random.chance(0.17),
    ethnicity: random.weighted(ethnicities),
    childInCare: random.chance(0.01),
    socialWorker: random.chance(absent ? 0.08 : 0.02),
    recordedLevel: null,
  };
}

/** Missed sessions inside the band, using the whole-number comparisons of docs/rules.md §2. */
function missedFor(random: Random, band: SampleBand, possible: number): number {
  const severeFrom = Math.ceil(possible / 2);
  const persistentFrom = Math.ceil(possible / 10);
  const atRiskFrom = Math.ceil(possible / 20);
  switch (band) {
    case "no-data":
      return 0;
    case "severe":
      return random.int(severeFrom, Math.floor(possible * 0.8));
    case "persistent":
      // Skewed towards the 10% line, as real cohorts are.
      return persistentFrom + Math.floor((severeFrom - 1 - persistentFrom + 1) * random.next() ** 2.5);
    case "at-risk":
      return random.int(atRiskFrom, persistentFrom - 1);
    case "expected":
      return Math.floor(atRiskFrom * random.next() ** 1.5);
  }
}

/** A few persistently absent pupils already have a PIAS level recorded (2 or 3), as schools log them. */
function assignRecordedLevels(random: Random, pupils: SamplePupil[]): void {
  const absent = pupils.filter((pupil) => pupil.band === "severe" || pupil.band === "persistent");
  const withLevel = Math.max(1, Math.round(absent.length / 6));
  const chosen = random.shuffle([...absent]).slice(0, withLevel);
  chosen.forEach((pupil, i) => {
    pupil.recordedLevel = i % 3 === 0 ? 3 : 2;
    // Formal support was tried for a level-3 pupil: keep some unauthorised absence on the record.
    if (pupil.recordedLevel === 3 && pupil.unauthorised === 0 && pupil.authorised > 0) {
      pupil.authorised -= 1;
      pupil.unauthorised += 1;
    }
  });
}

function pupilRow(pupil: SamplePupil): CellValue[] {
  const attended = pupil.present + pupil.aea;
  return [
    pupil.upn,
    pupil.surname,
    pupil.forename,
    `Year ${pupil.year}`,
    pupil.regGroup,
    pupil.possible,
    pupil.present,
    pupil.aea,
    pupil.authorised,
    pupil.unauthorised,
    pupil.possible > 0 ? Math.round((attended / pupil.possible) * 1000) / 10 : "",
    yesNo(pupil.fsm),
    yesNo(pupil.pupilPremium),
    pupil.sen,
    yesNo(pupil.eal),
    pupil.ethnicity,
    yesNo(pupil.childInCare),
    yesNo(pupil.socialWorker),
    pupil.recordedLevel ?? "",
  ];
}

function totalsRow(pupils: readonly SamplePupil[], width: number): CellValue[] {
  const sum = (pick: (pupil: SamplePupil) => number): number => pupils.reduce((total, pupil) => total + pick(pupil), 0);
  const possible = sum((p) => p.possible);
  const present = sum((p) => p.present);
  const aea = sum((p) => p.aea);
  const row = new Array<CellValue>(width).fill("");
  row[0] = "Total";
  row[5] = possible;
  row[6] = present;
  row[7] = aea;
  row[8] = sum((p) => p.authorised);
  row[9] = sum((p) => p.unauthorised);
  row[10] = possible > 0 ? Math.round(((present + aea) / possible) * 1000) / 10 : "";
  return row;
}

function yesNo(value: boolean): string {
  return value ? "Y" : "N";
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const groupLetters = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "W"];

/**
 * A well-formed UPN (DfE check letter, then LA, establishment, year of allocation, serial), made from the
 * pupil's index so every one is different. LA 999 is not a real authority.
 */
export function upnFor(index: number, year: number): string {
  const establishment = 4000 + Math.floor(index / 1000);
  // Allocated on entry to reception: Year 7 in 2025/26 started reception in 2019.
  const allocated = (2026 - year) % 100;
  const digits = `999${establishment}${String(allocated).padStart(2, "0")}${String(index % 1000).padStart(3, "0")}`;
  return upnCheckLetter(digits) + digits;
}

/** DfE's UPN check letter: digits 2–13 weighted 2–13, sum mod 23, mapped past I, O and S. */
export function upnCheckLetter(twelveDigits: string): string {
  let sum = 0;
  for (let i = 0; i < twelveDigits.length; i += 1) sum += Number(twelveDigits[i]) * (i + 2);
  return "ABCDEFGHJKLMNPQRTUVWXYZ"[sum % 23] ?? "A";
}

const forenames = [
  "Oliver", "Amelia", "George", "Isla", "Noah", "Ava", "Muhammad", "Olivia", "Leo", "Lily", "Arthur", "Freya",
  "Oscar", "Ivy", "Harry", "Florence", "Jack", "Sophia", "Charlie", "Mia", "Theo", "Ella", "Finley", "Grace",
  "Alfie", "Poppy", "Jacob", "Evie", "Henry", "Willow", "Archie", "Isabella", "Thomas", "Rosie", "Joshua",
  "Aisha", "Ibrahim", "Maryam", "Yusuf", "Zainab", "Amir", "Fatima", "Hamza", "Hafsa", "Kwame", "Ama",
  "Chidi", "Ngozi", "Tobi", "Adaeze", "Priya", "Arjun", "Anaya", "Rohan", "Harpreet", "Jasleen", "Wei", "Mei",
  "Siobhán", "Aoife", "Niamh", "Ciarán", "Seren", "Rhys", "Cerys", "Dylan", "Zoë", "Chloé", "Łukasz", "Zofia",
  "Mateusz", "Renée", "Élodie", "José", "Jude", "Kai", "Reuben", "Eliza", "Mary-Jane", "Jean-Paul", "Nathaniel",
  "Precious", "Tomás", "Saoirse", "Bartosz", "Ioana", "Mihai", "Leila", "Dev", "Ruby", "Lewis", "Megan",
];

const surnames = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Johnson",
  "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Watson", "Jackson", "Wright", "Green", "Harris",
  "Cooper", "King", "Lee", "Martin", "Clarke", "James", "Morgan", "Hughes", "Edwards", "Hill", "Moore", "Clark",
  "Harrison", "Scott", "Young", "Morris", "Hall", "Ward", "Turner", "Carter", "Phillips", "Mitchell", "Patel",
  "Campbell", "Anderson", "Allen", "Cook", "Bailey", "Parker", "Murphy", "Price", "Bell", "Baker", "Griffiths",
  "Kelly", "Collins", "Bennett", "Fox", "Gray", "Chapman", "Shaw", "Lloyd", "Ellis", "Russell", "Khan",
  "Reid", "Murray", "Powell", "Holmes", "Walsh", "Owen", "Mason", "Knight", "Kennedy", "Mensah", "Osei",
  "Boateng", "Okafor", "Adeyemi", "Chowdhury", "Rahman", "Uddin", "Begum", "Hussain", "Ahmed", "Iqbal",
  "Malik", "Singh", "Kaur", "Sharma", "Chen", "Wong", "Nguyen", "Popescu", "Kowalski", "Nowak", "Zieliński",
  "Müller", "Da Silva", "Gonçalves", "O'Neil", "O'Brien", "O'Connor", "D'Souza", "McAllister", "MacLeod",
  "Ní Bhriain", "Smith-Jones", "Lloyd-Williams", "Ashton-Clarke", "Van der Berg", "Ó Súilleabháin",
];

/** DfE ethnicity codes, roughly in the proportions of an English secondary school. */
const ethnicities: readonly (readonly [string, number])[] = [
  ["WBRI", 62], ["WIRI", 2], ["WOTH", 7], ["WROM", 1], ["WIRT", 1], ["MWBC", 2], ["MWBA", 1], ["MWAS", 2],
  ["MOTH", 2], ["AIND", 4], ["APKN", 4], ["ABAN", 2], ["AOTH", 1], ["BAFR", 5], ["BCRB", 1], ["CHNE", 1],
  ["OOTH", 1], ["REFU", 1],
];
