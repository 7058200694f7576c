import { analysePupils } from "../../../src/core/rules/analysePupils";
import { penaltyNoticeAdvice, penaltyNoticeThresholdMet } from "../../../src/core/rules/penaltyNotice";
import type { SessionColumn } from "../../../src/core/read/pupilRecord";
import { buildCalendar, maxUnauthorisedInSchoolWeeks } from "../../../src/core/rules/schoolWeeks";
import { categoriseMarks, codeTablesForSessions } from "../../../src/core/rules/registerCodes";
import { defaultSettings } from "../../../src/core/rules/settings";
import { countsRecord, makeMapping, makeRecord, marksWith, summaryMapping, weekdaySessions } from "./helpers";

/** Sessions per school week in weekdaySessions. */
const perWeek = 10;

function analyseMarks(sessions: SessionColumn[], replacements: Record<number, string>, overrides = {}) {
  const record = makeRecord({ marks: marksWith(sessions.length, replacements), ...overrides });
  return analysePupils([record], makeMapping([], sessions), defaultSettings)[0]!;
}

/** `count` unauthorised marks starting at a session index. */
function unauthorisedAt(start: number, count: number, code = "N"): Record<number, string> {
  const marks: Record<number, string> = {};
  for (let i = 0; i < count; i++) marks[start + i] = code;
  return marks;
}

describe("penalty-notice threshold (docs/rules.md §6): 10 unauthorised sessions within any rolling 10 school weeks", () => {
  const fourteenWeeks = weekdaySessions("2025-09-01", 14);

  test("10 unauthorised sessions in one week: met", () => {
    expect(analyseMarks(fourteenWeeks, unauthorisedAt(0, 10)).penaltyNoticeThresholdMet).toBe(true);
  });

  test("9 unauthorised sessions within 10 weeks: not met; 10: met", () => {
    const nine = { ...unauthorisedAt(0, 5), ...unauthorisedAt(9 * perWeek, 4) };
    expect(analyseMarks(fourteenWeeks, nine).penaltyNoticeThresholdMet).toBe(false);
    const ten = { ...unauthorisedAt(0, 5), ...unauthorisedAt(9 * perWeek, 5) };
    expect(analyseMarks(fourteenWeeks, ten).penaltyNoticeThresholdMet).toBe(true);
  });

  test("G, N, O and U in any mix, not necessarily consecutive", () => {
    const mixed: Record<number, string> = {};
    ["G", "N", "O", "U", "G", "N", "O", "U", "G", "N"].forEach((code, i) => (mixed[i * 7] = code));
    expect(analyseMarks(fourteenWeeks, mixed).penaltyNoticeThresholdMet).toBe(true);
  });

  test("10 sessions spread over 11 school weeks: not met", () => {
    const spread = { ...unauthorisedAt(0, 5), ...unauthorisedAt(10 * perWeek, 5) };
    const pupil = analyseMarks(fourteenWeeks, spread);
    expect(pupil.penaltyNoticeThresholdMet).toBe(false);
    expect(pupil.reasons).toContain(
      "Penalty notice threshold not met: 10 unauthorised sessions in all, but no more than 5 within any 10 school weeks (the national threshold is 10).",
    );
  });

  test("a half-term week with no session columns is not a school week, so the window stretches across it", () => {
    // 11 calendar weeks from 1 Sep; the 8th (27 Oct) is half term and has no columns: 10 school weeks.
    const withHalfTerm = weekdaySessions("2025-09-01", 11, [7]);
    expect(buildCalendar(withHalfTerm).weekCount).toBe(10);
    const lastSchoolWeekStart = 9 * perWeek;
    expect(withHalfTerm[lastSchoolWeekStart]!.date).toBe("2025-11-10");
    const marks = { ...unauthorisedAt(0, 5), ...unauthorisedAt(lastSchoolWeekStart, 5) };
    const pupil = analyseMarks(withHalfTerm, marks);
    expect(pupil.penaltyNoticeThresholdMet).toBe(true);
    expect(pupil.reasons).toContain(
      "Penalty notice threshold met: 10 unauthorised sessions within 10 school weeks (01/09/2025 to 14/11/2025); the national threshold is 10.",
    );
  });


  test("the window may cross terms: December and January weeks are neighbours across the holiday", () => {
    // Autumn: weeks from 1 Dec 2025 to 19 Dec; two holiday weeks; spring from 5 Jan 2026.
    const sessions = weekdaySessions("2025-12-01", 8, [3, 4]);
    expect(buildCalendar(sessions).weekCount).toBe(6);
    const lastAutumnWeek = 2 * perWeek;
    const firstSpringWeek = 3 * perWeek;
    expect(sessions[firstSpringWeek]!.date).toBe("2026-01-05");
    const marks = { ...unauthorisedAt(lastAutumnWeek + 5, 5, "G"), ...unauthorisedAt(firstSpringWeek, 5, "O") };
    expect(analyseMarks(sessions, marks).penaltyNoticeThresholdMet).toBe(true);
  });

  test("without marks the threshold is unknown (null), and a reason says why when it matters", () => {
    const pupil = analysePupils([countsRecord(150, 0, 12)], summaryMapping, defaultSettings)[0]!;
    expect(pupil.penaltyNoticeThresholdMet).toBeNull();
    expect(pupil.reasons).toContain(
      "Penalty notice threshold not known: the sheet has no session marks to check for 10 unauthorised sessions within 10 school weeks.",
    );
    expect(penaltyNoticeThresholdMet(null, defaultSettings)).toBeNull();
  });

  test("the rolling window counts", () => {
    const sessions = weekdaySessions("2025-09-01", 3);
    const marks = marksWith(30, { 0: "U", 12: "U", 13: "N", 25: "G" });
    const categories = categoriseMarks(marks, codeTablesForSessions(sessions));
    const calendar = buildCalendar(sessions);
    expect(maxUnauthorisedInSchoolWeeks(categories, calendar, 1).count).toBe(2);
    expect(maxUnauthorisedInSchoolWeeks(categories, calendar, 2).count).toBe(3);
    expect(maxUnauthorisedInSchoolWeeks(categories, calendar, 10)).toEqual({
      count: 4,
      from: "2025-09-01",
      to: "2025-09-19",
      weeks: 3,
    });
  });
});

