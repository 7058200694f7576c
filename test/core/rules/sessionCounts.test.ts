import { sessionCounts } from "../../../src/core/rules/sessionCounts";
import { countsRecord, makeRecord } from "./helpers";

const markCounts = {
  possible: 100,
  present: 80,
  aea: 5,
  attended: 85,
  authorised: 10,
  unauthorised: 5,
  notPossible: 2,
  noMark: 0,
};

describe("sessions (docs/rules.md §1)", () => {
  test("absence counts: missed = authorised + unauthorised, attended = present + AEA", () => {
    const counts = sessionCounts(
      makeRecord({ possibleSessions: 150, presentSessions: 133, aeaSessions: 2, authorisedSessions: 10, unauthorisedSessions: 5 }),
      null,
    );
    expect(counts).toMatchObject({ source: "absence-counts", possible: 150, attended: 135, missed: 15, authorised: 10, unauthorised: 5 });
    expect(counts.warnings).toEqual([]);
  });

  test("present + AEA + authorised + unauthorised that do not make possible give a warning, and the absence counts are used", () => {
    const counts = sessionCounts(
      makeRecord({ possibleSessions: 151, presentSessions: 135, aeaSessions: 0, authorisedSessions: 10, unauthorisedSessions: 5 }),
      null,
    );
    expect(counts.missed).toBe(15);
    expect(counts.possible).toBe(151);
    expect(counts.warnings).toEqual([
      "Present (135) + AEA (0) + authorised (10) + unauthorised (5) make 150 sessions, but possible sessions are 151; the band uses possible sessions and the absence figures. Check this pupil's row in the export.",
    ]);
  });

  test("a missed column that disagrees with authorised + unauthorised gives a warning", () => {
    const counts = sessionCounts(
      makeRecord({ possibleSessions: 100, authorisedSessions: 4, unauthorisedSessions: 3, missedSessions: 9 }),
      null,
    );
    expect(counts.missed).toBe(7);
    expect(counts.warnings[0]).toContain("Missed sessions (9) differ from authorised (4) + unauthorised (3) = 7");
  });

  test("only a missed column: missed is known, authorised and unauthorised stay unknown", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 100, missedSessions: 12 }), null);
    expect(counts).toMatchObject({ source: "absence-counts", missed: 12, authorised: null, unauthorised: null, attended: 88 });
  });

  test("missed and authorised: unauthorised is the difference (arithmetic, not a guess)", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 100, missedSessions: 12, authorisedSessions: 5 }), null);
    expect(counts.unauthorised).toBe(7);
  });

  test("only attended and possible: missed = possible − attended", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 150, attendedSessions: 135 }), null);
    expect(counts).toMatchObject({ source: "attended", missed: 15, authorised: null, unauthorised: null });
  });

  test("present + AEA and possible: missed = possible − present − AEA", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 120, presentSessions: 100, aeaSessions: 8 }), null);
    expect(counts).toMatchObject({ source: "attended", attended: 108, missed: 12 });
  });

  test("attended above possible is a warning and missed stays unknown", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 100, attendedSessions: 120 }), null);
    expect(counts.missed).toBeNull();
    expect(counts.source).toBe("none");
    expect(counts.warnings[0]).toContain("Attended sessions (120) are more than possible sessions (100)");
  });

  test("only a percentage: classified from it, sessions unknown", () => {
    const counts = sessionCounts(makeRecord({ attendancePercent: { percent: 93.2, decimals: 1 } }), null);
    expect(counts).toMatchObject({ source: "percent", possible: null, missed: null });
  });

  test("register marks when there are no counts", () => {
    const counts = sessionCounts(makeRecord({ marks: [] }), markCounts);
    expect(counts).toMatchObject({ source: "marks", possible: 100, attended: 85, missed: 15, authorised: 10, unauthorised: 5 });
  });

  test("absence counts win over marks (the MIS totals cover the whole period)", () => {
    const counts = sessionCounts(countsRecord(150, 10, 5), markCounts);
    expect(counts).toMatchObject({ source: "absence-counts", possible: 150, missed: 15 });
  });

  test("marks win over a rounded percentage", () => {
    const counts = sessionCounts(makeRecord({ attendancePercent: { percent: 70, decimals: 1 } }), markCounts);
    expect(counts.source).toBe("marks");
    expect(counts.warnings[0]).toContain("does not match 85 attended of 100 possible sessions");
  });

  test("a percentage that disagrees with the sessions gives a warning; one that agrees does not", () => {
    const agree = sessionCounts(countsRecord(150, 10, 5, { attendancePercent: { percent: 90, decimals: 1 } }), null);
    expect(agree.warnings).toEqual([]);
    const disagree = sessionCounts(countsRecord(150, 10, 5, { attendancePercent: { percent: 93.2, decimals: 1 } }), null);
    expect(disagree.warnings).toEqual([
      "The attendance percentage in the sheet (93.2%) does not match 135 attended of 150 possible sessions (90.0%); the band uses the sessions. Check that the right columns are mapped.",
    ]);
  });

  test("a negative count is not used and is named in a warning", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 100, authorisedSessions: -2, unauthorisedSessions: 3 }), null);
    expect(counts.authorised).toBeNull();
    expect(counts.warnings[0]).toBe(
      "The authorised absence figure (-2) is not a number of sessions, so it is not used; check this pupil's row in the export.",
    );
  });

  test("nothing known: no source, nothing guessed", () => {
    const counts = sessionCounts(makeRecord(), null);
    expect(counts).toMatchObject({ source: "none", possible: null, attended: null, missed: null, authorised: null, unauthorised: null });
  });

  test("missed above possible is a warning", () => {
    const counts = sessionCounts(makeRecord({ possibleSessions: 10, authorisedSessions: 8, unauthorisedSessions: 8 }), null);
    expect(counts.warnings).toContain(
      "Missed sessions (16) are more than possible sessions (10); check this pupil's row in the export.",
    );
  });
});
