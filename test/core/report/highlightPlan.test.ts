import { parseCellRange } from "../../../src/core/report/cellRange";
import { highlightMarker, planHighlight } from "../../../src/core/report/highlightPlan";
import { cellStyles } from "../../../src/core/report/styles";
import type { SourceLayout } from "../../../src/core/report/workbookPlan";
import { makeAnalysis, type PupilSpec } from "./factory";

const specs: PupilSpec[] = [
  { name: "Ava Wright", possible: 100, authorised: 60 }, // severe
  { name: "Ben Hughes", possible: 100, authorised: 6, unauthorised: 6 }, // persistent
  { name: "Cara Green", possible: 100, authorised: 7 }, // at risk
  { name: "Dev Shah", possible: 100 }, // expected, no absence
  { name: "Eli Moss", possible: 0 }, // no data
];

/** Grid pasted at A1: header on row 1, pupils on rows 2–6, then a blank and a totals row (rows 7–8). */
const source: SourceLayout = { sheetName: "Export", lastColumn: 5, firstRow: 1, firstColumn: 0, rowCount: 8 };

describe("planHighlight", () => {
  const analysis = makeAnalysis(specs);

  it("adds clearly headed columns one empty column to the right of the data", () => {
    const plan = planHighlight(analysis, source, "both");
    expect(plan.sheetName).toBe("Export");
    expect(plan.firstColumn).toBe(7); // data ends at F (5); G is left empty; H is the first added column
    expect(plan.headings).toEqual([
      "Attendance band",
      "Stage",
      "PIAS level",
      "Suggested next step",
      "Sessions to leave PA",
      "Why",
    ]);
    expect(plan.marker).toBe(highlightMarker);
    expect(plan.marker).toBe("attendance-insight:highlight:v1");
  });

  it("shows only the chosen framework's column", () => {
    expect(planHighlight(analysis, source, "stages").headings).toContain("Stage");
    expect(planHighlight(analysis, source, "stages").headings).not.toContain("PIAS level");
    expect(planHighlight(analysis, source, "levels").headings).toContain("PIAS level");
    expect(planHighlight(analysis, source, "levels").headings).not.toContain("Stage");
  });

  it("writes a row of values for every sheet row, blanks for rows that are not pupils", () => {
    const plan = planHighlight(analysis, source, "both");
    expect(plan.headerRow).toBe(0);
    expect(plan.firstDataRow).toBe(1);
    expect(plan.lastDataRow).toBe(7);
    expect(plan.values).toHaveLength(7);
    expect(plan.values.every((row) => row.length === plan.headings.length)).toBe(true);
    expect(plan.values[0]?.[0]).toBe("Severe absence (SA)");
    expect(plan.values[1]?.[0]).toBe("Persistent absence (PA)");
    expect(plan.values[2]?.[0]).toBe("At risk of persistent absence");
    expect(plan.values[3]?.[0]).toBe("Expected attendance");
    expect(plan.values[4]?.[0]).toBe("No data");
    expect(plan.values[5]).toEqual([null, null, null, null, null, null]);
    expect(plan.values[6]).toEqual([null, null, null, null, null, null]);
  });

  it("writes stage, level, next step, reasons and sessions to leave PA in words and numbers", () => {
    const plan = planHighlight(analysis, source, "both");
    const ben = plan.values[1] ?? [];
    // 12 sessions = 6 days: stage 2 (rules.md §4)
    expect(ben[1]).toBe("Stage 2 – Ongoing concern");
    expect(ben[2]).toBe("Level 2 – Facilitate support");
    expect(ben[3]).toBe("Meet the family to understand barriers.");
    expect(ben[4]).toBe(20);
    expect(ben[5]).toBe("Missed 12 of 100 sessions.");
    // No absence: no stage, blank.
    expect(plan.values[3]?.[1]).toBeNull();
  });

  it("writes stage 0 as a welfare call", () => {
    const plan = planHighlight(makeAnalysis([{ name: "Fay Lee", possible: 100, authorised: 2 }]), source, "stages");
    expect(plan.values[0]?.[1]).toBe("Welfare call");
  });

  it("has one rule per band except expected, keyed on the band column with an absolute column and relative row", () => {
    const plan = planHighlight(analysis, source, "both");
    expect(plan.conditionalFormats.map((cf) => cf.band)).toEqual(["severe", "persistent", "at-risk", "no-data"]);
    for (const cf of plan.conditionalFormats) {
      // From the first pasted column to the last added column, data rows only.
      expect(cf.range).toBe("A2:M8");
    }
    expect(plan.conditionalFormats[0]?.formula).toBe('=$H2="Severe absence (SA)"');
    expect(plan.conditionalFormats[1]?.formula).toBe('=$H2="Persistent absence (PA)"');
    expect(plan.conditionalFormats[2]?.formula).toBe('=$H2="At risk of persistent absence"');
    expect(plan.conditionalFormats[3]?.formula).toBe('=$H2="No data"');
  });

  it("follows the grid wherever it sits in the sheet", () => {
    // Pasted at C5 with two title rows above the header: header is sheet row 7 (0-based 6).
    const placed = makeAnalysis(
      specs.map((s, i) => ({ ...s, sourceRow: 8 + i })),
      { headerRow: 2 },
    );
    const plan = planHighlight(placed, { sheetName: "Data", lastColumn: 10, firstRow: 5, firstColumn: 2, rowCount: 8 }, "stages");
    expect(plan.headerRow).toBe(6);
    expect(plan.firstDataRow).toBe(7);
    expect(plan.lastDataRow).toBe(11);
    expect(plan.firstColumn).toBe(12); // M
    expect(plan.values[0]?.[0]).toBe("Severe absence (SA)");
    expect(plan.conditionalFormats[0]?.range).toBe("C8:Q12");
    expect(plan.conditionalFormats[0]?.formula).toBe('=$M8="Severe absence (SA)"');
  });

  it("has no rules when there are no data rows", () => {
    const plan = planHighlight(makeAnalysis([]), { ...source, rowCount: 1 }, "both");
    expect(plan.values).toEqual([]);
    expect(plan.conditionalFormats).toEqual([]);
  });

  it("puts a legend naming every colour in words beside the added columns", () => {
    const plan = planHighlight(analysis, source, "both");
    expect(plan.legend.row).toBe(plan.headerRow);
    expect(plan.legend.column).toBe(plan.firstColumn + plan.headings.length + 1);
    expect(plan.legend.entries.map((e) => e.style)).toEqual([
      "legendSevere",
      "legendPersistent",
      "legendAtRisk",
      "legendExpected",
      "legendNoData",
    ]);
    expect(plan.legend.entries[0]).toEqual({
      style: "legendSevere",
      label: "Severe absence (SA)",
      meaning: "Missed 50% or more of possible sessions",
    });
    expect(plan.legend.entries[3]?.meaning).toMatch(/no colour/);
  });

  it("writes nothing that Excel would read as a formula", () => {
    const plan = planHighlight(analysis, source, "both");
    const strings = [
      ...plan.headings,
      ...plan.values.flat(),
      ...plan.legend.entries.flatMap((e) => [e.label, e.meaning]),
    ].filter((v): v is string => typeof v === "string");
    expect(strings.length).toBeGreaterThan(10);
    for (const s of strings) expect(s).not.toMatch(/^[=+\-@]/);
  });
});

