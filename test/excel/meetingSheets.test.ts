import { columnLetter, parseAddress } from "../../src/core/common/a1";
import { findTable, columnOf } from "../../src/core/report/readBack";
import { FakeExcel, type FakeContext } from "../support/fakeExcel";
import { sampleExportGrid } from "../../src/sample/sampleExport";
import { exportGrid, formulaCells, meetingDetails, removeOfficeGlobals, settings, setup } from "./support";

// "&" is a header/footer code in Excel: the school's name has one.
const details = meetingDetails({ schoolName: "Oakfield Academy & Sixth Form" });

afterEach(removeOfficeGlobals);

function request(shareable = false) {
  return { source: { kind: "usedRange" as const, sheetName: "Export" }, settings: settings(), details, shareable };
}

describe("Create meeting sheets through the Excel adapter", () => {
  test("creates the TSM form, the summary and the pupil key, with layout, print set-up and charts", async () => {
    const { fake, gateway } = setup(exportGrid(150));
    const outcome = await gateway.generateMeetingSheets(request());
    expect(outcome).toEqual({ ok: true, value: { sheetNames: ["TSM Autumn 2025-26", "Governors summary 2025-26", "Pupil key (school only)"], notes: [] } });
    const tsm = fake.sheet("TSM Autumn 2025-26");
    expect(fake.activeSheetId).toBe(tsm.id);
    expect(String(fake.cell("TSM Autumn 2025-26", "A1")?.value)).toContain("Targeting Support Meeting record");
    expect(tsm.pageLayout.orientation).toMatch(/Landscape|Portrait/);
    expect(tsm.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    // "&" is a header/footer code in Excel: the school's ampersand is doubled; page numbers become codes.
    expect(tsm.pageLayout.headerFooter.centerHeader).toContain("Oakfield Academy && Sixth Form");
    expect(tsm.pageLayout.headerFooter.rightFooter).toBe("Page &P of &N");
    expect(tsm.validations.length).toBeGreaterThan(0);
    expect(tsm.columnWidths.size).toBeGreaterThan(0);
    const summary = fake.sheet("Governors summary 2025-26");
    expect(summary.charts.length).toBeGreaterThan(0);
    for (const chart of summary.charts) {
      expect(chart.title).not.toBe("");
      expect(chart.seriesColours.every((c) => c !== null) || chart.pointColours[0]?.every((c) => c !== null)).toBe(true);
    }
    // The highlight is written too.
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(4);
  });

  test("a shareable run still writes the school-only pupil key, and names no pupil on the form or summary", async () => {
    const grid = exportGrid(40);
    const { fake, gateway } = setup(grid);
    const outcome = await gateway.generateMeetingSheets(request(true));
    expect(outcome.ok && outcome.value.sheetNames).toEqual(["TSM Autumn 2025-26", "Governors summary 2025-26", "Pupil key (school only)"]);
    const header = grid.findIndex((row) => row[0] === "UPN");
    const pupils = grid.slice(header + 1).filter((row) => /^[A-Z]\d{12}$/.test(String(row[0])));
    expect(pupils.length).toBeGreaterThan(0);
    const key = fake.grid("Pupil key (school only)").flat().map(String);
    const shared = [...fake.grid("TSM Autumn 2025-26").flat(), ...fake.grid("Governors summary 2025-26").flat()].map(String);
    for (const row of pupils) {
      expect(key).toContain(String(row[0]));
      expect(shared.filter((v) => v.includes(String(row[0])))).toEqual([]);
    }
    // The form's references are the key's.
    const keyTable = findTable(fake.grid("Pupil key (school only)"), ["Reference", "UPN"])!;
    const formTable = findTable(fake.grid("TSM Autumn 2025-26"), ["Reference", "Agreed actions"])!;
    const firstOnForm = String(fake.grid("TSM Autumn 2025-26")[formTable.headerRow + 1]![0]);
    expect(firstOnForm).toMatch(/^P\d{3}$/);
    const keyRefs = fake.grid("Pupil key (school only)").slice(keyTable.headerRow + 1).map((row) => String(row[columnOf(keyTable, "Reference")!]));
    expect(keyRefs).toContain(firstOnForm);
  });

  test("a shareable run shows only year groups that look like year groups: free text in the Year column reaches no sheet but the key", async () => {
    const grid = exportGrid(40);
    const header = grid.findIndex((row) => row[0] === "UPN");
    const year = grid[header]!.indexOf("Year");
    // Every pupil of one year group holds a forename in the Year column (as a shifted row would).
    const pupils = grid.slice(header + 1).filter((row) => /^[A-Z]\d{12}$/.test(String(row[0])));
    for (const row of pupils) if (row[year] === "Year 8") row[year] = "Chidi";
    const { fake, gateway } = setup(grid);
    expect((await gateway.generateMeetingSheets(request(true))).ok).toBe(true);
    const shared = [...fake.grid("TSM Autumn 2025-26").flat(), ...fake.grid("Governors summary 2025-26").flat()].map(String);
    expect(shared.filter((v) => v.includes("Chidi"))).toEqual([]);
    expect(shared).toContain("Year group not recorded");
    expect(shared).toContain("Year 7");
  });

  test("names that look like formulas are written as text, never as live formulas", async () => {
    const grid = exportGrid(40);
    const pupil = grid.findIndex((row, i) => i > 3 && typeof row[5] === "number" && (row[5] as number) > 0);
    const evil = '=HYPERLINK("http://example.invalid","Click")';
    grid[pupil]![1] = evil;
    grid[pupil]![2] = "+44 7700 900123";
    grid[pupil + 1]![1] = "-Smith";
    const { fake, gateway } = setup(grid);
    const outcome = await gateway.generateMeetingSheets(request());
    expect(outcome.ok).toBe(true);
    expect(formulaCells(fake)).toEqual([]);
    const key = fake.grid("Pupil key (school only)").flat();
    expect(key.some((v) => typeof v === "string" && v.includes(evil))).toBe(true);
    expect(key.some((v) => typeof v === "string" && v.includes("+44 7700 900123"))).toBe(true);
  });

  test("the fake would turn such a name into a formula if it were not formatted as text (so the test above can fail)", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    await fake.run(async (context: FakeContext) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [['=HYPERLINK("x","y")', "+44 7700 900123"]];
      await context.sync();
    });
    expect(formulaCells(fake)).toHaveLength(2);
  });

  test("regenerating keeps what people typed into the TSM form and does not add sheets", async () => {
    const grid = exportGrid(120);
    const { fake, gateway } = setup(grid);
    const first = await gateway.generateMeetingSheets(request());
    expect(first.ok).toBe(true);
    const tsmName = "TSM Autumn 2025-26";
    const table = findTable(fake.grid(tsmName), ["Agreed actions", "Barriers"]);
    expect(table).not.toBeNull();
    const actions = columnOf(table!, "Agreed actions")!;
    const row = table!.headerRow + 1;
    const pupilCell = fake.grid(tsmName)[row]![0];
    const typedAt = `${String.fromCharCode(65 + actions)}${row + 1}`;
    fake.paste(tsmName, typedAt, [["Daily call agreed with Mum"]], { textFormat: true });
    fake.paste(tsmName, "A2", [["(scribbled note that is not an input)"]], { textFormat: true });
    const sheetCount = fake.sheets.length;

    const again = await gateway.generateMeetingSheets(request());
    expect(again.ok).toBe(true);
    expect(fake.sheets).toHaveLength(sheetCount);
    const after = fake.grid(tsmName);
    const table2 = findTable(after, ["Agreed actions", "Barriers"])!;
    const kept = after.findIndex((line) => line[columnOf(table2, "Agreed actions")!] === "Daily call agreed with Mum");
    expect(kept).toBeGreaterThan(table2.headerRow);
    expect(after[kept]![0]).toEqual(pupilCell);
    // Its own content is rewritten, not duplicated: one chart set, one set of rules.
    const summary = fake.sheet("Governors summary 2025-26");
    const chartsAfterFirst = summary.charts.length;
    await gateway.generateMeetingSheets(request());
    expect(summary.charts.length).toBe(chartsAfterFirst);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(4);
  });

  test("a new term's form is written beside the last, and lists the last meeting's pupils with what was agreed then", async () => {
    const { fake, gateway } = setup(exportGrid(60));
    expect((await gateway.generateMeetingSheets(request())).ok).toBe(true);
    const autumn = "TSM Autumn 2025-26";
    const table = findTable(fake.grid(autumn), ["Agreed actions", "Barriers"])!;
    const row = table.headerRow + 1;
    const reference = String(fake.grid(autumn)[row]![0]);
    fake.paste(autumn, `${columnLetter(columnOf(table, "Agreed actions")!)}${row + 1}`, [["Daily call agreed with Mum"]], { textFormat: true });
    const autumnBefore = fake.grid(autumn).map((line) => [...line]);

    const spring = await gateway.generateMeetingSheets({ ...request(), details: { ...details, meetingDate: "2026-01-14" } });
    expect(spring.ok && spring.value.sheetNames).toEqual(["TSM Spring 2025-26", "Governors summary 2025-26", "Pupil key (school only)"]);
    // The autumn form is kept as it was; the spring form reviews its pupils first.
    expect(fake.grid(autumn)).toEqual(autumnBefore);
    const springGrid = fake.grid("TSM Spring 2025-26");
    const heading = springGrid.findIndex((line) => line[0] === "Pupils from the last meeting");
    expect(heading).toBeGreaterThan(0);
    const section = findTable(springGrid, ["Reference", "Outcome"], heading)!;
    const line = springGrid.find((l, i) => i > section.headerRow && l[0] === reference)!;
    expect(line[columnOf(section, "Agreed actions")!]).toBe("Daily call agreed with Mum");
    expect(line[columnOf(section, "Outcome")!]).toBe("");
  });

  test("a renamed TSM sheet is still found and regenerated in place", async () => {
    const { fake, gateway } = setup(exportGrid(30));
    await gateway.generateMeetingSheets(request());
    fake.sheet("TSM Autumn 2025-26").name = "Our TSM";
    const again = await gateway.generateMeetingSheets(request());
    expect(again.ok && again.value.sheetNames[0]).toBe("Our TSM");
    expect(fake.findSheet("TSM Autumn 2025-26")).toBeUndefined();
  });

  test("pressing it again while the TSM form is the active sheet uses the export analysed last", async () => {
    const { fake, gateway } = setup(exportGrid(20));
    await gateway.generateMeetingSheets(request());
    expect(fake.activeSheetId).toBe(fake.sheet("TSM Autumn 2025-26").id);
    const outcome = await gateway.generateMeetingSheets({ ...request(), source: { kind: "usedRange" } });
    expect(outcome.ok && outcome.value.sheetNames[0]).toBe("TSM Autumn 2025-26");
    // The export, the form, the summary, the key and the hidden attendance history (docs/rules.md §11).
    expect(fake.sheets).toHaveLength(5);
    expect(fake.sheet("Attendance history").visibility).toBe("Hidden");
    const analysed = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(analysed.ok && analysed.value.sheetName).toBe("Export");
  });

  test("a generated sheet chosen explicitly as the source is refused with a message", async () => {
    const { gateway } = setup(exportGrid(20));
    await gateway.generateMeetingSheets(request());
    const outcome = await gateway.analyse({ source: { kind: "usedRange", sheetName: "Governors summary 2025-26" }, settings: settings() });
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^“Governors summary 2025-26” is a sheet the add-in made/) });
  });

  test("a user's own sheet with the same name is never overwritten", async () => {
    const { fake, gateway } = setup(exportGrid(30));
    fake.addSheet("TSM Autumn 2025-26", [["my own notes"]]);
    const outcome = await gateway.generateMeetingSheets(request());
    expect(outcome.ok && outcome.value.sheetNames[0]).toBe("TSM Autumn 2025-26 (2)");
    expect(fake.grid("TSM Autumn 2025-26")).toEqual([["my own notes"]]);
  });

  test("bad meeting details give a message before anything is read or written", async () => {
    const { fake, gateway } = setup(exportGrid(10));
    const outcome = await gateway.generateMeetingSheets({ ...request(), details: { ...details, schoolName: " ", meetingDate: "14/11/2025" } });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/school's name/);
    expect(fake.stats.syncs).toBe(0);
    expect(fake.sheets).toHaveLength(1);
  });
});

