import type { CellValue } from "../../../src/core/read/grid";
import { decidePercentScale, readPercent } from "../../../src/core/read/percentColumn";
import { readGrid } from "../../../src/core/read/readGrid";

function percents(values: CellValue[]) {
  const grid: CellValue[][] = [["Name", "Attendance %"], ...values.map((v, i) => [`Pupil ${i}`, v])];
  const result = readGrid(grid);
  if (!result.ok) throw new Error(result.message);
  return { scale: result.mapping.percentScale, values: result.pupils.map((p) => p.attendancePercent) };
}

describe("percentages: one form per column", () => {
  test("0.9 and 0.95 in one column are fractions (an Excel cell formatted as %)", () => {
    const { scale, values } = percents([0.9, 0.95, 1]);
    expect(scale).toBe("fraction");
    expect(values.map((v) => v!.percent)).toEqual([90, 95, 100]);
    expect(values[0]!.decimals).toBeNull();
  });

  test("90 and 95 in one column are percentages", () => {
    const { scale, values } = percents([90, 95]);
    expect(scale).toBe("percent");
    expect(values.map((v) => v!.percent)).toEqual([90, 95]);
  });

  test("a small value in a column of percentages is not taken for a fraction", () => {
    // 0.9% attendance is rare but real; the column (93.2, 0.9) is a percentage column.
    const { scale, values } = percents([93.2, 0.9]);
    expect(scale).toBe("percent");
    expect(values.map((v) => v!.percent)).toEqual([93.2, 0.9]);
  });

  test('text forms: "93.2%", "93.20", "93.2" keep their decimals', () => {
    const { scale, values } = percents(["93.2%", "93.20", " 93.2 ", "100%"]);
    expect(scale).toBe("percent");
    expect(values).toEqual([
      { percent: 93.2, decimals: 1 },
      { percent: 93.2, decimals: 2 },
      { percent: 93.2, decimals: 1 },
      { percent: 100, decimals: 0 },
    ]);
  });

  test("0.932 read as a fraction has no floating-point noise", () => {
    expect(percents([0.932, 0.5]).values.map((v) => v!.percent)).toEqual([93.2, 50]);
  });

  test("text fractions keep the places they show, on the percent scale", () => {
    expect(percents(["0.932", "0.95"]).values).toEqual([
      { percent: 93.2, decimals: 1 },
      { percent: 95, decimals: 0 },
    ]);
  });

  test("a percent sign anywhere in the column makes the whole column percentages", () => {
    expect(percents(["1%", 0.5]).values.map((v) => v?.percent)).toEqual([1, 0.5]);
  });

  test("blank cells are blank; impossible values are warned about", () => {
    const grid: CellValue[][] = [["Name", "Att %"], ["A", ""], ["B", "120"], ["C", "ninety"], ["D", "95"]];
    const result = readGrid(grid, { sheetName: "S" });
    if (!result.ok) throw new Error(result.message);
    expect(result.pupils.map((p) => p.sourceRow)).toEqual([5]);
    expect(result.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'Sheet "S", row 3, column B: "120" is not an attendance percentage — correct the cell or choose another column for Attendance %.',
        'Sheet "S", row 4, column B: "ninety" is not an attendance percentage — correct the cell or choose another column for Attendance %.',
      ]),
    );
  });

  test("decidePercentScale and readPercent directly", () => {
    expect(decidePercentScale([["h"], [""], ["x"]], 0, 1)).toBeNull();
    expect(readPercent(NaN, "percent")).toBe("unreadable");
    expect(readPercent(true, "fraction")).toBe("unreadable");
    expect(readPercent("-", "percent")).toBe("blank");
    expect(readPercent(1.5, "fraction")).toBe("unreadable");
  });
});
