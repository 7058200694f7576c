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

describe("penalty-notice threshold (rules.md §6): 10 unauthorised sessions within any rolling 10 school weeks", () => {
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

  test("a week of closure marks (#) still has session columns, so it is a school week", () => {
    const sessions = weekdaySessions("2025-09-01", 11);
    const closed: Record<number, string> = {};
    for (let i = 7 * perWeek; i < 8 * perWeek; i++) closed[i] = "#";
    const marks = { ...closed, ...unauthorisedAt(0, 5), ...unauthorisedAt(10 * perWeek, 5) };
    expect(analyseMarks(sessions, marks).penaltyNoticeThresholdMet).toBe(false);
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

describe("whether to suggest a notice (rules.md §6, Kent handbook section 16)", () => {
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

describe("statutory referral closure (rules.md §6): no unauthorised absence in the most recent 20 school days", () => {
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
