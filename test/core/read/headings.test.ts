import { classifyHeading, fieldLabels, normaliseHeading } from "../../../src/core/read/headings";
import type { ColumnField } from "../../../src/core/read/pupilRecord";
import { readGrid } from "../../../src/core/read/readGrid";

/** Headings as the different MIS write them, by the field they must be read as. */
const families: Record<ColumnField, string[]> = {
  upn: ["UPN", "upn", "Pupil UPN"],
  admissionNumber: ["Adno", "Admission Number", "Adm. No."],
  dateOfBirth: ["DOB", "D.O.B.", "Date of birth", "Birth date", "Birthdate", "Date of Birth (dd/mm/yyyy)", "Pupil DOB"],
  fullName: ["Name", "Student", "Pupil", "Student Name", "Full name"],
  surname: ["Surname", "Legal Surname", "Last name"],
  forename: ["Forename", "Legal Forename", "First Name"],
  yearGroup: ["Year", "NC Year", "Year Group", "Yr"],
  regGroup: ["Reg Group", "Tutor Group", "Registration Form", "Form", "Reg. Group"],
  possibleSessions: ["Possible Sessions", "Poss", "Possible Marks", "Sessions Possible", "POSS.", "possible_sessions"],
  presentSessions: ["Present", "Pres", "PRESENT"],
  aeaSessions: ["AEA", "Approved Educational Activity", "Approved educational activity (AEA)"],
  attendedSessions: ["Attended", "Sessions Attended", "Present + AEA"],
  authorisedSessions: ["Authorised Absences", "Auth", "Authorised", "Auth. Abs"],
  unauthorisedSessions: ["Unauthorised Absences", "Unauth", "Unauthorised absence sessions"],
  missedSessions: ["Total absence", "Absences", "Total Absence (sessions)", "Sessions Absent", "Absent (sessions)"],
  attendancePercent: ["% Attendance", "Attendance %", "Att %", "Attendance", "Attendance (%)", "% Present"],
  fsm: ["FSM", "Free School Meals", "FSM6"],
  pupilPremium: ["PP", "Pupil Premium", "PP/Pupil Premium"],
  sen: ["SEN", "SEN Status", "SEND"],
  ehcp: ["EHCP", "EHC Plan"],
  eal: ["EAL"],
  ethnicity: ["Ethnicity", "Ethnic code"],
  childInCare: ["CiC", "LAC", "Looked after", "CiC/LAC", "Looked After Child"],
  socialWorker: ["CIN", "CP", "Social worker", "CIN/CP"],
  gender: ["Gender", "Sex"],
  recordedStage: ["Current stage", "Stage"],
  recordedLevel: ["Current PIAS level", "PIAS level", "Level"],
  parentingContract: ["Parenting contract"],
  penaltyNotice: ["FPN", "Penalty notice", "Last FPN date"],
  persistentAbsenceFlag: ["Persistent Absence", "PA", "PA?", "PA flag", "Persistent absentee", "Is PA", "Below 90%", "PA (Y/N)",
    "Persistent Absence %", "< 90% attendance", "90% or below", "Persistently absent", "Over 10% absence"],
  severeAbsenceFlag: ["Severe absence", "SA", "SA?", "SA flag", "Severely absent", "Below 50%", "Is SA", "Persistent & severe absence"],
};

describe("heading families", () => {
  for (const [field, headings] of Object.entries(families) as [ColumnField, string[]][]) {
    test.each(headings)(`"%s" is read as ${field}`, (heading) => {
      expect(classifyHeading(heading)?.field).toBe(field);
    });
  }

  test("every field has a user-facing label", () => {
    for (const field of Object.keys(families) as ColumnField[]) expect(fieldLabels[field]).toMatch(/\S/);
    expect(fieldLabels.possibleSessions).toBe("Possible sessions");
  });

  test("case, spacing and punctuation do not matter", () => {
    expect(normaliseHeading("  % ATTENDANCE ")).toBe("percent attendance");
    expect(normaliseHeading("Poss.")).toBe("poss");
    expect(classifyHeading("sessions   POSSIBLE")?.field).toBe("possibleSessions");
  });

  test("absence rates are not taken for counts, and unknown headings map to nothing", () => {
    expect(classifyHeading("% Unauthorised")).toBeNull();
    expect(classifyHeading("Authorised absence %")).toBeNull();
    expect(classifyHeading("Overall absence %")).toBeNull();
    // Counted in days, not sessions: never taken for a count of sessions.
    expect(classifyHeading("Days absent")).toBeNull();
    expect(classifyHeading("Possible days")).toBeNull();
    expect(classifyHeading("")).toBeNull();
    expect(classifyHeading("x".repeat(10_000))).toBeNull();
  });

  test("a known heading is certain; a looser match is less so", () => {
    expect(classifyHeading("Poss")?.confidence).toBe(1);
    const loose = classifyHeading("Possible (this term)");
    expect(loose?.field).toBe("possibleSessions");
    expect(loose!.confidence).toBeLessThan(1);
  });
});

describe("status headings are never counts", () => {
  test.each(["Absence flag", "Attendance concern", "Absence status", "Attendance band", "Unauthorised absence indicator"])(
    '"%s" names a status the reader cannot tie to a band, so it maps to nothing',
    (heading) => {
      expect(classifyHeading(heading)).toBeNull();
    },
  );

  test.each(["Total absence", "Absences", "Authorised absence", "Unauthorised absences", "Possible", "% Attendance", "Year", "Pupil"])(
    '"%s" is still read as the figure it names',
    (heading) => {
      const field = classifyHeading(heading)?.field;
      expect(field).toBeDefined();
      expect(["persistentAbsenceFlag", "severeAbsenceFlag"]).not.toContain(field);
    },
  );
});

describe("heading families through readGrid", () => {
  test("SIMS-style long headings map every column", () => {
    const grid = [
      ["Legal Surname", "Legal Forename", "NC Year", "Reg Group", "UPN", "Possible Sessions", "Sessions Attended",
        "Authorised Absences", "Unauthorised Absences", "% Attendance", "FSM", "SEN Status", "CiC", "CIN/CP", "Gender"],
      ["Smith", "Ann", "7", "7A", "A123456789012", "100", "90", "6", "4", "90.0", "Y", "K", "N", "Y", "F"],
    ];
    const result = readGrid(grid);
    if (!result.ok) throw new Error(result.message);
    const mapped = Object.fromEntries(Object.entries(result.mapping.columns).map(([field, m]) => [field, m!.column]));
    expect(mapped).toEqual({
      surname: 0, forename: 1, yearGroup: 2, regGroup: 3, upn: 4, possibleSessions: 5, attendedSessions: 6,
      authorisedSessions: 7, unauthorisedSessions: 8, attendancePercent: 9, fsm: 10, sen: 11, childInCare: 12,
      socialWorker: 13, gender: 14,
    });
    const pupil = result.pupils[0]!;
    expect(pupil.name).toBe("Ann Smith");
    expect(pupil.attendedSessions).toBe(90);
    expect(pupil.characteristics).toMatchObject({ fsm: true, senSupport: true, ehcp: false, childInCare: false, socialWorker: true, gender: "F" });
  });

  test("Present goes to present sessions and Attended to attended sessions", () => {
    const result = readGrid([
      ["Name", "Poss", "Present", "Attended", "AEA"],
      ["Ann Smith", 100, 88, 90, 2],
    ]);
    if (!result.ok) throw new Error(result.message);
    expect(result.pupils[0]).toMatchObject({ presentSessions: 88, attendedSessions: 90, aeaSessions: 2, possibleSessions: 100 });
  });
});
