import { analysePupils } from "../../../src/core/rules/analysePupils";
import { suggestLevel } from "../../../src/core/rules/piasLevels";
import { defaultSettings } from "../../../src/core/rules/settings";
import {
  countsRecord,
  makeMapping,
  makeRecord,
  marksWith,
  settingsWith,
  summaryMapping,
  weekdaySessions,
} from "./helpers";

// Level reasons are given where the school works with PIAS levels (docs/rules.md §5).
const levelSettings = settingsWith({ framework: "levels" });
const analyse = (record = countsRecord(150, 0, 0), settings = levelSettings) =>
  analysePupils([record], summaryMapping, settings)[0]!;

describe("PIAS levels (docs/rules.md §5)", () => {
  test("level 1 for every pupil who is not PA, whatever the sheet records", () => {
    expect(analyse(countsRecord(150, 5, 5)).level).toBe(1); // at risk
    expect(analyse(countsRecord(150, 14, 0, { recordedLevel: 3 })).level).toBe(1);
    expect(analyse(countsRecord(150, 0, 14, { recordedLevel: 4, parentingContract: true })).level).toBe(1);
    expect(analyse(countsRecord(0, 0, 0)).level).toBe(1); // no data
  });

  test("level 2 for PA or SA with fewer than 10 unauthorised sessions", () => {
    const pupil = analyse(countsRecord(150, 10, 9));
    expect(pupil.level).toBe(2);
    expect(pupil.reasons).toContain(
      "Level 2, Facilitate support: persistent absence with 9 unauthorised sessions (level 3 needs 10 or more).",
    );
    expect(analyse(countsRecord(100, 60, 0)).level).toBe(2); // SA, all authorised
  });

  test("level 3 at 10 unauthorised sessions, not at 9", () => {
    expect(analyse(countsRecord(150, 10, 9)).level).toBe(2);
    expect(analyse(countsRecord(150, 10, 10)).level).toBe(3);
  });

  test("level 3 reason, and the advice to consider level 4 only if formal support is not engaged with", () => {
    const pupil = analyse(countsRecord(150, 3, 12));
    expect(pupil.level).toBe(3);
    expect(pupil.reasons).toContain("Level 3, Formalise support: persistent absence with 12 unauthorised sessions (10 or more).");
    expect(pupil.reasons).toContain("Consider level 4 if formal support is not engaged with.");
  });

  test("level 4 never without a recorded history, however severe the absence", () => {
    const pupil = analyse(countsRecord(150, 10, 130));
    expect(pupil.band).toBe("severe");
    expect(pupil.level).toBe(3);
    expect(analyse(countsRecord(150, 10, 130, { recordedLevel: 2 })).level).toBe(3);
    expect(analyse(countsRecord(150, 10, 130, { parentingContract: false, penaltyNoticeThisYear: false })).level).toBe(3);
  });

  test.each([
    [{ recordedLevel: 3 }, "the sheet records level 3"],
    [{ recordedLevel: 4 }, "the sheet records level 4"],
    [{ parentingContract: true }, "a parenting contract is recorded"],
    [{ penaltyNoticeThisYear: true }, "a penalty notice is recorded this academic year"],
  ])("level 4 with evidence of formal support (%p), still PA with unauthorised absence", (history, words) => {
    const pupil = analyse(countsRecord(150, 14, 1, history));
    expect(pupil.level).toBe(4);
    expect(pupil.reasons.join(" ")).toContain(`formal support has been tried (${words})`);
    expect(pupil.reasons).toContain("Support first: this is advice to discuss with the link PIAS officer, not a decision.");
  });

  test("no level 4 without unauthorised absence, even with a recorded history", () => {
    const pupil = analyse(countsRecord(150, 20, 0, { recordedLevel: 3 }));
    expect(pupil.level).toBe(2);
    expect(pupil.reasons.join(" ")).toContain("there is no unauthorised absence, so level 4 is not suggested");
  });

  test("no level 4 once the pupil is no longer PA", () => {
    expect(analyse(countsRecord(150, 5, 5, { recordedLevel: 3 })).level).toBe(1);
  });

  test("unknown unauthorised absence: level 2, and the reason says level 3 cannot be judged", () => {
    const pupil = analysePupils(
      [makeRecord({ attendancePercent: { percent: 80, decimals: 1 }, recordedLevel: 3 })],
      makeMapping(["attendancePercent", "recordedLevel"]),
      levelSettings,
    )[0]!;
    expect(pupil.level).toBe(2);
    expect(pupil.reasons.join(" ")).toContain("unauthorised sessions are not known, so level 3 cannot be judged");
  });

  test("the level 3 threshold is a setting", () => {
    expect(analyse(countsRecord(100, 10, 5), settingsWith({ level3UnauthorisedSessions: 5 })).level).toBe(3);
  });

  test("with marks, unauthorised absence must persist: 10 or more within any 10 school weeks", () => {
    const sessions = weekdaySessions("2025-09-01", 14); // 140 sessions, 14 school weeks
    const mapping = makeMapping([], sessions);
    // 12 unauthorised sessions spread: 6 in week 1 and 6 in week 14 (never 10 within 10 weeks), plus authorised absence.
    const spread: Record<number, string> = {};
    for (const i of [0, 1, 2, 3, 4, 5, 130, 131, 132, 133, 134, 135]) spread[i] = "N";
    for (let i = 20; i < 26; i++) spread[i] = "I";
    const apart = analysePupils([makeRecord({ marks: marksWith(140, spread) })], mapping, levelSettings)[0]!;
    expect(apart.band).toBe("persistent"); // 18 of 140
    expect(apart.unauthorisedSessions).toBe(12);
    expect(apart.level).toBe(2);
    expect(apart.reasons).toContain(
      "Level 2, Facilitate support: persistent absence with 6 unauthorised sessions within 10 school weeks (level 3 needs 10 or more).",
    );
    // The same 12 sessions close together are level 3.
    const close: Record<number, string> = {};
    for (let i = 0; i < 12; i++) close[i] = "N";
    for (let i = 20; i < 26; i++) close[i] = "I";
    const together = analysePupils([makeRecord({ marks: marksWith(140, close) })], mapping, defaultSettings)[0]!;
    expect(together.level).toBe(3);
  });

  test("suggestLevel on its own", () => {
    const record = { recordedLevel: null, parentingContract: null, penaltyNoticeThisYear: null };
    expect(suggestLevel({ band: "expected", unauthorisedSessions: 50, unauthorisedInWindow: null, record }, defaultSettings).level).toBe(1);
    expect(
      suggestLevel({ band: "persistent", unauthorisedSessions: 50, unauthorisedInWindow: 9, record }, defaultSettings).level,
    ).toBe(2);
    const three = suggestLevel({ band: "severe", unauthorisedSessions: 50, unauthorisedInWindow: null, record }, defaultSettings);
    expect(three).toMatchObject({ level: 3, considerLevel4: true, history: [] });
  });
});
