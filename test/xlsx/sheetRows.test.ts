import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellsOfExcelJs, type WrittenValue } from "../../src/xlsx/sheetRows";
import { cellTextXml } from "../../src/xlsx/sharedStrings";
import { StreamedWorkbook } from "../../src/xlsx/writeWorkbook";

type Cell = [column: number, value: WrittenValue | null, style: Partial<ExcelJS.Style>];

const heading: Partial<ExcelJS.Style> = { font: { bold: true }, numFmt: "@" };
const text: Partial<ExcelJS.Style> = { numFmt: "@" };
const plain: Partial<ExcelJS.Style> = {};
const box: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } } };

/** Rows as the writer sets them: shared style objects, gaps, empty styled boxes, a cell set twice, a height. */
const rows: { cells: Cell[]; height?: number }[] = [
  { cells: [[0, "Name", heading], [1, "Year", heading], [4, "Added", heading]], height: 33 },
  { cells: [[0, "Ann & <Bo> \"O'Neil\"", text], [1, 7, plain], [3, null, box], [4, 0.125, plain]] },
  { cells: [] },
  { cells: [], height: 20 },
  { cells: [[2, true, plain], [0, " leading space", text], [5, false, plain], [0, null, box]] },
  { cells: [[1, -0, plain], [0, "Ann & <Bo> \"O'Neil\"", text], [2, 1e21, plain], [3, null, plain]] },
];

/** The sheet's rows, shared strings and styles, written by ExcelJS's own rows or by the fast rows. */
async function written(byExcelJs: boolean): Promise<{ sheetData: string; strings: string; styles: string }> {
  const sink = new PassThrough();
  const stored: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => stored.push(chunk));
  const workbook = new StreamedWorkbook({ stream: sink, useStyles: true, useSharedStrings: true, zip: { store: true } });
  const sheet = workbook.addWorksheet("Pupils");
  sheet.getColumn(1).numFmt = "@";
  const fast = workbook.rowsOf(sheet);
  rows.forEach(({ cells, height }, r) => {
    const target = byExcelJs ? cellsOfExcelJs(sheet, r) : fast;
    for (const [column, value, style] of cells) target.set(column, value, style);
    if (!byExcelJs) return fast.writeRow(r + 1, height);
    const row = sheet.getRow(r + 1);
    if (height) row.height = height;
    // As writeWorkbook's commitRow: a row of styled empty cells is still written.
    if (row.cellCount > 0 && !row.hasValues) Object.defineProperty(row, "hasValues", { value: true });
    row.commit();
  });
  fast.flush();
  sheet.commit();
  await workbook.commit();
  const parts = await workbook.parts.finished();
  const part = (name: string) => {
    const found = parts.find((p) => p.name === name);
    if (!found || !("text" in found)) throw new Error(`no ${name}`);
    return found.text.toString("utf8");
  };
  const zip = await JSZip.loadAsync(Buffer.concat(stored));
  return {
    sheetData: /<sheetData>.*<\/sheetData>/s.exec(part("xl/worksheets/sheet1.xml"))?.[0] ?? "",
    strings: part("xl/sharedStrings.xml"),
    styles: await zip.file("xl/styles.xml")!.async("string"),
  };
}

describe("the fast rows (sheetRows.ts)", () => {
  it("write exactly the XML ExcelJS's own rows write: cells, styles, shared strings, heights, empty rows", async () => {
    const [excel, fast] = [await written(true), await written(false)];
    expect(fast.sheetData).toContain('<row r="1" ht="33" customHeight="1" spans="1:5"');
    expect(fast.sheetData).not.toContain('r="3"');
    expect(fast).toEqual(excel);
  });
});

describe("cellTextXml against ExcelJS's own escaping", () => {
  it("escapes and drops what ExcelJS does, so the shared strings hold what they held", () => {
    // ExcelJS's xmlEncode, which wrote the shared strings before (an internal module, so only in a test).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { xmlEncode } = require("exceljs/lib/utils/utils") as { xmlEncode(text: string): string };
    for (const sample of ["Plain", "A & B", "<b>", `"q" 'a'`, "tab\tline\ncr\r", "bell\u0007esc\u001b", "del\u007f", "Siobhán Ó Núñez", "=HYPERLINK(\"x\")"]) {
      expect(cellTextXml(sample)).toBe(xmlEncode(sample));
    }
  });
});
