import { oneDecimal } from "../../../src/core/common/numbers";

describe("oneDecimal: the one rounding of every figure shown (JSON, sheets, form, pane)", () => {
  it("rounds half away from zero as a person would", () => {
    expect(oneDecimal(90.05)).toBe(90.1);
    expect(oneDecimal(89.95)).toBe(90);
    expect(oneDecimal(89.94999)).toBe(89.9);
    expect(oneDecimal(100 * (135 / 150))).toBe(90);
    expect(oneDecimal(0)).toBe(0);
    expect(oneDecimal(null)).toBeNull();
    expect(oneDecimal(Number.NaN)).toBeNull();
  });

  it("rounds a fall as it rounds a rise, so a change of -1.25 points never reads as -1.2 on one sheet and -1.3 on another", () => {
    expect(oneDecimal(-1.25)).toBe(-1.3);
    expect(oneDecimal(1.25)).toBe(1.3);
    expect(oneDecimal(-0.04)).toBe(0);
    expect(Object.is(oneDecimal(-0.04), -0)).toBe(false);
  });
});
