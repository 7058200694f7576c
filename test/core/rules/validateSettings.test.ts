import { defaultSettings } from "../../../src/core/rules/settings";
import { validateSettings } from "../../../src/core/rules/validateSettings";

function errorsOf(input: unknown): string[] {
  const result = validateSettings(input);
  return result.ok ? [] : result.errors;
}

describe("settings validation", () => {
  test("nothing or an empty object gives the defaults (a copy, not the shared object)", () => {
    const result = validateSettings({});
    expect(result).toEqual({ ok: true, settings: defaultSettings });
    if (result.ok) expect(result.settings.bands).not.toBe(defaultSettings.bands);
    expect(validateSettings(undefined)).toEqual({ ok: true, settings: defaultSettings });
  });

  test("partial input is merged over the defaults", () => {
    const result = validateSettings({ framework: "both", bands: { atRiskPercent: 7.5 }, penaltyNotice: { sessions: 12 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.framework).toBe("both");
    expect(result.settings.bands).toEqual({ severePercent: 50, persistentPercent: 10, atRiskPercent: 7.5 });
    expect(result.settings.penaltyNotice).toEqual({ sessions: 12, schoolWeeks: 10 });
    expect(result.settings.stages).toEqual(defaultSettings.stages);
  });

  test.each([
    ["not an object", "stages", ["Settings must be a set of named values (an object), not \"stages\"."]],
    ["framework", { framework: "ladder" }, ['Framework must be "stages", "levels" or "both"; it is "ladder".']],
    ["version", { version: 2 }, ["Settings version must be 1; it is 2."]],
    [
      "at risk not below persistent",
      { bands: { atRiskPercent: 12 } },
      ["At-risk threshold (12%) must be below the persistent absence threshold (10%)."],
    ],
    [
      "persistent not below severe",
      { bands: { persistentPercent: 50 } },
      ["Persistent absence threshold (50%) must be below the severe absence threshold (50%)."],
    ],
    ["severe above 100", { bands: { severePercent: 120 } }, ["Severe absence threshold must be above 0% and at most 100%; it is 120%."]],
    ["zero at risk", { bands: { atRiskPercent: 0 } }, ["At-risk threshold must be above 0% and at most 100%; it is 0%."]],
    [
      "two decimal places",
      { bands: { persistentPercent: 10.25 } },
      ["Persistent absence threshold may have at most one decimal place (for example 10 or 7.5); it is 10.25%."],
    ],
    [
      "text threshold",
      { bands: { persistentPercent: "10" } },
      ['Persistent absence threshold must be a number of percent from above 0 to 100; it is "10".'],
    ],
    [
      "stage absence",
      { stageAbsence: "authorised" },
      ['Absence counted for stages must be "all" or "unauthorised"; it is "authorised".'],
    ],
    [
      "level 3 sessions",
      { level3UnauthorisedSessions: 0 },
      ["Unauthorised sessions for level 3 must be a whole number from 1 to 999; it is 0."],
    ],
    [
      "penalty notice weeks",
      { penaltyNotice: { schoolWeeks: 10.5 } },
      ["School weeks for a penalty notice must be a whole number from 1 to 52; it is 10.5."],
    ],
    [
      "penalty notice sessions",
      { penaltyNotice: { sessions: -1 } },
      ["Unauthorised sessions for a penalty notice must be a whole number from 1 to 999; it is -1."],
    ],
  ])("%s", (_name, input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });

  test("severe may be exactly 100%", () => {
    expect(validateSettings({ bands: { severePercent: 100 } }).ok).toBe(true);
  });

  test("stage bounds must increase, and only the top stage is open-ended", () => {
    const stages = defaultSettings.stages.map((s) => (s.stage === 2 ? { ...s, maxDays: 4 } : s));
    expect(errorsOf({ stages })).toEqual([
      "Stage 2 upper bound (4 days) must be more than the bound of the stage before it (5 days): bounds must increase.",
    ]);
    const openMiddle = defaultSettings.stages.map((s) => (s.stage === 3 ? { ...s, maxDays: null } : s));
    expect(errorsOf({ stages: openMiddle })).toEqual(["Stage 3 upper bound must be a number of days above 10; it is empty."]);
    const closedTop = defaultSettings.stages.map((s) => (s.stage === 6 ? { ...s, maxDays: 60 } : s));
    expect(errorsOf({ stages: closedTop })).toEqual([
      "Stage 6 is the top stage, so its upper bound in days must be empty (no upper limit); it is 60.",
    ]);
    const quarterDay = defaultSettings.stages.map((s) => (s.stage === 0 ? { ...s, maxDays: 1.25 } : s));
    expect(errorsOf({ stages: quarterDay })).toEqual([
      "Stage 0 upper bound must be a whole or half number of days (for example 5 or 7.5); it is 1.25.",
    ]);
  });

  test("stages must be numbered in increasing order and named", () => {
    const swapped = [defaultSettings.stages[1], defaultSettings.stages[0], ...defaultSettings.stages.slice(2)];
    expect(errorsOf({ stages: swapped })[0]).toBe(
      "Stage 2 in the list must have a stage number from 0 to 6, higher than the stage before it (1); it is 0.",
    );
    const unnamed = defaultSettings.stages.map((s) => (s.stage === 1 ? { ...s, name: " " } : s));
    expect(errorsOf({ stages: unnamed })).toEqual(['Stage 1 name must be text that is not empty; it is " ".']);
    expect(errorsOf({ stages: [] })).toEqual(["Stages must be a list of 1 to 7 stages, numbered from 0 to 6 in order."]);
  });

  test("a shorter ladder is allowed", () => {
    const stages = [
      { stage: 1, name: "Concern", maxDays: 5, actions: "Call home." },
      { stage: 2, name: "Serious", maxDays: null, actions: "Meet." },
    ];
    const result = validateSettings({ stages });
    expect(result.ok && result.settings.stages).toEqual(stages);
  });

  test("levels must be exactly 1 to 4", () => {
    expect(errorsOf({ levels: defaultSettings.levels.slice(0, 3) })).toEqual([
      "Levels must be a list of exactly 4 levels, numbered 1 to 4 in order.",
    ]);
    const renumbered = defaultSettings.levels.map((l) => (l.level === 2 ? { ...l, level: 3 } : l));
    expect(errorsOf({ levels: renumbered })).toEqual(["Level 2 must come in position 2 of the list, with level number 2."]);
  });

  test("every error is reported at once", () => {
    expect(errorsOf({ framework: 1, level3UnauthorisedSessions: 2.5, stageAbsence: null })).toHaveLength(3);
  });
});

describe("progress settings (docs/rules.md §11)", () => {
  it("defaults to improving at 90% and reviews after 1, 1 and 5 school weeks", () => {
    const result = validateSettings({});
    expect(result.ok && result.settings.progress).toEqual({ improvingPercent: 90, reviewWeeks: { welfareAndStage1: 1, stages2And3: 1, stages4And5: 5 } });
  });

  it("takes a school's own values and names what is wrong", () => {
    const ok = validateSettings({ progress: { improvingPercent: 92.5, reviewWeeks: { stages4And5: 4 } } });
    expect(ok.ok && ok.settings.progress).toEqual({ improvingPercent: 92.5, reviewWeeks: { welfareAndStage1: 1, stages2And3: 1, stages4And5: 4 } });
    const bad = validateSettings({ progress: { improvingPercent: 90.05, reviewWeeks: { welfareAndStage1: 0 } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual([
      "Attendance that counts as improving may have at most one decimal place (for example 90 or 92.5); it is 90.05%.",
      "Weeks to the review of a welfare call or stage 1 must be a whole number of school weeks from 1 to 52; it is 0.",
    ]);
  });
});
