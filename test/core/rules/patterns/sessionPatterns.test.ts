import { analyseGrid } from "../../../../src/core/analyse";
import type { CellValue } from "../../../../src/core/read/grid";
import { toJsonReport } from "../../../../src/core/report/jsonReport";
import { pupilsToDiscuss } from "../../../../src/core/report/tsmForm";
import { patternText } from "../../../../src/core/rules/patterns/patternText";
import { defaultSettings } from "../../../../src/core/rules/settings";
import { validateSettings } from "../../../../src/core/rules/validateSettings";
import { schoolDays, sessionsOn } from "./markGrid";

// 110 school days from Monday 01/09/2025 (220 sessions): 20 sessions missed is under 10%, so not PA.
const days = schoolDays("2025-09-01", 110);
const headings = sessionsOn(days).map((s) => `${s.date} ${s.session}`);

function pupilRow(name: string, marks: Record<number, string>): CellValue[] {
  return [name, "8", ...headings.map((_, i) => marks[i] ?? "/")];
}

function run(from: number, count: number, mark: string): Record<number, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [from + i, mark]));
}

function analyse(rows: CellValue[][], settings = defaultSettings) {
  const result = analyseGrid([["Name", "Year", ...headings], ...rows], { settings });
  if (!result.ok) throw new Error(result.message);
  return result.analysis;
}

describe("continuous absence (docs/rules.md §10)", () => {
  const analysis = analyse([
    pupilRow("Ada Present", {}),
    pupilRow("Ben Nineteen", run(40, 19, "N")),
    pupilRow("Cat Twenty", run(41, 20, "N")),
    pupilRow("Dan Twentynine", run(40, 29, "I")),
    pupilRow("Eve Thirty", run(40, 30, "I")),
    pupilRow("Fay Persistent", { ...run(0, 11, "I"), ...run(20, 12, "C") }),
  ]);
  const byName = (name: string) => analysis.pupils.find((p) => p.record.name === name)!;

  it("at 10 school days of unauthorised absence in a row says plainly, first, that the school must tell the local authority", () => {
    const cat = byName("Cat Twenty");
    expect(cat.band).toBe("at-risk");
    expect(cat.patterns?.tellLocalAuthority).toBe(true);
    expect(cat.reasons[0]).toMatch(/^Absent without permission for 10 days in a row \(29\/09\/2025 PM to 13\/10\/2025 AM\): the school must tell the local authority/);
    expect(byName("Ben Nineteen").patterns?.tellLocalAuthority).toBe(false);
    expect(byName("Ben Nineteen").reasons.join(" ")).not.toMatch(/local authority/);
  });

  it("at 15 school days of absence of any kind in a row says the local authority may need to arrange education", () => {
    const eve = byName("Eve Thirty");
    expect(eve.patterns).toMatchObject({ educationMayNeedArranging: true, tellLocalAuthority: false });
    expect(eve.reasons[0]).toMatch(/^Absent for 15 days in a row .*, for any reason: the local authority may need to arrange education/);
    expect(byName("Dan Twentynine").patterns?.educationMayNeedArranging).toBe(false);
  });

  it("puts those pupils first among those to discuss, whatever their band", () => {
    const names = pupilsToDiscuss(analysis.pupils).map((i) => analysis.pupils[i]!.record.name);
    // Then PA pupils, lowest attendance first (Dan 191 of 220, Fay 197 of 220).
    expect(names).toEqual(["Eve Thirty", "Cat Twenty", "Dan Twentynine", "Fay Persistent"]);
  });

  it("follows the school's own number of days", () => {
    const settings = validateSettings({ patterns: { continuousUnauthorisedDays: 9.5 } });
    if (!settings.ok) throw new Error(settings.errors.join(" "));
    const again = analyse([pupilRow("Ben Nineteen", run(40, 19, "N"))], settings.settings);
    expect(again.pupils[0]!.patterns?.tellLocalAuthority).toBe(true);
    expect(again.pupils[0]!.reasons[0]).toMatch(/continuous unauthorised absence of 9.5 school days or more/);
  });
});