describe("planHighlight layout: readable on screen and in print", () => {
  const analysis = makeAnalysis(specs);
  const plan = planHighlight(analysis, source, "both");
  const column = (heading: string) => plan.headings.indexOf(heading);

  it("wraps nothing and sets no row heights, so a sheet of hundreds of pupils keeps its own rows", () => {
    expect(plan.rowHeights ?? []).toEqual([]);
    expect(plan.columnStyles?.every((style) => style === null || !cellStyles[style].wrap)).toBe(true);
    expect(cellStyles[plan.headingStyle ?? "tableHeader"].wrap).toBeFalsy();
    expect(cellStyles[plan.legend.meaningStyle ?? "value"].wrap).toBeFalsy();
  });

  it("puts Why last, with wide columns for the long texts, so a long reason runs on over the empty cells to its right", () => {
    expect(plan.headings[plan.headings.length - 1]).toBe("Why");
    expect(plan.columnWidths[column("Suggested next step")]).toBeGreaterThanOrEqual(55);
    expect(plan.columnWidths[column("Why")]).toBeGreaterThanOrEqual(85);
    // Short columns are as wide as their longest (bold) value and heading, so nothing in them is cut off.
    expect(plan.columnWidths[column("Attendance band")]).toBeGreaterThanOrEqual(Math.ceil("Persistent absence (PA)".length * 1.1));
    expect(plan.columnWidths[column("Sessions to leave PA")]).toBeGreaterThanOrEqual(Math.ceil("Sessions to leave PA".length * 1.1));
    // The legend starts on the header row, after a gap, to the right of "Why".
    expect(plan.legend.row).toBe(plan.headerRow);
    expect(plan.legend.column).toBe(plan.firstColumn + plan.headings.length + 1);
  });

  it("keeps the legend one empty column right of Why, and prints as far as the longest reason runs on", () => {
    const why = plan.firstColumn + plan.headings.indexOf("Why");
    expect(plan.legend.column).toBe(why + 2);
    const [labelWidth, meaningWidth] = plan.legend.columnWidths!;
    // A reason on a row below the legend runs on over the legend's columns and then default-width (8.43) ones.
    const long = "x ".repeat(200).trim();
    const pupils = analysis.pupils.map((pupil, i) => (i === 4 ? { ...pupil, reasons: [long] } : pupil));
    const withLong = planHighlight({ ...analysis, pupils }, source, "both");
    expect(withLong.legend.column).toBe(plan.legend.column);
    const area = parseCellRange(withLong.print?.printArea ?? "");
    expect(area).toMatchObject({ top: 0, left: 0, bottom: withLong.lastDataRow });
    const runOn = Math.ceil((long.length + 2 - 90 - 8.43 - labelWidth - meaningWidth) / 8.43);
    expect(area!.right).toBeGreaterThanOrEqual(withLong.legend.column + 1 + runOn);
    expect(area!.right).toBeLessThanOrEqual(withLong.legend.column + 2 + runOn);
    // Short reasons: the print area ends with the legend.
    expect(parseCellRange(plan.print?.printArea ?? "")?.right).toBe(plan.legend.column + 1);
  });

  it("repeats the pupil's UPN and name columns at the left of every printed page, when they are near the left", () => {
    // The factory maps the name to A and the UPN to B.
    expect(plan.print?.repeatColumns).toEqual({ first: 0, last: 1 });
    const placed = planHighlight(analysis, { ...source, firstColumn: 2, lastColumn: 7 }, "both");
    expect(placed.print?.repeatColumns).toEqual({ first: 2, last: 3 });
    const far = makeAnalysis(specs);
    far.mapping.columns.upn = { ...far.mapping.columns.upn!, column: 8 };
    expect(planHighlight(far, { ...source, lastColumn: 9 }, "both").print?.repeatColumns).toBeNull();
  });

  it("prints landscape at full size (not fitted to a page wide), the heading row on every page, marked OFFICIAL-SENSITIVE with page numbers", () => {
    expect(plan.print).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 0,
      repeatRows: { first: plan.headerRow, last: plan.headerRow },
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    });
  });
});
