import { confidenceWord } from "../../src/taskpane/format";
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
