import { looksLikeYearGroup, redactText, shareableAnalysis } from "../../../src/core/report/shareableAnalysis";
import { analyseGrid } from "../../../src/core/analyse";

const grid = [
  ["UPN", "Surname", "Forename", "Year", "Gender", "Possible sessions", "Authorised absences", "Unauthorised absences"],
  ["A100000000001", "Adams", "Beth", "Year 9", "F", 150, 10, 8],
  ["A100000000002", "Okafor", "Chidi", "Chidi", "Okafor", 150, 40, 30],
  ["A100000000003", "Brown", "Cal", "R", "M", 150, 20, 10],
  ["A100000000004", "Davies", "Dan", "9", "Male", "K123", 2, 2],
];

describe("shareableAnalysis", () => {
  const result = analyseGrid(grid, { sheetName: "Export" });
  if (!result.ok) throw new Error(result.message);
  const shared = shareableAnalysis(result.analysis);

  it("keeps only year groups and genders that look like them, and counts the rest as not recorded", () => {
    expect(shared.pupils.map((p) => p.record.yearGroup)).toEqual(["9", null, "R", "9"].slice(0, shared.pupils.length));
    const labels = [...shared.summary.byYearGroup, ...shared.summary.byCharacteristic].map((c) => c.label);
    expect(labels.join(" ")).not.toMatch(/Chidi|Okafor/);
    expect(labels).toContain("Year group not recorded");
    expect(shared.summary.pupils).toBe(result.analysis.summary.pupils);
  });

  it("withholds quoted excerpts and every name or UPN from every warning", () => {
    expect(result.analysis.warnings.map((w) => w.message).join(" ")).toContain('"K123"');
    const text = [...shared.warnings.map((w) => w.message), ...shared.pupils.flatMap((p) => p.warnings)].join(" ");
    expect(text).not.toMatch(/K123|Okafor|Chidi|Davies|A10000000000/);
    expect(shared.warnings.map((w) => w.sourceRow)).toEqual(result.analysis.warnings.map((w) => w.sourceRow));
  });
});

describe("shareableAnalysis of an export identified by admission number (no UPN)", () => {
  it("withholds the admission number wherever a warning repeats it", () => {
    const byAdno = [
      ["Adno", "Name", "Possible sessions", "Authorised absences", "Unauthorised absences"],
      ["004417", "Eve Ford", 150, 10, 8],
      ["004418", "Sam Hill", 150, 20, 2],
    ];
    const result = analyseGrid(byAdno, { sheetName: "Export" });
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.pupils.map((p) => p.record.admissionNumber)).toEqual(["004417", "004418"]);
    // Any warning that names a pupil by admission number (a duplicate, a mismatch) is withheld in a shareable copy.
    const warned = { ...result.analysis, warnings: [{ sourceRow: 3, column: null, message: "Row 3: pupil 004418 appears twice; Sam Hill kept." }] };
    expect(shareableAnalysis(warned).warnings[0]!.message).toBe("Row 3: pupil [withheld] appears twice; [withheld] [withheld] kept.");
  });
});

describe("redactText and looksLikeYearGroup", () => {
  it("replaces whole words only, whatever their case", () => {
    expect(redactText("Row 3: OKAFOR, and Okaforth, and “Chidi”", new Set(["okafor"]))).toBe("Row 3: [withheld], and Okaforth, and [withheld]");
  });
  it("knows the year groups the reader gives", () => {
    for (const y of ["1", "9", "14", "R", "N1", "N2"]) expect(looksLikeYearGroup(y)).toBe(true);
    for (const y of [null, "0", "15", "Chidi", "K123456789012", "Year 9", " 9"]) expect(looksLikeYearGroup(y)).toBe(false);
  });
});
