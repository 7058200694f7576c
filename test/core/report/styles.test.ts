import { contrastRatio, parseHexColour, relativeLuminance } from "../../../src/core/report/colourContrast";
import { bandChartColours, bandColours, cellStyles, defaultFillColour, defaultFontColour } from "../../../src/core/report/styles";
import type { Band } from "../../../src/core/rules/pupilAnalysis";

describe("WCAG contrast", () => {
  it("gives the known ratios", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(contrastRatio("#FFFFFF", "#FFFFFF")).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes AA on white; #777777 just fails.
    expect(contrastRatio("#767676", "#FFFFFF")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#777777", "#FFFFFF")).toBeLessThan(4.5);
    expect(contrastRatio("#FF0000", "#FFFFFF")).toBeCloseTo(4, 1);
  });

  it("is symmetric and reads either case", () => {
    expect(contrastRatio("#1f3864", "#ffffff")).toBeCloseTo(contrastRatio("#FFFFFF", "#1F3864"), 10);
  });

  it("refuses a colour that is not #RRGGBB", () => {
    expect(() => parseHexColour("red")).toThrow(/#RRGGBB/);
    expect(() => relativeLuminance("#FFF")).toThrow();
  });
});

describe("band colours", () => {
  const bands: Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

  it.each(bands)("text on the %s fill reaches 4.5:1", (band) => {
    expect(contrastRatio(bandColours[band].fill, bandColours[band].font)).toBeGreaterThanOrEqual(4.5);
  });

  it("gets lighter step by step from severe to persistent to at risk, with no fill for expected", () => {
    const l = (band: Band) => relativeLuminance(bandColours[band].fill);
    expect(l("severe")).toBeLessThan(l("persistent"));
    expect(l("persistent")).toBeLessThan(l("at-risk"));
    expect(bandColours.expected.fill).toBe("#FFFFFF");
    // Distinct in grey print: each step differs by a contrast ratio of at least 1.5.
    expect(contrastRatio(bandColours.severe.fill, bandColours.persistent.fill)).toBeGreaterThanOrEqual(1.5);
    expect(contrastRatio(bandColours.persistent.fill, bandColours["at-risk"].fill)).toBeGreaterThanOrEqual(1.5);
    expect(contrastRatio(bandColours["at-risk"].fill, "#FFFFFF")).toBeGreaterThanOrEqual(1.5);
  });

  it("gives no data its own fill, different from every other band", () => {
    const fills = bands.map((b) => bandColours[b].fill);
    expect(new Set(fills).size).toBe(fills.length);
  });

  it("gives every band a visible chart colour, distinct from the others", () => {
    const colours = bands.map((b) => bandChartColours[b]);
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours).not.toContain("#FFFFFF");
  });
});

describe("cell styles", () => {
  it.each(Object.entries(cellStyles))("%s has readable text (4.5:1 or more)", (_name, style) => {
    const ratio = contrastRatio(style.fill ?? defaultFillColour, style.fontColor ?? defaultFontColour);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });

  it("shows each band's colour in its legend style", () => {
    expect(cellStyles.legendSevere.fill).toBe(bandColours.severe.fill);
    expect(cellStyles.legendPersistent.fill).toBe(bandColours.persistent.fill);
    expect(cellStyles.legendAtRisk.fill).toBe(bandColours["at-risk"].fill);
    expect(cellStyles.legendNoData.fill).toBe(bandColours["no-data"].fill);
  });
});
