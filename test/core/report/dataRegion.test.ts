import { findDataBlock, inputLimits, regionProblem, strayRefusal, strayWarning, type CellPlace } from "../../../src/core/report/dataRegion";

const eachOf = (cells: readonly CellPlace[]) => (visit: (row: number, column: number) => void) => cells.forEach((c) => visit(c.row, c.column));

/** A 200-pupil export: header in row 0, columns A–S. */
function exportCells(firstRow = 0, pupils = 200, columns = 19): CellPlace[] {
  const cells: CellPlace[] = [];
  for (let row = firstRow; row <= firstRow + pupils; row++) for (let column = 0; column < columns; column++) cells.push({ row, column });
  return cells;
}

describe("findDataBlock", () => {
  it("is the whole sheet when nothing lies far from the rest", () => {
    const block = findDataBlock(eachOf(exportCells()));
    expect(block).toEqual({ firstRow: 0, lastRow: 200, firstColumn: 0, lastColumn: 18, strays: [], strayCount: 0 });
  });

  it("leaves out a lone value at XFD1048576 and names it", () => {
    const block = findDataBlock(eachOf([...exportCells(), { row: 1_048_575, column: 16_383 }]));
    expect(block).toMatchObject({ lastRow: 200, lastColumn: 18, strayCount: 1, strays: [{ row: 1_048_575, column: 16_383 }] });
    expect(strayWarning("export.csv", block)).toBe(
      "export.csv has a value in cell XFD1048576, far from the rest of the data, so it was not read: if it belongs to the export, move it next to it; otherwise delete it (in Excel, Ctrl+End goes to the last used cell).",
    );
  });

  it("keeps values up to the gap and leaves out those beyond it, in rows and in columns", () => {
    const near = { row: 200 + inputLimits.strayRowGap + 1, column: 0 };
    const far = { row: 200 + inputLimits.strayRowGap + 2, column: 0 };
    expect(findDataBlock(eachOf([...exportCells(), near]))).toMatchObject({ lastRow: near.row, strayCount: 0 });
    expect(findDataBlock(eachOf([...exportCells(), far]))).toMatchObject({ lastRow: 200, strayCount: 1 });
    const right = { row: 5, column: 18 + inputLimits.strayColumnGap + 2 };
    expect(findDataBlock(eachOf([...exportCells(), right]))).toMatchObject({ lastColumn: 18, strayCount: 1, strays: [right] });
  });

  it("keeps the run holding most values: a note typed at A1 above an export pasted far below is the stray", () => {
    const block = findDataBlock(eachOf([{ row: 0, column: 0 }, ...exportCells(30_000)]));
    expect(block).toMatchObject({ firstRow: 30_000, lastRow: 30_200, strayCount: 1, strays: [{ row: 0, column: 0 }] });
  });

  it("names the first three strays in reading order and counts the rest", () => {
    const strays = [50_000, 40_000, 60_000, 70_000, 45_000].map((row) => ({ row, column: 1 }));
    const block = findDataBlock(eachOf([...exportCells(), ...strays]));
    expect(block?.strayCount).toBe(5);
    expect(strayWarning("The sheet \"Export\" in f.xlsx", block)).toMatch(/^The sheet "Export" in f\.xlsx has a value in cells B40001, B45001, B50001 and 2 more, far from the rest of the data, so they were not read/);
    expect(strayRefusal("out.xlsx", block)).toBe(
      "out.xlsx has a value in cells B40001, B45001, B50001 and 2 more, far from the rest of the data: delete them (in Excel, Ctrl+End goes to the last used cell) and try again.",
    );
  });

  it("is null for a sheet with no values", () => {
    expect(findDataBlock(eachOf([]))).toBeNull();
    expect(strayWarning("x", null)).toBeNull();
  });
});

describe("regionProblem", () => {
  it("refuses what exceeds Excel's rows or columns, and a data block beyond what one input may cost", () => {
    expect(regionProblem("f.csv", 1_048_576, 3, null)).toMatch(/has 1,048,577 rows, more than the 1,048,576 Excel allows/);
    expect(regionProblem("f.csv", 3, 16_384, null)).toMatch(/has 16,385 columns, more than the 16,384 Excel allows/);
    expect(regionProblem("f.csv", 1_048_575, 16_383, { firstRow: 0, lastRow: 1_048_575, firstColumn: 0, lastColumn: 16_383, strays: [], strayCount: 0 })).toMatch(
      /holds 1,048,576 rows by 16,384 columns, more than this tool reads at once/,
    );
  });

  it("reads a sheet whose only far value is a stray: the block, not the last cell, is what it costs", () => {
    const block = findDataBlock(eachOf([...exportCells(), { row: 1_048_575, column: 16_383 }]));
    expect(regionProblem("f.xlsx", 1_048_575, 16_383, block)).toBeNull();
  });
});
