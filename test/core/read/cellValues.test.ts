import { BLANK, UNREADABLE, readCount, readFlag, readGrt, readLadderNumber, readSen, readYearGroup } from "../../../src/core/read/cellValues";

describe("numbers of sessions", () => {
  test.each<[unknown, number]>([
    [150, 150],
    ["150", 150],
    [" 150 ", 150],
    ["1,234", 1234],
    [0, 0],
    ["0", 0],
    ["", BLANK],
    ["   ", BLANK],
    ["-", BLANK],
    [undefined, BLANK],
    ["abc", UNREADABLE],
    [-3, UNREADABLE],
    [NaN, UNREADABLE],
    [Infinity, UNREADABLE],
    ["Infinity", UNREADABLE],
    [true, UNREADABLE],
  ])("%p → %p", (value, expected) => {
    expect(readCount(value)).toBe(expected);
  });
});

describe("year groups", () => {
  test.each<[unknown, string | null]>([
    [7, "7"],
    ["7", "7"],
    ["Y7", "7"],
    ["Year 7", "7"],
    ["Yr 7", "7"],
    ["year 07", "7"],
    ["NC 11", "11"],
    ["R", "R"],
    ["Reception", "R"],
    ["YR", "R"],
    ["N1", "N1"],
    ["N2", "N2"],
    ["Nursery 1", "N1"],
    ["Year 13", "13"],
    ["Yr 10", "10"],
    ["Yr10", "10"],
    ["Year 10", "10"],
    ["Y 10", "10"],
    ["12", "12"],
    [12, "12"],
    ["Year R", "R"],
    ["Rec", "R"],
    ["Rec.", "R"],
    ["FS2", "R"],
    ["Nursery", "N"],
    ["NUR", "N"],
    ["FS1", "N"],
    ["N", "N"],
    ["Nur 2", "N2"],
    ["Post-16", "Post-16"],
    ["", null],
  ])("%p → %p", (value, expected) => {
    expect(readYearGroup(value)).toBe(expected);
  });
});

describe("yes/no flags", () => {
  test.each<[unknown, boolean | null]>([
    ["Y", true],
    ["y", true],
    ["Yes", true],
    [true, true],
    [1, true],
    ["N", false],
    ["No", false],
    ["", false],
    [false, false],
    [0, false],
    ["maybe", null],
  ])("%p → %p", (value, expected) => {
    expect(readFlag(value)).toBe(expected);
  });

  test("the field's own abbreviation means yes", () => {
    expect(readFlag("FSM", new Set(["fsm"]))).toBe(true);
  });
});

describe("SEN status codes", () => {
  test("K is SEN support, E is an EHC plan, N is neither", () => {
    expect(readSen("K")).toEqual({ senSupport: true, ehcp: false });
    expect(readSen("E")).toEqual({ senSupport: false, ehcp: true });
    expect(readSen("N")).toEqual({ senSupport: false, ehcp: false });
    expect(readSen("")).toEqual({ senSupport: false, ehcp: false });
    expect(readSen("SEN Support")).toEqual({ senSupport: true, ehcp: false });
    expect(readSen("??")).toEqual({ senSupport: null, ehcp: null });
  });
});

describe("Gypsy/Roma/Traveller from ethnicity (docs/rules.md §9)", () => {
  test.each<[string, boolean | null]>([
    ["WROM", true],
    ["WIRT", true],
    ["WROG", true],
    ["WROR", true],
    ["WROO", true],
    ["wirt", true],
    ["Gypsy/Roma", true],
    ["WBRI", false],
    ["AIND", false],
    ["REFU", null],
    ["", null],
  ])("%p → %p", (code, expected) => {
    expect(readGrt(code)).toBe(expected);
  });
});

describe("stage and level numbers", () => {
  test("reads stage 0–6 and level 1–4 in their usual forms", () => {
    expect(readLadderNumber("Stage 3", 0, 6)).toBe(3);
    expect(readLadderNumber("Welfare call", 0, 6)).toBe(0);
    expect(readLadderNumber(2, 1, 4)).toBe(2);
    expect(readLadderNumber("Level 4", 1, 4)).toBe(4);
    expect(readLadderNumber("L3", 1, 4)).toBe(3);
    expect(readLadderNumber(5, 1, 4)).toBeNull();
    expect(readLadderNumber("", 1, 4)).toBeNull();
  });
});

describe("numbers typed as text, as Excel reads them", () => {
  it("reads decimal text and thousands separators, never hexadecimal, binary or octal", () => {
    expect(readCount(" 150 ")).toBe(150);
    expect(readCount("1,234")).toBe(1234);
    expect(readCount("1.5E2")).toBe(150);
    // JavaScript's Number() reads these as 150, 3 and 15; Excel keeps them as text.
    for (const text of ["0x96", " 0X96", "0b11", "0o17", "-0x1"]) expect(readCount(text)).toBe(UNREADABLE);
    expect(readYearGroup("0xA")).not.toBe("10");
    expect(readLadderNumber("0x3", 0, 6)).toBeNull();
    expect(readLadderNumber("3", 0, 6)).toBe(3);
  });
});
