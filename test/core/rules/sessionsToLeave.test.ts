import { analysePupils } from "../../../src/core/rules/analysePupils";
import { sessionsLeftThisYear, sessionsToLeavePersistentAbsence } from "../../../src/core/rules/sessionsToLeave";
import { defaultSettings } from "../../../src/core/rules/settings";
import { countsRecord, makeMapping, makeRecord, settingsWith, summaryMapping } from "./helpers";

const toLeave = (missed: number | null, possible: number | null, settings = defaultSettings) =>
  sessionsToLeavePersistentAbsence(missed, possible, settings);

describe("sessions in a row to leave persistent absence", () => {
  test.each([
    [15, 150, 1], // exactly 10%: one more session attended gives 15 of 151
    [20, 130, 71], // 10 × 20 = 200 < 130 + 71
    [60, 120, 481],
    [13, 130, 1],
  ])("%i missed of %i possible → %i sessions", (missed, possible, n) => {
    expect(toLeave(missed, possible)).toBe(n);
    // n is the smallest: n sessions leave PA, n − 1 do not.
    expect(10 * missed < possible + n).toBe(true);
    expect(10 * missed < possible + n - 1).toBe(false);
  });

  test("null when not PA or unknown", () => {
    expect(toLeave(14, 150)).toBeNull();
    expect(toLeave(null, 150)).toBeNull();
    expect(toLeave(15, null)).toBeNull();
    expect(toLeave(0, 0)).toBeNull();
  });

  test("follows the persistent-absence threshold in settings", () => {
    const settings = settingsWith({ bands: { ...defaultSettings.bands, persistentPercent: 7.5 } });
    // 1000 × 3 < 75 × (40 + n) ⇔ n > 0 ⇒ 1
    expect(toLeave(3, 40, settings)).toBe(1);
    expect(toLeave(15, 150, settings)).toBe(51); // 15000 < 75 × 201
  });

  test("on each PA pupil; null for pupils classified from a percentage", () => {
    const [pa, expected] = analysePupils([countsRecord(130, 10, 10), countsRecord(130, 1, 0)], summaryMapping, defaultSettings);
    expect(pa!.sessionsToLeavePersistentAbsence).toBe(71);
    expect(expected!.sessionsToLeavePersistentAbsence).toBeNull();
    const [fromPercent] = analysePupils(
      [makeRecord({ attendancePercent: { percent: 80, decimals: 1 } })],
      makeMapping(["attendancePercent"]),
      defaultSettings,
    );
    expect(fromPercent!.sessionsToLeavePersistentAbsence).toBeNull();
  });
});

describe("the rest of the school year", () => {
  test("a year holds 380 sessions: what is left after the export's possible sessions", () => {
    expect(sessionsLeftThisYear(120)).toBe(260);
    expect(sessionsLeftThisYear(380)).toBe(0);
    // An export over more than one year: nothing can be said about this year.
    expect(sessionsLeftThisYear(500)).toBeNull();
  });

  test("a pupil who needs more sessions than the year has left can be told so; one who needs fewer cannot", () => {
    const needed = sessionsToLeavePersistentAbsence(100, 145, { bands: { severePercent: 50, persistentPercent: 10, atRiskPercent: 5 } });
    expect(needed).toBe(856);
    expect(needed! > sessionsLeftThisYear(145)!).toBe(true);
    const soon = sessionsToLeavePersistentAbsence(15, 146, { bands: { severePercent: 50, persistentPercent: 10, atRiskPercent: 5 } });
    expect(soon! > sessionsLeftThisYear(146)!).toBe(false);
  });
});