describe("a school week is a week in which a session took place for the school (docs/rules.md §6)", () => {
  // 12 calendar weeks from 1 Sep 2025 with no half term; week 7 (index 6, 13 Oct) is a closure week.
  const twelveWeeks = weekdaySessions("2025-09-01", 12);
  const closureWeek = 6;
  const week11 = 10;

  function marksFor(replacements: Record<number, string>): string[] {
    return marksWith(twelveWeeks.length, replacements);
  }
  function weekOf(week: number, mark: string): Record<number, string> {
    const marks: Record<number, string> = {};
    for (let i = week * perWeek; i < (week + 1) * perWeek; i++) marks[i] = mark;
    return marks;
  }
  /** Everyone's marks, with the closure mark for the whole of week 7 unless a pupil's own marks say otherwise. */
  function analyseSchool(pupils: Record<number, string>[], closure = "#") {
    const records = pupils.map((own, i) =>
      makeRecord({ sourceRow: i + 2, marks: marksFor({ ...weekOf(closureWeek, closure), ...own }) }),
    );
    return analysePupils(records, makeMapping([], twelveWeeks), { ...defaultSettings, framework: "both" });
  }
  const fiveAndFive = { ...unauthorisedAt(0, 5), ...unauthorisedAt(week11 * perWeek, 5) };

  test("a week of whole-school closure (#) is skipped like half term, so weeks 1 and 11 fall in one window", () => {
    const [pupil, classmate] = analyseSchool([fiveAndFive, {}]);
    expect(pupil!.penaltyNoticeThresholdMet).toBe(true);
    expect(pupil!.reasons).toContain(
      "Penalty notice threshold met: 10 unauthorised sessions within 10 school weeks (01/09/2025 to 14/11/2025); the national threshold is 10.",
    );
    expect(classmate!.penaltyNoticeThresholdMet).toBe(false);
    const calendar = buildCalendar(twelveWeeks, [marksFor({ ...weekOf(closureWeek, "#"), ...fiveAndFive })]);
    expect(calendar.weekCount).toBe(11);
    expect(calendar.dayCount).toBe(55);
  });

  test("a week where only some pupils are closed (#) still counts: the window does not reach week 11", () => {
    const [pupil] = analyseSchool([fiveAndFive, weekOf(closureWeek, "/")]);
    expect(pupil!.penaltyNoticeThresholdMet).toBe(false);
    expect(pupil!.reasons).toContain(
      "Penalty notice threshold not met: 10 unauthorised sessions in all, but no more than 5 within any 10 school weeks (the national threshold is 10).",
    );
  });

  test("one pupil's own not-possible marks (X, Z, Y1) keep the week a school week", () => {
    for (const mark of ["X", "Z", "Y1"]) {
      const [pupil] = analyseSchool([fiveAndFive, weekOf(closureWeek, mark)]);
      expect(pupil!.penaltyNoticeThresholdMet).toBe(false);
    }
  });

  test("an unexpected whole-site closure (Y4) and a week with no marks at all are skipped too", () => {
    expect(analyseSchool([fiveAndFive, {}], "Y4")[0]!.penaltyNoticeThresholdMet).toBe(true);
    expect(analyseSchool([fiveAndFive, {}], "")[0]!.penaltyNoticeThresholdMet).toBe(true);
  });

  test("before August 2024 the enforced-closure code Y closes the school; a pupil's own X does not", () => {
    const sessions = weekdaySessions("2023-09-04", 12);
    const records = (closure: string) => [
      makeRecord({ marks: marksWith(sessions.length, { ...weekOf(closureWeek, closure), ...fiveAndFive }) }),
    ];
    expect(buildCalendar(sessions, records("Y").map((r) => r.marks)).weekCount).toBe(11);
    expect(buildCalendar(sessions, records("#").map((r) => r.marks)).weekCount).toBe(11);
    expect(buildCalendar(sessions, records("Y4").map((r) => r.marks)).weekCount).toBe(11);
    expect(buildCalendar(sessions, records("X").map((r) => r.marks)).weekCount).toBe(12);
  });

  test("PIAS level 3 uses the same school weeks: unauthorised absence either side of a closure week persists", () => {
    // Persistent absence: 10 unauthorised and 2 authorised of 110 possible sessions.
    const own = { ...fiveAndFive, 20: "I", 21: "I" };
    const [closed] = analyseSchool([own, {}]);
    expect(closed!.band).toBe("persistent");
    expect(closed!.level).toBe(3);
    expect(closed!.reasons).toContain(
      "Level 3, Formalise support: persistent absence with 10 unauthorised sessions within 10 school weeks (10 or more).",
    );
    const [open] = analyseSchool([own, weekOf(closureWeek, "/")]);
    expect(open!.level).toBe(2);
  });

  test("a statutory referral's 20 school days skip the closure week as well", () => {
    // Level 4 recorded; last unauthorised session on Fri 10 Oct (week 6); weeks 8 to 12 are clean.
    const last20 = { 49: "N" };
    const [pupil] = analysePupils(
      [makeRecord({ recordedLevel: 4, marks: marksFor({ ...weekOf(closureWeek, "#"), ...last20 }) })],
      makeMapping([], twelveWeeks),
      defaultSettings,
    );
    expect(pupil!.reasons).toContain(
      "No unauthorised absence in the most recent 20 school days (27/10/2025 to 21/11/2025): a statutory referral may close.",
    );
  });
});

