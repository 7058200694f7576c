import { bandMovement } from "../../../src/core/progress/bandMovement";
import { progressText, type PupilProgress } from "../../../src/core/progress/pupilProgress";

const first: PupilProgress = { since: null, attendanceChange: null, movement: null, recentAttendancePercent: null, improving: null, stageSince: null, review: null };

describe("progressText (docs/rules.md §11)", () => {
  it("says nothing on the year's first analysis", () => {
    expect(progressText(first)).toBeNull();
  });
  it("gives the change, the movement and the improvement since the last analysis, then the review", () => {
    const text = progressText({
      ...first,
      since: "2025-11-07",
      attendanceChange: 2.06,
      movement: bandMovement("persistent", "at-risk"),
      improving: true,
      review: { status: "due", date: "2025-11-21", text: "Review due 21/11/2025" },
    });
    expect(text).toBe("Since 07/11/2025: attendance +2.1 points, left PA, improving. Review due 21/11/2025.");
  });
  it("leaves out an unchanged band and says a fall with a minus sign", () => {
    expect(progressText({ ...first, since: "2025-11-07", attendanceChange: -0.04, movement: bandMovement("expected", "expected") })).toBe("Since 07/11/2025: attendance ±0.0 points.");
    expect(progressText({ ...first, since: "2025-11-07", attendanceChange: -1.25, movement: bandMovement("expected", "expected") })).toBe("Since 07/11/2025: attendance −1.3 points.");
  });
});
