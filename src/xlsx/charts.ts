import type JSZip from "jszip";
import type { ChartPlan, PlanValue } from "../core/report/plan";
import { absoluteCellAddress, alwaysQuotedSheetName, parseRange, type CellRect } from "../core/common/a1";

/**
 * ExcelJS cannot write charts, so they are added to the finished zip as DrawingML parts:
 * xl/charts/chartN.xml, xl/drawings/drawingN.xml (+ its rels), the sheet's <drawing r:id> and rels,
 * and [Content_Types].xml overrides. Every chart reads its figures from cells on its own sheet and
 * carries cached copies, so viewers that do not recalculate still show the bars.
 */

export interface SheetCharts {
  sheetName: string;
  charts: readonly ChartPlan[];
  /** The value the plan writes at a 0-based cell, for the charts' cached values. */
  valueAt: (row: number, column: number) => PlanValue | undefined;
  /** The number format the plan gives a cell (so cached values and data labels read "25.6%", not 0.256). */
  formatAt?: (row: number, column: number) => string | null | undefined;
}

const ns = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingType: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chartType: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

const xmlHeader = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all (ExcelJS drops them from cells the same way).
// eslint-disable-next-line no-control-regex
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(notInXml, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, "&");
}

function colourHex(colour: string): string {
  const hex = colour.trim().replace(/^#/, "");
  if (!/^[0-9A-Fa-f]{6}$/.test(hex)) {
    throw new Error(`The workbook plan has a chart colour "${colour}" that is not in #RRGGBB form.`);
  }
  return hex.toUpperCase();
}

function solidFill(colour: string): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${colourHex(colour)}"/></a:solidFill></c:spPr>`;
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? "1" : "0";
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${b}"/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" sz="${size}" b="${b}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function titleXml(text: string, size: number): string {
  return `<c:title>${richText(text, size, true)}<c:overlay val="0"/></c:title>`;
}

