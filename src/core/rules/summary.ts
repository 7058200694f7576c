import { yearGroupText } from "../read/cellValues";
import type { Characteristics, ColumnMapping } from "../read/pupilRecord";
import { cohortPatterns } from "./patterns/cohortPatterns";
import type { AttendanceSummary, Band, CohortFigures, PupilAnalysis } from "./pupilAnalysis";
import { impossibleFigures } from "./impossibleFigures";

/**
 * Whole-school and cohort figures for the TSM form and the governors' summary (docs/rules.md §7, §9).
 * PA and SA rates are over pupils with data (a band other than "no data"); SA pupils count in the PA rate.
 * Attendance % is sessions attended / possible over pupils with session counts.
 *
 * One pass over the pupils feeds every tally (whole school, year group, characteristic and gender
 * cohorts); each tally adds its pupils in sheet order, so sums are the same as tallying cohort by cohort.
 */
export function summarise(pupils: readonly PupilAnalysis[], mapping: ColumnMapping): AttendanceSummary {
  const whole = new Tally();
  const years = mapping.columns.yearGroup ? new Map<string | null, Tally>() : null;
  const cohorts = characteristicCohorts(mapping);
  const cohortTallies = cohorts.map(() => new Tally());
  const cohortBits = cohorts.map((cohort) => flagBit[cohort.flag]);
  const genders = mapping.columns.gender ? new GenderTallies() : null;
  let lastYear: string | null | undefined;
  let lastYearTally: Tally | undefined;

  for (const pupil of pupils) {
    whole.add(pupil);
    const record = pupil.record;
    if (years !== null) {
      // Exports list pupils year by year, so the previous pupil's tally is usually the right one.
      if (record.yearGroup !== lastYear || lastYearTally === undefined) {
        lastYear = record.yearGroup;
        lastYearTally = years.get(lastYear);
        if (lastYearTally === undefined) {
          lastYearTally = new Tally();
          years.set(lastYear, lastYearTally);
        }
      }
      lastYearTally.add(pupil);
    }
    if (cohorts.length > 0) {
      const flags = characteristicFlags(record.characteristics);
      if (flags !== 0) {
        for (let i = 0; i < cohorts.length; i++) if ((flags & (cohortBits[i] as number)) !== 0) (cohortTallies[i] as Tally).add(pupil);
      }
    }
    if (genders !== null) genders.add(record.characteristics.gender, pupil);
  }

  const cohortFigures = cohorts.map((cohort, i) => (cohortTallies[i] as Tally).figures(cohort.label, cohort.flag));
  return {
    pupils: whole.pupils,
    withData: whole.withData,
    bandCounts: whole.bandCounts(),
    possibleSessions: whole.possible,
    missedSessions: whole.missed,
    authorisedSessions: whole.authorised,
    unauthorisedSessions: whole.unauthorised,
    overallAttendancePercent: whole.attendancePercent(),
    overallAbsencePercent: whole.sessionPossible > 0 ? (whole.sessionMissed / whole.sessionPossible) * 100 : null,
    persistentRate: whole.persistentRate(),
    severeRate: whole.severeRate(),
    byYearGroup: years !== null ? yearGroupFigures(years) : [],
    byCharacteristic: genders !== null ? [...cohortFigures, ...genders.figures()] : cohortFigures,
    ...period(mapping),
    // docs/rules.md §10 "Cohort": summed from the pupils' own session counts.
    sessionPatterns: mapping.sessions.length > 0 ? cohortPatterns(pupils.map((pupil) => pupil.patterns)) : null,
  };
}

/** Counts and session sums for one group of pupils. Band counts are plain fields: no keyed lookup per pupil. */
class Tally {
  pupils = 0;
  withData = 0;
  severe = 0;
  persistent = 0;
  atRisk = 0;
  expected = 0;
  noData = 0;
  possible = 0;
  missed = 0;
  authorised = 0;
  unauthorised = 0;
  /** Sessions of pupils whose attended and possible are both known (for attendance and absence %). */
  sessionPossible = 0;
  sessionAttended = 0;
  sessionMissed = 0;

  add(pupil: PupilAnalysis): void {
    this.pupils++;
    switch (pupil.band) {
      case "severe":
        this.severe++;
        break;
      case "persistent":
        this.persistent++;
        break;
      case "at-risk":
        this.atRisk++;
        break;
      case "expected":
        this.expected++;
        break;
      default:
        this.noData++;
    }
    if (pupil.band !== "no-data") this.withData++;
    // Impossible figures would distort every total and percentage (impossibleFigures.ts): left out.
    if (impossibleFigures(pupil) !== null) return;
    if (pupil.possibleSessions !== null) this.possible += pupil.possibleSessions;
    if (pupil.missedSessions !== null) this.missed += pupil.missedSessions;
    if (pupil.authorisedSessions !== null) this.authorised += pupil.authorisedSessions;
    if (pupil.unauthorisedSessions !== null) this.unauthorised += pupil.unauthorisedSessions;
    if (
      pupil.bandBasis === "sessions" &&
      pupil.possibleSessions !== null &&
      pupil.attendedSessions !== null &&
      pupil.missedSessions !== null
    ) {
      this.sessionPossible += pupil.possibleSessions;
      this.sessionAttended += pupil.attendedSessions;
      this.sessionMissed += pupil.missedSessions;
    }
  }

  bandCounts(): Record<Band, number> {
    return {
      severe: this.severe,
      persistent: this.persistent,
      "at-risk": this.atRisk,
      expected: this.expected,
      "no-data": this.noData,
    };
  }

  attendancePercent(): number | null {
    return this.sessionPossible > 0 ? (this.sessionAttended / this.sessionPossible) * 100 : null;
  }

