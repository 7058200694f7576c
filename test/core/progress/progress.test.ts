import { bandMovement, enteredPersistentAbsence } from "../../../src/core/progress/bandMovement";
import { isImproving, pupilProgress } from "../../../src/core/progress/pupilProgress";
import { recordProgress } from "../../../src/core/report/progressRecord";
import { reviewAdvice } from "../../../src/core/progress/reviewDue";
import { snapshotDate, takeSnapshot } from "../../../src/core/progress/snapshot";
import { mergeSnapshot, previousSnapshot } from "../../../src/core/progress/snapshotHistory";
import { planHistorySheet, readHistorySheet } from "../../../src/core/report/historySheet";
import type { Analysis } from "../../../src/core/rules/pupilAnalysis";
import { defaultSettings } from "../../../src/core/rules/settings";
import { makeAnalysis, planToGrid, type PupilSpec } from "../report/factory";

const progressSettings = defaultSettings.progress;

/** Record `analysis` on `date` onto the history grid of the run before, as an adapter would: write, read back. */
function run(analysis: Analysis, date: string, historyGrid?: ReturnType<typeof planToGrid>) {
  const record = recordProgress(analysis, historyGrid, date);
  return { record, grid: planToGrid(planHistorySheet(record.history)) };
}

const ada = (possible: number, authorised: number, unauthorised = 0): PupilSpec => ({ name: "Ada Lovelace", upn: "A111", year: "9", possible, authorised, unauthorised });
const ben = (possible: number, authorised: number): PupilSpec => ({ name: "Ben Okri", upn: "B222", year: "9", possible, authorised });

describe("snapshot date (docs/rules.md §11)", () => {
  it("is the data's as-at date when the sheet gives one, else the analysis date", () => {
    const analysis = makeAnalysis([ada(100, 5)]);
    expect(snapshotDate(analysis, "2025-11-20")).toBe("2025-11-20");
    const dated: Analysis = { ...analysis, summary: { ...analysis.summary, periodEnd: "2025-11-14" } };
    expect(snapshotDate(dated, "2025-11-20")).toBe("2025-11-14");
    expect(takeSnapshot(dated, "2025-11-20").date).toBe("2025-11-14");
  });

  it("refuses an analysis date that is not a date", () => {
    expect(() => takeSnapshot(makeAnalysis([ada(100, 5)]), "20/11/2025")).toThrow(/yyyy-MM-dd/);
  });
});

describe("history", () => {
  it("keeps one snapshot per date: analysing again on the same date replaces it", () => {
    const first = run(makeAnalysis([ada(100, 5)]), "2025-11-07");
    const again = run(makeAnalysis([ada(100, 20)]), "2025-11-07", first.grid);
    expect(again.record.history.map((s) => s.date)).toEqual(["2025-11-07"]);
    expect(again.record.history[0]?.pupils[0]?.authorisedSessions).toBe(20);
    // Nothing to compare with: the same date is not an earlier snapshot.
    expect(again.record.progress.previousDate).toBeNull();
    expect(again.record.progress.pupils[0]?.movement).toBeNull();
  });

  it("starts fresh for comparisons in a new academic year, and drops years before the last", () => {
    const summer = run(makeAnalysis([ada(300, 40)]), "2025-07-18");
    const autumn = run(makeAnalysis([ada(20, 4)]), "2025-09-12", summer.grid);
    expect(autumn.record.progress.previousDate).toBeNull();
    expect(autumn.record.progress.pupils[0]?.attendanceChange).toBeNull();
    expect(autumn.record.trend.map((t) => t.date)).toEqual(["2025-09-12"]);
    expect(autumn.record.history.map((s) => s.date)).toEqual(["2025-07-18", "2025-09-12"]);
    const nextYear = run(makeAnalysis([ada(20, 0)]), "2026-09-11", autumn.grid);
    expect(nextYear.record.history.map((s) => s.date)).toEqual(["2025-09-12", "2026-09-11"]);
    // 31 August is still last year; 1 September starts the next.
    const history = mergeSnapshot([], takeSnapshot(makeAnalysis([ada(10, 0)]), "2026-08-31"));
    expect(previousSnapshot(history, "2026-09-01")).toBeNull();
    expect(previousSnapshot(history, "2026-08-31")).toBeNull();
  });

  it("stays within its row limit by dropping the oldest snapshots, never the new one", () => {
    let history = mergeSnapshot([], takeSnapshot(makeAnalysis([ada(10, 0), ben(10, 0)]), "2025-09-05"));
    history = mergeSnapshot(history, takeSnapshot(makeAnalysis([ada(20, 0), ben(20, 0)]), "2025-09-12"), 3);
    expect(history.map((s) => s.date)).toEqual(["2025-09-12"]);
  });

  it("reads back what it wrote, by headings, and skips rows it cannot read", () => {
    const analysis = makeAnalysis([ada(100, 5, 6), { name: "No Upn", upn: null, year: "R", possible: 0 }]);
    const { record, grid } = run(analysis, "2025-10-03");
    expect(readHistorySheet(grid)).toEqual(record.history);
    const edited = grid.map((row) => [...row]);
    edited.push(["not a date", "X", "Someone", "", 1, 1, 0, 0, "PA", 1, 2]);
    expect(readHistorySheet(edited)).toEqual(record.history);
    expect(readHistorySheet(undefined)).toEqual([]);
    expect(readHistorySheet([["Something else entirely"]])).toEqual([]);
  });

  it("is hidden and school-only", () => {
    const plan = planHistorySheet([]);
    expect(plan.hidden).toBe(true);
    expect(plan.schoolOnly).toBe(true);
    expect(plan.print).toBeNull();
  });
});

