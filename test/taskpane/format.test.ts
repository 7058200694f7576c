import { analyseGrid } from "../../src/core/analyse";
import { addressColumns, confidenceWord, parseUkDate, todayIso, ukDate, warningLines } from "../../src/taskpane/format";
import { paneThemeFor, relativeLuminance } from "../../src/taskpane/theme";
import { draftFromSettings, draftToInput, typedNumber } from "../../src/taskpane/settingsDraft";
import { defaultSettings } from "../../src/core/rules/settings";
import { validateSettings } from "../../src/core/rules/validateSettings";

describe("task pane formatting", () => {
  test("confidence is said in words", () => {
    expect(confidenceWord(1)).toBe("Sure");
    expect(confidenceWord(0.9)).toBe("Sure");
    expect(confidenceWord(0.75)).toBe("Likely");
    expect(confidenceWord(0.6)).toBe("Likely");
    expect(confidenceWord(0.4)).toBe("Guess");
  });

  test("dates are typed and shown as dd/MM/yyyy and carried as ISO", () => {
    expect(ukDate("2025-12-04")).toBe("04/12/2025");
    expect(parseUkDate("04/12/2025")).toBe("2025-12-04");
    expect(parseUkDate(" 4/9/2025 ")).toBe("2025-09-04");
    expect(parseUkDate("31/02/2025")).toBeNull();
    expect(parseUkDate("2025-12-04")).toBeNull();
    expect(parseUkDate("12/04")).toBeNull();
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe("2026-01-05");
  });

  test("an A1 address gives the first column, width and first row", () => {
    expect(addressColumns("Export!A1:U201")).toEqual({ firstColumn: 0, width: 21, firstRow: 1 });
    expect(addressColumns("'My sheet'!$C$3:$E$9")).toEqual({ firstColumn: 2, width: 3, firstRow: 3 });
    expect(addressColumns("Sheet1!AA10")).toEqual({ firstColumn: 26, width: 1, firstRow: 10 });
    expect(addressColumns("not an address")).toBeNull();
  });
});

describe("theme", () => {
  test("follows Office's own flag, else the body background's luminance", () => {
    expect(paneThemeFor(undefined)).toBe("light");
    expect(paneThemeFor({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe("dark");
    expect(paneThemeFor({ isDarkTheme: false })).toBe("light");
    expect(paneThemeFor({ bodyBackgroundColor: "#292929" })).toBe("dark");
    expect(paneThemeFor({ bodyBackgroundColor: "#F3F3F3" })).toBe("light");
    expect(paneThemeFor({ bodyBackgroundColor: "nonsense" })).toBe("light");
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("FFFFFF")).toBeCloseTo(1);
  });
});

describe("rules form draft", () => {
  test("round-trips the saved settings through validateSettings unchanged", () => {
    const result = validateSettings(draftToInput(draftFromSettings(defaultSettings), defaultSettings));
    expect(result).toEqual({ ok: true, settings: defaultSettings });
  });

  test("keeps text that is not a number, so the core can name the problem", () => {
    expect(typedNumber("12")).toBe(12);
    expect(typedNumber("7.5 %")).toBe(7.5);
    expect(typedNumber("ten")).toBe("ten");
    expect(typedNumber("")).toBe("");
    const draft = { ...draftFromSettings(defaultSettings), severePercent: typedNumber("ten") };
    const result = validateSettings(draftToInput(draft, defaultSettings));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.join(" ")).toMatch(/Severe absence threshold.*"ten"/);
  });
});

describe("the pane's warnings", () => {
  test("each problem is listed exactly once, a pupil's with the pupil's name and row", () => {
    const result = analyseGrid(
      [
        ["Name", "Possible", "Authorised", "Unauthorised", "Persistent Absence"],
        ["Fisher, Lily", 140, 10, 0, 1],
        ["Total", 140, 10, 0, ""],
        ["Jones, Ann", 100, 80, 40, 1],
      ],
      { sheetName: "Export", today: "2025-12-01" },
    );
    if (!result.ok) throw new Error(result.message);
    const lines = warningLines(result.analysis);
    expect(lines).toHaveLength(result.analysis.warnings.length);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.filter((line) => line.includes('"Persistent Absence" column'))).toEqual([
      expect.stringMatching(/^Row 2: Lily Fisher: the export's "Persistent Absence" column marks this pupil as persistently absent/),
    ]);
    expect(lines.filter((line) => line.startsWith("Ann Jones (row 4): "))).toHaveLength(1);
  });
});
