import { analyseGrid } from "../../../src/core/analyse";
import type { CellValue } from "../../../src/core/read/grid";
import { readGrid } from "../../../src/core/read/readGrid";

function read(grid: CellValue[][], mappingOverride?: NonNullable<Parameters<typeof readGrid>[1]>["mappingOverride"]) {
  const result = readGrid(grid, { sheetName: "Export", referenceDate: "2025-12-01", ...(mappingOverride ? { mappingOverride } : {}) });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("a column's values must fit its field (docs/rules.md §1–2)", () => {
  // "Absence" is a missed-sessions heading, but these values are a persistent-absence flag.
  const flagged: CellValue[][] = [
    ["Name", "Possible", "Present", "Absence"],
    ["Ann Smith", 150, 120, 1],
    ["Bea Jones", 160, 158, ""],
    ["Cal Brown", 140, 100, 1],
  ];

  test("a missed-sessions column of 1s and blanks beside possible sessions in the hundreds is not used", () => {
    const result = read(flagged);
    expect(result.mapping.columns.missedSessions).toBeUndefined();
    expect(result.mapping.doubtful).toEqual([
      expect.objectContaining({ field: "missedSessions", column: 3, heading: "Absence" }),
    ]);
    const doubts = result.warnings.filter((w) => w.message.includes("column D"));
    expect(doubts).toHaveLength(1);
    expect(doubts[0]!.message).toBe(
      'Sheet "Export", column D ("Absence"): it holds only 1 and blanks beside possible sessions of about 150, like a yes/no flag, not numbers of sessions, so it was not read as Total absence (sessions) — if it does hold total absence (sessions), choose it for Total absence (sessions) yourself.',
    );
  });

  test("so no persistent absentee is hidden: bands come from possible and present", () => {
    const result = analyseGrid(flagged, { sheetName: "Export", referenceDate: "2025-12-01" });
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.pupils.map((p) => [p.missedSessions, p.band])).toEqual([
      [30, "persistent"],
      [2, "expected"],
      [40, "persistent"],
    ]);
  });

  test("100.00 and blanks (ScholarPack's % mode) are a flag too, in a count or a percentage column", () => {
    const result = read([
      ["Name", "Possible", "Attended", "Total absence", "Attendance %"],
      ["Ann Smith", 150, 120, "100.00", "100.00"],
      ["Bea Jones", 160, 158, "", ""],
      ["Cal Brown", 140, 100, "100.00", "100.00"],
    ]);
    expect(result.mapping.columns.missedSessions).toBeUndefined();
    expect(result.mapping.columns.attendancePercent).toBeUndefined();
    expect(result.mapping.doubtful?.map((d) => d.field)).toEqual(["missedSessions", "attendancePercent"]);
  });

  test("the user's own choice of column is taken as given", () => {
    const result = read(flagged, { missedSessions: 3 });
    expect(result.mapping.columns.missedSessions?.column).toBe(3);
    expect(result.mapping.doubtful).toBeUndefined();
  });

  test("real counts are left alone: a good school's unauthorised 0s and 1s, possible sessions all alike", () => {
    const result = read([
      ["Name", "Possible", "Authorised", "Unauthorised", "Total absence"],
      ["Ann Smith", 150, 4, 1, 5],
      ["Bea Jones", 150, 2, 0, 2],
      ["Cal Brown", 150, 0, 1, 1],
    ]);
    expect(Object.keys(result.mapping.columns).sort()).toEqual(
      ["authorisedSessions", "fullName", "missedSessions", "possibleSessions", "unauthorisedSessions"].sort(),
    );
    expect(result.mapping.doubtful).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });
});