  persistentRate(): number | null {
    return this.withData > 0 ? ((this.severe + this.persistent) / this.withData) * 100 : null;
  }

  severeRate(): number | null {
    return this.withData > 0 ? (this.severe / this.withData) * 100 : null;
  }

  figures(label: string, key: string): CohortFigures {
    return {
      label,
      key,
      pupils: this.pupils,
      withData: this.withData,
      severe: this.severe,
      persistent: this.persistent,
      atRisk: this.atRisk,
      attendancePercent: this.attendancePercent(),
      persistentRate: this.persistentRate(),
      severeRate: this.severeRate(),
    };
  }
}

/** Natural order: nursery, reception, then Year 1 to Year 14, then anything else, then unknown. */
function yearOrder(year: string | null): [number, string] {
  if (year === null) return [4, ""];
  if (year === "N") return [0, "0"];
  if (year === "N1") return [0, "1"];
  if (year === "N2") return [0, "2"];
  if (year === "R") return [1, ""];
  if (/^\d{1,2}$/.test(year)) return [2, year.padStart(2, "0")];
  return [3, year.toLowerCase()];
}

function yearLabel(year: string | null): string {
  return yearGroupText(year) ?? "Year group not recorded";
}

function yearGroupFigures(groups: ReadonlyMap<string | null, Tally>): CohortFigures[] {
  return [...groups.entries()]
    .sort(([a], [b]) => {
      const [ga, ka] = yearOrder(a);
      const [gb, kb] = yearOrder(b);
      return ga !== gb ? ga - gb : ka < kb ? -1 : ka > kb ? 1 : 0;
    })
    .map(([year, tally]) => tally.figures(yearLabel(year), `year:${year ?? "unknown"}`));
}

type Flag = Exclude<keyof Characteristics, "ethnicity" | "gender">;

/** Characteristic cohorts, in the order of docs/rules.md §9, for the columns the sheet has. */
function characteristicCohorts(mapping: ColumnMapping): { flag: Flag; label: string }[] {
  const has = mapping.columns;
  const cohorts: { flag: Flag; label: string }[] = [];
  if (has.fsm) cohorts.push({ flag: "fsm", label: "FSM" });
  if (has.pupilPremium) cohorts.push({ flag: "pupilPremium", label: "Pupil Premium" });
  if (has.sen) cohorts.push({ flag: "senSupport", label: "SEN support" });
  if (has.sen || has.ehcp) cohorts.push({ flag: "ehcp", label: "EHCP" });
  if (has.eal) cohorts.push({ flag: "eal", label: "EAL" });
  if (has.childInCare) cohorts.push({ flag: "childInCare", label: "Children in care" });
  if (has.socialWorker) cohorts.push({ flag: "socialWorker", label: "Social worker" });
  if (has.ethnicity) cohorts.push({ flag: "grt", label: "Gypsy, Roma and Traveller" });
  return cohorts;
}

/** One bit per characteristic flag, so a pupil's cohorts are read from their record once. */
const flagBit: Readonly<Record<Flag, number>> = {
  fsm: 1,
  pupilPremium: 2,
  senSupport: 4,
  ehcp: 8,
  eal: 16,
  childInCare: 32,
  socialWorker: 64,
  grt: 128,
};

/** The flags recorded as true (null and false are not in the cohort). */
function characteristicFlags(characteristics: Characteristics): number {
  let flags = 0;
  if (characteristics.fsm === true) flags |= flagBit.fsm;
  if (characteristics.pupilPremium === true) flags |= flagBit.pupilPremium;
  if (characteristics.senSupport === true) flags |= flagBit.senSupport;
  if (characteristics.ehcp === true) flags |= flagBit.ehcp;
  if (characteristics.eal === true) flags |= flagBit.eal;
  if (characteristics.childInCare === true) flags |= flagBit.childInCare;
  if (characteristics.socialWorker === true) flags |= flagBit.socialWorker;
  if (characteristics.grt === true) flags |= flagBit.grt;
  return flags;
}

function genderLabel(gender: string): string {
  const lower = gender.trim().toLowerCase();
  if (lower === "f" || lower === "female" || lower === "girl") return "Female";
  if (lower === "m" || lower === "male" || lower === "boy") return "Male";
  return gender.trim();
}

/** Gender cohorts, labelled from the text as written ("F", "female" → Female), each text read once. */
class GenderTallies {
  private readonly byLabel = new Map<string, Tally>();
  private readonly byText = new Map<string, Tally | null>();

  add(gender: string | null, pupil: PupilAnalysis): void {
    if (gender === null) return;
    let tally = this.byText.get(gender);
    if (tally === undefined) {
      tally = null;
      if (gender.trim() !== "") {
        const label = genderLabel(gender);
        tally = this.byLabel.get(label) ?? null;
        if (tally === null) {
          tally = new Tally();
          this.byLabel.set(label, tally);
        }
      }
      this.byText.set(gender, tally);
    }
    if (tally !== null) tally.add(pupil);
  }

  /** In alphabetical order of label. */
  figures(): CohortFigures[] {
    return [...this.byLabel.entries()]
      .sort(([a], [b]) => a.localeCompare(b, "en-GB"))
      .map(([label, tally]) => tally.figures(label, `gender:${label}`));
  }
}

function period(mapping: ColumnMapping): { periodStart: string | null; periodEnd: string | null } {
  let start: string | null = null;
  let end: string | null = null;
  for (const session of mapping.sessions) {
    if (start === null || session.date < start) start = session.date;
    if (end === null || session.date > end) end = session.date;
  }
  return { periodStart: start, periodEnd: end };
}
