import {
  categoriseMarks,
  codeSetForDate,
  codeTablesForSessions,
  countCategories,
  countMarks,
  markCategory,
  noMarkWarnings,
} from "../../../src/core/rules/registerCodes";
import { analysePupils } from "../../../src/core/rules/analysePupils";
import { defaultSettings } from "../../../src/core/rules/settings";
import { makeMapping, makeRecord, marksWith, weekdaySessions } from "./helpers";

describe("register codes (docs/rules.md §3)", () => {
  test.each([
    ["present", ["/", "\\", "L"]],
    ["aea", ["K", "V", "P", "W", "B"]],
    ["authorised", ["C", "C1", "C2", "E", "I", "M", "J1", "R", "S", "T"]],
    ["unauthorised", ["G", "N", "O", "U"]],
    ["notPossible", ["D", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "X", "Z", "#"]],
  ])("2024 set: %s codes", (category, codes) => {
    for (const code of codes) expect(markCategory(code, "2024")).toBe(category);
  });

  test("pre-2024 set: J counts as attended (AEA), H and F are authorised, Y is not a possible session", () => {
    expect(markCategory("J", "pre-2024")).toBe("aea");
    expect(markCategory("H", "pre-2024")).toBe("authorised");
    expect(markCategory("F", "pre-2024")).toBe("authorised");
    expect(markCategory("Y", "pre-2024")).toBe("notPossible");
    expect(markCategory("D", "pre-2024")).toBe("notPossible");
    // The codes common to both sets keep their meaning.
    expect(markCategory("N", "pre-2024")).toBe("unauthorised");
  });

  test("pre-2024-only codes are not codes in a 2024 register", () => {
    for (const code of ["J", "H", "F", "Y"]) expect(markCategory(code, "2024")).toBe("noMark");
  });

  test("the 2024 set applies from 19 August 2024", () => {
    expect(codeSetForDate("2024-08-18")).toBe("pre-2024");
    expect(codeSetForDate("2024-08-19")).toBe("2024");
    expect(codeSetForDate("2023-09-04")).toBe("pre-2024");
  });

  test("blank, '-' and unknown marks are no mark", () => {
    for (const mark of ["", "-", "?", "Y8", "|", "0"]) expect(markCategory(mark)).toBe("noMark");
  });

  test("lower-case marks count as the same code (no statutory code is lower case)", () => {
    expect(markCategory("n")).toBe("unauthorised");
    expect(markCategory("c1")).toBe("authorised");
    expect(markCategory("l")).toBe("present");
    expect(markCategory("y3")).toBe("notPossible");
    expect(markCategory("h", "pre-2024")).toBe("authorised");
  });

  test("counts: possible excludes not-possible sessions and sessions with no mark", () => {
    const sessions = weekdaySessions("2025-09-01", 1);
    const marks = ["/", "\\", "K", "C", "N", "#", "#", "", "-", "?"];
    const counts = countCategories(categoriseMarks(marks, codeTablesForSessions(sessions)));
    expect(counts).toEqual({
      possible: 5,
      present: 2,
      aea: 1,
      attended: 3,
      authorised: 1,
      unauthorised: 1,
      notPossible: 2,
      noMark: 3,
    });
  });

  test("each column uses the code set of its date: H before 19 August 2024 is authorised, after it is no mark", () => {
    const sessions = [
      { column: 0, date: "2024-07-19", session: "AM" as const, heading: "Fri 19/07/2024 AM" },
      { column: 1, date: "2024-09-02", session: "AM" as const, heading: "Mon 02/09/2024 AM" },
    ];
    const counts = countCategories(categoriseMarks(["H", "H"], codeTablesForSessions(sessions)));
    expect(counts.authorised).toBe(1);
    expect(counts.noMark).toBe(1);
  });

  test("an older (2006-code) register: J counts as attended, H as authorised, Y is not possible", () => {
    const sessions = weekdaySessions("2023-09-04", 1);
    const marks = ["/", "\\", "J", "H", "H", "Y", "Y", "N", "/", "\\"];
    expect(countMarks(marks, sessions)).toMatchObject({ possible: 8, attended: 5, authorised: 2, unauthorised: 1, notPossible: 2 });
    const [pupil] = analysePupils([makeRecord({ marks })], makeMapping([], sessions), defaultSettings);
    expect(pupil!.warnings).toEqual([]);
    expect(pupil!.band).toBe("persistent"); // 3 of 8 missed (37.5%)
  });

  test("a warning names each unusable mark and its session dates", () => {
    const sessions = weekdaySessions("2025-09-01", 1);
    const marks = ["/", "?", "\\", "?", "", "/", "-", "/", "/", "/"];
    const categories = categoriseMarks(marks, codeTablesForSessions(sessions));
    expect(noMarkWarnings(marks, categories, sessions)).toEqual([
      'Register mark "?" on 01/09/2025 PM and 02/09/2025 PM is not a register code, so those 2 sessions count as neither attended nor missed; check the register in the MIS.',
      "No register mark (blank) on 03/09/2025 AM: that session counts as neither attended nor missed; check the register in the MIS.",
      'No register mark ("-") on 04/09/2025 AM: that session counts as neither attended nor missed; check the register in the MIS.',
    ]);
  });

  test("a pupil with unknown marks is classified from the rest and warned", () => {
    const sessions = weekdaySessions("2025-09-01", 2);
    const marks = marksWith(20, { 0: "N", 1: "N", 2: "?", 3: "?" });
    const [pupil] = analysePupils([makeRecord({ marks })], makeMapping([], sessions), defaultSettings);
    expect(pupil!.possibleSessions).toBe(18);
    expect(pupil!.missedSessions).toBe(2);
    expect(pupil!.attendedSessions).toBe(16);
    expect(pupil!.band).toBe("persistent"); // 2 of 18 = 11.1%
    expect(pupil!.warnings).toHaveLength(1);
    expect(pupil!.warnings[0]).toContain('Register mark "?" on 02/09/2025 AM and 02/09/2025 PM');
  });
});
