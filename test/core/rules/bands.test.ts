import { analysePupils } from "../../../src/core/rules/analysePupils";
import { bandFromPercent, bandFromSessions, toTenths } from "../../../src/core/rules/bands";
import { defaultSettings } from "../../../src/core/rules/settings";
import { countsRecord, makeMapping, makeRecord, summaryMapping } from "./helpers";

const thresholds = defaultSettings.bands;

describe("bands from sessions (docs/rules.md §2), whole-number arithmetic", () => {
  test.each([
    [15, 150, "persistent"], // exactly 10%
    [14, 150, "at-risk"],
    [15, 151, "at-risk"], // 9.93%
    [60, 120, "severe"], // exactly 50%
    [59, 120, "persistent"],
    [60, 122, "persistent"], // 49.2%
    [7, 140, "at-risk"], // exactly 5%
    [7, 141, "expected"], // 4.96%
    [6, 140, "expected"],
    [0, 130, "expected"],
    [130, 130, "severe"],
    [0, 0, "no-data"],
  ])("%i missed of %i possible → %s", (missed, possible, band) => {
    expect(bandFromSessions(missed, possible, thresholds)).toBe(band);
  });

  test("the floating-point trap: 1 − 135/150 is below 0.1 in floating point, but 135 attended of 150 is PA", () => {
    expect(1 - 135 / 150 < 0.1).toBe(true); // the trap is real
    const [pupil] = analysePupils(
      [makeRecord({ possibleSessions: 150, attendedSessions: 135 })],
      makeMapping(["possibleSessions", "attendedSessions"]),
      defaultSettings,
    );
    expect(pupil!.missedSessions).toBe(15);
    expect(pupil!.band).toBe("persistent");
  });

  test("thresholds with one decimal place stay exact: 3 of 40 is exactly 7.5%", () => {
    const bands = { severePercent: 50, persistentPercent: 7.5, atRiskPercent: 2.5 };
    expect(toTenths(7.5)).toBe(75);
    expect(bandFromSessions(3, 40, bands)).toBe("persistent");
    expect(bandFromSessions(3, 41, bands)).toBe("at-risk");
    expect(bandFromSessions(1, 40, bands)).toBe("at-risk"); // exactly 2.5%
    expect(bandFromSessions(1, 41, bands)).toBe("expected");
  });

  test("a school's own thresholds change the bands", () => {
    const bands = { severePercent: 40, persistentPercent: 15, atRiskPercent: 10 };
    expect(bandFromSessions(15, 150, bands)).toBe("at-risk");
    expect(bandFromSessions(60, 150, bands)).toBe("severe");
  });
});

describe("bands from a percentage alone (docs/rules.md §2)", () => {
  test.each([
    [90.0, 1, "persistent"],
    [90.1, 1, "at-risk"],
    [89.9, 1, "persistent"],
    [95.0, 1, "at-risk"],
    [95.1, 1, "expected"],
    [50.0, 1, "severe"],
    [50.1, 1, "persistent"],
    [90, 0, "persistent"],
    [91, 0, "at-risk"],
    [90.0, 2, "persistent"],
    [90.01, 2, "at-risk"],
    [100, 1, "expected"],
    [0, 1, "severe"],
  ])("%d%% shown with %i decimals → %s, classified as a rounded percentage", (percent, decimals, band) => {
    expect(bandFromPercent({ percent, decimals }, thresholds)).toEqual({ band, basis: "rounded-percent" });
  });

  test("a full-precision fraction from Excel: floating noise either side of 90% is still exactly 90% (PA)", () => {
    expect(0.57 * 100).toBe(56.99999999999999); // the kind of noise a fraction × 100 carries
    for (const percent of [90.00000000000001, 89.99999999999999, 0.9 * 100]) {
      expect(bandFromPercent({ percent, decimals: null }, thresholds)).toEqual({ band: "persistent", basis: "percent" });
    }
    expect(bandFromPercent({ percent: 95.00000000000001, decimals: null }, thresholds)?.band).toBe("at-risk");
    expect(bandFromPercent({ percent: 0.95 * 100, decimals: null }, thresholds)?.band).toBe("at-risk");
    expect(bandFromPercent({ percent: 0.5 * 100, decimals: null }, thresholds)?.band).toBe("severe");
    expect(bandFromPercent({ percent: (136 / 151) * 100, decimals: null }, thresholds)?.band).toBe("at-risk");
    expect(bandFromPercent({ percent: 90.00001, decimals: null }, thresholds)?.band).toBe("at-risk");
  });

  test("a percentage outside 0–100 is not classified", () => {
    expect(bandFromPercent({ percent: 120, decimals: 1 }, thresholds)).toBeNull();
    expect(bandFromPercent({ percent: -1, decimals: 1 }, thresholds)).toBeNull();
  });

  test("a pupil with only a rounded percentage is marked as classified from it", () => {
    const [pupil] = analysePupils(
      [makeRecord({ attendancePercent: { percent: 90, decimals: 1 } })],
      makeMapping(["attendancePercent"]),
      defaultSettings,
    );
    expect(pupil!.band).toBe("persistent");
    expect(pupil!.bandBasis).toBe("rounded-percent");
    expect(pupil!.missedSessions).toBeNull();
    expect(pupil!.possibleSessions).toBeNull();
    expect(pupil!.stage).toBeNull();
    expect(pupil!.attendancePercent).toBe(90);
    expect(pupil!.reasons).toContain("Classified from a rounded percentage (90.0%).");
    expect(pupil!.sessionsToLeavePersistentAbsence).toBeNull();
  });

  test("session counts win over a percentage in the same row", () => {
    const [pupil] = analysePupils(
      [countsRecord(151, 10, 5, { attendancePercent: { percent: 90.1, decimals: 1 } })],
      summaryMapping,
      defaultSettings,
    );
    expect(pupil!.bandBasis).toBe("sessions");
    expect(pupil!.band).toBe("at-risk");
  });

  test("no possible sessions is no data", () => {
    const [pupil] = analysePupils([countsRecord(0, 0, 0)], summaryMapping, defaultSettings);
    expect(pupil!.band).toBe("no-data");
    expect(pupil!.stage).toBeNull();
    expect(pupil!.level).toBe(1);
    expect(pupil!.attendancePercent).toBeNull();
  });
});
