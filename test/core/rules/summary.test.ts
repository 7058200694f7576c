import type { Characteristics } from "../../../src/core/read/pupilRecord";
import { analysePupils } from "../../../src/core/rules/analysePupils";
import { defaultSettings } from "../../../src/core/rules/settings";
import { summarise } from "../../../src/core/rules/summary";
import { countsRecord, makeMapping, makeRecord } from "./helpers";

const noCharacteristics: Characteristics = makeRecord().characteristics;

describe("whole-school summary", () => {
  const mapping = makeMapping([
    "yearGroup",
    "possibleSessions",
    "presentSessions",
    "aeaSessions",
    "authorisedSessions",
    "unauthorisedSessions",
    "attendancePercent",
  ]);
  const records = [
    countsRecord(100, 30, 30, { yearGroup: "10" }), // severe
    countsRecord(100, 10, 5, { yearGroup: "2" }), // persistent
    countsRecord(100, 5, 0, { yearGroup: "R" }), // at risk
    countsRecord(100, 0, 0, { yearGroup: "2" }), // expected
    countsRecord(0, 0, 0, { yearGroup: "N1" }), // no data
    makeRecord({ yearGroup: null, attendancePercent: { percent: 85, decimals: 1 } }), // persistent, from %
    countsRecord(100, 1, 0, { yearGroup: "Alt provision" }),
  ];
  const pupils = analysePupils(records, mapping, defaultSettings);
  const summary = summarise(pupils, mapping);

  test("band counts add up to the pupils", () => {
    expect(summary.pupils).toBe(7);
    expect(summary.bandCounts).toEqual({ severe: 1, persistent: 2, "at-risk": 1, expected: 2, "no-data": 1 });
    expect(summary.withData).toBe(6);
  });

  test("PA rate includes SA pupils, over pupils with data", () => {
    expect(summary.persistentRate).toBeCloseTo(50, 10); // 3 of 6
    expect(summary.severeRate).toBeCloseTo((1 / 6) * 100, 10);
  });

  test("overall attendance is sessions attended over possible, from pupils with session counts", () => {
    expect(summary.possibleSessions).toBe(500);
    expect(summary.missedSessions).toBe(81);
    expect(summary.authorisedSessions).toBe(46);
    expect(summary.unauthorisedSessions).toBe(35);
    expect(summary.overallAttendancePercent).toBeCloseTo(((500 - 81) / 500) * 100, 10);
    expect(summary.overallAbsencePercent).toBeCloseTo(16.2, 10);
  });

  test("year groups in natural order: nursery, reception, 1 to 14, others, not recorded", () => {
    expect(summary.byYearGroup.map((g) => g.label)).toEqual([
      "Nursery 1",
      "Reception",
      "Year 2",
      "Year 10",
      "Alt provision",
      "Year group not recorded",
    ]);
    const year2 = summary.byYearGroup.find((g) => g.key === "year:2")!;
    expect(year2).toMatchObject({ pupils: 2, withData: 2, persistent: 1, severe: 0, atRisk: 0, persistentRate: 50 });
    expect(summary.byYearGroup.find((g) => g.key === "year:N1")).toMatchObject({
      withData: 0,
      attendancePercent: null,
      persistentRate: null,
    });
  });

  test("no characteristic columns, no characteristic cohorts", () => {
    expect(summary.byCharacteristic).toEqual([]);
    expect(summary.periodStart).toBeNull();
  });

  test("no year-group column, no year-group table", () => {
    expect(summarise(pupils, makeMapping(["possibleSessions"])).byYearGroup).toEqual([]);
  });
});

describe("cohorts by characteristic (docs/rules.md §9), only those the sheet has", () => {
  const fields = ["fsm", "pupilPremium", "sen", "eal", "childInCare", "socialWorker", "ethnicity", "gender"] as const;
  const mapping = makeMapping(["possibleSessions", "authorisedSessions", "unauthorisedSessions", "presentSessions", ...fields]);
  const withTraits = (possible: number, missed: number, traits: Partial<Characteristics>) =>
    countsRecord(possible, missed, 0, { characteristics: { ...noCharacteristics, ...traits } });
  const pupils = analysePupils(
    [
      withTraits(100, 20, { fsm: true, pupilPremium: true, senSupport: true, gender: "F" }),
      withTraits(100, 1, { fsm: false, pupilPremium: true, ehcp: true, eal: true, gender: "M" }),
      withTraits(100, 60, { childInCare: true, socialWorker: true, grt: true, ethnicity: "WROM", gender: "Female" }),
    ],
    mapping,
    defaultSettings,
  );
  const summary = summarise(pupils, mapping);

  test("labels in order, genders last", () => {
    expect(summary.byCharacteristic.map((c) => [c.label, c.pupils])).toEqual([
      ["FSM", 1],
      ["Pupil Premium", 2],
      ["SEN support", 1],
      ["EHCP", 1],
      ["EAL", 1],
      ["Children in care", 1],
      ["Social worker", 1],
      ["Gypsy, Roma and Traveller", 1],
      ["Female", 2],
      ["Male", 1],
    ]);
  });

  test("figures per cohort", () => {
    const female = summary.byCharacteristic.find((c) => c.label === "Female")!;
    expect(female).toMatchObject({ pupils: 2, withData: 2, severe: 1, persistent: 1, persistentRate: 100, severeRate: 50 });
    expect(female.attendancePercent).toBeCloseTo(60, 10);
  });

  test("period from the register marks", () => {
    const sessions = [
      { column: 0, date: "2025-09-01", session: "AM" as const, heading: "" },
      { column: 1, date: "2025-12-19", session: "PM" as const, heading: "" },
    ];
    const marksSummary = summarise([], makeMapping([], sessions));
    expect([marksSummary.periodStart, marksSummary.periodEnd]).toEqual(["2025-09-01", "2025-12-19"]);
    expect(marksSummary.overallAttendancePercent).toBeNull();
    expect(marksSummary.persistentRate).toBeNull();
  });
});
