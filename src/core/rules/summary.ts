import type { Characteristics, ColumnMapping } from "../read/pupilRecord";
import type { AttendanceSummary, Band, CohortFigures, PupilAnalysis } from "./pupilAnalysis";

/**
 * Whole-school and cohort figures for the TSM form and the governors' summary (rules.md §7, §9).
 * PA and SA rates are over pupils with data (a band other than "no data"); SA pupils count in the PA rate.
 * Attendance % is sessions attended / possible over pupils with session counts.
 */
export function summarise(pupils: readonly PupilAnalysis[], mapping: ColumnMapping): AttendanceSummary {
  const whole = new Tally();
  for (const pupil of pupils) whole.add(pupil);

  return {
    pupils: whole.pupils,
    withData: whole.withData,
    bandCounts: { ...whole.bands },
    possibleSessions: whole.possible,
    missedSessions: whole.missed,
    authorisedSessions: whole.authorised,
    unauthorisedSessions: whole.unauthorised,
    overallAttendancePercent: whole.attendancePercent(),
    overallAbsencePercent: whole.sessionPossible > 0 ? (whole.sessionMissed / whole.sessionPossible) * 100 : null,
    persistentRate: whole.persistentRate(),
    severeRate: whole.severeRate(),
    byYearGroup: mapping.columns.yearGroup ? byYearGroup(pupils) : [],
    byCharacteristic: byCharacteristic(pupils, mapping),
    ...period(mapping),
  };
}

class Tally {
  pupils = 0;
  withData = 0;
  bands: Record<Band, number> = { severe: 0, persistent: 0, "at-risk": 0, expected: 0, "no-data": 0 };
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
    this.bands[pupil.band]++;
    if (pupil.band !== "no-data") this.withData++;
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

  attendancePercent(): number | null {
    return this.sessionPossible > 0 ? (this.sessionAttended / this.sessionPossible) * 100 : null;
  }

  persistentRate(): number | null {
    return this.withData > 0 ? ((this.bands.severe + this.bands.persistent) / this.withData) * 100 : null;
  }

  severeRate(): number | null {
    return this.withData > 0 ? (this.bands.severe / this.withData) * 100 : null;
  }

  figures(label: string, key: string): CohortFigures {
    return {
      label,
      key,
      pupils: this.pupils,
      withData: this.withData,
      severe: this.bands.severe,
      persistent: this.bands.persistent,
      atRisk: this.bands["at-risk"],
      attendancePercent: this.attendancePercent(),
      persistentRate: this.persistentRate(),
      severeRate: this.severeRate(),
    };
  }
}

/** Natural order: nursery, reception, then Year 1 to Year 14, then anything else, then unknown. */
function yearOrder(year: string | null): [number, string] {
  if (year === null) return [4, ""];
  if (year === "N1") return [0, "1"];
  if (year === "N2") return [0, "2"];
  if (year === "R") return [1, ""];
  if (/^\d{1,2}$/.test(year)) return [2, year.padStart(2, "0")];
  return [3, year.toLowerCase()];
}

function yearLabel(year: string | null): string {
  if (year === null) return "Year group not recorded";
  if (year === "N1") return "Nursery 1";
  if (year === "N2") return "Nursery 2";
  if (year === "R") return "Reception";
  if (/^\d{1,2}$/.test(year)) return `Year ${Number(year)}`;
  return year;
}

function byYearGroup(pupils: readonly PupilAnalysis[]): CohortFigures[] {
  const groups = new Map<string | null, Tally>();
  for (const pupil of pupils) {
    const year = pupil.record.yearGroup;
    let tally = groups.get(year);
    if (!tally) {
      tally = new Tally();
      groups.set(year, tally);
    }
    tally.add(pupil);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      const [ga, ka] = yearOrder(a);
      const [gb, kb] = yearOrder(b);
      return ga !== gb ? ga - gb : ka < kb ? -1 : ka > kb ? 1 : 0;
    })
    .map(([year, tally]) => tally.figures(yearLabel(year), `year:${year ?? "unknown"}`));
}

type Flag = Exclude<keyof Characteristics, "ethnicity" | "gender">;

/** Characteristic cohorts, in the order of rules.md §9, for the columns the sheet has. */
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

function genderLabel(gender: string): string {
  const lower = gender.trim().toLowerCase();
  if (lower === "f" || lower === "female" || lower === "girl") return "Female";
  if (lower === "m" || lower === "male" || lower === "boy") return "Male";
  return gender.trim();
}

function byCharacteristic(pupils: readonly PupilAnalysis[], mapping: ColumnMapping): CohortFigures[] {
  const cohorts = characteristicCohorts(mapping);
  const tallies = cohorts.map(() => new Tally());
  const genders = new Map<string, Tally>();
  const byGender = Boolean(mapping.columns.gender);
  for (const pupil of pupils) {
    const characteristics = pupil.record.characteristics;
    for (let i = 0; i < cohorts.length; i++) {
      if (characteristics[(cohorts[i] as { flag: Flag }).flag] === true) (tallies[i] as Tally).add(pupil);
    }
    if (byGender && characteristics.gender !== null && characteristics.gender.trim() !== "") {
      const label = genderLabel(characteristics.gender);
      let tally = genders.get(label);
      if (!tally) {
        tally = new Tally();
        genders.set(label, tally);
      }
      tally.add(pupil);
    }
  }
  const figures = cohorts.map((cohort, i) => (tallies[i] as Tally).figures(cohort.label, cohort.flag));
  const genderFigures = [...genders.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en-GB"))
    .map(([label, tally]) => tally.figures(label, `gender:${label}`));
  return [...figures, ...genderFigures];
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
