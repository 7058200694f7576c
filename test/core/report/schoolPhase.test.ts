import { phaseFromYearGroups } from "../../../src/core/report/schoolPhase";

describe("phase from the year groups in the data", () => {
  it("Years 7–11 are secondary, and it says so with the years", () => {
    expect(phaseFromYearGroups(["7", "8", "11", "9"])).toEqual({
      phase: "secondary",
      yearsText: "Year 7 to Year 11",
      explanation: "Secondary, from the year groups in the data (Year 7 to Year 11).",
    });
  });

  it("Reception to Year 6 (and nursery) are primary", () => {
    expect(phaseFromYearGroups(["R", "1", "6"]).phase).toBe("primary");
    expect(phaseFromYearGroups(["N1", "R", "2"]).yearsText).toBe("Nursery 1 to Year 2");
  });

  it("both is all-through; sixth form counts as secondary", () => {
    expect(phaseFromYearGroups(["R", "6", "7", "13"]).phase).toBe("all-through");
    expect(phaseFromYearGroups(["12", "13"]).phase).toBe("secondary");
  });

  it("never guesses without year groups it can place", () => {
    const none = phaseFromYearGroups([null, "", "Class Oak"]);
    expect(none.phase).toBeNull();
    expect(none.explanation).toMatch(/choose the phase/);
  });
});
