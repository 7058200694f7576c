import JSZip from "jszip";
import { alwaysQuotedSheetName } from "../core/common/a1";
import { addChartsToZip, escapeXml, putPart, readText, unescapeXml, type SheetCharts } from "./charts";
import { addCustomProperties } from "./customProperties";
import { zipPackage } from "./zipPackage";

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
 * The last pass over the package ExcelJS wrote (uncompressed): charts and custom document properties (the
 * output marker) added, defined names fixed, all compressed (zipPackage).
 */
export async function finishPackage(
  xlsx: Buffer,
  charts: readonly SheetCharts[],
  sheetNames: readonly string[],
  properties: readonly { name: string; value: string }[] = [],
): Promise<Buffer> {
  const needsQuotes = sheetNames.some((name) => name.includes("'"));
  const zip = await JSZip.loadAsync(xlsx);
  if (needsQuotes) {
    const workbookXml = await readText(zip, "xl/workbook.xml");
    putPart(zip, "xl/workbook.xml", fixDefinedNameQuotes(workbookXml, sheetNames));
  }
  await addChartsToZip(zip, charts);
  await addCustomProperties(zip, properties);
  return zipPackage(zip);
}
