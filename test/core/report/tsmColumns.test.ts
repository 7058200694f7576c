import {
  otherNotesHeading,
  pupilDataHeadings,
  pupilInputHeadings,
  tsmColumnsFor,
  tsmDateFormat,
  tsmPupilColumns,
} from "../../../src/core/report/tsmColumns";

const headings = (columns: { heading: string }[]) => columns.map((c) => c.heading);

describe("the TSM form's pupil columns, defined once", () => {
  it("splits into the columns the add-in fills and the ones people type into, typed ones last", () => {
    expect(pupilInputHeadings).toEqual(["Barriers", "Support in place", "Agreed actions", "Lead practitioner", "Owner", "Review date"]);
    expect([...pupilDataHeadings, ...pupilInputHeadings]).toEqual(headings([...tsmPupilColumns]));
    expect(tsmPupilColumns.find((c) => c.heading === "Review date")?.format).toBe(tsmDateFormat);
  });

  it("knows the pattern column as the add-in's own, so a regenerated form never keeps it as someone's notes", () => {
    expect(pupilDataHeadings).toContain("Pattern");
    expect(pupilInputHeadings).not.toContain("Pattern");
  });

  it("shows names and UPNs only on the school's own form, and widens the first columns without them", () => {
    const full = tsmColumnsFor({ shareable: false, framework: "both", hasSessionMarks: false, otherNotes: false });
    const shareable = tsmColumnsFor({ shareable: true, framework: "both", hasSessionMarks: false, otherNotes: false });
    expect(headings(full).slice(0, 4)).toEqual(["Reference", "Name", "UPN", "Year"]);
    expect(headings(shareable).slice(0, 2)).toEqual(["Reference", "Year"]);
    expect(shareable[0]!.width.shareable).toBeGreaterThan(full[0]!.width.full);
  });

  it("follows the framework and the session marks, and adds the other-notes column last when old notes need it", () => {
    const stages = headings(tsmColumnsFor({ shareable: false, framework: "stages", hasSessionMarks: false, otherNotes: false }));
    const levels = headings(tsmColumnsFor({ shareable: false, framework: "levels", hasSessionMarks: true, otherNotes: true }));
    expect(stages).toContain("Stage");
    expect(stages).not.toContain("PIAS level");
    expect(stages).not.toContain("Pattern");
    expect(levels).toContain("PIAS level");
    expect(levels).not.toContain("Stage");
    expect(levels).toContain("Pattern");
    expect(levels[levels.length - 1]).toBe(otherNotesHeading);
  });
});