describe("band movement in words", () => {
  it.each([
    ["expected", "persistent", "New to PA", true],
    ["at-risk", "severe", "New to SA", true],
    ["persistent", "severe", "PA → SA", false],
    ["severe", "persistent", "SA → PA", false],
    ["persistent", "at-risk", "Left PA", false],
    ["severe", "expected", "Left SA and PA", false],
    ["expected", "at-risk", "New to at risk", false],
    ["at-risk", "expected", "No longer at risk", false],
    ["persistent", "persistent", "Still PA", false],
    ["expected", "expected", "No change", false],
    [null, "persistent", "Not in the last snapshot", false],
  ] as const)("%s → %s is %s", (then, now, text, entered) => {
    const movement = bandMovement(then, now);
    expect(movement.text).toBe(text);
    expect(enteredPersistentAbsence(movement)).toBe(entered);
  });
});

describe("improving (whole numbers)", () => {
  it("is at least 90% since the last snapshot, exactly at the boundary", () => {
    expect(isImproving({ attended: 9, possible: 10 }, progressSettings)).toBe(true);
    expect(isImproving({ attended: 899, possible: 1000 }, progressSettings)).toBe(false);
    // 0.9 × 30 is 27.000000000000004 in floating point: the whole-number comparison still says improving.
    expect(isImproving({ attended: 27, possible: 30 }, progressSettings)).toBe(true);
    const stricter = { ...progressSettings, improvingPercent: 92.5 };
    expect(isImproving({ attended: 37, possible: 40 }, stricter)).toBe(true);
    expect(isImproving({ attended: 36, possible: 40 }, stricter)).toBe(false);
  });
});

describe("progress since the last snapshot", () => {
  it("gives the change, movement, recent attendance and improvement per pupil", () => {
    const week1 = run(makeAnalysis([ada(100, 8), ben(100, 2)]), "2025-11-07");
    // Ada misses 4 of the next 10 (recent 60%): now PA. Ben attends all 10.
    const week2 = run(makeAnalysis([ada(110, 12), ben(110, 2)]), "2025-11-14", week1.grid);
    const [a, b] = week2.record.progress.pupils;
    expect(week2.record.progress.previousDate).toBe("2025-11-07");
    expect(a?.movement?.text).toBe("New to PA");
    expect(a?.attendanceChange).toBeCloseTo(98 / 110 * 100 - 92, 10);
    expect(a?.recentAttendancePercent).toBeCloseTo(60, 10);
    expect(a?.improving).toBe(false);
    expect(b?.improving).toBe(true);
    expect(b?.recentAttendancePercent).toBe(100);
    expect(week2.record.progress.bandCountChange?.persistent).toBe(1);
  });

  it("has no recent attendance when possible sessions did not grow", () => {
    const week1 = run(makeAnalysis([ada(100, 8)]), "2025-11-07");
    const same = run(makeAnalysis([ada(100, 8)]), "2025-11-14", week1.grid);
    expect(same.record.progress.pupils[0]?.recentAttendancePercent).toBeNull();
    expect(same.record.progress.pupils[0]?.improving).toBeNull();
    expect(same.record.progress.pupils[0]?.attendanceChange).toBe(0);
  });

  it("knows a pupil who joined, and lists one who left", () => {
    const week1 = run(makeAnalysis([ada(100, 8), ben(100, 2)]), "2025-11-07");
    const week2 = run(makeAnalysis([ada(110, 8), { name: "Cat New", upn: "C333", year: "9", possible: 10, authorised: 2 }]), "2025-11-14", week1.grid);
    const [, joined] = week2.record.progress.pupils;
    expect(joined?.movement?.kind).toBe("new-pupil");
    expect(joined?.attendanceChange).toBeNull();
    expect(joined?.stageSince).toBe("2025-11-14");
    expect(week2.record.progress.leftSince.map((p) => p.name)).toEqual(["Ben Okri"]);
  });

  it("never matches two pupils who share a name and year and have no UPN", () => {
    const twins: PupilSpec[] = [
      { name: "Sam Lee", upn: null, year: "7", possible: 100, authorised: 12 },
      { name: "Sam Lee", upn: null, year: "7", possible: 100, authorised: 0 },
    ];
    const week1 = run(makeAnalysis(twins), "2025-11-07");
    const week2 = run(makeAnalysis(twins.map((t) => ({ ...t, possible: 110 }))), "2025-11-14", week1.grid);
    expect(week2.record.progress.pupils.map((p) => p.movement)).toEqual([null, null]);
  });
});

