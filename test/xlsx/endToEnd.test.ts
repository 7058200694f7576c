import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyseGrid } from "../../src/core/analyse";
import type { CellValue, Grid } from "../../src/core/read/grid";
import type { Analysis } from "../../src/core/rules/pupilAnalysis";
import type { WorkbookPlan } from "../../src/core/report/plan";
import type { TsmMeetingDetails } from "../../src/core/report/tsmDetails";
import { buildWorkbookPlan } from "../../src/core/report/workbookPlan";
import { sampleExportGrid } from "../../src/sample/sampleExport";
import { columnLetter, parseRange } from "../../src/core/common/a1";
import { writeWorkbookXlsx } from "../../src/xlsx/writeWorkbook";
import { loadWorkbook as load } from "../support/xlsxFiles";

/** The real engine and plan builders, then the writer: what `npm run analyse -- FILE --out OUT.xlsx` does. */
const details: TsmMeetingDetails = {
  schoolName: "Oakfield Academy",
  urn: "999999",
  phase: "secondary",
  meetingDate: "2025-11-14",
  seniorAttendanceLead: "R Patel",
  linkPiasOfficer: "J Smith",
};

const awkwardNames = ['=HYPERLINK("http://example.invalid","Click")', "+44 7700 900123", "-5", "@x"];

/** The sample export with some names that a careless writer would turn into formulas. */
function exportGrid(): Grid {
  const grid = sampleExportGrid().map((row) => [...row]);
  awkwardNames.forEach((name, i) => {
    grid[4 + i]![1] = name; // Legal Surname of the first pupils (header row is row 3)
  });
  return grid;
}

function analysisOf(grid: Grid): Analysis {
  const result = analyseGrid(grid);
  if (!result.ok) throw new Error(result.message);
  return result.analysis;
}

function planFor(grid: Grid, shareable: boolean): WorkbookPlan {
  const analysis = analysisOf(grid);
  const width = grid.reduce((max, row) => Math.max(max, row.length), 0);
  return buildWorkbookPlan(
    analysis,
    { sheetName: "Export", lastColumn: width - 1, firstRow: 0, firstColumn: 0, rowCount: grid.length },
    { details, shareable, framework: "both" },
  );
}

function cellsOf(ws: ExcelJS.Worksheet): CellValue[] {
  const values: CellValue[] = [];
  ws.eachRow((row) => row.eachCell((cell) => values.push(cell.value as CellValue)));
  return values;
}

const grid = exportGrid();
let plan: WorkbookPlan;
let file: Buffer;
let workbook: ExcelJS.Workbook;

// The sample has a term of register marks: writing and reading it back takes a few seconds on a busy machine.
beforeAll(async () => {
  plan = planFor(grid, false);
  file = await writeWorkbookXlsx({ source: { sheetName: "Export", grid }, plan, shareable: false });
  workbook = await load(file);
}, 60_000);

it("writes the pasted sheet and every planned sheet", () => {
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Export", ...plan.sheets.map((s) => s.name)]);
  expect(plan.sheets.map((s) => s.role)).toEqual(["tsm", "summary", "key", "history"]);
});

it("leaves every pasted value as it was, and names stay text", async () => {
  const ws = workbook.getWorksheet("Export")!;
  const changed: string[] = [];
  grid.forEach((row, r) =>
    row.forEach((value, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      if ((value === "" ? null : value) !== cell.value) changed.push(`${cell.address}: ${String(value)} → ${String(cell.value)}`);
    }),
  );
  expect(changed).toEqual([]);
  awkwardNames.forEach((name, i) => {
    expect(ws.getCell(5 + i, 2).value).toBe(name);
    expect(ws.getCell(5 + i, 2).type).toBe(ExcelJS.ValueType.String);
  });
  expect(ws.getColumn(2).numFmt).toBe("@");
  const zip = await JSZip.loadAsync(file);
  const sheetParts = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  for (const part of sheetParts) expect(await zip.file(part)!.async("string")).not.toMatch(/<f[\s>]/);
});

