import { a4LandscapeWidthInCharacters, marginsOnePageWide, pageWidthInCharacters, scaleOnePageWide } from "../../../src/core/report/printFit";

describe("printing one page wide", () => {
  it("prints columns that fit A4 landscape at full size, within Excel's usual margins", () => {
    expect(pageWidthInCharacters("normal")).toBeCloseTo(a4LandscapeWidthInCharacters);
    expect(scaleOnePageWide([15, 20, 10, 8.43], "normal")).toBe(1);
    expect(scaleOnePageWide([], "normal")).toBe(1);
    expect(marginsOnePageWide([15, 20, 10, 8.43])).toBe("normal");
  });

  it("shrinks wider columns to fit, never enlarging, and narrows the margins to keep the text larger", () => {
    expect(scaleOnePageWide([270], "normal")).toBeCloseTo(0.5);
    expect(marginsOnePageWide([a4LandscapeWidthInCharacters + 1])).toBe("narrow");
    // Narrow margins (0.25 inch a side instead of 0.7) give the text about 9% more room.
    expect(scaleOnePageWide([200], "narrow") / scaleOnePageWide([200], "normal")).toBeCloseTo(11.19 / 10.29, 2);
  });
});
