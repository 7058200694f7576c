import { summaryText } from "../../src/cli/summaryText";
import { analyseGrid } from "../../src/core/analyse";
import { assignReferences } from "../../src/core/report/pupilReferences";
import { defaultSettings } from "../../src/core/rules/settings";
import { sampleExportGrid } from "../../src/sample/sampleExport";

function analysed(framework: "stages" | "levels" | "both") {
  const result = analyseGrid(sampleExportGrid(), { sheetName: "Export", settings: { ...defaultSettings, framework } });
  if (!result.ok) throw new Error(result.message);
  return result.analysis;
}

describe("summaryText", () => {
  const analysis = analysed("stages");
  const text = summaryText(analysis, { fileName: "sample-export.csv", sheetName: "Export", grid: sampleExportGrid() });

  it("shows the mapping found, heading → field with confidence, and the header row", () => {
    expect(text).toContain("Header row: row 4");
    expect(text).toMatch(/F {2}"Possible Sessions" +→ Possible sessions \(\d+%\)/);
    expect(text).toMatch(/"Legal Surname" +→ Surname/);
  });

  it("counts every band and lists each SA and PA pupil once, with a step, a suggestion and a reason", () => {
    const { bandCounts } = analysis.summary;
    expect(text).toMatch(new RegExp(`Severe absence \\(SA\\)\\s+${bandCounts.severe}\\b`));
    expect(text).toContain(`Severe absence (SA): ${bandCounts.severe} pupils`);
    const listed = text.match(/^ {2}Row \d+: /gm) ?? [];
    expect(listed).toHaveLength(bandCounts.severe + bandCounts.persistent);
    expect(text).toMatch(/Stage \d – /);
    expect(text).toMatch(/Why: Missed \d+ of \d+/);
  });

  it("shows PIAS levels with --framework levels, and both ladders with both", () => {
    const levels = summaryText(analysed("levels"), { fileName: "f.csv", sheetName: "Export" });
    expect(levels).toMatch(/PIAS Level \d – /);
    expect(levels).not.toMatch(/^ {6}Stage \d/m);
    const both = summaryText(analysed("both"), { fileName: "f.csv", sheetName: "Export" });
    expect(both).toMatch(/Stage \d – [^·\n]+ · PIAS Level \d/);
  });

  it("names no pupil when given references", () => {
    const references = assignReferences(analysis.pupils).byPupil;
    const shareable = summaryText(analysis, { fileName: "f.csv", sheetName: "Export", references });
    for (const pupil of analysis.pupils) {
      if (pupil.record.upn) expect(shareable).not.toContain(pupil.record.upn);
    }
    expect(shareable).toMatch(/Row \d+: P\d{3} \(Year \d+\)/);
  });

  it("lists the totals row among the warnings, in the reader's words", () => {
    expect(text).toMatch(/Warnings: [1-9]\d*\n[\s\S]*"Total"/);
  });
});

describe("summaryText for an export identified by admission number", () => {
  it("names each listed pupil with the admission number where there is no UPN", () => {
    const grid = [
      ["Adno", "Name", "Possible sessions", "Authorised absences", "Unauthorised absences"],
      ["004417", "Eve Ford", 150, 30, 8],
    ];
    const result = analyseGrid(grid, { sheetName: "Export" });
    if (!result.ok) throw new Error(result.message);
    const text = summaryText(result.analysis, { fileName: "adno.csv", sheetName: "Export", grid });
    expect(text).toMatch(/Row 2: Eve Ford, admission number 004417/);
  });
});
