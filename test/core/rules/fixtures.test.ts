/**
 * The sample exports in test/fixtures: every expected band, stage, level, session count and
 * penalty-notice threshold must match. Records are built by hand from the CSV rows (fixtureRecords.ts), so
 * this checks the rules alone; analyseGrid.fixtures.test.ts checks the same through the reader.
 */
import { analysePupils } from "../../../src/core/rules/analysePupils";
import { defaultSettings } from "../../../src/core/rules/settings";
import { summarise } from "../../../src/core/rules/summary";
import { bromcomMapping, bromcomRecords, compareWithExpected, expected, registerFixture } from "./fixtureRecords";
import { makeMapping } from "./helpers";

describe("bromcom-export.csv (summary counts, rounded percentages, recorded PIAS levels)", () => {
  // Recorded PIAS levels: the school works with both ladders, so level reasons are given.
  const pupils = analysePupils(bromcomRecords(), bromcomMapping, { ...defaultSettings, framework: "both" });

  test("every expected band, stage, level and session count matches", () => {
    expect(pupils).toHaveLength(expected["bromcom-export.csv"]!.length);
    expect(compareWithExpected(pupils, expected["bromcom-export.csv"]!)).toEqual([]);
  });

  test("the comparison notices a changed rule (so this test can fail)", () => {
    const stricter = analysePupils(bromcomRecords(), bromcomMapping, {
      ...defaultSettings,
      bands: { ...defaultSettings.bands, persistentPercent: 10.1 },
    });
    expect(compareWithExpected(stricter, expected["bromcom-export.csv"]!)).toContain(
      "row 2 band: expected persistent, got at-risk",
    );
  });

  test("a consistent export gives no warnings", () => {
    expect(pupils.flatMap((p) => p.warnings)).toEqual([]);
  });

  test("recorded level 3 that is not PA stays at level 1; PA with unauthorised absence becomes level 4", () => {
    const row = (n: number) => pupils.find((p) => p.record.sourceRow === n)!;
    // Cooper, 95.0%: recorded level 3, at risk.
    expect(row(6).level).toBe(1);
    // Nowak, recorded 3, PA with 10 unauthorised.
    expect(row(15).level).toBe(4);
    expect(row(15).reasons.join(" ")).toContain("the sheet records level 3");
  });

  test("exactly 10% missed (135 of 150) is PA and the reason says so", () => {
    const pupil = pupils.find((p) => p.record.sourceRow === 2)!;
    expect(pupil.band).toBe("persistent");
    expect(pupil.bandBasis).toBe("sessions");
    expect(pupil.reasons[0]).toBe(
      "Missed 15 of 150 possible sessions (10.0%): persistent absence starts at 10%. Attending the next session would bring absence below 10%.",
    );
    expect(pupil.reasons[1]).toBe(
      "7.5 days of absence (all absence) places the pupil at stage 2, Ongoing concern (more than 5 and up to 10 days).",
    );
    expect(pupil.sessionsToLeavePersistentAbsence).toBe(1);
  });

  test("the summary counts every band and rates PA including SA", () => {
    const summary = summarise(pupils, bromcomMapping);
    const counts = summary.bandCounts;
    expect(counts.severe + counts.persistent + counts["at-risk"] + counts.expected + counts["no-data"]).toBe(59);
    expect(summary.withData).toBe(58);
    expect(summary.persistentRate).toBeCloseTo(((counts.severe + counts.persistent) / 58) * 100, 10);
    expect(summary.byYearGroup.map((g) => g.label)).toEqual(["Year 7", "Year 8", "Year 9", "Year 10", "Year 11"]);
    expect(summary.byCharacteristic.map((g) => g.label)).toEqual([
      "Pupil Premium",
      "SEN support",
      "EHCP",
      "EAL",
      "Gypsy, Roma and Traveller",
    ]);
  });
});

describe("register-marks.csv (2024 codes, a closure day, a half-term week)", () => {
  const { records, sessions } = registerFixture();
  const mapping = makeMapping(["upn", "surname", "forename", "yearGroup"], sessions);
  const pupils = analysePupils(records, mapping, defaultSettings);

  test("every expected band, stage, level, count and penalty-notice threshold matches", () => {
    expect(pupils).toHaveLength(expected["register-marks.csv"]!.length);
    expect(compareWithExpected(pupils, expected["register-marks.csv"]!)).toEqual([]);
  });

  test("every mark is a known 2024 code, so there are no warnings", () => {
    expect(pupils.flatMap((p) => p.warnings)).toEqual([]);
  });

  test("the summary gives the period of the marks", () => {
    const summary = summarise(pupils, mapping);
    expect(summary.periodStart).toBe("2025-09-01");
    expect(summary.periodEnd).toBe("2025-12-12");
  });
});