describe("stage since and review (docs/rules.md §11)", () => {
  it("dates the stage from the first snapshot of the unbroken run at that stage or higher", () => {
    // 12 sessions = 6 days: stage 2. Then 22 = 11 days: stage 3. Then still stage 3.
    const w1 = run(makeAnalysis([ada(100, 12)]), "2025-10-03");
    const w2 = run(makeAnalysis([ada(110, 22)]), "2025-10-10", w1.grid);
    const w3 = run(makeAnalysis([ada(120, 24)]), "2025-10-17", w2.grid);
    expect(w3.record.progress.pupils[0]?.stageSince).toBe("2025-10-10");
    // Recent 8 of 10 (80%): no real improvement, and the review a week after 10/10 has passed.
    expect(w3.record.progress.pupils[0]?.improving).toBe(false);
    expect(w3.record.progress.pupils[0]?.review).toEqual({ status: "due", date: "2025-10-17", text: "Review due by 17/10/2025" });
    const w4 = run(makeAnalysis([ada(130, 30)]), "2025-10-24", w3.grid);
    expect(w4.record.progress.pupils[0]?.review?.status).toBe("overdue");
    expect(w4.record.progress.pupils[0]?.review?.text).toBe("Review overdue (due 17/10/2025)");
  });

  it("counts an improving snapshot as a review passed", () => {
    const w1 = run(makeAnalysis([ada(100, 22)]), "2025-10-03");
    const w2 = run(makeAnalysis([ada(110, 22)]), "2025-10-17", w1.grid);
    expect(w2.record.progress.pupils[0]?.improving).toBe(true);
    expect(w2.record.progress.pupils[0]?.review).toEqual({ status: "due", date: "2025-10-24", text: "Review due by 24/10/2025" });
  });

  it("falls by the 5th week at stages 4–5 and at the next TSM at stage 6", () => {
    expect(reviewAdvice(4, "2025-10-03", null, "2025-11-06", progressSettings)).toMatchObject({ status: "due", date: "2025-11-07" });
    expect(reviewAdvice(5, "2025-10-03", null, "2025-11-08", progressSettings)).toMatchObject({ status: "overdue", date: "2025-11-07" });
    expect(reviewAdvice(6, "2025-10-03", null, "2026-03-01", progressSettings)).toEqual({ status: "next-tsm", date: null, text: "Review at the next TSM" });
    expect(reviewAdvice(0, "2025-10-03", null, "2025-10-03", progressSettings).date).toBe("2025-10-10");
    const slower = { ...progressSettings, reviewWeeks: { ...progressSettings.reviewWeeks, welfareAndStage1: 2 } };
    expect(reviewAdvice(1, "2025-10-03", null, "2025-10-03", slower).date).toBe("2025-10-17");
  });

  it("has no stage date or review for a pupil without absence", () => {
    const w1 = run(makeAnalysis([ada(100, 0)]), "2025-10-03");
    expect(w1.record.progress.pupils[0]?.stageSince).toBeNull();
    expect(w1.record.progress.pupils[0]?.review).toBeNull();
  });
});

describe("trend", () => {
  it("gives PA rate, SA rate and attendance for this year's snapshots", () => {
    const w1 = run(makeAnalysis([ada(100, 8), ben(100, 2)]), "2025-11-07");
    const w2 = run(makeAnalysis([ada(110, 60), ben(110, 2)]), "2025-11-14", w1.grid);
    expect(w2.record.trend.map((t) => [t.date, t.persistentRate, t.severeRate])).toEqual([
      ["2025-11-07", 0, 0],
      ["2025-11-14", 50, 50],
    ]);
    expect(w2.record.trend[0]?.attendancePercent).toBeCloseTo(95, 10);
  });
});

it("pupilProgress alone gives nothing to compare on a first snapshot", () => {
  const analysis = makeAnalysis([ada(100, 8)]);
  const current = takeSnapshot(analysis, "2025-11-07");
  const result = pupilProgress(analysis, [current], current, progressSettings);
  expect(result.previousDate).toBeNull();
  expect(result.bandCountChange).toBeNull();
  expect(result.pupils[0]?.stageSince).toBe("2025-11-07");
});
