import type { PupilRecord } from "../../../src/core/read/pupilRecord";
import type { Analysis, AttendanceSummary, PupilAnalysis } from "../../../src/core/rules/pupilAnalysis";
import { defaultSettings } from "../../../src/core/rules/settings";
import { toJsonReport } from "../../../src/core/report/jsonReport";
import { makeRecord } from "../rules/helpers";

/** A record of pupil `sourceRow` in Year 7, with nothing else known unless the test says. */
function record(sourceRow: number, overrides: Partial<PupilRecord> = {}): PupilRecord {
  return makeRecord({ sourceRow, upn: `A${sourceRow}`, name: `Pupil ${sourceRow}`, yearGroup: "7", ...overrides });
}

function pupil(sourceRow: number, overrides: Partial<PupilAnalysis> = {}): PupilAnalysis {
  return {
    record: record(sourceRow),
    possibleSessions: 150,
    attendedSessions: 135,
    missedSessions: 15,
    authorisedSessions: 10,
    unauthorisedSessions: 5,
    attendancePercent: 90,
    band: "persistent",
    bandBasis: "sessions",
    stage: 2,
    level: 2,
    penaltyNoticeThresholdMet: null,
    sessionsToLeavePersistentAbsence: 1,
    patterns: null,
    reasons: ["Missed 15 of 150 sessions (10.0%)."],
    suggestedAction: "Email parents/carers.",
    warnings: [],
    ...overrides,
  };
}

const summary: AttendanceSummary = {
  pupils: 2,
  withData: 1,
  bandCounts: { severe: 0, persistent: 1, "at-risk": 0, expected: 0, "no-data": 1 },
  possibleSessions: 150,
  missedSessions: 15,
  authorisedSessions: 10,
  unauthorisedSessions: 5,
  overallAttendancePercent: 90,
  overallAbsencePercent: 10,
  persistentRate: 100,
  severeRate: 0,
  byYearGroup: [
    { label: "Year 7", key: "year:7", pupils: 2, withData: 1, severe: 0, persistent: 1, atRisk: 0, attendancePercent: 89.96666, persistentRate: 100, severeRate: 0 },
  ],
  byCharacteristic: [],
  periodStart: null,
  periodEnd: null,
  sessionPatterns: null,
};

function analysis(pupils: PupilAnalysis[], warnings: Analysis["warnings"] = []): Analysis {
  return {
    mapping: { headerRow: 0, columns: {}, sessions: [], percentScale: null },
    settings: defaultSettings,
    pupils,
    summary,
    warnings,
  };
}

describe("toJsonReport", () => {
  it("gives each pupil exactly the fields of the docs/architecture.md contract", () => {
    const report = toJsonReport(analysis([pupil(2, { attendancePercent: 89.96666 })]));
    expect(Object.keys(report)).toEqual(["pupils", "summary", "warnings"]);
    expect(report.pupils).toEqual([
      {
        sourceRow: 2,
        upn: "A2",
        admissionNumber: null,
        dateOfBirth: null,
        name: "Pupil 2",
        yearGroup: "7",
        possibleSessions: 150,
        missedSessions: 15,
        authorisedSessions: 10,
        unauthorisedSessions: 5,
        attendancePercent: 90,
        band: "persistent",
        stage: 2,
        level: 2,
        penaltyNoticeThresholdMet: null,
        // No session marks: no patterns (docs/rules.md §10), never an empty guess.
        patterns: null,
        reasons: ["Missed 15 of 150 sessions (10.0%)."],
      },
    ]);
  });

  it("keeps unknown numbers null rather than guessing them", () => {
    const noData = pupil(3, {
      record: record(3, { upn: null, yearGroup: null }),
      possibleSessions: null,
      missedSessions: null,
      authorisedSessions: null,
      unauthorisedSessions: null,
      attendancePercent: null,
      band: "no-data",
      stage: null,
      level: 1,
    });
    const [json] = toJsonReport(analysis([noData])).pupils;
    expect(json).toMatchObject({
      upn: null,
      yearGroup: null,
      possibleSessions: null,
      missedSessions: null,
      authorisedSessions: null,
      unauthorisedSessions: null,
      attendancePercent: null,
      stage: null,
    });
  });

  it("rounds percentages in the summary and its cohorts to one decimal place", () => {
    const report = toJsonReport(analysis([pupil(2)]));
    expect(report.summary.byYearGroup[0]?.attendancePercent).toBe(90);
    expect(report.summary.bandCounts).toEqual(summary.bandCounts);
    expect(report.summary.overallAttendancePercent).toBe(90);
  });

  it("lists sheet warnings first, then each pupil's in row order, each sentence once", () => {
    const report = toJsonReport(
      analysis(
        [pupil(5, { warnings: ["Row 5: the mark \"?\" is not a register code; check it."] }), pupil(4, { warnings: ["Row 4: check the counts."] })],
        [
          { sourceRow: 4, column: "C", message: "Row 4: check the counts." },
          { sourceRow: null, column: null, message: "The sheet has no attendance % column." },
        ],
      ),
    );
    expect(report.warnings).toEqual([
      { sourceRow: null, message: "The sheet has no attendance % column." },
      { sourceRow: 4, message: "Row 4: check the counts." },
      { sourceRow: 5, message: "Row 5: the mark \"?\" is not a register code; check it." },
    ]);
  });

  it("survives JSON.stringify unchanged (plain data only)", () => {
    const report = toJsonReport(analysis([pupil(2)]));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