function text(value: PlanValue | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

function rangeRef(sheet: string, range: CellRect): string {
  const start = absoluteCellAddress(range.firstRow, range.firstColumn);
  const end = absoluteCellAddress(range.lastRow, range.lastColumn);
  return `${alwaysQuotedSheetName(sheet)}!${start === end ? start : `${start}:${end}`}`;
}

function strRef(sheet: string, range: CellRect, values: string[]): string {
  const ref = rangeRef(sheet, range);
  const points = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("");
  return `<c:strRef><c:f>${escapeXml(ref)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(sheet: string, range: CellRect, values: (PlanValue | undefined)[], format: string): string {
  const ref = rangeRef(sheet, range);
  // A cell that is not a number (e.g. "<3" in a shareable file) is a gap in the cache, as Excel treats it.
  const points = values
    .map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return (
    `<c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef>`
  );
}

function dataLabelsXml(show: boolean): string {
  const on = show ? "1" : "0";
  return (
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="${on}"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
  );
}

/** An axis' label format: the plan's own (not linked to the cells), or the source cells' format. */
function axisNumberFormat(format: string | undefined): string {
  return format ? `<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/>` : `<c:numFmt formatCode="General" sourceLinked="1"/>`;
}

/** The chart part for one ChartPlan on `sheetName`. Exported for tests. */
export function chartXml(
  sheetName: string,
  plan: ChartPlan,
  valueAt: SheetCharts["valueAt"],
  formatAt: SheetCharts["formatAt"] = () => null,
): string {
  const range = parseRange(plan.dataRange);
  if (!range || range.lastColumn <= range.firstColumn) {
    throw new Error(
      `The chart "${plan.title}" on sheet "${sheetName}" needs a data range of categories and at least one series column, not "${plan.dataRange}".`,
    );
  }
  const horizontal = plan.kind === "barClustered";
  const firstDataRow = range.firstRow + 1;
  const categoryRange: CellRect = { firstRow: firstDataRow, firstColumn: range.firstColumn, lastRow: range.lastRow, lastColumn: range.firstColumn };
  const categoryCount = Math.max(0, range.lastRow - range.firstRow);
  const categories: string[] = [];
  for (let row = firstDataRow; row <= range.lastRow; row++) categories.push(text(valueAt(row, range.firstColumn)));

  const series: string[] = [];
  for (let column = range.firstColumn + 1, index = 0; column <= range.lastColumn; column++, index++) {
    const name: CellRect = { firstRow: range.firstRow, firstColumn: column, lastRow: range.firstRow, lastColumn: column };
    const valuesRange: CellRect = { firstRow: firstDataRow, firstColumn: column, lastRow: range.lastRow, lastColumn: column };
    const values: (PlanValue | undefined)[] = [];
    for (let row = firstDataRow; row <= range.lastRow; row++) values.push(valueAt(row, column));
    const seriesColour = plan.seriesColours[index];
    const points =
      plan.pointColours && range.lastColumn === range.firstColumn + 1
        ? plan.pointColours
            .slice(0, categoryCount)
            .map((colour, i) => `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${solidFill(colour)}</c:dPt>`)
            .join("")
        : "";
    series.push(
      `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
        `<c:tx>${strRef(sheetName, name, [text(valueAt(range.firstRow, column))])}</c:tx>` +
        (seriesColour ? solidFill(seriesColour) : "") +
        `<c:invertIfNegative val="0"/>${points}` +
        // Figures on the bars (of the series the plan labels), so the chart reads without colour or gridlines.
        dataLabelsXml(plan.labelledSeries === undefined || plan.labelledSeries.includes(index)) +
        `<c:cat>${strRef(sheetName, categoryRange, categories)}</c:cat>` +
        `<c:val>${numRef(sheetName, valuesRange, values, formatAt(firstDataRow, column) || "General")}</c:val></c:ser>`,
    );
  }

  const catAxisId = 50010;
  const valAxisId = 50020;
  // Horizontal bars list categories top-down in sheet order (reversed axis, values crossing at the far end).
  const catAx =
    `<c:catAx><c:axId val="${catAxisId}"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
    (plan.xAxisTitle ? titleXml(plan.xAxisTitle, 1000) : "") +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valAxisId}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    // Every category named: without this, viewers skip every other label when they think they crowd.
    (plan.everyCategoryLabel ? `<c:tickLblSkip val="1"/><c:tickMarkSkip val="1"/>` : "") +
    `<c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${valAxisId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/>` +
    (plan.yAxisTitle ? titleXml(plan.yAxisTitle, 1000) : "") +
    axisNumberFormat(plan.valueAxisNumberFormat) +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${catAxisId}"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/>` +
    `<c:crossBetween val="between"/></c:valAx>`;
  const legend = series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "";

  return (
    xmlHeader +
    `<c:chartSpace xmlns:c="${ns.c}" xmlns:a="${ns.a}" xmlns:r="${ns.r}">` +
    `<c:lang val="en-GB"/><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(plan.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    series.join("") +
    `<c:gapWidth val="80"/><c:axId val="${catAxisId}"/><c:axId val="${valAxisId}"/></c:barChart>` +
    catAx +
    valAx +
    `</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part holding one anchored frame per chart (rIdK → the K-th chart). Exported for tests. */
export function drawingXml(charts: readonly ChartPlan[]): string {
  const anchors = charts.map((chart, i) => {
    const { row, column, rows, columns } = chart.anchor;
    const marker = (c: number, r: number) =>
      `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${marker(column, row)}</xdr:from>` +
      `<xdr:to>${marker(column + Math.max(1, columns), row + Math.max(1, rows))}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
      // The title doubles as alternative text for screen readers.
      `<xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/>` +
      `</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${ns.c}"><c:chart xmlns:c="${ns.c}" xmlns:r="${ns.r}" r:id="rId${i + 1}"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return xmlHeader + `<xdr:wsDr xmlns:xdr="${ns.xdr}" xmlns:a="${ns.a}">${anchors.join("")}</xdr:wsDr>`;
}

function relationshipsXml(relationships: { id: string; type: string; target: string }[]): string {
  const items = relationships.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`);
  return xmlHeader + `<Relationships xmlns="${ns.pkgRels}">${items.join("")}</Relationships>`;
}

/** Write a part without the folder entries JSZip would otherwise add (Excel's own files have none). */
export function putPart(zip: JSZip, path: string, xml: string): void {
  zip.file(path, xml, { createFolders: false });
}

export async function readText(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The workbook written by ExcelJS has no ${path}; it cannot take charts.`);
  return file.async("string");
}

/** Sheet name → worksheet part path ("xl/worksheets/sheet2.xml"), from workbook.xml and its rels. */
export async function worksheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await readText(zip, "xl/workbook.xml");
  const rels = await readText(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const match of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attributes = match[1] ?? "";
    const id = /\bId="([^"]*)"/.exec(attributes)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(attributes)?.[1];
    if (id && target) {
      const clean = unescapeXml(target);
      targets.set(id, clean.startsWith("/") ? clean.slice(1) : `xl/${clean}`);
    }
  }
  const paths = new Map<string, string>();
  for (const match of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attributes = match[1] ?? "";
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
    const id = /\br:id="([^"]*)"/.exec(attributes)?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) paths.set(unescapeXml(name), target);
  }
  return paths;
}

