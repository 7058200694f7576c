import ExcelJS from "exceljs";
// jsdom (installed with jest-environment-jsdom) for a strict XML parser: every added part must be well-formed.
import { JSDOM } from "jsdom";
import JSZip from "jszip";
import type { ChartPlan } from "../../src/core/report/plan";
import { chartXml, insertDrawingElement } from "../../src/xlsx/charts";
import { fixDefinedNameQuotes, joinPrintAreas } from "../../src/xlsx/finishPackage";
import { writeWorkbookXlsx } from "../../src/xlsx/writeWorkbook";
import { sampleGrid, samplePlan, sourceSheetName } from "./planFactory";

const summaryName = "Governors summary 2025-26";
const quotedSummary = `'${summaryName}'`;

const { DOMParser } = new JSDOM().window;

function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`Not well-formed XML: ${error.textContent}`);
  return doc;
}

const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

function all(doc: Document | Element, ns: string, tag: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, tag));
}
function text(doc: Document | Element, ns: string, tag: string): string[] {
  return all(doc, ns, tag).map((e) => e.textContent ?? "");
}
function vals(doc: Document | Element, ns: string, tag: string): string[] {
  return all(doc, ns, tag).map((e) => e.getAttribute("val") ?? "");
}

let zip: JSZip;
let file: Buffer;

beforeAll(async () => {
  file = await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: sampleGrid() }, plan: samplePlan(), shareable: false });
  zip = await JSZip.loadAsync(file);
});

async function part(path: string): Promise<string> {
  const entry = zip.file(path);
  if (!entry) throw new Error(`No part ${path}; parts: ${Object.keys(zip.files).join(", ")}`);
  return entry.async("string");
}