describe("whether to suggest a notice (docs/rules.md §6, Kent handbook section 16)", () => {
  const sessions = weekdaySessions("2025-09-01", 14);
  const twelve = unauthorisedAt(0, 12);

  test("threshold met, not severe, no notice this year: suggest considering a notice", () => {
    const pupil = analyseMarks(sessions, twelve);
    expect(pupil.band).toBe("at-risk");
    expect(pupil.reasons).toContain("Consider a notice to improve or a penalty notice.");
    expect(pupil.suggestedAction).toContain("Consider a notice to improve or a penalty notice.");
  });

  test("severe absence: the threshold is met but the reasons say why no notice is suggested", () => {
    const pupil = analyseMarks(sessions, unauthorisedAt(0, 80));
    expect(pupil.band).toBe("severe");
    expect(pupil.penaltyNoticeThresholdMet).toBe(true);
    expect(pupil.reasons).toContain(
      "A penalty notice is not suggested because absence is severe (Kent handbook): agree a support plan instead.",
    );
    expect(pupil.suggestedAction).not.toContain("penalty notice.");
  });

  test("a notice already recorded this academic year", () => {
    const pupil = analyseMarks(sessions, twelve, { penaltyNoticeThisYear: true });
    expect(pupil.reasons).toContain(
      "A penalty notice is not suggested because a penalty notice is already recorded this academic year (Kent handbook): agree a support plan instead.",
    );
  });

  test("both bars are named together", () => {
    expect(penaltyNoticeAdvice(true, "severe", true)).toEqual({
      thresholdMet: true,
      suggest: false,
      bars: ["severe", "notice-this-year"],
    });
    expect(penaltyNoticeAdvice(false, "persistent", null).suggest).toBe(false);
    expect(penaltyNoticeAdvice(null, "persistent", null).suggest).toBe(false);
    expect(penaltyNoticeAdvice(true, "persistent", null).suggest).toBe(true);
  });
});