describe("patterns of a pupil in words and in JSON", () => {
  // Misses every Monday of the last 6 of 22 weeks (both sessions), late twice (L: Tuesday and Wednesday PM)
  // and once after registers closed (U: Thursday 04/09 PM), and Monday 10/11 on holiday (G, sessions 100–101).
  // Missed: 12 + 1 + 2 = 15 of 220 (93.2% attended); the last 4 weeks 32 of 40 (80.0%).
  const mondays = days.map((d, i) => [d, i] as const).filter(([d]) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1).slice(-6);
  const marks: Record<number, string> = { 3: "L", 5: "L", 7: "U", 100: "G", 101: "G" };
  for (const [, i] of mondays) Object.assign(marks, { [2 * i]: "N", [2 * i + 1]: "N" });
  const analysis = analyse([pupilRow("Gus Mondays", marks)]);
  const pupil = analysis.pupils[0]!;

  it("gives the Pattern column's words", () => {
    expect(patternText(pupil.patterns, defaultSettings.patterns)).toBe(
      "Absence concentrated on Mondays; around the weekend (Mondays and Fridays); declining: 80.0% in the last 4 school weeks against 93.2% over the period; 8 spells, the longest 1 day; 2 late before registers closed (L); 1 late after registers closed (U); 2 sessions of holiday in term time",
    );
  });

  it("gives exactly the JSON fields issue 13 names", () => {
    const json = toJsonReport(analysis).pupils[0]!;
    expect(json.patterns).toEqual({
      weekdayMissedRate: {
        // 14 of 44 Monday sessions (7 of 22 mornings, 7 of 22 afternoons).
        monday: { all: 31.8, am: 31.8, pm: 31.8 },
        tuesday: { all: 0, am: 0, pm: 0 },
        wednesday: { all: 0, am: 0, pm: 0 },
        thursday: { all: 2.3, am: 0, pm: 4.5 },
        friday: { all: 0, am: 0, pm: 0 },
      },
      dayPattern: ["monday", "around-the-weekend"],
      afternoons: false,
      recentTrend: "declining",
      spells: 8,
      longestSpellDays: 1,
      continuousUnauthorisedDays: 1,
      lateBeforeClose: 2,
      lateAfterClose: 1,
      holidaySessions: 2,
    });
  });

  it("gives the school's weekday profile and attendance week by week in the summary", () => {
    const cohort = toJsonReport(analysis).summary.sessionPatterns!;
    expect(cohort.weekdayMissedRate.monday).toEqual({ all: 31.8, am: 31.8, pm: 31.8 });
    expect(cohort.weeks).toHaveLength(22);
    expect(cohort.weeks[0]).toEqual({ weekStart: "2025-09-01", attendancePercent: 90 });
  });

  it("is null for every pupil of an export without session marks", () => {
    const result = analyseGrid([["Name", "Possible sessions", "Authorised absence", "Unauthorised absence"], ["Hal Summary", 100, 3, 2]]);
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.pupils[0]!.patterns).toBeNull();
    expect(toJsonReport(result.analysis).pupils[0]!.patterns).toBeNull();
    expect(result.analysis.summary.sessionPatterns).toBeNull();
  });
});

describe("pattern settings (docs/rules.md §10: every threshold a setting)", () => {
  it("merges a school's values over the defaults", () => {
    const result = validateSettings({ patterns: { afternoonPercent: 80, recentSchoolWeeks: 6 } });
    expect(result.ok && result.settings.patterns).toEqual({ ...defaultSettings.patterns, afternoonPercent: 80, recentSchoolWeeks: 6 });
  });

  it("refuses a value out of range or of the wrong kind, naming the setting", () => {
    const result = validateSettings({ patterns: { dayMinimumMissed: 2.5, continuousAbsenceDays: 0, trendPercentagePoints: "5" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "Day pattern: least missed sessions on the weekday must be a whole number from 1 to 999; it is 2.5.",
      "Continuous absence for the local authority to arrange education (school days) must be a whole or half number from 0.5 to 200; it is 0.",
      'Recent trend: difference in percentage points must be a number with at most one decimal place from 0.1 to 100; it is "5".',
    ]);
    expect(validateSettings({ patterns: [] })).toMatchObject({ ok: false });
  });
});