describe("charts added to the written package", () => {
  it("adds one chart part per planned chart, a drawing for the sheet, and their content types", async () => {
    const names = Object.keys(zip.files).sort();
    expect(names.filter((n) => n.startsWith("xl/charts/"))).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    expect(names).toContain("xl/drawings/drawing1.xml");
    const types = await part("[Content_Types].xml");
    parseXml(types);
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
  });

  it("links the summary sheet to the drawing, placed after the header and footer as the schema orders it", async () => {
    // The summary is the third sheet ExcelJS writes.
    const sheet = await part("xl/worksheets/sheet3.xml");
    parseXml(sheet);
    const rels = await part("xl/worksheets/_rels/sheet3.xml.rels");
    const id = /Id="([^"]+)"[^>]*relationships\/drawing" Target="..\/drawings\/drawing1.xml"/.exec(rels)?.[1];
    expect(id).toBeDefined();
    expect(sheet.match(/<drawing /g)).toHaveLength(1);
    expect(sheet).toContain(`<drawing r:id="${id}"/>`);
    expect(sheet.indexOf("<drawing ")).toBeGreaterThan(sheet.indexOf("</headerFooter>"));
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("</worksheet>"));
    // No other sheet gets a drawing.
    for (const other of ["sheet1", "sheet2", "sheet4"]) expect(await part(`xl/worksheets/${other}.xml`)).not.toContain("<drawing ");
  });

  it("anchors each chart where the plan puts it, with its title as alternative text", async () => {
    const drawing = parseXml(await part("xl/drawings/drawing1.xml"));
    const anchors = all(drawing, XDR, "twoCellAnchor");
    expect(anchors).toHaveLength(2);
    const corner = (anchor: Element, which: string) => {
      const el = all(anchor, XDR, which)[0]!;
      return [Number(text(el, XDR, "col")[0]), Number(text(el, XDR, "row")[0])];
    };
    expect(corner(anchors[0]!, "from")).toEqual([4, 2]);
    expect(corner(anchors[0]!, "to")).toEqual([12, 17]);
    expect(corner(anchors[1]!, "from")).toEqual([4, 18]);
    expect(all(drawing, XDR, "cNvPr").map((e) => e.getAttribute("descr"))).toEqual(["Pupils by attendance band", "Absence by year group"]);
    const rels = await part("xl/drawings/_rels/drawing1.xml.rels");
    expect(rels).toContain('Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"');
    expect(rels).toContain('Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml"');
  });

  it("draws the band chart as horizontal clustered bars from the planned cells, cached, one colour per band", async () => {
    const chart = parseXml(await part("xl/charts/chart1.xml"));
    expect(vals(chart, C, "barDir")).toEqual(["bar"]);
    expect(vals(chart, C, "grouping")).toEqual(["clustered"]);
    expect(all(chart, C, "ser")).toHaveLength(1);
    expect(text(chart, C, "f")).toEqual([`${quotedSummary}!$B$3`, `${quotedSummary}!$A$4:$A$7`, `${quotedSummary}!$B$4:$B$7`]);
    const [tx, cat, val] = [all(chart, C, "tx")[1]!, all(chart, C, "cat")[0]!, all(chart, C, "val")[0]!];
    expect(text(tx, C, "v")).toEqual(["Pupils"]);
    expect(text(cat, C, "v")).toEqual(["Severe absence (SA)", "Persistent absence (PA)", "At risk", "Expected"]);
    // "<3" is not a number, so that bar is a gap rather than a made-up figure.
    expect(all(val, C, "pt").map((p) => [p.getAttribute("idx"), text(p, C, "v")[0]])).toEqual([
      ["0", "1"],
      ["1", "2"],
      ["3", "2"],
    ]);
    const pointColours = all(chart, C, "dPt").map((p) => all(p, A, "srgbClr")[0]!.getAttribute("val"));
    expect(pointColours).toEqual(["800020", "E66100", "F5C518", "A6A6A6"]);
    expect(text(chart, A, "t")).toEqual(["Pupils by attendance band", "Band", "Pupils"]);
  });

  it("draws the year-group chart as clustered columns, one coloured series per column", async () => {
    const chart = parseXml(await part("xl/charts/chart2.xml"));
    expect(vals(chart, C, "barDir")).toEqual(["col"]);
    const series = all(chart, C, "ser");
    expect(series).toHaveLength(2);
    expect(series.map((s) => text(s, C, "f"))).toEqual([
      [`${quotedSummary}!$B$10`, `${quotedSummary}!$A$11:$A$12`, `${quotedSummary}!$B$11:$B$12`],
      [`${quotedSummary}!$C$10`, `${quotedSummary}!$A$11:$A$12`, `${quotedSummary}!$C$11:$C$12`],
    ]);
    expect(series.map((s) => all(all(s, C, "spPr")[0]!, A, "srgbClr")[0]!.getAttribute("val"))).toEqual(["1F3864", "A6A6A6"]);
    expect(text(all(series[1]!, C, "val")[0]!, C, "v")).toEqual(["0.071", "0.071"]);
    // The cells' percentage format goes with the cached values, so labels read "7.1%".
    expect(text(all(series[1]!, C, "val")[0]!, C, "formatCode")).toEqual(["0.0%"]);
    expect(all(chart, C, "dPt")).toHaveLength(0);
    expect(all(chart, C, "legend")).toHaveLength(1);
    expect(text(chart, A, "t")).toEqual(["Absence by year group", "Absence rate"]);
  });

  it("formats the value axis as the plan says (0% for fractions), names every category, and labels only the planned series", async () => {
    const chart = parseXml(await part("xl/charts/chart2.xml"));
    const valueAxis = all(chart, C, "valAx")[0]!;
    const axisFormat = all(valueAxis, C, "numFmt")[0]!;
    expect([axisFormat.getAttribute("formatCode"), axisFormat.getAttribute("sourceLinked")]).toEqual(["0%", "0"]);
    expect(vals(all(chart, C, "catAx")[0]!, C, "tickLblSkip")).toEqual(["1"]);
    const series = all(chart, C, "ser");
    expect(series.map((s) => vals(all(s, C, "dLbls")[0]!, C, "showVal")[0])).toEqual(["1", "0"]);
    // A chart that names no labelled series labels every one, and keeps the cells' own axis format.
    const band = parseXml(await part("xl/charts/chart1.xml"));
    expect(all(band, C, "dLbls").map((d) => vals(d, C, "showVal")[0])).toEqual(["1"]);
    expect(all(all(band, C, "valAx")[0]!, C, "numFmt")[0]!.getAttribute("sourceLinked")).toBe("1");
    expect(all(band, C, "tickLblSkip")).toHaveLength(0);
  });

  it("still opens in ExcelJS with every sheet and value", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(4);
    expect(workbook.getWorksheet(summaryName)?.getCell("A4").value).toBe("Severe absence (SA)");
  });
});

