import { asFraction, cohortRow, shownCount, shownRate } from "../../../src/core/report/figureTables";
import type { AttendanceSummary, CohortFigures } from "../../../src/core/rules/pupilAnalysis";

const summary = { persistentRate: 20 } as AttendanceSummary;
const cohort = (over: Partial<CohortFigures>): CohortFigures => ({
  label: "EAL",
  key: "eal",
  pupils: 30,
  withData: 30,
  severe: 3,
  persistent: 6,
  atRisk: 4,
  attendancePercent: 91.25,
  persistentRate: 30,
  severeRate: 10,
  ...over,
});

describe("figure tables", () => {
  it("shows small counts as <3 only when shareable", () => {
    expect([0, 1, 2, 3].map((n) => shownCount(n, true))).toEqual(["<3", "<3", "<3", 3]);
    expect([0, 1, 2].map((n) => shownCount(n, false))).toEqual([0, 1, 2]);
  });

  it("suppresses a rate whose pupils number fewer than 3, and says when it is not known", () => {
    expect(shownRate(10, 2, true)).toBe("n/a (<3)");
    expect(shownRate(10, 2, false)).toBe(0.1);
    expect(shownRate(null, 5, true)).toBe("Not known");
  });

  it("writes tidy fractions", () => {
    expect(asFraction(100 - 8.9)).toBe(0.911);
    expect(asFraction(91.25)).toBe(0.9125);
  });

  it("gives a cohort's rates and its gap to the whole school in percentage points", () => {
    expect(cohortRow(cohort({}), summary, true)).toEqual(["EAL", 30, 0.9125, 0.3, 0.1, 10]);
    // Two SA pupils: the SA rate would reveal them, so it is not shown; PA (3 + 1 = 4) still is.
    expect(cohortRow(cohort({ severe: 2, persistent: 2, persistentRate: 13.3, severeRate: 6.7 }), summary, true)).toEqual([
      "EAL",
      30,
      0.9125,
      0.133,
      "n/a (<3)",
      -6.7,
    ]);
    expect(cohortRow(cohort({ pupils: 2, withData: 2 }), summary, true).slice(1)).toEqual([
      "<3",
      "n/a (<3)",
      "n/a (<3)",
      "n/a (<3)",
      "n/a (<3)",
    ]);
  });
});
