import {
  isValidSheetName,
  keySheetName,
  makeSheetName,
  summarySheetName,
  tsmSheetName,
} from "../../../src/core/report/sheetNames";

describe("isValidSheetName", () => {
  it("accepts ordinary names up to 31 characters", () => {
    expect(isValidSheetName("Export")).toBe(true);
    expect(isValidSheetName("a".repeat(31))).toBe(true);
    expect(isValidSheetName("Year 7 – 2025-26 (2)")).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["too long", "a".repeat(32)],
    ["backslash", "a\\b"],
    ["slash", "2025/26"],
    ["question mark", "Who?"],
    ["asterisk", "All*"],
    ["brackets", "[Data]"],
    ["colon", "Note: x"],
    ["leading apostrophe", "'Export"],
    ["trailing apostrophe", "Pupils'"],
    ["reserved History", "History"],
    ["reserved history in lower case", "history"],
  ])("rejects %s", (_why, name) => {
    expect(isValidSheetName(name)).toBe(false);
  });
});

describe("makeSheetName", () => {
  it("keeps a valid, unused name", () => {
    expect(makeSheetName("TSM Autumn 2025-26", ["Export"])).toBe("TSM Autumn 2025-26");
  });

  it("replaces forbidden characters", () => {
    const name = makeSheetName("Summary 2025/26: [draft]?", []);
    expect(isValidSheetName(name)).toBe(true);
    expect(name).toBe("Summary 2025-26- draft");
  });

  it("de-duplicates case-insensitively with (2), (3)", () => {
    expect(makeSheetName("Export", ["export"])).toBe("Export (2)");
    expect(makeSheetName("Export", ["Export", "EXPORT (2)"])).toBe("Export (3)");
  });

  it("cuts long names to 31 characters, suffix included", () => {
    const long = "Governors summary for Oakfield Academy 2025-26";
    const first = makeSheetName(long, []);
    // Cut at 31 ("…Oakfield ") and the trailing space dropped.
    expect(first).toBe("Governors summary for Oakfield");
    const second = makeSheetName(long, [first]);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith(" (2)")).toBe(true);
    expect(isValidSheetName(second)).toBe(true);
  });

  it("never returns History, a blank name or one wrapped in apostrophes", () => {
    expect(makeSheetName("History", [])).toBe("History (2)");
    expect(makeSheetName("  ", [])).toBe("Sheet");
    expect(makeSheetName("'Quoted'", [])).toBe("Quoted");
    for (const wanted of ["***", "'", "[]", "History", "a'".repeat(20)]) {
      expect(isValidSheetName(makeSheetName(wanted, ["Sheet"]))).toBe(true);
    }
  });
});

describe("the add-in's sheet names", () => {
  it("names the TSM form by term and academic year", () => {
    expect(tsmSheetName("2025-11-14")).toBe("TSM Autumn 2025-26");
    expect(tsmSheetName("2026-02-10")).toBe("TSM Spring 2025-26");
    expect(tsmSheetName("2026-06-20")).toBe("TSM Summer 2025-26");
    expect(tsmSheetName("2026-09-01")).toBe("TSM Autumn 2026-27");
  });

  it("names the summary and the key", () => {
    expect(summarySheetName("2025-11-14")).toBe("Governors summary 2025-26");
    expect(keySheetName).toBe("Pupil key (school only)");
  });

  it("gives names that are all valid", () => {
    for (const name of [tsmSheetName("2025-11-14"), summarySheetName("2025-11-14"), keySheetName]) {
      expect(isValidSheetName(name)).toBe(true);
    }
  });
});
