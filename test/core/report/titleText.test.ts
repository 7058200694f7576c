import { titleText } from "../../../src/core/report/titleText";

describe("titleText", () => {
  it("joins the parts with a dash, leaving out empty ones so no title ends in a dangling dash", () => {
    expect(titleText("Attendance summary for governors", "Oakfield Academy")).toBe("Attendance summary for governors – Oakfield Academy");
    expect(titleText("Attendance summary for governors", "  ")).toBe("Attendance summary for governors");
    expect(titleText("", "Targeting Support Meeting", "14/11/2025")).toBe("Targeting Support Meeting – 14/11/2025");
    expect(titleText(" Oakfield ", "", "2025/26")).toBe("Oakfield – 2025/26");
  });
});
