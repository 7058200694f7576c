import { findSpells, runReaches } from "../../../../src/core/rules/patterns/spells";
import { am, categorise, marksWith, pm, registerOn, schoolDays } from "./markGrid";

describe("spells (docs/rules.md §10)", () => {
  it("counts runs of consecutive missed sessions and the longest, in sessions", () => {
    const { sessions } = registerOn(schoolDays("2025-09-01", 10));
    const marks = marksWith(sessions.length, { [am(1)]: "N", [am(3)]: "I", [pm(3)]: "I", [am(4)]: "C" });
    const spells = findSpells(categorise(marks, sessions));
    expect(spells.count).toBe(2);
    expect(spells.longest).toEqual({ sessions: 3, first: am(3), last: am(4) });
    expect(spells.longestUnauthorised).toEqual({ sessions: 1, first: am(1), last: am(1) });
  });

  it("runs across a weekend: Friday afternoon and Monday morning are consecutive sessions", () => {
    const { sessions } = registerOn(schoolDays("2025-09-01", 10));
    const spells = findSpells(categorise(marksWith(sessions.length, { [pm(4)]: "N", [am(5)]: "N" }), sessions));
    expect(spells.count).toBe(1);
    expect(spells.longest.sessions).toBe(2);
  });

  it("runs across a half term, which has no columns", () => {
    // Friday 24/10/2025 is day 0; Monday 03/11/2025 follows it in the register.
    const days = schoolDays("2025-10-24", 4, ["2025-10-27", "2025-10-28", "2025-10-29", "2025-10-30", "2025-10-31"]);
    expect(days.slice(0, 2)).toEqual(["2025-10-24", "2025-11-03"]);
    const { sessions } = registerOn(days);
    const spells = findSpells(categorise(marksWith(sessions.length, { [am(0)]: "N", [pm(0)]: "N", [am(1)]: "N", [pm(1)]: "N" }), sessions));
    expect(spells).toMatchObject({ count: 1, longestUnauthorised: { sessions: 4 } });
  });

  it("is neither broken nor extended by sessions that are not possible or have no mark", () => {
    const { sessions } = registerOn(schoolDays("2025-09-01", 5));
    // N, X (not possible), N, blank (no mark), N, "?" (not a code), N
    const marks = marksWith(sessions.length, { 0: "N", 1: "X", 2: "N", 3: "", 4: "N", 5: "?", 6: "N" });
    const spells = findSpells(categorise(marks, sessions));
    expect(spells.count).toBe(1);
    expect(spells.longest).toEqual({ sessions: 4, first: 0, last: 6 });
  });

  it("is ended by a present mark, a late mark or approved educational activity", () => {
    const { sessions } = registerOn(schoolDays("2025-09-01", 5));
    const spells = findSpells(categorise(marksWith(sessions.length, { 0: "N", 1: "L", 2: "N", 3: "K", 4: "N" }), sessions));
    expect(spells.count).toBe(3);
    expect(spells.longest.sessions).toBe(1);
  });

  it("keeps the unauthorised run apart: an authorised session ends it but not the spell", () => {
    const { sessions } = registerOn(schoolDays("2025-09-01", 15));
    const marks: Record<number, string> = {};
    for (let i = 0; i < 10; i++) marks[i] = "N";
    marks[10] = "I";
    for (let i = 11; i < 21; i++) marks[i] = "O";
    const spells = findSpells(categorise(marksWith(sessions.length, marks), sessions));
    expect(spells.longest.sessions).toBe(21);
    expect(spells.longestUnauthorised).toEqual({ sessions: 10, first: 0, last: 9 });
  });

  it("says a run reaches a number of school days at twice as many sessions", () => {
    expect(runReaches({ sessions: 20, first: 0, last: 19 }, 10)).toBe(true);
    expect(runReaches({ sessions: 19, first: 0, last: 18 }, 10)).toBe(false);
    expect(runReaches({ sessions: 15, first: 0, last: 14 }, 7.5)).toBe(true);
    expect(runReaches({ sessions: 0, first: -1, last: -1 }, 0.5)).toBe(false);
  });
});
