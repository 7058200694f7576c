import fc from "fast-check";
import type { PupilRecord } from "../../../src/core/read/pupilRecord";
import { analysePupils } from "../../../src/core/rules/analysePupils";
import { bandFromSessions } from "../../../src/core/rules/bands";
import type { Band } from "../../../src/core/rules/pupilAnalysis";
import { defaultSettings } from "../../../src/core/rules/settings";
import { sessionsToLeavePersistentAbsence } from "../../../src/core/rules/sessionsToLeave";
import { placeOnStageLadder } from "../../../src/core/rules/stages";
import { summarise } from "../../../src/core/rules/summary";
import { countsRecord, makeMapping, makeRecord, summaryMapping, weekdaySessions } from "./helpers";

const bandRank: Record<Band, number> = { "no-data": -1, expected: 0, "at-risk": 1, persistent: 2, severe: 3 };

/** A summary-export pupil with consistent counts and an optional recorded history. */
const pupilRecord: fc.Arbitrary<PupilRecord> = fc
  .record({
    possible: fc.integer({ min: 0, max: 400 }),
    authorisedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    unauthorisedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    recordedLevel: fc.option(fc.integer({ min: 1, max: 4 })),
    parentingContract: fc.option(fc.boolean()),
    penaltyNoticeThisYear: fc.option(fc.boolean()),
  })
  .map(({ possible, authorisedShare, unauthorisedShare, ...history }) => {
    const authorised = Math.floor(possible * authorisedShare);
    const unauthorised = Math.floor((possible - authorised) * unauthorisedShare);
    return countsRecord(possible, authorised, unauthorised, history);
  });

const settingsArbitrary = fc
  .record({
    atRisk: fc.integer({ min: 1, max: 300 }),
    persistent: fc.integer({ min: 1, max: 300 }),
    severe: fc.integer({ min: 1, max: 400 }),
  })
  .map(({ atRisk, persistent, severe }) => ({
    ...defaultSettings,
    // tenths of a percent, in strictly increasing order
    bands: {
      atRiskPercent: atRisk / 10,
      persistentPercent: (atRisk + persistent) / 10,
      severePercent: Math.min(100, (atRisk + persistent + severe) / 10),
    },
  }))
  .filter((s) => s.bands.persistentPercent < s.bands.severePercent);

