import { afternoonCounts, mostlyAfternoons } from "../../../../src/core/rules/patterns/afternoons";
import { tallyWeekdays } from "../../../../src/core/rules/patterns/weekdayProfile";
import { defaultSettings } from "../../../../src/core/rules/settings";
import { am, categorise, marksWith, pm, registerOn, schoolDays } from "./markGrid";

const days = schoolDays("2025-09-01", 10);
const { sessions, layout } = registerOn(days);

function afternoons(missedAm: number, missedPm: number): boolean {
  const marks: Record<number, string> = {};
  for (let d = 0; d < missedAm; d++) marks[am(d)] = "N";
  for (let d = 0; d < missedPm; d++) marks[pm(d)] = "C";
  const counts = afternoonCounts(tallyWeekdays(categorise(marksWith(sessions.length, marks), sessions), layout));
  expect(counts).toEqual({ missed: missedAm + missedPm, afternoonMissed: missedPm });
  return mostlyAfternoons(counts, defaultSettings.patterns);
}

describe("afternoons (docs/rules.md §10)", () => {
  it("is at least 75% of missed sessions in the afternoon", () => {
    expect(afternoons(2, 6)).toBe(true); // exactly 75%
    expect(afternoons(3, 7)).toBe(false); // 70%
    expect(afternoons(0, 9)).toBe(true);
  });

  it("needs at least 6 missed sessions", () => {
    expect(afternoons(0, 5)).toBe(false);
    expect(afternoons(0, 6)).toBe(true);
    expect(afternoons(1, 5)).toBe(true); // 83% of 6
  });

  it("follows the school's own share", () => {
    const counts = { missed: 10, afternoonMissed: 7 };
    expect(mostlyAfternoons(counts, { ...defaultSettings.patterns, afternoonPercent: 70 })).toBe(true);
    expect(mostlyAfternoons(counts, { ...defaultSettings.patterns, afternoonPercent: 70.1 })).toBe(false);
  });
});
