import { dayPattern } from "../../../../src/core/rules/patterns/dayPattern";
import { tallyWeekdays, weekdayRates } from "../../../../src/core/rules/patterns/weekdayProfile";
import { defaultSettings } from "../../../../src/core/rules/settings";
import { am, categorise, marksWith, pm, registerOn, schoolDays } from "./markGrid";

// Two school weeks from Monday 01/09/2025: day 0 and 5 are Mondays, 4 and 9 Fridays; 20 sessions, 4 a weekday.
const days = schoolDays("2025-09-01", 10);
const { sessions, layout } = registerOn(days);
const settings = defaultSettings.patterns;

function patternOf(marks: Record<number, string>) {
  return dayPattern(tallyWeekdays(categorise(marksWith(sessions.length, marks), sessions), layout), settings);
}

describe("weekday profile (docs/rules.md §10)", () => {
  it("gives missed ÷ possible for each weekday, AM and PM apart, leaving out sessions that were not possible", () => {
    // Monday: AM missed twice, PM not possible once; Wednesday PM no mark.
    const marks = marksWith(sessions.length, { [am(0)]: "N", [am(5)]: "I", [pm(5)]: "X", [pm(2)]: "" });
    const rates = weekdayRates(tallyWeekdays(categorise(marks, sessions), layout));
    expect(rates.map((r) => r.weekday)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
    const monday = rates[0]!;
    expect([monday.missed, monday.possible]).toEqual([2, 3]);
    expect(monday.amMissedPercent).toBe(100);
    expect(monday.pmMissedPercent).toBe(0);
    expect(rates[2]!.possible).toBe(3);
    expect(rates[1]!.missedPercent).toBe(0);
  });
});

describe("day pattern (docs/rules.md §10)", () => {
  it("finds Mondays at exactly twice their share of possible sessions with 3 or more missed", () => {
    // Mondays are 4 of 20 possible (20%); 4 of 10 missed (40%) is exactly 2×.
    expect(patternOf({ [am(0)]: "N", [pm(0)]: "N", [am(5)]: "I", [pm(5)]: "I", [am(1)]: "I", [am(2)]: "I", [am(3)]: "I", [pm(1)]: "I", [pm(2)]: "I", [pm(3)]: "I" })).toEqual(["monday"]);
  });

  it("does not find them just below twice their share", () => {
    // 4 of 11 missed on Mondays: 36%, below 40%.
    expect(
      patternOf({ [am(0)]: "N", [pm(0)]: "N", [am(5)]: "I", [pm(5)]: "I", [am(1)]: "I", [am(2)]: "I", [am(3)]: "I", [pm(1)]: "I", [pm(2)]: "I", [pm(3)]: "I", [am(6)]: "I" }),
    ).toEqual([]);
  });

  it("needs at least 3 missed sessions on the weekday", () => {
    expect(patternOf({ [am(1)]: "N", [pm(1)]: "N" })).toEqual([]);
    expect(patternOf({ [am(1)]: "N", [pm(1)]: "N", [am(6)]: "N" })).toEqual(["tuesday"]);
  });

  it("tests Mondays and Fridays together as 'around the weekend'", () => {
    // Mondays and Fridays are 8 of 20 possible (40%): 4 of 5 missed (80%) is exactly 2×; neither day alone has 3.
    const around = { [am(0)]: "N", [pm(0)]: "N", [am(4)]: "N", [pm(4)]: "N" };
    expect(patternOf({ ...around, [am(2)]: "I" })).toEqual(["around-the-weekend"]);
    expect(patternOf({ ...around, [am(2)]: "I", [pm(2)]: "I" })).toEqual([]);
  });

  it("reports a concentrated Monday and the weekend set together when both hold", () => {
    expect(patternOf({ [am(0)]: "N", [pm(0)]: "N", [am(5)]: "N", [pm(5)]: "N", [am(4)]: "N" })).toEqual(["monday", "around-the-weekend"]);
  });

  it("finds nothing without absence, or with absence spread evenly", () => {
    expect(patternOf({})).toEqual([]);
    expect(patternOf({ [am(0)]: "I", [am(1)]: "I", [am(2)]: "I", [am(3)]: "I", [am(4)]: "I" })).toEqual([]);
  });

  it("follows the school's own multiple and minimum", () => {
    const marks = marksWith(sessions.length, { [am(1)]: "N", [pm(1)]: "N", [am(2)]: "N" });
    const tally = tallyWeekdays(categorise(marks, sessions), layout);
    expect(dayPattern(tally, { ...settings, dayMinimumMissed: 2 })).toEqual(["tuesday"]);
    // Tuesdays: 2 of 3 missed (67%) against 20% possible = 3.3×.
    expect(dayPattern(tally, { ...settings, dayMinimumMissed: 2, dayShareMultiple: 3.4 })).toEqual([]);
    expect(dayPattern(tally, { ...settings, dayMinimumMissed: 2, dayShareMultiple: 3.3 })).toEqual(["tuesday"]);
  });
});
