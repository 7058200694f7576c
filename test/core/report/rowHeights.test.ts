import { charactersPerLine, estimateRowHeights, lineHeight, textHeight, wrappedLines } from "../../../src/core/report/rowHeights";
import type { CellBlock } from "../../../src/core/report/plan";
import fc from "fast-check";

/** The word wrap as it was first written (split into paragraphs and pieces), which the character scan must match. */
function wrappedLinesByPieces(text: string, width: number, style: { bold?: boolean; fontSize?: number } = {}): number {
  const perLine = charactersPerLine(width, style);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    lines += 1;
    let used = 0;
    for (const piece of paragraph.match(/[^\s-]*[\s-]*/g) ?? []) {
      if (piece === "") continue;
      const visible = piece.trimEnd().length;
      if (used > 0 && used + visible > perLine) {
        lines += 1;
        used = 0;
      }
      if (visible > perLine) {
        lines += Math.ceil(visible / perLine) - 1;
        used = visible % perLine;
      } else {
        used += piece.length;
      }
    }
  }
  return lines;
}

describe("wrappedLines", () => {
  it("keeps text that fits on one line", () => {
    expect(wrappedLines("Year 7", 10)).toBe(1);
    expect(wrappedLines("", 10)).toBe(1);
  });

  it("wraps at spaces like Excel: a heading in a narrow column takes several lines", () => {
    // "Missed sessions" in a 9-character column: "Missed" / "sessions".
    expect(wrappedLines("Missed sessions", 9)).toBe(2);
    // More text in the same width needs more lines.
    expect(wrappedLines("Gap to whole school (percentage points)", 12)).toBeGreaterThanOrEqual(4);
  });

  it("counts lines as splitting into paragraphs and pieces did, for any text: spaces of every kind, hyphens, line ends", () => {
    const character = fc.constantFrom("a", "b", "Z", "é", "-", " ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u200b", "\u2028");
    fc.assert(
      fc.property(fc.array(character, { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (characters, width, bold) => {
        const text = characters.join("");
        expect(wrappedLines(text, width, { bold })).toBe(wrappedLinesByPieces(text, width, { bold }));
      }),
      { numRuns: 3000 },
    );
  });

  it("breaks after hyphens and splits a word longer than the line", () => {
    expect(wrappedLines("Penalty-notice", 9)).toBe(2);
    expect(wrappedLines("x".repeat(30), 11)).toBe(3);
  });

  it("counts explicit new lines", () => {
    expect(wrappedLines("one\ntwo\nthree", 40)).toBe(3);
  });

  it("takes bold and larger text as wider", () => {
    expect(charactersPerLine(21, { bold: true })).toBeLessThan(charactersPerLine(21));
    expect(charactersPerLine(21, { fontSize: 16 })).toBeLessThan(charactersPerLine(21));
  });
});

describe("estimateRowHeights", () => {
  it("gives a row the height of its tallest wrapped cell, and leaves one-line rows alone", () => {
    const blocks: CellBlock[] = [
      { row: 0, column: 0, values: [["Short", "Also short"]], style: "tableHeader" },
      { row: 1, column: 0, values: [["Group", "Gap to whole school (percentage points)"]], style: "tableHeader" },
      // Not wrapped: a long note runs over its neighbours and needs no height.
      { row: 2, column: 0, values: [["A long note that is not wrapped at all, however long it gets"]], style: "note" },
    ];
    const heights = estimateRowHeights(blocks, [20, 12]);
    expect(heights.map((h) => h.row)).toEqual([1]);
    expect(heights[0]?.height).toBeGreaterThanOrEqual(4 * lineHeight());
  });

  it("wraps a cell across its merged width", () => {
    const text = "Missed 5% or more but less than 10% of possible sessions";
    const blocks: CellBlock[] = [{ row: 3, column: 1, values: [[text]], style: "valueWrap" }];
    const narrow = estimateRowHeights(blocks, [10, 12, 12, 16]);
    const merged = estimateRowHeights(blocks, [10, 12, 12, 16], ["B4:D4"]);
    expect(narrow[0]?.height).toBeGreaterThan(merged[0]?.height ?? 0);
    expect(merged[0]?.height).toBe(textHeight(2));
  });

  it("raises rows to a minimum height", () => {
    expect(estimateRowHeights([], [10], [], [{ row: 5, height: 33 }])).toEqual([{ row: 5, height: 33 }]);
  });
});