describe("layout applied through the Excel adapter", () => {
  function rowOf(fake: FakeExcel, sheetName: string, text: string): number {
    const grid = fake.grid(sheetName);
    const row = grid.findIndex((line) => line.some((v) => v === text));
    if (row < 0) throw new Error(`No "${text}" on ${sheetName}`);
    return row;
  }

  test("wrapped headings and pupil rows get heights on the TSM form and the summary", async () => {
    const { fake, gateway } = setup(exportGrid(150));
    await gateway.generateMeetingSheets(request());
    const tsm = fake.sheet("TSM Autumn 2025-26");
    const header = rowOf(fake, "TSM Autumn 2025-26", "Penalty-notice threshold met");
    expect(tsm.rowHeights.get(header)).toBeGreaterThanOrEqual(45);
    // Every pupil row shows its wrapped suggestion (at least two lines).
    expect(tsm.rowHeights.get(header + 1)).toBeGreaterThanOrEqual(30);
    expect(fake.cell("TSM Autumn 2025-26", `${columnLetter(columnIndexOf(fake, "TSM Autumn 2025-26", header, "Suggested next step"))}${header + 2}`)?.wrap).toBe(true);
    const summary = fake.sheet("Governors summary 2025-26");
    expect(summary.rowHeights.get(rowOf(fake, "Governors summary 2025-26", "Group PA rate"))).toBeGreaterThanOrEqual(30);
  });

  test("the PA chart shows percentages, every group, and figures on the group's bars only; charts start a printed page", async () => {
    const { fake, gateway } = setup(exportGrid(150));
    await gateway.generateMeetingSheets(request());
    const summary = fake.sheet("Governors summary 2025-26");
    const groups = summary.charts.find((c) => c.title.startsWith("Persistent absence rate by group"));
    expect(groups?.valueAxisNumberFormat).toBe("0%");
    expect(groups?.categoryLabelSpacing).toBe(1);
    expect(groups?.seriesDataLabels).toEqual([true, false]);
    expect(groups?.valueAxisTitle).toBe("Persistent absence rate");
    const bands = summary.charts.find((c) => c.title === "Pupils by attendance band");
    expect(bands?.seriesDataLabels).toEqual([true]);
    const firstChartRow = Math.min(...summary.charts.map((c) => parseAddress(c.position?.start ?? "A1")?.firstRow ?? 0));
    expect(summary.pageBreaks).toContain(firstChartRow);
  });

  test("a register grid prints for governors one page wide: the names, then the band through the suggestion; not the marks", async () => {
    // The bundled sample: pupils' details, a term of AM/PM marks, then the added columns.
    const { fake, gateway } = setup(sampleExportGrid().map((row) => [...row]));
    await gateway.generateMeetingSheets(request());
    const exportSheet = fake.sheet("Export");
    const header = rowOf(fake, "Export", "Why");
    const band = columnIndexOf(fake, "Export", header, "Attendance band");
    const suggestion = columnIndexOf(fake, "Export", header, "Suggested next step");
    // One area: every page that shows a band's colour shows the band in words (two areas printed the
    // pasted columns' colours on pages of their own).
    expect(exportSheet.pageLayout.printArea).not.toContain(",");
    expect(parseAddress(exportSheet.pageLayout.printArea ?? "")).toMatchObject({ firstRow: header, firstColumn: band, lastColumn: suggestion });
    expect(exportSheet.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    // The names repeat at the left of every page, and the narrow margins keep the text larger.
    const surname = columnIndexOf(fake, "Export", header, "Legal Surname");
    const forename = columnIndexOf(fake, "Export", header, "Legal Forename");
    expect(exportSheet.pageLayout.printTitleColumns).toBe(`$${columnLetter(Math.min(surname, forename))}:$${columnLetter(Math.max(surname, forename))}`);
    expect(exportSheet.pageLayout.leftMargin).toBe(18);
    expect(exportSheet.pageLayout.rightMargin).toBe(18);
  });

  test("the highlighted sheet wraps the suggestion, prints it landscape on readable pages through the suggestion column; no row gets a height", async () => {
    const { fake, gateway } = setup(exportGrid(40));
    const widthsBefore = new Map(fake.sheet("Export").columnWidths);
    // The user's own tall row stays exactly as it was.
    fake.sheet("Export").rowHeights.set(10, 40);
    await gateway.generateMeetingSheets(request());
    const exportSheet = fake.sheet("Export");
    expect(exportSheet.pageLayout.orientation).toBe("Landscape");
    // One page wide (only the names and the band through the suggestion print), as many pages tall as it takes.
    expect(exportSheet.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    const header = rowOf(fake, "Export", "Why");
    expect(exportSheet.pageLayout.printTitleRows).toBe(`$${header + 1}:$${header + 1}`);
    // The pupil's name columns, as the mapping found them, repeat at the left of every page (not the UPN).
    const surname = columnIndexOf(fake, "Export", header, "Legal Surname");
    expect(surname).toBeGreaterThanOrEqual(0);
    const titles = /^\$([A-Z]+):\$([A-Z]+)$/.exec(exportSheet.pageLayout.printTitleColumns ?? "");
    expect(titles).not.toBeNull();
    expect(columnLetter(surname) >= titles![1]! && columnLetter(surname) <= titles![2]!).toBe(true);
    const upn = columnIndexOf(fake, "Export", header, "UPN");
    expect(columnLetter(upn) >= titles![1]! && columnLetter(upn) <= titles![2]!).toBe(false);
    expect(exportSheet.pageLayout.headerFooter.centerFooter).toBe("OFFICIAL-SENSITIVE");
    expect(exportSheet.pageLayout.headerFooter.rightFooter).toBe("Page &P of &N");
    // "Why" is the last added column, on one line; the suggested next step just before it wraps.
    const why = columnIndexOf(fake, "Export", header, "Why");
    const suggestion = columnIndexOf(fake, "Export", header, "Suggested next step");
    // Between them: the hidden row check and Notes (docs/rules.md §15).
    expect(suggestion).toBe(why - 3);
    expect(exportSheet.hiddenColumns).toEqual(new Set([why - 2]));
    expect(fake.cell("Export", `${columnLetter(why + 1)}${header + 1}`)?.value ?? "").toBe("");
    expect(fake.cell("Export", `${columnLetter(why)}${header + 2}`)?.wrap).toBeFalsy();
    expect(fake.cell("Export", `${columnLetter(why)}${header + 1}`)?.wrap).toBeFalsy();
    expect(fake.cell("Export", `${columnLetter(suggestion)}${header + 2}`)?.wrap).toBe(true);
    expect(fake.cell("Export", `${columnLetter(suggestion)}${header + 1}`)?.wrap).toBeFalsy();
    // The one heading that wraps, over its narrow column of figures (Excel fits the heading row to it).
    expect(fake.cell("Export", `${columnLetter(columnIndexOf(fake, "Export", header, "Sessions to leave PA"))}${header + 1}`)?.wrap).toBe(true);
    expect(fake.cell("Export", `${columnLetter(columnIndexOf(fake, "Export", header, "Attendance band"))}${header + 1}`)?.wrap).toBeFalsy();
    // Some suggestions need more than one line (the plan has heights for them), yet no row of the user's
    // sheet gets a height: Excel fits rows to wrapped text itself, and the user's own tall row stays.
    const suggestions = fake.grid("Export", `${columnLetter(suggestion)}${header + 1}:${columnLetter(suggestion)}${header + 40}`).map((r) => String(r[0] ?? ""));
    expect(suggestions.some((text) => text.length > 75)).toBe(true);
    expect([...exportSheet.rowHeights.entries()]).toEqual([[10, 40]]);
    // Printed: the added columns from the band through the suggested next step; not Why, not the legend.
    const area = parseAddress(exportSheet.pageLayout.printArea ?? "");
    expect(area).toMatchObject({ firstRow: header, firstColumn: columnIndexOf(fake, "Export", header, "Attendance band"), lastColumn: suggestion });
    const legend = columnIndexOf(fake, "Export", header, "Severe absence (SA)");
    expect(legend).toBeGreaterThan(why + 1);
    // The user's own columns keep their widths: only the added columns and the legend are sized.
    for (const [column, width] of exportSheet.columnWidths) {
      if (column < columnIndexOf(fake, "Export", header, "Attendance band")) expect({ column, width }).toEqual({ column, width: widthsBefore.get(column) });
    }
  });

  test("regenerating resets heights and page breaks the old layout left behind", async () => {
    const { fake, gateway } = setup(exportGrid(40));
    await gateway.generateMeetingSheets(request());
    const summary = fake.sheet("Governors summary 2025-26");
    summary.rowHeights.set(3, 99);
    summary.pageBreaks.push(7);
    await gateway.generateMeetingSheets(request());
    expect(fake.sheet("Governors summary 2025-26").rowHeights.get(3)).not.toBe(99);
    expect(fake.sheet("Governors summary 2025-26").pageBreaks).not.toContain(7);
  });
});

function columnIndexOf(fake: FakeExcel, sheetName: string, row: number, heading: string): number {
  const column = (fake.grid(sheetName)[row] ?? []).indexOf(heading);
  if (column < 0) throw new Error(`No heading "${heading}" on row ${row + 1} of ${sheetName}`);
  return column;
}
