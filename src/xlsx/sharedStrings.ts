import type { PartStream } from "./streamedParts";

/**
 * Characters a cell's text cannot carry into XML, dropped as ExcelJS drops them (its xmlEncode): the control
 * characters but tab, line feed and carriage return, and DEL; also U+FFFE and U+FFFF, which XML forbids and
 * ExcelJS wrote as they were, so one such character made the whole file unreadable (charts.ts drops them too).
 */
// eslint-disable-next-line no-control-regex
const notInCellText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex
const needsEncoding = /[<>&'"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;
const entities: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" };

/** A cell's text as XML character data, escaped as ExcelJS escapes it, so the file holds what it held before. */
export function cellTextXml(text: string): string {
  if (!needsEncoding.test(text)) return text;
  return text.replace(notInCellText, "").replace(/[<>&'"]/g, (character) => entities[character] ?? "");
}

/** One shared string as ExcelJS writes it: leading or trailing space, or a line break, is kept with xml:space. */
function sharedStringXml(text: string): string {
  const preserve = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<si><t${preserve}>${cellTextXml(text)}</t></si>`;
}

/** Text gathered before it goes to the part in one piece. */
const flushChars = 1 << 16;

/**
 * The workbook's shared strings (xl/sharedStrings.xml): each distinct text once, numbered in the order first
 * met, as ExcelJS's own table numbers them. Kept in a Map (ExcelJS's object lookup was a tenth of --out's time
 * at 100,000 pupils) and written to its part in pieces, never as one string.
 */
export class SharedStringTable {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];

  /** ExcelJS reads this (WorkbookWriter: whether the workbook has shared strings at all). */
  get count(): number {
    return this.texts.length;
  }

  add(text: string): number {
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.texts.length;
      this.index.set(text, at);
      this.texts.push(text);
    }
    return at;
  }

  async writeTo(part: PartStream): Promise<void> {
    // ExcelJS writes the count of distinct strings as both counts; Excel reads either.
    let xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.count}">`;
    for (const text of this.texts) {
      xml += sharedStringXml(text);
      if (xml.length >= flushChars) {
        part.write(xml);
        xml = "";
        await part.drained();
      }
    }
    part.write(`${xml}</sst>`);
    part.end();
    await part.done;
  }
}
