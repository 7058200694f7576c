import { a4LandscapeWidthInCharacters, minimumReadableScale, pagesWideAtReadableScale } from "../../../src/core/report/printFit";

const pageAtMinimum = a4LandscapeWidthInCharacters / minimumReadableScale;

describe("pagesWideAtReadableScale", () => {
  it("keeps a sheet that fits on one page at one page wide", () => {
    expect(pagesWideAtReadableScale([15, 20, 10, 8.43])).toBe(1);
    expect(pagesWideAtReadableScale([])).toBe(1);
  });

  it("uses a second page as soon as one page would shrink the text below the readable scale", () => {
    expect(pagesWideAtReadableScale([pageAtMinimum])).toBe(1);
    expect(pagesWideAtReadableScale([pageAtMinimum, 1])).toBe(2);
  });

  it("counts the identity columns again on every page they are repeated on", () => {
    const identity = 40;
    const rest = 2 * (pageAtMinimum - identity);
    expect(pagesWideAtReadableScale([identity, rest], identity)).toBe(2);
    expect(pagesWideAtReadableScale([identity, rest + 1], identity)).toBe(3);
  });

  it("prints at full size (0) when the repeated columns alone would fill a page", () => {
    expect(pagesWideAtReadableScale([300, 50], 300)).toBe(0);
  });

  it("never shrinks the sheet below the readable scale, however wide", () => {
    for (const width of [100, 350, 1000, 3200]) {
      const pages = pagesWideAtReadableScale([width]);
      // The scale Excel needs to fit `pages` pages: at least the minimum.
      const scale = Math.min(1, (pages * a4LandscapeWidthInCharacters) / width);
      expect(scale).toBeGreaterThanOrEqual(minimumReadableScale);
      // And one page fewer would not have been readable.
      if (pages > 1) expect(((pages - 1) * a4LandscapeWidthInCharacters) / width).toBeLessThan(minimumReadableScale);
    }
  });
});
