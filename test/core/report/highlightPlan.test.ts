import { rectAddress } from "../../../src/core/common/a1";
import { highlightMarker, planHighlight } from "../../../src/core/report/highlightPlan";
import { a4LandscapeWidthInCharacters, defaultColumnWidth, minimumReadableScale } from "../../../src/core/report/printFit";
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
const source: SourceLayout = { sheetName: "Export", lastColumn: 5, firstRow: 0, firstColumn: 0, rowCount: 8 };

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
      "Sessions to leave PA",
      "Suggested next step",
      "Row check (Attendance Insight)",
      "Notes",
      "Why",
    ]);
    // The row check is hidden (docs/rules.md §15).
    expect(plan.hiddenColumns).toEqual([plan.headings.indexOf("Row check (Attendance Insight)")]);
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
    // Rows that are not pupils are blank but for the row check, which names no pupil.
    const check = plan.headings.indexOf("Row check (Attendance Insight)");
    for (const row of [plan.values[5], plan.values[6]]) {
      expect(row?.filter((_, j) => j !== check)).toEqual([null, null, null, null, null, null, null]);
      expect(row?.[check]).toMatch(/^AI1 - /);
    }
  });

  it("writes stage, level, next step, reasons and sessions to leave PA in words and numbers", () => {
    const plan = planHighlight(analysis, source, "both");
    const ben = plan.values[1] ?? [];
    // 12 sessions = 6 days: stage 2 (docs/rules.md §4)
    expect(ben[1]).toBe("Stage 2 – Ongoing concern");
    expect(ben[2]).toBe("Level 2 – Facilitate support");
    expect(ben[3]).toBe(20);
    expect(ben[4]).toBe("Meet the family to understand barriers.");
    expect(ben[7]).toBe("Missed 12 of 100 sessions.");
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
      expect(cf.range).toBe("A2:O8");
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
    const plan = planHighlight(placed, { sheetName: "Data", lastColumn: 10, firstRow: 4, firstColumn: 2, rowCount: 8 }, "stages");
    expect(plan.headerRow).toBe(6);
    expect(plan.firstDataRow).toBe(7);
    expect(plan.lastDataRow).toBe(11);
    expect(plan.firstColumn).toBe(12); // M
    expect(plan.values[0]?.[0]).toBe("Severe absence (SA)");
    expect(plan.conditionalFormats[0]?.range).toBe("C8:S12");
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

  /** A plan in which pupil `index` has the given suggested next step. */
  function withSuggestion(index: number, suggestedAction: string) {
    const pupils = analysis.pupils.map((pupil, i) => (i === index ? { ...pupil, suggestedAction } : pupil));
    return planHighlight({ ...analysis, pupils }, source, "both");
  }
  const longSuggestion =
    "Hold an attendance meeting with the family and agree a support plan with named actions and review dates; consider an early help assessment and a referral.";

  it("wraps the suggested next step in a 70-character column, so it is never cut off by the filled cell beside it", () => {
    const suggestion = column("Suggested next step");
    expect(cellStyles[plan.columnStyles![suggestion]!].wrap).toBe(true);
    expect(plan.columnWidths[suggestion]).toBe(70);
    // Nothing else wraps but Notes (people's own words): headings, short columns, "Why" and the legend stay on one line.
    plan.columnStyles!.forEach((style, j) => {
      if (j !== suggestion && j !== column("Notes")) expect({ heading: plan.headings[j], wraps: style !== null && !!cellStyles[style].wrap }).toEqual({ heading: plan.headings[j], wraps: false });
    });
    expect(cellStyles[plan.headingStyle ?? "tableHeader"].wrap).toBeFalsy();
    expect(cellStyles[plan.legend.meaningStyle ?? "value"].wrap).toBeFalsy();
  });

  it("gives a height (for a copy written from scratch) only to rows whose suggestion wraps", () => {
    // The factory's suggestions fit on one line: no heights.
    expect(plan.rowHeights).toEqual([]);
    // A 154-character suggestion (the longest the rules give is about that) takes three lines at 70 characters;
    // the blank rows and short ones get none.
    expect(longSuggestion.length).toBe(154);
    const long = withSuggestion(1, longSuggestion);
    expect(long.rowHeights).toEqual([{ row: long.firstDataRow + 1, height: expect.any(Number) }]);
    expect(long.rowHeights![0]!.height).toBeGreaterThanOrEqual(45);
    // Severe rows are bold (the colour rule): a suggestion is estimated as bold there, never shorter.
    const severe = withSuggestion(0, longSuggestion);
    expect(severe.rowHeights![0]!.row).toBe(severe.firstDataRow);
    expect(severe.rowHeights![0]!.height).toBeGreaterThanOrEqual(long.rowHeights![0]!.height);
  });

  it("puts Why last, after the suggestion, with a wide column, so a long reason runs on over the empty cells to its right", () => {
    expect(plan.headings.slice(-5)).toEqual(["Sessions to leave PA", "Suggested next step", "Row check (Attendance Insight)", "Notes", "Why"]);
    expect(plan.columnStyles![column("Why")]).toBeNull();
    expect(plan.columnWidths[column("Why")]).toBeGreaterThanOrEqual(85);
    // Short columns are as wide as their longest (bold) value and heading, so nothing in them is cut off.
    expect(plan.columnWidths[column("Attendance band")]).toBeGreaterThanOrEqual(Math.ceil("Persistent absence (PA)".length * 1.1));
    expect(plan.columnWidths[column("Sessions to leave PA")]).toBeGreaterThanOrEqual(Math.ceil("Sessions to leave PA".length * 1.1));
    // The legend starts on the header row, one empty column to the right of "Why".
    expect(plan.legend.row).toBe(plan.headerRow);
    expect(plan.legend.column).toBe(plan.firstColumn + column("Why") + 2);
  });

  it("prints from the first pasted column through the suggested next step, leaving off Why and the legend", () => {
    const suggestion = plan.firstColumn + column("Suggested next step");
    expect(plan.print?.printAreas?.map(rectAddress)).toEqual([`A1:${String.fromCharCode(65 + suggestion)}${plan.lastDataRow + 1}`]);
    const area = plan.print!.printAreas![0]!;
    expect(area).toEqual({ firstRow: 0, firstColumn: 0, lastRow: plan.lastDataRow, lastColumn: suggestion });
    expect(area.lastColumn).toBeLessThan(plan.firstColumn + column("Why"));
    expect(area.lastColumn).toBeLessThan(plan.legend.column);
    // However long the reasons, the printed width stays the same.
    const pupils = analysis.pupils.map((pupil, i) => (i === 4 ? { ...pupil, reasons: ["x ".repeat(200).trim()] } : pupil));
    expect(planHighlight({ ...analysis, pupils }, source, "both").print?.printAreas).toEqual(plan.print?.printAreas);
    // Pasted lower down and to the right: from the pasted block's first row and column.
    const placed = planHighlight(analysis, { ...source, firstRow: 2, firstColumn: 2, lastColumn: 7 }, "stages");
    expect(placed.print?.printAreas?.[0]).toMatchObject({ firstRow: 2, firstColumn: 2, lastColumn: placed.firstColumn + placed.headings.indexOf("Suggested next step") });
  });

  describe("on a register grid (session marks between the pupil's details and the added columns)", () => {
    // Name in A, UPN in B, figures in C–F, then a term of marks in G onwards: 146 session columns.
    const markCount = 146;
    const sessions = Array.from({ length: markCount }, (_, i) => ({ column: 6 + i, date: "2025-09-08", session: i % 2 === 0 ? ("AM" as const) : ("PM" as const), heading: `Mark ${i}` }));
    const gridSource: SourceLayout = { ...source, lastColumn: 5 + markCount };
    const withMarks = { ...analysis, mapping: { ...analysis.mapping, sessions } };

    it("prints the pupils' details and the added columns, leaving off the marks (the pattern is in words)", () => {
      const plan = planHighlight(withMarks, gridSource, "both");
      const suggestion = plan.firstColumn + plan.headings.indexOf("Suggested next step");
      expect(plan.print?.printAreas).toEqual([
        { firstRow: 0, firstColumn: 0, lastRow: plan.lastDataRow, lastColumn: 5 },
        { firstRow: 0, firstColumn: plan.firstColumn, lastRow: plan.lastDataRow, lastColumn: suggestion },
      ]);
      // A week of marks or a term of them: the same few pages wide (it was 140 pages wide with a term).
      const week = planHighlight({ ...analysis, mapping: { ...analysis.mapping, sessions: sessions.slice(0, 10) } }, { ...source, lastColumn: 15 }, "both");
      expect(plan.print?.fitToPagesWide).toBe(week.print?.fitToPagesWide);
      expect(plan.print?.fitToPagesWide).toBeGreaterThan(0);
      expect(plan.print?.fitToPagesWide).toBeLessThanOrEqual(3);
    });

    it("keeps pasted columns after the marks (a total beside the grid) with the added ones", () => {
      const plan = planHighlight(withMarks, { ...gridSource, lastColumn: gridSource.lastColumn + 2 }, "both");
      expect(plan.print?.printAreas?.map((a) => [a.firstColumn, a.lastColumn])).toEqual([
        [0, 5],
        [6 + markCount, plan.firstColumn + plan.headings.indexOf("Suggested next step")],
      ]);
    });

    it("prints the added columns alone after marks that start in the first column", () => {
      const first = Array.from({ length: 20 }, (_, i) => ({ ...sessions[i]!, column: i }));
      const plan = planHighlight({ ...analysis, mapping: { ...analysis.mapping, sessions: first } }, { ...source, lastColumn: 19 }, "both");
      expect(plan.print?.printAreas?.map((a) => [a.firstColumn, a.lastColumn])).toEqual([[plan.firstColumn, plan.firstColumn + plan.headings.indexOf("Suggested next step")]]);
    });
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

  it("prints landscape, the heading row on every page, marked OFFICIAL-SENSITIVE with page numbers; a narrow sheet on one page wide", () => {
    // Name and UPN alone with the stage columns fit one page at a readable scale; six columns with both
    // ladders need two pages (at full size: Excel's fitting never enlarges).
    expect(planHighlight(analysis, { ...source, lastColumn: 1 }, "stages").print?.fitToPagesWide).toBe(1);
    expect(plan.print).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 2,
      repeatRows: { first: plan.headerRow, last: plan.headerRow },
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    });
  });

  it("prints a wide export on as few pages wide as keep its text at 70% or more, counting the columns it knows the width of", () => {
    // 40 pasted columns at Excel's default width, then the added columns through the suggestion.
    const wide: SourceLayout = { ...source, lastColumn: 39 };
    const widePlan = planHighlight(makeAnalysis(specs), wide, "both");
    // Printed through the suggested next step (the row check, Notes and Why are not printed).
    const printed = widePlan.columnWidths.slice(0, widePlan.headings.indexOf("Suggested next step") + 1);
    const printedWidth = 41 * defaultColumnWidth + printed.reduce((a, b) => a + b, 0);
    const pages = widePlan.print!.fitToPagesWide;
    expect(pages).toBeGreaterThan(1);
    // The scale Excel needs for that many pages stays readable, and one page fewer would not.
    const identityWidth = 2 * defaultColumnWidth; // UPN and name, repeated on every page
    const scaleFor = (n: number) => (n * a4LandscapeWidthInCharacters) / (printedWidth + (n - 1) * identityWidth);
    expect(scaleFor(pages)).toBeGreaterThanOrEqual(minimumReadableScale);
    expect(scaleFor(pages - 1)).toBeLessThan(minimumReadableScale);
    // Columns the adapter sized wider (the command line's copy) take more pages.
    const sized = planHighlight(makeAnalysis(specs), { ...wide, columnWidths: Array.from({ length: 40 }, () => 20) }, "both");
    expect(sized.print!.fitToPagesWide).toBeGreaterThan(pages);
  });
});