describe("awkward sheet names", () => {
  const plan: ChartPlan = {
    kind: "columnClustered",
    title: "Pupils & bands <2025>",
    dataRange: "A1:B3",
    seriesColours: ["#123456"],
    pointColours: null,
    anchor: { row: 0, column: 3, rows: 10, columns: 6 },
    xAxisTitle: null,
    yAxisTitle: null,
  };
  const values: Record<string, string | number> = { "0,0": "Band", "0,1": "Pupils", "1,0": "A & B", "1,1": 4, "2,0": "<C>", "2,1": 5 };

  it("quotes a sheet name with an apostrophe in chart references and escapes text", () => {
    const xml = chartXml("St Mary's TSM", plan, (r, c) => values[`${r},${c}`]);
    const doc = parseXml(xml);
    expect(text(doc, C, "f")).toEqual(["'St Mary''s TSM'!$B$1", "'St Mary''s TSM'!$A$2:$A$3", "'St Mary''s TSM'!$B$2:$B$3"]);
    expect(text(all(doc, C, "cat")[0]!, C, "v")).toEqual(["A & B", "<C>"]);
    expect(text(doc, A, "t")).toEqual(["Pupils & bands <2025>"]);
  });

  it("writes print titles for such a sheet in a form Excel accepts", async () => {
    const p = samplePlan();
    p.sheets[0]!.name = "St Mary's TSM";
    const buffer = await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: sampleGrid() }, plan: p, shareable: true });
    const workbookXml = await (await JSZip.loadAsync(buffer)).file("xl/workbook.xml")!.async("string");
    const names = Array.from(parseXml(workbookXml).getElementsByTagName("definedName"))
      .filter((e) => e.getAttribute("name")?.startsWith("_xlnm."))
      .map((e) => e.textContent);
    // The pasted sheet's print area (absolute), name columns and heading row repeat too (the highlight's print setup).
    expect(names).toEqual(["'Export'!$A$1:$P$9", "'Export'!$A:$B,'Export'!$3:$3", "'St Mary''s TSM'!$7:$7"]);
  });

  it("leaves defined names alone when no sheet name has an apostrophe", () => {
    const xml = `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;TSM&apos;!$7:$7</definedName></definedNames>`;
    expect(fixDefinedNameQuotes(xml, ["TSM"])).toBe(xml);
  });
});

describe("joinPrintAreas", () => {
  it("makes a sheet's several print areas the one defined name Excel reads, areas separated by commas", () => {
    const name = (sheet: number, range: string) => `<definedName name="_xlnm.Print_Area" localSheetId="${sheet}">${range}</definedName>`;
    const titles = `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Export'!$3:$3</definedName>`;
    const xml = `<definedNames>${name(0, "'Export'!$A$1:$S$9")}${name(0, "'Export'!$FK$1:$FP$9")}${titles}${name(1, "'TSM'!$A$1:$H$40")}</definedNames>`;
    expect(joinPrintAreas(xml)).toBe(`<definedNames>${name(0, "'Export'!$A$1:$S$9,'Export'!$FK$1:$FP$9")}${titles}${name(1, "'TSM'!$A$1:$H$40")}</definedNames>`);
    // One area a sheet: unchanged.
    const single = `<definedNames>${name(0, "'Export'!$A$1:$S$9")}${name(1, "'TSM'!$A$1:$H$40")}</definedNames>`;
    expect(joinPrintAreas(single)).toBe(single);
  });
});

describe("insertDrawingElement", () => {
  const head = `<worksheet><sheetData/><pageSetup/><headerFooter/>`;
  it("goes before the parts the schema puts after it", () => {
    expect(insertDrawingElement(`${head}<legacyDrawing r:id="rId1"/></worksheet>`, "rId2")).toBe(
      `${head}<drawing r:id="rId2"/><legacyDrawing r:id="rId1"/></worksheet>`,
    );
    expect(insertDrawingElement(`${head}<tableParts count="0"/><extLst/></worksheet>`, "rId2")).toBe(
      `${head}<drawing r:id="rId2"/><tableParts count="0"/><extLst/></worksheet>`,
    );
    expect(insertDrawingElement(`${head}</worksheet>`, "rId1")).toBe(`${head}<drawing r:id="rId1"/></worksheet>`);
  });
  it("refuses a sheet that already has a drawing", () => {
    expect(() => insertDrawingElement(`${head}<drawing r:id="rId1"/></worksheet>`, "rId2")).toThrow(/already has a drawing/);
  });
});