it("adds the planned columns and exactly the planned colour rules to the pasted sheet", () => {
  const ws = workbook.getWorksheet("Export")!;
  const { highlight } = plan;
  highlight.headings.forEach((heading, j) => expect(ws.getCell(highlight.headerRow + 1, highlight.firstColumn + j + 1).value).toBe(heading));
  highlight.values.forEach((row, i) => {
    expect(ws.getCell(highlight.firstDataRow + i + 1, highlight.firstColumn + 1).value).toBe(row[0] ?? null);
  });
  const rules = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.flatMap(
    (cf) => cf.rules.map((rule) => ({ ref: cf.ref, formula: rule.type === "expression" ? rule.formulae?.[0] : null })),
  );
  expect(rules).toEqual(highlight.conditionalFormats.map((cf) => ({ ref: cf.range, formula: cf.formula.slice(1) })));
  expect(new Set(highlight.conditionalFormats.map((cf) => cf.band)).size).toBe(highlight.conditionalFormats.length);
});

it("sets up the TSM form for printing and typing as planned", () => {
  const tsmPlan = plan.sheets.find((s) => s.role === "tsm")!;
  const ws = workbook.getWorksheet(tsmPlan.name)!;
  expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  if (tsmPlan.print?.repeatRows) {
    expect(ws.pageSetup.printTitlesRow).toBe(`${tsmPlan.print.repeatRows.first + 1}:${tsmPlan.print.repeatRows.last + 1}`);
  }
  const printed = `${ws.headerFooter.oddHeader ?? ""} ${ws.headerFooter.oddFooter ?? ""}`;
  expect(printed).toContain("OFFICIAL-SENSITIVE");
  expect(printed).toContain("&P");
  if (tsmPlan.freeze) expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: tsmPlan.freeze.rows, xSplit: tsmPlan.freeze.columns });
  const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
  for (const v of tsmPlan.dataValidations) {
    const first = v.range.split(":")[0]!;
    expect({ range: v.range, type: validations[first]?.type }).toEqual({
      range: v.range,
      type: { list: "list", date: "date", wholeNumber: "whole" }[v.kind],
    });
  }
});

it("draws every planned chart from its planned cells", async () => {
  const zip = await JSZip.loadAsync(file);
  const planned = plan.sheets.flatMap((s) => s.charts.map((chart) => ({ sheet: s.name, chart })));
  expect(planned.length).toBeGreaterThan(0);
  const chartParts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).sort();
  expect(chartParts).toHaveLength(planned.length);
  for (const [i, { sheet, chart }] of planned.entries()) {
    const xml = await zip.file(`xl/charts/chart${i + 1}.xml`)!.async("string");
    const range = parseRange(chart.dataRange)!;
    const first = `$${columnLetter(range.firstColumn)}$${range.firstRow + 2}`; // first category cell, under the headings
    expect(xml).toContain(`<c:f>&apos;${sheet}&apos;!${first}:`);
    expect(xml).toContain(`<c:barDir val="${chart.kind === "barClustered" ? "bar" : "col"}"/>`);
  }
});

it("leaves the school-only pupil key out of a shareable file", async () => {
  const shareablePlan = planFor(grid, true);
  const shared = await load(await writeWorkbookXlsx({ source: { sheetName: "Export", grid }, plan: shareablePlan, shareable: true }));
  expect(shared.worksheets.map((s) => s.name)).toEqual(["Export", ...shareablePlan.sheets.filter((s) => !s.schoolOnly).map((s) => s.name)]);
  // Even given a plan that has it, the writer skips it when the file is to be shared.
  const skipped = await load(await writeWorkbookXlsx({ source: { sheetName: "Export", grid }, plan, shareable: true }));
  expect(skipped.worksheets.some((s) => s.name === plan.sheets.find((p) => p.schoolOnly)!.name)).toBe(false);
  // The meeting sheets of a shareable file carry no pupil's surname.
  const surnames = new Set(grid.slice(4).map((row) => row[1]).filter((v): v is string => typeof v === "string" && v.length > 2));
  for (const ws of shared.worksheets.filter((s) => s.name !== "Export")) {
    const leaked = cellsOf(ws).filter((v) => typeof v === "string" && surnames.has(v));
    expect({ sheet: ws.name, leaked }).toEqual({ sheet: ws.name, leaked: [] });
  }
}, 60_000);