describe("statutory referral closure (docs/rules.md §6): no unauthorised absence in the most recent 20 school days", () => {
  const sessions = weekdaySessions("2025-09-01", 6); // 30 school days

  test("a pupil recorded at level 4 with a clean last 20 school days: the referral may close", () => {
    const pupil = analyseMarks(sessions, unauthorisedAt(0, 20), { recordedLevel: 4 });
    expect(pupil.reasons).toContain(
      "No unauthorised absence in the most recent 20 school days (15/09/2025 to 10/10/2025): a statutory referral may close.",
    );
  });

  test("unauthorised absence in the last 20 school days keeps it open", () => {
    const pupil = analyseMarks(sessions, { 59: "O" }, { recordedLevel: 4 });
    expect(pupil.reasons).toContain(
      "1 unauthorised session in the most recent 20 school days (15/09/2025 to 10/10/2025): a statutory referral stays open.",
    );
  });

  test("closure days are not school days, so the 20 days reach further back", () => {
    const closed: Record<number, string> = {};
    for (let i = 50; i < 60; i++) closed[i] = "#"; // the last week closed
    const pupil = analyseMarks(sessions, { ...closed, 10: "N" }, { recordedLevel: 4 });
    expect(pupil.reasons).toContain(
      "1 unauthorised session in the most recent 20 school days (08/09/2025 to 03/10/2025): a statutory referral stays open.",
    );
  });

  test("fewer than 20 school days of marks: it cannot be checked yet", () => {
    const pupil = analyseMarks(weekdaySessions("2025-09-01", 2), {}, { recordedLevel: 4 });
    expect(pupil.reasons.join(" ")).toContain("this cannot be checked yet");
  });

  test("not mentioned for pupils without a referral", () => {
    const pupil = analyseMarks(sessions, {});
    expect(pupil.reasons.join(" ")).not.toContain("statutory referral");
  });
});
