import { tallyMarks } from "../../../../src/core/rules/patterns/markTallies";
import { registerOn, schoolDays } from "./markGrid";

describe("lateness and holidays in term time (docs/rules.md §10)", () => {
  it("counts L and U apart, whatever their case", () => {
    const { layout } = registerOn(schoolDays("2025-09-01", 5));
    expect(tallyMarks(["L", "l", "U", "u", "U", "/", "N", "", "LU", "G"], layout)).toEqual({
      lateBeforeClose: 2,
      lateAfterClose: 3,
      holidaySessions: 1,
    });
  });

  it("counts H as a holiday only before the 2024 regulations, when it was a code", () => {
    // Thursday 15/08/2024 and Friday 16/08/2024 under the 2006 codes; Monday 19/08/2024 under the 2024 ones.
    const { layout } = registerOn(["2024-08-15", "2024-08-16", "2024-08-19"]);
    expect(tallyMarks(["H", "h", "G", "/", "H", "H"], layout).holidaySessions).toBe(3);
  });
});
