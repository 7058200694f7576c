import { asAtDate } from "../../../src/core/read/asAtDate";

describe("the date an export is as at (docs/rules.md §11)", () => {
  it("reads 'as at' and the end of a date range in the title rows", () => {
    expect(asAtDate([["Attendance as at 14/11/2025"], ["UPN", "Name"]], 1)).toBe("2025-11-14");
    expect(asAtDate([["Oakfield"], ["01/09/2025 – 19/12/2025"], ["UPN"]], 2)).toBe("2025-12-19");
    expect(asAtDate([["From 1/9/2025 to 7/11/2025", ""], ["UPN"]], 1)).toBe("2025-11-07");
  });

  it("gives nothing for no date, an impossible date, two different dates, or a date below the header row", () => {
    expect(asAtDate([["Attendance summary"], ["UPN"]], 1)).toBeNull();
    expect(asAtDate([["as at 31/02/2025"], ["UPN"]], 1)).toBeNull();
    expect(asAtDate([["as at 14/11/2025"], ["as at 21/11/2025"], ["UPN"]], 2)).toBeNull();
    expect(asAtDate([["UPN"], ["as at 14/11/2025"]], 0)).toBeNull();
  });
});
