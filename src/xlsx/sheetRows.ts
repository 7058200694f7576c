import ExcelJS from "exceljs";
import { columnLetter } from "../core/common/a1";
import type { PartStream } from "./streamedParts";

/** The values this product writes into a cell (no dates, formulas or rich text: see toCellValue). */
export type WrittenValue = string | number | boolean;

/** Where a row's cells go: ExcelJS's own cells (CellsOfExcelJs) or the fast rows below (SheetRows). */
export interface RowCells {
  /** As `cell.value = value` (only when value is not null) and `cell.style = style`. */
  set(column: number, value: WrittenValue | null, style: Partial<ExcelJS.Style>): void;
}

/** Row `row` (0-based) of an ExcelJS streamed sheet, cell by cell: for the few rows with notes, merges or breaks. */
export function cellsOfExcelJs(sheet: ExcelJS.Worksheet, row: number): RowCells {
  return {
    set(column, value, style) {
      const cell = sheet.getCell(row + 1, column + 1);
      if (value !== null) cell.value = value;
      cell.style = style;
    },
  };
}

/** The parts of ExcelJS's streaming WorkbookWriter that a row's XML needs: its style table and shared strings. */
export interface WorkbookTables {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
  sharedStrings: { add(text: string): number };
}

/** Text gathered before it is handed to the part (and so to zlib) in one piece. */
const flushChars = 1 << 16;

/**
 * A streamed sheet's plain rows written as XML directly, as ExcelJS's own row writer would write them (same
 * attributes, same style ids from its style table, same shared-string indexes, same order), without making a
 * Row and a Cell object for every cell: at 100,000 pupils that was about half of --out's time.
 * ExcelJS still writes the sheet's start and end (columns, merges, rules, validations, print settings), and any
 * row with a note, a merge or a page break. For each row written here an empty ExcelJS row is committed
 * first, so ExcelJS's own count of rows stays right and it can never write a row twice or out of order.
 */
export class SheetRows implements RowCells {
  private values: (WrittenValue | null)[] = [];
  private styles: (Partial<ExcelJS.Style> | undefined)[] = [];
  private first = -1;
  private last = -1;
  private text = "";
  private readonly letters: string[] = [];
  /** Each column's last text and its shared-string index: half of all text cells repeat the one above. */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastIndex: number[] = [];

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    private readonly tables: WorkbookTables,
    private readonly part: PartStream,
  ) {}

  set(column: number, value: WrittenValue | null, style: Partial<ExcelJS.Style>): void {
    if (this.styles[column] === undefined) {
      this.values[column] = value;
      if (this.first < 0 || column < this.first) this.first = column;
      if (column > this.last) this.last = column;
    } else if (value !== null) {
      this.values[column] = value;
    }
    this.styles[column] = style;
  }

  /** Writes row `number` (1-based) with the cells set since the last row; as ExcelJS, only if it has a cell or a height. */
  writeRow(number: number, height: number | undefined): void {
    // ExcelJS writes the columns and opens the sheet's data with the first row it commits.
    this.sheet.getRow(number).commit();
    if (this.first < 0 && !height) return;
    let xml = `<row r="${number}"`;
    if (height) xml += ` ht="${height}" customHeight="1"`;
    if (this.first >= 0) xml += ` spans="${this.first + 1}:${this.last + 1}"`;
    xml += ' x14ac:dyDescent="0.25"';
    let cells = "";
    for (let column = this.first; column >= 0 && column <= this.last; column++) {
      const style = this.styles[column];
      if (style === undefined) continue;
      cells += this.cellXml(column, number, this.values[column] ?? null, style);
    }
    this.text += cells === "" ? `${xml}/>` : `${xml}>${cells}</row>`;
    this.values = [];
    this.styles = [];
    this.first = -1;
    this.last = -1;
    if (this.text.length >= flushChars) this.flush();
  }

  private cellXml(column: number, number: number, value: WrittenValue | null, style: Partial<ExcelJS.Style>): string {
    const type =
      value === null
        ? ExcelJS.ValueType.Null
        : typeof value === "string"
          ? ExcelJS.ValueType.String
          : typeof value === "number"
            ? ExcelJS.ValueType.Number
            : ExcelJS.ValueType.Boolean;
    // The same call ExcelJS makes per cell: one id per shared style object, the first cell's type deciding it.
    const styleId = this.tables.styles.addStyleModel(style, type);
    if (value === null && !styleId) return "";
    const letter = (this.letters[column] ??= columnLetter(column));
    const open = styleId ? `<c r="${letter}${number}" s="${styleId}"` : `<c r="${letter}${number}"`;
    if (value === null) return `${open}/>`;
    // Strings go into the shared strings, which ExcelJS writes (and escapes) as before: nothing here is text.
    if (typeof value === "string") return `${open} t="s"><v>${this.sharedString(column, value)}</v></c>`;
    if (typeof value === "number") return `${open}><v>${String(value)}</v></c>`;
    return `${open} t="b"><v>${value ? "1" : "0"}</v></c>`;
  }

  /** The shared-string index of a text, without the table's lookup when it is the column's last text again. */
  private sharedString(column: number, text: string): number {
    if (this.lastText[column] === text) return this.lastIndex[column]!;
    const index = this.tables.sharedStrings.add(text);
    this.lastText[column] = text;
    this.lastIndex[column] = index;
    return index;
  }

  /** Hands what is gathered to the part; before ExcelJS writes anything itself into the sheet. */
  flush(): void {
    if (this.text === "") return;
    this.part.write(this.text);
    this.text = "";
  }

  /** Waits while zlib catches up, so memory holds a little of the sheet, never all of it. */
  async drained(): Promise<void> {
    this.flush();
    await this.part.drained();
  }
}
