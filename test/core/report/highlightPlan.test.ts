import { parseRange, type CellRect } from "../../../src/core/common/a1";
import { highlightMarker, planHighlight } from "../../../src/core/report/highlightPlan";
import { minimumReadableScale, scaleOnePageWide } from "../../../src/core/report/printFit";
import type { HighlightPlan } from "../../../src/core/report/plan";
import type { ProgressResult } from "../../../src/core/progress/pupilProgress";
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
    // The printed text columns wrap (so they fit one page wide), and Notes (people's own words); headings,
    // figures, "Why" and the legend stay on one line.
    const wrapping = ["Attendance band", "Stage", "PIAS level", "Pattern", "Suggested next step", "Notes"];
    plan.columnStyles!.forEach((style, j) => {
      if (!wrapping.includes(plan.headings[j]!)) expect({ heading: plan.headings[j], wraps: style !== null && !!cellStyles[style].wrap }).toEqual({ heading: plan.headings[j], wraps: false });
    });
    expect(cellStyles[plan.headingStyle ?? "tableHeader"].wrap).toBeFalsy();
    // But for "Sessions to leave PA", whose heading wraps over its three-digit figures (24 characters wide on
    // one line), with the heading row as tall as its three lines in a copy written from scratch.
    const sessions = column("Sessions to leave PA");
    expect(plan.headingStyles?.flatMap((style, j) => (style && cellStyles[style].wrap ? [plan.headings[j]] : []))).toEqual(["Sessions to leave PA"]);
    expect(plan.columnWidths[sessions]).toBeLessThanOrEqual(12);
    expect(plan.rowHeights?.find((h) => h.row === plan.headerRow)?.height).toBeGreaterThanOrEqual(45);
    expect(cellStyles[plan.legend.meaningStyle ?? "value"].wrap).toBeFalsy();
  });

  it("gives a row (for a copy written from scratch) the height its wrapped printed text needs, and no more", () => {
    const heightOf = (p: HighlightPlan, row: number) => p.rowHeights!.find((h) => h.row === row)?.height ?? 15;
    // A 154-character suggestion (the longest the rules give is about that) takes three lines at 70 characters;
    // only its row grows, and the blank rows get no height.
    expect(longSuggestion.length).toBe(154);
    const long = withSuggestion(1, longSuggestion);
    expect(heightOf(long, long.firstDataRow + 1)).toBeGreaterThanOrEqual(45);
    for (let row = plan.firstDataRow; row <= plan.lastDataRow; row++) {
      if (row !== long.firstDataRow + 1) expect({ row, height: heightOf(long, row) }).toEqual({ row, height: heightOf(plan, row) });
    }
    const dataHeights = plan.rowHeights!.filter((h) => h.row >= plan.firstDataRow);
    expect(dataHeights.every((h) => plan.values[h.row - plan.firstDataRow]!.some((value) => value !== null))).toBe(true);
    // Severe rows are bold (the colour rule): a suggestion is estimated as bold there, never shorter.
    const severe = withSuggestion(0, longSuggestion);
    expect(heightOf(severe, severe.firstDataRow)).toBeGreaterThanOrEqual(heightOf(long, long.firstDataRow + 1));
    // "Why" is not printed and runs on to its right: however long, it makes no row taller.
    const pupils = analysis.pupils.map((pupil, i) => (i === 3 ? { ...pupil, reasons: ["x ".repeat(400).trim()] } : pupil));
    expect(planHighlight({ ...analysis, pupils }, source, "both").rowHeights).toEqual(plan.rowHeights);
  });

  it("puts Why last, after the suggestion, with a wide column, so a long reason runs on over the empty cells to its right", () => {
    expect(plan.headings.slice(-5)).toEqual(["Sessions to leave PA", "Suggested next step", "Row check (Attendance Insight)", "Notes", "Why"]);
    // Progress (when there is a history) comes after the suggestion: on screen, not printed.
    const progress: ProgressResult = { previousDate: "2025-12-12", pupils: [], leftSince: [], bandCountChange: null };
    const withProgress = planHighlight(analysis, source, "both", progress).headings;
    expect(withProgress.indexOf("Progress")).toBeGreaterThan(withProgress.indexOf("Suggested next step"));
    expect(withProgress.indexOf("Progress")).toBeLessThan(withProgress.indexOf("Notes"));
    expect(plan.columnStyles![column("Why")]).toBeNull();
    expect(plan.columnWidths[column("Why")]).toBeGreaterThanOrEqual(85);
    // Short columns are as wide as their longest (bold) value and heading, so nothing in them is cut off.
    // The band wraps, but most pupils' ("Expected attendance") stays on one line.
    expect(plan.columnWidths[column("Attendance band")]).toBeGreaterThanOrEqual(Math.ceil("Expected attendance".length * 1.1) + 2);
    // "Sessions to leave PA" wraps its heading: as wide as its longest word.
    expect(plan.columnWidths[column("Sessions to leave PA")]).toBeGreaterThanOrEqual(Math.ceil("Sessions".length * 1.1));
    // The legend starts on the header row, one empty column to the right of "Why".
    expect(plan.legend.row).toBe(plan.headerRow);
    expect(plan.legend.column).toBe(plan.firstColumn + column("Why") + 2);
  });

  describe("printed for governors (often on paper, sometimes in grey, without the add-in)", () => {
    // Name in A, UPN in B, figures in C–F, then a term of marks in G onwards: 146 session columns.
    const markCount = 146;
    const sessions = Array.from({ length: markCount }, (_, i) => ({ column: 6 + i, date: "2025-09-08", session: i % 2 === 0 ? ("AM" as const) : ("PM" as const), heading: `Mark ${i}` }));
    const gridSource: SourceLayout = { ...source, lastColumn: 5 + markCount };
    const withMarks = { ...analysis, mapping: { ...analysis.mapping, sessions } };
    const progress: ProgressResult = { previousDate: "2025-12-12", pupils: [], leftSince: [], bandCountChange: null };
    const layouts = {
      "a summary export": planHighlight(analysis, source, "both"),
      "a register grid": planHighlight(withMarks, gridSource, "stages"),
      "a register grid with progress since the last snapshot": planHighlight(withMarks, gridSource, "stages", progress),
      "a grid with totals after the marks": planHighlight(withMarks, { ...gridSource, lastColumn: gridSource.lastColumn + 2 }, "both", progress),
      "an export pasted lower down and to the right": planHighlight(analysis, { ...source, firstRow: 2, firstColumn: 2, lastColumn: 7 }, "levels"),
    };

    /** The columns on each printed page: those repeated at the left, then the area's. */
    const printedColumns = (plan: HighlightPlan, area: CellRect) => {
      const repeated = plan.print?.repeatColumns;
      const columns = repeated ? Array.from({ length: repeated.last - repeated.first + 1 }, (_, i) => repeated.first + i) : [];
      for (let column = area.firstColumn; column <= area.lastColumn; column++) columns.push(column);
      return columns;
    };

    describe.each(Object.entries(layouts))("%s", (_name, plan) => {
      const bandColumn = plan.firstColumn + plan.headings.indexOf("Attendance band");
      const nameColumn = (plan === layouts["an export pasted lower down and to the right"] ? 2 : 0) + analysis.mapping.columns.fullName!.column;

      it("shows the band in words and the pupil's name on every page that shows a band's colour", () => {
        const areas = plan.print?.printAreas ?? [];
        expect(areas.length).toBeGreaterThan(0);
        const coloured = parseRange(plan.conditionalFormats[0]!.range)!;
        for (const area of areas) {
          const columns = printedColumns(plan, area);
          const showsColour = columns.some((c) => c >= coloured.firstColumn && c <= coloured.lastColumn) && area.firstRow <= coloured.lastRow && area.lastRow >= coloured.firstRow;
          if (!showsColour) continue;
          expect(columns).toContain(bandColumn);
          // Every coloured row is within the area, so no pupil's colour prints on a page without its words.
          expect(area.firstRow).toBeLessThanOrEqual(coloured.firstRow);
          expect(area.lastRow).toBeGreaterThanOrEqual(coloured.lastRow);
          const name = plan.print!.repeatColumns!;
          expect(name.last - name.first).toBeLessThan(3);
          expect(columns).toContain(nameColumn);
        }
        // One page wide: nothing of a row is left for a page of its own.
        expect(plan.print?.fitToPagesWide).toBe(1);
        expect(plan.print?.repeatRows).toEqual({ first: plan.headerRow, last: plan.headerRow });
      });

      it("prints the band through the suggested next step; the pasted figures, marks, progress, Notes, Why and legend stay on screen", () => {
        const printed = plan.print!.printAreas!.flatMap((area) => printedColumns(plan, area));
        const added = (heading: string) => plan.firstColumn + plan.headings.indexOf(heading);
        for (const heading of ["Attendance band", "Sessions to leave PA", "Suggested next step"]) expect(printed).toContain(added(heading));
        for (const heading of ["Change since last snapshot", "Progress", "Review", "Row check (Attendance Insight)", "Notes", "Why"]) {
          if (plan.headings.includes(heading)) expect({ heading, printed: printed.includes(added(heading)) }).toEqual({ heading, printed: false });
        }
        expect(Math.max(...printed)).toBeLessThan(plan.legend.column);
        for (const session of plan.headings.includes("Pattern") ? sessions : []) expect(printed).not.toContain(session.column);
        expect(plan.print?.headerCentre).toMatch(/pasted figures and progress are on screen/);
      });

      it("prints at a readable scale: about 70% of full size or more (a little less with both ladders)", () => {
        const area = plan.print!.printAreas![0]!;
        const added = printedColumns(plan, area).filter((column) => column >= plan.firstColumn).map((column) => plan.columnWidths[column - plan.firstColumn]!);
        // A real export's surname and forename columns: about 27 characters together (the demo's 16 and 11).
        const widths = [27, ...added];
        const bothLadders = plan.headings.includes("Stage") && plan.headings.includes("PIAS level");
        expect(scaleOnePageWide(widths, plan.print!.margins ?? "normal")).toBeGreaterThanOrEqual(bothLadders ? 0.69 : minimumReadableScale);
      });
    });

    it("prints the same width however long the reasons and however many marks (a term was 140 pages wide)", () => {
      const plan = layouts["a register grid"];
      const pupils = analysis.pupils.map((pupil, i) => (i === 4 ? { ...pupil, reasons: ["x ".repeat(200).trim()] } : pupil));
      expect(planHighlight({ ...withMarks, pupils }, gridSource, "stages").print).toEqual(plan.print);
      const week = planHighlight({ ...analysis, mapping: { ...analysis.mapping, sessions: sessions.slice(0, 10) } }, { ...source, lastColumn: 15 }, "stages");
      expect(week.print?.printAreas?.map((a) => a.lastColumn - a.firstColumn)).toEqual(plan.print?.printAreas?.map((a) => a.lastColumn - a.firstColumn));
    });

    it("narrows the margins when the printed columns must shrink to fit (printFit.ts)", () => {
      // The name, band, ladder step, sessions, pattern and suggestion: 175 characters, A4 landscape holds 135.
      expect(layouts["a register grid"].print?.margins).toBe("narrow");
    });
  });

  it("repeats the pupil's name at the left of every printed page (not the UPN, when the name is there)", () => {
    // The factory maps the name to A and the UPN to B.
    expect(plan.print?.repeatColumns).toEqual({ first: 0, last: 0 });
    const placed = planHighlight(analysis, { ...source, firstColumn: 2, lastColumn: 7 }, "both");
    expect(placed.print?.repeatColumns).toEqual({ first: 2, last: 2 });
    // A name anywhere in the export is found; with no name, the UPN.
    const far = makeAnalysis(specs);
    far.mapping.columns.fullName = { ...far.mapping.columns.fullName!, column: 8 };
    expect(planHighlight(far, { ...source, lastColumn: 9 }, "both").print?.repeatColumns).toEqual({ first: 8, last: 8 });
    const unnamed = makeAnalysis(specs);
    delete unnamed.mapping.columns.fullName;
    expect(planHighlight(unnamed, source, "both").print?.repeatColumns).toEqual({ first: 1, last: 1 });
  });

  it("prints landscape, marked OFFICIAL-SENSITIVE with page numbers", () => {
    expect(plan.print).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 1,
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    });
  });

});
