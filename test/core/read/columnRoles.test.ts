import { columnsWithTwoRoles, twoRolesMessage } from "../../../src/core/read/columnRoles";
import { buildColumnMapping } from "../../../src/core/read/columnMapping";

describe("one column given two roles", () => {
  test("finds each column more than one field reads, and says so in words", () => {
    const shared = columnsWithTwoRoles({ possibleSessions: { column: 5 }, presentSessions: { column: 5 }, upn: { column: 4 }, fullName: { column: 0 } });
    expect(shared).toEqual([{ column: 5, fields: ["possibleSessions", "presentSessions"] }]);
    expect(twoRolesMessage(shared[0]!, 0)).toMatch(/^Column F is used for both Possible sessions and Present sessions:/);
    expect(columnsWithTwoRoles({ possibleSessions: { column: 5 }, presentSessions: { column: 6 } })).toEqual([]);
  });

  test("a mapping where the user gave one column two fields carries the warning", () => {
    const grid = [
      ["Name", "Year", "Possible", "Present"],
      ["Ava Wright", "9", 100, 99],
    ];
    const mapping = buildColumnMapping(grid, 0, { possibleSessions: 2, presentSessions: 2 }, { sheetPrefix: "Export", firstColumn: 0 });
    expect(mapping.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^Export: column C is used for both Possible sessions and Present sessions/));
  });
});