it("wraps the suggested next step with row heights to show it, Why last on one line, and prints the names and the band through the suggestion one page wide", async () => {
  const zip = await JSZip.loadAsync(file);
  const workbookXml = (await zip.file("xl/workbook.xml")!.async("string")).replace(/&apos;/g, "'");
  // The pasted sheet is the first one written.
  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const { highlight } = plan;
  const ws = workbook.getWorksheet("Export")!;
  const suggestion = highlight.firstColumn + highlight.headings.indexOf("Suggested next step") + 1; // 1-based
  const why = highlight.firstColumn + highlight.headings.length; // 1-based column of the last added column
  expect(highlight.headings[highlight.headings.length - 1]).toBe("Why");
  // Between them: the hidden row check and Notes (docs/rules.md §15).
  expect(suggestion).toBe(why - 3);
  expect(ws.getColumn(why - 2).hidden).toBe(true);
  // Every suggestion cell wraps; "Why" and the headings do not.
  for (let row = highlight.firstDataRow + 1; row <= highlight.lastDataRow + 1; row++) {
    if (ws.getCell(row, suggestion).value === null) continue;
    expect({ row, wrap: ws.getCell(row, suggestion).alignment?.wrapText }).toEqual({ row, wrap: true });
    expect(ws.getCell(row, why).alignment?.wrapText).toBeFalsy();
  }
  expect(ws.getCell(highlight.headerRow + 1, suggestion).alignment?.wrapText).toBeFalsy();
  expect(ws.getCell(highlight.headerRow + 1, why).alignment?.wrapText).toBeFalsy();
  // The copy's data rows whose printed text wraps, and only those, get a height: at least two lines.
  const heights = highlight.rowHeights ?? [];
  expect(heights.length).toBeGreaterThan(10);
  const customRows = [...sheetXml.matchAll(/<row [^>]*\br="(\d+)"[^>]*customHeight="1"/g)].map((m) => Number(m[1]));
  expect(customRows.filter((r) => r > highlight.headerRow + 1)).toEqual(heights.filter((h) => h.row > highlight.headerRow).map((h) => h.row + 1));
  const wrapped = highlight.columnStyles!.flatMap((style, j) => (style === "textWrap" ? [highlight.firstColumn + j + 1] : []));
  for (const { row, height } of heights.filter((h) => h.row > highlight.headerRow)) {
    expect(height).toBeGreaterThanOrEqual(30);
    expect(ws.getRow(row + 1).height).toBe(height);
    expect(wrapped.some((column) => String(ws.getCell(row + 1, column).value ?? "").length > (ws.getColumn(column).width ?? 0) - 2)).toBe(true);
  }
  // One page wide, as many pages tall as it takes, with narrow margins (0.25 inch a side).
  expect(highlight.print!.fitToPagesWide).toBe(1);
  const pageSetup = /<pageSetup [^>]*\/>/.exec(sheetXml)?.[0] ?? "";
  expect(pageSetup).toContain('orientation="landscape"');
  expect(pageSetup).toContain(`fitToWidth="1"`);
  expect(sheetXml).toMatch(/<pageMargins left="0.25" right="0.25" /);
  expect(pageSetup).toContain('fitToHeight="0"');
  expect(sheetXml).toMatch(/<pageSetUpPr [^>]*fitToPage="1"/);
  // Heading row and the pupil's name columns repeat on every page.
  const titles = /<definedName name="_xlnm.Print_Titles" localSheetId="0">([^<]*)<\/definedName>/.exec(workbookXml)?.[1] ?? "";
  const repeat = highlight.print!.repeatColumns!;
  expect(grid[highlight.headerRow]!.slice(repeat.first, repeat.last + 1)).toEqual(["Legal Surname", "Legal Forename"]);
  expect(titles).toContain(`$${columnLetter(repeat.first)}:$${columnLetter(repeat.last)}`);
  expect(titles).toContain(`$${highlight.headerRow + 1}:$${highlight.headerRow + 1}`);
  // Printed: the added columns from the band through the suggested next step (not the pasted figures,
  // not the term of marks, not progress, not Why, not the legend), from the heading row down.
  const marks = analysisOf(grid).mapping.sessions.map((session) => session.column);
  expect(marks.length).toBeGreaterThan(100);
  const areas = [...workbookXml.matchAll(/<definedName name="_xlnm.Print_Area" localSheetId="0">([^<]*)<\/definedName>/g)].map((m) => m[1]);
  expect(areas).toEqual([`'Export'!$${columnLetter(highlight.firstColumn)}$${highlight.headerRow + 1}:$${columnLetter(suggestion - 1)}$${highlight.lastDataRow + 1}`]);
});
