import type { CellValue } from "../../../src/core/read/grid";
import { readGrid } from "../../../src/core/read/readGrid";

describe("headings over two rows are read as one heading per column", () => {
  test("category names over Count / % pairs (ScholarPack), merged so only the first cell holds the name", () => {
    const grid: CellValue[][] = [
      ["Custom Attendance Report"],
      ["Student", "Possible Sessions", "", "Present", "", "Unauthorised Absence", "", "Persistent Absence"],
      ["", "Count", "%", "Count", "%", "Count", "%", ""],
      ["Abbott, Maya", "140", "100.00", "126", "90.00", "4", "2.86", "1"],
    ];
    const result = readGrid(grid, { sheetName: "Report", referenceDate: "2025-12-01" });
    if (!result.ok) throw new Error(result.message);
    expect(result.mapping.firstHeadingRow).toBe(1);
    expect(result.mapping.headerRow).toBe(2);
    expect(result.mapping.headings).toEqual([
      "Student", "Possible Sessions Count", "Possible Sessions %", "Present Count", "Present %", "Unauthorised Absence Count",
      "Unauthorised Absence %", "Persistent Absence",
    ]);
    const columns = Object.fromEntries(Object.entries(result.mapping.columns).map(([field, m]) => [field, m!.column]));
    expect(columns).toEqual({ fullName: 0, possibleSessions: 1, presentSessions: 3, attendancePercent: 4, unauthorisedSessions: 5, persistentAbsenceFlag: 7 });
    // The second heading row is not a pupil and not a "totals row".
    expect(result.pupils.map((p) => p.sourceRow)).toEqual([4]);
    expect(result.warnings).toEqual([]);
    expect(result.pupils[0]).toMatchObject({ surname: "Abbott", forename: "Maya", possibleSessions: 140, presentSessions: 126, recordedStatus: { persistent: true, severe: null } });
  });

  test("sub-headings on the header row with the categories above it", () => {
    const grid: CellValue[][] = [
      ["", "", "Possible", "", "Authorised", "", "Unauthorised", ""],
      ["Surname", "Forename", "Sessions", "%", "Sessions", "%", "Sessions", "%"],
      ["Smith", "Ann", 150, 100, 10, 6.7, 5, 3.3],
    ];
    const result = readGrid(grid, { sheetName: "Report", referenceDate: "2025-12-01" });
    if (!result.ok) throw new Error(result.message);
    expect(result.mapping.firstHeadingRow).toBe(0);
    expect(result.mapping.headerRow).toBe(1);
    expect(result.pupils[0]).toMatchObject({ possibleSessions: 150, authorisedSessions: 10, unauthorisedSessions: 5 });
  });

  test("an ordinary header with a title above is left as it is", () => {
    const result = readGrid([["Attendance 2025/26"], ["Name", "Poss", "Pres"], ["Ann", 100, 90]], { referenceDate: "2025-12-01" });
    if (!result.ok) throw new Error(result.message);
    expect(result.mapping.firstHeadingRow).toBeUndefined();
    expect(result.mapping.headerRow).toBe(1);
  });
});