/** CT_Worksheet elements that come after <drawing>; the drawing goes before the first one present. */
const afterDrawing = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Insert <drawing r:id> at its place in the schema order (after headerFooter, rowBreaks … ignoredErrors). */
export function insertDrawingElement(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) {
    throw new Error("The worksheet already has a drawing; charts cannot be added to it.");
  }
  const element = `<drawing r:id="${relId}"/>`;
  let at = -1;
  for (const tag of afterDrawing) {
    const found = sheetXml.search(new RegExp(`<${tag}[\\s/>]`));
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  if (at < 0) at = sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("The worksheet XML has no closing </worksheet> tag.");
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

function nextFreeNumber(zip: JSZip, folder: string, prefix: string): number {
  let highest = 0;
  const pattern = new RegExp(`^${folder}/${prefix}(\\d+)\\.xml$`);
  zip.forEach((path) => {
    const n = pattern.exec(path)?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  });
  return highest + 1;
}

/** Add every sheet's charts to the package of an ExcelJS-written workbook (changed in place). */
export async function addChartsToZip(zip: JSZip, sheets: readonly SheetCharts[]): Promise<void> {
  const withCharts = sheets.filter((s) => s.charts.length > 0);
  if (withCharts.length === 0) return;

  const paths = await worksheetPaths(zip);
  let contentTypes = await readText(zip, "[Content_Types].xml");
  const overrides: string[] = [];
  let chartNumber = nextFreeNumber(zip, "xl/charts", "chart");
  let drawingNumber = nextFreeNumber(zip, "xl/drawings", "drawing");

  for (const sheet of withCharts) {
    const sheetPath = paths.get(sheet.sheetName);
    if (!sheetPath) throw new Error(`Cannot find the sheet "${sheet.sheetName}" in the written workbook to add its charts.`);

    const chartRels: { id: string; type: string; target: string }[] = [];
    sheet.charts.forEach((chart, i) => {
      const chartPath = `xl/charts/chart${chartNumber}.xml`;
      putPart(zip, chartPath, chartXml(sheet.sheetName, chart, sheet.valueAt, sheet.formatAt));
      overrides.push(`<Override PartName="/${chartPath}" ContentType="${ns.chartType}"/>`);
      chartRels.push({ id: `rId${i + 1}`, type: ns.chartRel, target: `../charts/chart${chartNumber}.xml` });
      chartNumber++;
    });

    const drawingPath = `xl/drawings/drawing${drawingNumber}.xml`;
    putPart(zip, drawingPath, drawingXml(sheet.charts));
    putPart(zip, `xl/drawings/_rels/drawing${drawingNumber}.xml.rels`, relationshipsXml(chartRels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${ns.drawingType}"/>`);

    // The sheet's own relationships: keep any ExcelJS wrote (hyperlinks, notes) and add the drawing.
    const sheetFile = sheetPath.slice(sheetPath.lastIndexOf("/") + 1);
    const sheetFolder = sheetPath.slice(0, sheetPath.lastIndexOf("/"));
    const relsPath = `${sheetFolder}/_rels/${sheetFile}.rels`;
    const existingRels = zip.file(relsPath) ? await readText(zip, relsPath) : null;
    const usedIds = new Set([...(existingRels ?? "").matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let n = usedIds.size + 1;
    while (usedIds.has(`rId${n}`)) n++;
    const drawingRelId = `rId${n}`;
    const drawingRel = `<Relationship Id="${drawingRelId}" Type="${ns.drawingRel}" Target="../drawings/drawing${drawingNumber}.xml"/>`;
    putPart(
      zip,
      relsPath,
      existingRels
        ? existingRels.replace("</Relationships>", `${drawingRel}</Relationships>`)
        : relationshipsXml([]).replace("</Relationships>", `${drawingRel}</Relationships>`),
    );
    putPart(zip, sheetPath, insertDrawingElement(await readText(zip, sheetPath), drawingRelId));
    drawingNumber++;
  }

  contentTypes = contentTypes.replace("</Types>", `${overrides.join("")}</Types>`);
  putPart(zip, "[Content_Types].xml", contentTypes);
}
