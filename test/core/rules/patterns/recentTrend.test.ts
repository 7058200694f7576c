import { recentTrend } from "../../../../src/core/rules/patterns/recentTrend";
import { tallyWeeks, weeklyAttendance } from "../../../../src/core/rules/patterns/weeklyAttendance";
import { defaultSettings } from "../../../../src/core/rules/settings";
import { categorise, marksWith, registerOn, schoolDays } from "./markGrid";

// Eight school weeks from Monday 01/09/2025: 80 sessions, the last 4 weeks are sessions 40–79.
const { sessions, layout } = registerOn(schoolDays("2025-09-01", 40));
const settings = defaultSettings.patterns;

/** Misses `earlier` sessions in the first 4 weeks and `recent` in the last 4. */
function trend(earlier: number, recent: number) {
  const marks: Record<number, string> = {};
  for (let i = 0; i < earlier; i++) marks[i * 2] = "N";
  for (let i = 0; i < recent; i++) marks[40 + i * 2] = "I";
  const weekly = tallyWeeks(categorise(marksWith(sessions.length, marks), sessions), layout);
  return recentTrend(weekly, layout.weekCount, settings);
}

describe("recent trend (docs/rules.md §10)", () => {
  it("is improving at exactly 5 percentage points above the whole period", () => {
    // Recent 40/40 = 100%, period 76/80 = 95%.
    expect(trend(4, 0)?.direction).toBe("improving");
    expect(trend(3, 0)?.direction).toBe("steady"); // 3.75 points
  });

  it("is declining at exactly 5 percentage points below", () => {
    // Recent 36/40 = 90%, period 76/80 = 95%.
    expect(trend(0, 4)).toEqual({ direction: "declining", recentAttended: 36, recentPossible: 40, periodAttended: 76, periodPossible: 80 });
    expect(trend(0, 3)?.direction).toBe("steady");
  });

  it("has nothing to compare when the marks cover no more school weeks than the window", () => {
    const short = registerOn(schoolDays("2025-09-01", 20));
    const weekly = tallyWeeks(categorise(marksWith(short.sessions.length, {}), short.sessions), short.layout);
    expect(short.layout.weekCount).toBe(4);
    expect(recentTrend(weekly, short.layout.weekCount, settings)).toBeNull();
  });

  it("has nothing to compare for a pupil who joined within the last 4 school weeks", () => {
    const marks = marksWith(sessions.length, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [i, "Z"])));
    expect(recentTrend(tallyWeeks(categorise(marks, sessions), layout), layout.weekCount, settings)).toBeNull();
  });

  it("gives attendance week by week, each week named by its first session", () => {
    const marks = marksWith(sessions.length, { 0: "N", 1: "X", 79: "I" });
    const weeks = weeklyAttendance(tallyWeeks(categorise(marks, sessions), layout), layout.weekStart);
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toEqual({ weekStart: "2025-09-01", attended: 8, possible: 9, attendancePercent: (8 / 9) * 100 });
    expect(weeks[7]).toMatchObject({ weekStart: "2025-10-20", attended: 9, possible: 10 });
  });
});
