import { checkTsmDetails, tidyTsmDetails, type TsmMeetingDetails } from "../../../src/core/report/tsmDetails";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import { assignReferences } from "../../../src/core/report/pupilReferences";
import { details, makeAnalysis, planToGrid, rowWith } from "./factory";

describe("TSM meeting details", () => {
  it("accepts complete details", () => {
    expect(checkTsmDetails(details)).toEqual([]);
  });

  it("says what to fix, one sentence each", () => {
    const problems = checkTsmDetails({ ...details, schoolName: " ", urn: "12", meetingDate: "14/11/2025" });
    expect(problems).toEqual([
      "Enter the school's name.",
      "The URN should be the school's 6-digit unique reference number, for example 118000.",
      "Enter the meeting date as a date, for example 14/11/2025.",
    ]);
  });

  it("tidies stored details with missing or untrimmed text", () => {
    const stored = { schoolName: "  Oak  ", meetingDate: "2025-11-14", phase: "nursery" } as unknown as TsmMeetingDetails;
    expect(tidyTsmDetails(stored)).toEqual({
      schoolName: "Oak",
      urn: "",
      phase: "other",
      meetingDate: "2025-11-14",
      seniorAttendanceLead: "",
      linkPiasOfficer: "",
    });
    // …and a form can still be made from them, with the roles there to fill in.
    const analysis = makeAnalysis([{ name: "A B", possible: 100, authorised: 20 }]);
    const grid = planToGrid(
      planTsmForm({ analysis, details: stored, shareable: true, framework: "levels", references: assignReferences(analysis.pupils) }),
    );
    const header = rowWith(grid, "Organisation");
    expect(grid[header + 1]?.slice(0, 3)).toEqual(["", "Senior attendance lead", "Oak"]);
  });
});
