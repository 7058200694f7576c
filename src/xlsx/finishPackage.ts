import * as zlib from "node:zlib";
import JSZip from "jszip";
import { absoluteCellAddress, alwaysQuotedSheetName, type CellRect } from "../core/common/a1";
import { addChartsToZip, escapeXml, putPart, readText, unescapeXml, worksheetPaths, type SheetCharts } from "./charts";
import { addCustomProperties } from "./customProperties";
import type { StreamedParts } from "./streamedParts";
import { zipLevel, zipPackage } from "./zipPackage";

type StreamedPart = Awaited<ReturnType<StreamedParts["finished"]>>[number];

/**
 * ExcelJS quotes a sheet name in defined names ('Name'!$7:$7) without doubling an apostrophe inside it,
 * so "St Mary's TSM" would give a print-titles name Excel rejects. Rewrite those references correctly.
 */
export function fixDefinedNameQuotes(workbookXml: string, sheetNames: readonly string[]): string {
  const awkward = sheetNames.filter((name) => name.includes("'"));
  if (awkward.length === 0) return workbookXml;
  return workbookXml.replace(/(<definedName\b[^>]*>)([^<]*)(<\/definedName>)/g, (_m, open: string, body: string, close: string) => {
    let text = unescapeXml(body);
    for (const name of awkward) text = text.split(`'${name}'!`).join(`${alwaysQuotedSheetName(name)}!`);
    return `${open}${escapeXml(text)}${close}`;
  });
}

/**
 * ExcelJS writes a sheet's several print areas as several "_xlnm.Print_Area" names for the one sheet, which
 * Excel reports as a damaged file; Excel keeps one name per sheet with its areas separated by commas.
 */
export function joinPrintAreas(workbookXml: string): string {
  const pattern = /<definedName name="_xlnm\.Print_Area" localSheetId="(\d+)">([^<]*)<\/definedName>/g;
  const areasBySheet = new Map<string, string[]>();
  for (const match of workbookXml.matchAll(pattern)) {
    const areas = areasBySheet.get(match[1]!) ?? [];
    areas.push(match[2]!);
    areasBySheet.set(match[1]!, areas);
  }
  if ([...areasBySheet.values()].every((areas) => areas.length === 1)) return workbookXml;
  const written = new Set<string>();
  return workbookXml.replace(pattern, (_m, sheetId: string) => {
    if (written.has(sheetId)) return "";
    written.add(sheetId);
    return `<definedName name="_xlnm.Print_Area" localSheetId="${sheetId}">${(areasBySheet.get(sheetId) ?? []).join(",")}</definedName>`;
  });
}

/** A name that belongs to one sheet (localSheetId), over one rectangle of it, with Excel's comment. */
export interface SheetScopedName {
  name: string;
  comment: string;
  /** 0-based position of the sheet in the workbook. */
  sheetIndex: number;
  sheetName: string;
  area: CellRect;
}

/**
 * Adds sheet-scoped names ExcelJS's streaming writer cannot write (it has no localSheetId for names of our
 * own), in `<definedNames>` where Excel expects it: after `<sheets>`, before `<calcPr>`.
 */
export function addSheetScopedNames(workbookXml: string, names: readonly SheetScopedName[]): string {
  if (names.length === 0) return workbookXml;
  const xml = names
    .map((n) => {
      const ref = `${alwaysQuotedSheetName(n.sheetName)}!${absoluteCellAddress(n.area.firstRow, n.area.firstColumn)}:${absoluteCellAddress(n.area.lastRow, n.area.lastColumn)}`;
      return `<definedName name="${escapeXml(n.name)}" comment="${escapeXml(n.comment)}" localSheetId="${n.sheetIndex}">${escapeXml(ref)}</definedName>`;
    })
    .join("");
  if (workbookXml.includes("</definedNames>")) return workbookXml.replace("</definedNames>", `${xml}</definedNames>`);
  if (workbookXml.includes("<definedNames/>")) return workbookXml.replace("<definedNames/>", `<definedNames>${xml}</definedNames>`);
  return workbookXml.replace("</sheets>", `</sheets><definedNames>${xml}</definedNames>`);
}

/**
 * The last pass over the package ExcelJS wrote: its uncompressed zip of the small parts (styles, strings,
 * workbook) and the parts it streamed (streamedParts.ts). Charts and custom document properties (the output
 * marker) are added, defined names fixed, and all laid out as one compressed zip (zipPackage); parts that
 * were deflated as they were written are copied as they are.
 */
export async function finishPackage(
  xlsx: Buffer,
  streamed: readonly StreamedPart[],
  charts: readonly SheetCharts[],
  sheetNames: readonly string[],
  properties: readonly { name: string; value: string }[] = [],
  scopedNames: readonly SheetScopedName[] = [],
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  for (const part of streamed) if ("text" in part) zip.file(part.name, part.text, { createFolders: false });
  let deflated = streamed.flatMap((part) => ("deflated" in part ? [part.deflated] : []));
  // A sheet that takes charts is changed here, so a large one is read back whole (a summary never is large).
  const chartSheets = new Set<string>();
  if (charts.some((sheet) => sheet.charts.length > 0)) {
    const paths = await worksheetPaths(zip);
    for (const sheet of charts) if (sheet.charts.length > 0 && paths.has(sheet.sheetName)) chartSheets.add(paths.get(sheet.sheetName)!);
  }
  deflated = deflated.filter((part) => {
    if (!chartSheets.has(part.name)) return true;
    zip.file(part.name, zlib.inflateRawSync(Buffer.concat(part.compressed)), { createFolders: false });
    return false;
  });
  const workbookXml = await readText(zip, "xl/workbook.xml");
  const fixed = addSheetScopedNames(joinPrintAreas(fixDefinedNameQuotes(workbookXml, sheetNames)), scopedNames);
  if (fixed !== workbookXml) putPart(zip, "xl/workbook.xml", fixed);
  await addChartsToZip(zip, charts);
  await addCustomProperties(zip, properties);
  return zipPackage(zip, zipLevel, deflated);
}
