import type JSZip from "jszip";
import { escapeXml, putPart, unescapeXml } from "./charts";

/**
 * An .xlsx file's custom document properties (docProps/custom.xml; Excel: File > Info > Properties >
 * Advanced > Custom). ExcelJS neither writes nor reads them, so they are added to and read from the zip.
 * They carry the product's output marker (core/report/outputRecord.ts).
 */

const customType = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const customRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
const customPart = "docProps/custom.xml";
// The format id every custom property carries (ECMA-376 part 1, 22.3.2.2).
const formatId = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

export function customPropertiesXml(properties: readonly { name: string; value: string }[]): string {
  const items = properties.map(
    // Property ids start at 2 (0 and 1 are reserved).
    (property, index) =>
      `<property fmtid="${formatId}" pid="${index + 2}" name="${escapeXml(property.name)}"><vt:lpwstr>${escapeXml(property.value)}</vt:lpwstr></property>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items.join("")}</Properties>`
  );
}

/** Adds docProps/custom.xml, its content type and its package relationship to a package ExcelJS wrote. */
export async function addCustomProperties(zip: JSZip, properties: readonly { name: string; value: string }[]): Promise<void> {
  if (properties.length === 0) return;
  putPart(zip, customPart, customPropertiesXml(properties));
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  if (!types.includes(`PartName="/${customPart}"`)) {
    putPart(zip, "[Content_Types].xml", types.replace("</Types>", `<Override PartName="/${customPart}" ContentType="${customType}"/></Types>`));
  }
  const rels = (await zip.file("_rels/.rels")?.async("string")) ?? "";
  if (!rels.includes(customRel)) {
    const used = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((match) => match[1]));
    let n = 1;
    while (used.has(`rId${n}`)) n++;
    putPart(zip, "_rels/.rels", rels.replace("</Relationships>", `<Relationship Id="rId${n}" Type="${customRel}" Target="${customPart}"/></Relationships>`));
  }
}

/** The file's text custom properties by name (empty when it has none). Never throws on odd XML. */
export async function readCustomProperties(zip: JSZip): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const rels = (await zip.file("_rels/.rels")?.async("string")) ?? "";
  let part = customPart;
  for (const match of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attributes = match[1] ?? "";
    if (!attributes.includes(customRel)) continue;
    const target = /\bTarget="([^"]*)"/.exec(attributes)?.[1];
    if (target) part = unescapeXml(target).replace(/^\//, "");
  }
  const xml = await zip.file(part)?.async("string");
  if (!xml) return result;
  for (const match of xml.matchAll(/<(?:\w+:)?property\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?property>/g)) {
    const name = /\bname="([^"]*)"/.exec(match[1] ?? "")?.[1];
    const value = /<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>/.exec(match[2] ?? "")?.[1] ?? /<vt:lpwstr\/>/.exec(match[2] ?? "")?.[0];
    if (name !== undefined && value !== undefined) result.set(unescapeXml(name), value.startsWith("<") ? "" : unescapeXml(value));
  }
  return result;
}