describe("properties of the rules", () => {
  test("every SA pupil is also PA: the PA condition holds and the PA rate counts them", () => {
    fc.assert(
      fc.property(fc.array(pupilRecord, { maxLength: 60 }), (records) => {
        const pupils = analysePupils(records, summaryMapping, defaultSettings);
        for (const pupil of pupils) {
          if (pupil.band === "severe") {
            expect(10 * pupil.missedSessions! >= pupil.possibleSessions!).toBe(true);
            expect(pupil.sessionsToLeavePersistentAbsence).not.toBeNull();
            expect(pupil.level).toBeGreaterThanOrEqual(2);
          }
        }
        const summary = summarise(pupils, summaryMapping);
        if (summary.withData > 0) {
          const paCount = Math.round((summary.persistentRate! * summary.withData) / 100);
          expect(paCount).toBe(summary.bandCounts.severe + summary.bandCounts.persistent);
          expect(summary.persistentRate!).toBeGreaterThanOrEqual(summary.severeRate!);
        }
      }),
    );
  });

  test("band counts add up to the pupils", () => {
    fc.assert(
      fc.property(fc.array(pupilRecord, { maxLength: 60 }), (records) => {
        const summary = summarise(analysePupils(records, summaryMapping, defaultSettings), summaryMapping);
        const total = Object.values(summary.bandCounts).reduce((a, b) => a + b, 0);
        expect(total).toBe(records.length);
        expect(summary.pupils).toBe(records.length);
        expect(summary.withData).toBe(records.length - summary.bandCounts["no-data"]);
      }),
    );
  });

  test("level 4 only with a recorded history of formal support, while still PA with unauthorised absence", () => {
    fc.assert(
      fc.property(pupilRecord, (record) => {
        const [pupil] = analysePupils([record], summaryMapping, defaultSettings);
        if (pupil!.level === 4) {
          const history =
            (record.recordedLevel ?? 0) >= 3 || record.parentingContract === true || record.penaltyNoticeThisYear === true;
          expect(history).toBe(true);
          expect(["severe", "persistent"]).toContain(pupil!.band);
          expect(pupil!.unauthorisedSessions!).toBeGreaterThan(0);
        }
      }),
    );
  });

  test("without any history, never level 4", () => {
    fc.assert(
      fc.property(pupilRecord, (record) => {
        const bare = { ...record, recordedLevel: null, parentingContract: null, penaltyNoticeThisYear: null };
        expect(analysePupils([bare], summaryMapping, defaultSettings)[0]!.level).toBeLessThan(4);
      }),
    );
  });

  test("stage never falls as missed sessions rise", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const stage = (missed: number) => placeOnStageLadder({ missed, unauthorised: 0 }, defaultSettings).stage ?? -1;
        expect(stage(low)).toBeLessThanOrEqual(stage(high));
      }),
    );
  });

  test("band never falls as missed sessions rise, for any valid thresholds", () => {
    fc.assert(
      fc.property(
        settingsArbitrary,
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (settings, possible, a, b) => {
          const [low, high] = [Math.min(a, b, possible), Math.min(Math.max(a, b), possible)];
          expect(bandRank[bandFromSessions(low, possible, settings.bands)]).toBeLessThanOrEqual(
            bandRank[bandFromSessions(high, possible, settings.bands)],
          );
        },
      ),
    );
  });

  test("bands agree with exact rational arithmetic (BigInt), never with floating-point drift", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (possible, raw) => {
        const missed = raw % (possible + 1);
        const band = bandFromSessions(missed, possible, defaultSettings.bands);
        const m = BigInt(missed);
        const p = BigInt(possible);
        const expected: Band =
          2n * m >= p ? "severe" : 10n * m >= p ? "persistent" : 20n * m >= p ? "at-risk" : "expected";
        expect(band).toBe(expected);
      }),
    );
  });

  test("sessions to leave PA is the smallest run of attended sessions that does it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (possible, raw) => {
        const missed = raw % (possible + 1);
        const n = sessionsToLeavePersistentAbsence(missed, possible, defaultSettings);
        if (10 * missed < possible) {
          expect(n).toBeNull();
        } else {
          expect(n).not.toBeNull();
          expect(10 * missed < possible + n!).toBe(true);
          expect(10 * missed < possible + n! - 1).toBe(false);
        }
      }),
    );
  });

  test("from marks: possible = attended + missed, and a met threshold means at least 10 unauthorised sessions", () => {
    const sessions = weekdaySessions("2025-09-01", 12, [7]);
    const mapping = makeMapping([], sessions);
    const mark = fc.constantFrom("/", "\\", "L", "B", "C", "I", "N", "O", "G", "U", "#", "X", "", "?", "n");
    fc.assert(
      fc.property(fc.array(mark, { minLength: sessions.length, maxLength: sessions.length }), (marks) => {
        const [pupil] = analysePupils([makeRecord({ marks })], mapping, defaultSettings);
        expect(pupil!.possibleSessions).toBe(pupil!.attendedSessions! + pupil!.missedSessions!);
        expect(pupil!.missedSessions).toBe(pupil!.authorisedSessions! + pupil!.unauthorisedSessions!);
        expect(pupil!.penaltyNoticeThresholdMet).not.toBeNull();
        if (pupil!.penaltyNoticeThresholdMet) expect(pupil!.unauthorisedSessions!).toBeGreaterThanOrEqual(10);
        const unusable = marks.filter((m) => m === "" || m === "?").length;
        expect(pupil!.warnings.length > 0).toBe(unusable > 0);
      }),
      { numRuns: 200 },
    );
  });
});
