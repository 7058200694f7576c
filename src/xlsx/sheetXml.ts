import type { CellValue } from "../core/read/grid";
import { excelSerialOfUtc } from "../core/common/dates";
import { columnIndex } from "../core/common/a1";
import { unescapeXml } from "./charts";

/**
 * The parts of an .xlsx this product wrote, read straight from their XML, a row at a time: cell values
 * (as ExcelJS's load gives them, so a read-back grid is the same either way), shared strings, the styles
 * that make a number a date, and cell notes. ExcelJS's load builds an object per cell with its style for
 * every sheet (about 40 KB per pupil of an output), where a re-run needs only the values of a few sheets.
 */

/** Text of an XML element as a parser gives it: entities and character references decoded. */
export function xmlText(raw: string): string {
  return raw.includes("&") ? unescapeXml(raw) : raw;
}

/** Excel's escape for characters XML cannot hold ("_x000D_"), as ExcelJS undoes it: upper-case hex only. */
function unescapeExcel(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

const runPattern = /<r\b[^>]*>([\s\S]*?)<\/r>/g;
const textPattern = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/;
const textsPattern = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;

/** The text of rich-text runs (<r><t>…</t></r>…), joined, each decoded as ExcelJS decodes it. */
function runsText(xml: string): string {
  let text = "";
  for (const run of xml.matchAll(runPattern)) {
    for (const t of (run[1] ?? "").matchAll(textsPattern)) text += unescapeExcel(xmlText(t[1] ?? ""));
  }
  return text;
}

/**
 * xl/sharedStrings.xml as the strings cells show: plain or rich text (runs joined); phonetic guides
 * (<rPh>, furigana) are not the cell's text.
 */
export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const itemPattern = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  for (const item of xml.matchAll(itemPattern)) {
    const body = (item[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
    if (/<r\b/.test(body)) strings.push(runsText(body));
    else strings.push(unescapeExcel(xmlText(textPattern.exec(body)?.[1] ?? "")));
  }
  return strings;
}

/** Excel's built-in number formats that show dates or times (ECMA-376 18.8.30), as ExcelJS knows them. */
const builtInDateFormats = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A format code that shows a date or time: ExcelJS's test, so a cell reads back as ExcelJS would read it. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(bare);
}

const attributePatterns = new Map<string, RegExp>();

/** An attribute's value from an element's attribute text (`name="…"` or `name='…'`), decoded. */
export function xmlAttribute(attributes: string, name: string): string | undefined {
  // The usual spelling first (one space, double quotes), without a regular expression: cells have millions.
  const usual = attributes.indexOf(` ${name}="`);
  if (usual >= 0) {
    const start = usual + name.length + 3;
    return xmlText(attributes.slice(start, attributes.indexOf('"', start)));
  }
  if (!attributes.includes(name)) return undefined;
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(attributes);
  return match ? xmlText(match[1] ?? match[2] ?? "") : undefined;
}

/** For each cell style (xl/styles.xml cellXfs, by index), whether its number format shows a date. */
export function readDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const format of xml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(xmlAttribute(format[1] ?? "", "numFmtId"));
    const code = xmlAttribute(format[1] ?? "", "formatCode");
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  return [...cellXfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((xf) => {
    const id = parseInt(xmlAttribute(xf[1] ?? "", "numFmtId") ?? "", 10);
    // numFmtId 0 is General (ExcelJS skips it too).
    if (!id) return false;
    const code = custom.get(id);
    return code !== undefined && code !== "" ? isDateFormat(code) : builtInDateFormats.has(id);
  });
}

/** A cell note: its 0-based place and its text (the runs of its rich text, as ExcelJS reads a note). */
export interface CellNote {
  row: number;
  column: number;
  text: string;
}

/** xl/commentsN.xml: every note with the cell it sits on. */
export function readNotes(xml: string): CellNote[] {
  const notes: CellNote[] = [];
  for (const comment of xml.matchAll(/<comment\b([^>]*?)(?:\/>|>([\s\S]*?)<\/comment>)/g)) {
    const place = cellPlace(xmlAttribute(comment[1] ?? "", "ref") ?? "");
    if (place === null) continue;
    notes.push({ ...place, text: runsText(comment[2] ?? "") });
  }
  return notes;
}

/** "AB12" → 0-based row and column; null when it is not a cell address. */
function cellPlace(address: string): { row: number; column: number } | null {
  // Letters then digits, read a character at a time (every cell has an address).
  let column = 0;
  let at = 0;
  for (; at < address.length && at < 4; at++) {
    const code = address.charCodeAt(at) | 0x20;
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  let row = 0;
  const digitsFrom = at;
  for (; at < address.length; at++) {
    const code = address.charCodeAt(at);
    if (code < 48 || code > 57) break;
    row = row * 10 + (code - 48);
  }
  if (at === address.length && digitsFrom > 0 && digitsFrom < 4 && at > digitsFrom) return { row: row - 1, column: column - 1 };
  return cellPlaceOfText(address);
}

function cellPlaceOfText(address: string): { row: number; column: number } | null {
  const match = /^([A-Za-z]{1,3})(\d+)$/.exec(address.trim());
  if (!match) return null;
  return { row: Number(match[2]) - 1, column: columnIndex(match[1] ?? "") };
}

/** What a sheet's cells are read with: the workbook's shared strings and date styles. */
export interface CellContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  /** workbookPr date1904: ExcelJS moves such dates to the 1900 system as it reads them. */
  date1904: boolean;
}

/**
 * One cell as the grid holds it: `hasValue` when ExcelJS would give the cell a value (so a note on it counts),
 * and the value as Range.values gives it, date cells as their 1900-system serial number (DateCells "serial").
 */
export interface ReadCell {
  row: number;
  column: number;
  hasValue: boolean;
  value: CellValue;
}

/**
 * A date-formatted cell as ExcelJS reads it (a Date to the millisecond) and readFile.ts then gives it (the
 * serial number of that moment): the same arithmetic, so the number is the one the old reader gave, bit for bit.
 */
function dateSerial(value: unknown, date1904: boolean): CellValue {
  const ms = Math.round(((value as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return excelSerialOfUtc(new Date(ms)) ?? "";
}

/** ExcelJS decodes a "str" value's entities once more than XML does. */
function decodedAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (entity) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[entity] ?? entity);
}

/** Where the next element named by `open` ("<c", "<row") starts at or after `from`: not <cols>, not <rowBreaks>. */
function nextTag(text: string, open: string, from: number): number {
  let at = text.indexOf(open, from);
  while (at >= 0) {
    const next = text.charCodeAt(at + open.length);
    // A space, tab, line break, "/" or ">" ends the name.
    if (next === 32 || next === 62 || next === 47 || next === 9 || next === 10 || next === 13) return at;
    at = text.indexOf(open, at + open.length);
  }
  return -1;
}
const formulaPattern = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;
const valuePattern = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/;
const inlinePattern = /<is\b[^>]*?(?:\/>|>([\s\S]*?)<\/is>)/;

/** The value of one <c> element (its attributes and body), as readFile.ts's cellValue gives ExcelJS's reading of it. */
function cellOf(attributes: string, body: string, context: CellContext): { hasValue: boolean; value: CellValue } {
  const type = xmlAttribute(attributes, "t");
  const styleId = parseInt(xmlAttribute(attributes, "s") ?? "", 10);
  const isDate = styleId ? context.dateStyles[styleId] === true : false;
  const formula = body.includes("<f") ? formulaPattern.exec(body) : null;
  const raw = body.startsWith("<v>") ? body.slice(3, body.indexOf("</v>")) : body.includes("<v") ? valuePattern.exec(body)?.[1] : undefined;
  const rawValue = raw === undefined || raw === "" ? undefined : xmlText(raw);
  if (formula && ((formula[2] ?? "") !== "" || xmlAttribute(formula[1] ?? "", "t") !== undefined)) {
    if (rawValue === undefined) return { hasValue: true, value: "" };
    let result: unknown;
    if (type === "str") result = decodedAgain(rawValue);
    else if (type === "b") result = parseInt(rawValue, 10) !== 0;
    else if (type === "e") result = { error: rawValue };
    else result = parseFloat(rawValue);
    if (isDate) return { hasValue: true, value: dateSerial(result, context.date1904) };
    return { hasValue: true, value: plain(result) };
  }
  if (type === "inlineStr") {
    const inline = body.includes("<is") ? (inlinePattern.exec(body)?.[1] ?? "") : "";
    if (/<r\b/.test(inline)) return { hasValue: true, value: runsText(inline) };
    const text = textPattern.exec(inline)?.[1];
    return text === undefined || text === "" ? { hasValue: false, value: "" } : { hasValue: true, value: xmlText(text) };
  }
  if (rawValue === undefined) return { hasValue: false, value: "" };
  switch (type) {
    case "s": {
      const text = context.sharedStrings[parseInt(rawValue, 10)];
      // ExcelJS fails to load a cell that points past the shared strings: the file is damaged.
      if (text === undefined) throw new Error(`shared string ${rawValue} is missing`);
      return { hasValue: true, value: text };
    }
    case "str":
      return { hasValue: true, value: decodedAgain(rawValue) };
    case "b":
      return { hasValue: true, value: parseInt(rawValue, 10) !== 0 };
    case "e":
      // Range.values gives an error cell as its text ("#DIV/0!"), as readFile.ts's cellValue does.
      return { hasValue: true, value: rawValue };
    default: {
      const number = parseFloat(rawValue);
      return { hasValue: true, value: isDate ? dateSerial(number, context.date1904) : plain(number) };
    }
  }
}

/** A formula's cached result as a grid value: numbers finite, text and true/false as they are, errors as their text. */
function plain(result: unknown): CellValue {
  if (typeof result === "number") return Number.isFinite(result) ? result : "";
  if (typeof result === "string" || typeof result === "boolean") return result;
  const error = (result as { error?: unknown }).error;
  return typeof error === "string" ? error : "";
}

/**
 * Reads a worksheet part's XML as it arrives (chunks of text), calling `visit` for every cell element in
 * reading order, and gives the sheet's merged areas ("A1:C1") at the end. Only one row's XML is held at a
 * time beyond the chunk being read, however large the sheet.
 */
export async function readSheetCells(
  chunks: AsyncIterable<string>,
  context: CellContext,
  visit: (cell: ReadCell) => void,
): Promise<{ merges: string[] }> {
  let pending = "";
  let lastRow = -1;
  // indexOf rather than regular expressions: a trust's data sheet has millions of cells.
  const rowsIn = (text: string) => {
    let at = 0;
    for (;;) {
      const rowStart = nextTag(text, "<row", at);
      if (rowStart < 0) return;
      const rowTagEnd = text.indexOf(">", rowStart);
      if (rowTagEnd < 0) return;
      const selfClosing = text.charCodeAt(rowTagEnd - 1) === 47;
      const rowNumber = parseInt(xmlAttribute(text.slice(rowStart + 4, selfClosing ? rowTagEnd - 1 : rowTagEnd), "r") ?? "", 10);
      const row = Number.isFinite(rowNumber) ? rowNumber - 1 : lastRow + 1;
      lastRow = row;
      if (selfClosing) {
        at = rowTagEnd + 1;
        continue;
      }
      const rowEnd = text.indexOf("</row>", rowTagEnd);
      const end = rowEnd < 0 ? text.length : rowEnd;
      let lastColumn = -1;
      let cellAt = rowTagEnd + 1;
      for (;;) {
        const cellStart = nextTag(text, "<c", cellAt);
        if (cellStart < 0 || cellStart >= end) break;
        const tagEnd = text.indexOf(">", cellStart);
        const empty = text.charCodeAt(tagEnd - 1) === 47;
        const attributes = text.slice(cellStart + 2, empty ? tagEnd - 1 : tagEnd);
        let body = "";
        if (empty) cellAt = tagEnd + 1;
        else {
          const close = text.indexOf("</c>", tagEnd);
          body = text.slice(tagEnd + 1, close);
          cellAt = close + 4;
        }
        const place = cellPlace(xmlAttribute(attributes, "r") ?? "");
        const column = place ? place.column : lastColumn + 1;
        lastColumn = column;
        const cell = cellOf(attributes, body, context);
        visit({ row: place ? place.row : row, column, hasValue: cell.hasValue, value: cell.value });
      }
      at = end + 6;
    }
  };
  let tail = "";
  for await (const chunk of chunks) {
    pending += chunk;
    const end = pending.lastIndexOf("</row>");
    if (end < 0) continue;
    rowsIn(pending.slice(0, end + 6));
    pending = pending.slice(end + 6);
  }
  rowsIn(pending);
  tail = pending;
  // <mergeCells> follows <sheetData>, so it is in what is left after the last row.
  const merges = [...tail.matchAll(/<mergeCell\b([^>]*?)\/?>/g)].map((merge) => xmlAttribute(merge[1] ?? "", "ref") ?? "").filter((ref) => ref !== "");
  return { merges };
}
