import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../core/read/grid";
import type {
  CellStyle,
  ConditionalFormatPlan,
  DataValidationPlan,
  HighlightPlan,
  PlanValue,
  PrintPlan,
  RowHeightPlan,
  SheetPlan,
  SheetRole,
  WorkbookPlan,
} from "../core/report/plan";
import { defaultLegendWidths } from "../core/report/plan";
import { outputRecordProperties, type OutputRecord } from "../core/report/outputRecord";
import { cellHeight } from "../core/report/rowHeights";
import { sideMarginInches } from "../core/report/printFit";
import { checkSheetLimits, checkHighlightLimits, headerFooterParts, limitsMessage, validationListSource } from "../core/report/checkPlanLimits";
import { excelLimits } from "../core/report/excelLimits";
import { isValidSheetName } from "../core/report/sheetNames";
import { cellStyles } from "../core/report/styles";
import { cellAddress, columnLetter, parseRange, type CellRect } from "../core/common/a1";
import type { SheetCharts } from "./charts";
import { argb, conditionalStyle, SharedStyles } from "./excelStyle";
import { finishPackage, type SheetScopedName } from "./finishPackage";
import { highlightArea, highlightRangeComment, highlightRangeName } from "../core/report/highlightPlan";
import { cellsOfExcelJs, SheetRows, type RowCells, type WorkbookTables } from "./sheetRows";
import { SharedStringTable } from "./sharedStrings";
import { StreamedParts, type PartStream } from "./streamedParts";

/**
 * Writes a WorkbookPlan to an .xlsx file with ExcelJS: the pasted data sheet (values untouched, text
 * kept as text), the plan's highlight on it, and every planned sheet. A thin translator: every value,
 * colour and rule comes from the plan (src/core/report), none from here (docs/architecture.md).
 */
export interface WriteWorkbookInput {
  /**
   * The pasted data. `readFromCsv`: the grid is a CSV file's text, so the copy holds what Excel shows on
   * opening that CSV: plain numbers as numbers (csvNumber). Otherwise every value is written as it is.
   */
  source: { sheetName: string; grid: Grid; readFromCsv?: boolean; role?: "data" | "cover" };
  plan: WorkbookPlan;
  shareable: boolean;
  /**
   * Sheets of the earlier file this product wrote and this run does not plan (an earlier term's TSM form, an
   * earlier year's summary), carried over whole as ExcelJS read them: nothing typed into them is lost.
   */
  keptSheets?: KeptSheet[];
}

export interface KeptSheet {
  name: string;
  role: SheetRole;
  /**
   * ExcelJS's worksheet model of the earlier sheet, or a function reading it when the sheet is written, so that
   * only one kept sheet is in memory at a time (a trust's earlier forms hold tens of thousands of rows each).
   */
  model: unknown;
}

/** The parts of ExcelJS's worksheet model (as it reads a sheet) that an earlier sheet is written again from. */
interface KeptModel {
  properties?: Partial<ExcelJS.WorksheetProperties>;
  views?: Partial<ExcelJS.WorksheetView>[];
  pageSetup?: Partial<ExcelJS.PageSetup>;
  headerFooter?: Partial<ExcelJS.HeaderFooter>;
  state?: ExcelJS.WorksheetState;
  cols?: { min: number; max: number; width?: number; style?: Partial<ExcelJS.Style>; hidden?: boolean }[];
  rows?: { number: number; height?: number; hidden?: boolean; cells: { address: string; type: number }[] }[];
  merges?: string[];
  conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[];
  dataValidations?: Record<string, ExcelJS.DataValidation>;
  rowBreaks?: unknown[];
}

/**
 * An earlier sheet written again as it was: values, styles, merges, widths, heights, rules, validations and
 * print settings, each from the model ExcelJS read (the streaming writer takes them one by one, not whole).
 */
function writeKeptSheet(workbook: ExcelJS.Workbook, kept: KeptSheet): void {
  const model = kept.model as KeptModel;
  const sheet = workbook.addWorksheet(kept.name, {
    ...(model.properties ? { properties: model.properties } : {}),
    ...(model.views ? { views: model.views } : {}),
    ...(model.pageSetup ? { pageSetup: model.pageSetup } : {}),
    ...(model.headerFooter ? { headerFooter: model.headerFooter } : {}),
    ...(model.state ? { state: model.state } : {}),
  });
  for (const col of model.cols ?? []) {
    for (let c = col.min; c <= col.max; c++) {
      const column = sheet.getColumn(c);
      if (col.width !== undefined) column.width = col.width;
      if (col.style && Object.keys(col.style).length > 0) column.style = col.style;
      if (col.hidden) column.hidden = true;
    }
  }
  // A merged area's other cells come from the merge itself (mergeCells), as ExcelJS writes them.
  for (const row of model.rows ?? []) {
    const written = sheet.getRow(row.number);
    if (row.height !== undefined) written.height = row.height;
    if (row.hidden) written.hidden = true;
    for (const cell of row.cells) {
      if (cell.type === mergeValueType) continue;
      sheet.getCell(cell.address).model = cell as unknown as ExcelJS.CellModel;
    }
  }
  for (const merge of model.merges ?? []) sheet.mergeCells(merge);
  for (const rule of model.conditionalFormattings ?? []) sheet.addConditionalFormatting(rule);
  for (const [address, validation] of Object.entries(model.dataValidations ?? {})) {
    (sheet as unknown as SheetValidations).dataValidations.add(address, validation);
  }
  if (model.rowBreaks && model.rowBreaks.length > 0) (sheet as unknown as { rowBreaks: unknown[] }).rowBreaks = [...model.rowBreaks];
  for (const row of model.rows ?? []) keepStyledRow(sheet.getRow(row.number));
  // A small sheet: all its rows are written out together.
  sheet.commit();
}

/** ExcelJS's ValueType.Merge (a cell covered by a merge). */
const mergeValueType = 1 as ExcelJS.ValueType.Merge;

// Strings are always written as strings (shared strings), so "=HYPERLINK(…)", "+44…", "-5" and "@x"
// stay text: ExcelJS only writes a formula for a { formula } object, which this file never creates.
function toCellValue<T extends CellValue | PlanValue>(value: T, where: () => string): T | string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  // The plan was checked before writing; this guards the pasted source values, which no plan holds.
  if (typeof value === "string" && value.length > excelLimits.cellText) {
    throw new Error(`${where()} holds ${value.length} characters; Excel allows at most ${excelLimits.cellText} in a cell.`);
  }
  return value;
}

function formulaBody(formula: string): string {
  // The file format stores formulas without the "=" that people type (ExcelJS writes them as given).
  return formula.trim().replace(/^=/, "");
}

const numericText = /^\s*[-+]?(\d[\d,]*(\.\d*)?|\.\d+)\s*%?\s*$/;

/** Excel keeps 15 significant digits: a longer "number" (a long ID) would lose digits, so it stays text. */
const maxSignificantDigits = 15;

const plainDecimal = /^-?(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * The number Excel makes of a CSV value when it opens the file, for a plain decimal only: optional minus,
 * digits without leading zeros ("0" and "0.5" are fine), an optional decimal part, at most 15 significant
 * digits. Anything else stays text, as the MIS wrote it: "007", "1,234", "1e5", "93.2%", " 150", "+5",
 * UPNs, dates, names and formula-looking text. Null when the value is not such a number.
 */
export function csvNumber(text: string): number | null {
  const match = plainDecimal.exec(text);
  if (!match) return null;
  // Text no longer than 15 characters cannot hold more than 15 digits (most values: a copy reads millions).
  if (text.length > maxSignificantDigits) {
    const digits = `${match[1] ?? ""}${(match[2] ?? "").replace(/0+$/, "")}`.replace(/^0+/, "");
    if (digits.length > maxSignificantDigits) return null;
  }
  const value = Number(text);
  // "-0" reads as 0, as in Excel.
  return value === 0 ? 0 : value;
}

/**
 * Pasted columns of text (names, UPNs, codes): every data value a string, mostly not number-like.
 * They get the "@" format, so anything typed there later (a name such as "=HYPERLINK(…)", a phone
 * number "+44 …") also stays text. Number columns keep General, so sums and sorting still work.
 */
export function textColumns(grid: Grid, firstDataRow: number, lastDataRow: number): number[] {
  const width = grid.reduce((max, row) => Math.max(max, row.length), 0);
  const words = new Array<number>(width).fill(0);
  const numeric = new Array<number>(width).fill(0);
  // Row by row (each row is one array), not column by column: a tenth of the time at 100,000 rows.
  for (let row = Math.max(0, firstDataRow); row <= Math.min(lastDataRow, grid.length - 1); row++) {
    const cells = grid[row] ?? [];
    for (let column = 0; column < cells.length; column++) {
      const value = cells[column];
      if (value === undefined || value === "" || numeric[column] === Number.POSITIVE_INFINITY) continue;
      // A real number in the column: it is a number column, leave it General.
      if (typeof value !== "string") numeric[column] = Number.POSITIVE_INFINITY;
      else if (numericText.test(value)) numeric[column]!++;
      else words[column]!++;
    }
  }
  // Mostly words: a name column, even if one odd name looks like a number ("-5").
  return words.flatMap((count, column) => (count > numeric[column]! ? [column] : []));
}

function checkSheetNames(input: WriteWorkbookInput, sheets: readonly SheetPlan[]): void {
  const names = [input.source.sheetName, ...sheets.map((s) => s.name), ...(input.keptSheets ?? []).map((s) => s.name)];
  const seen = new Set<string>();
  for (const name of names) {
    if (!isValidSheetName(name)) {
      throw new Error(
        `"${name}" cannot be a worksheet name: use 1 to 31 characters, none of \\ / ? * [ ] :, not starting or ending with an apostrophe.`,
      );
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`Two sheets would both be called "${name}"; each sheet needs its own name.`);
    seen.add(key);
  }
  if (input.plan.highlight.sheetName !== input.source.sheetName) {
    throw new Error(
      `The highlight plan is for sheet "${input.plan.highlight.sheetName}" but the data is on sheet "${input.source.sheetName}".`,
    );
  }
}

function requireRange(range: string, sheet: string, what: string): void {
  if (!parseRange(range)) throw new Error(`The ${what} on sheet "${sheet}" has a range "${range}" that is not an A1 range.`);
}

function addConditionalFormats(sheet: ExcelJS.Worksheet, rules: readonly ConditionalFormatPlan[]): void {
  // One rule per planned format (one per band): never one format per row (docs/architecture.md).
  rules.forEach((rule, index) => {
    requireRange(rule.range, sheet.name, "colour rule");
    sheet.addConditionalFormatting({
      ref: rule.range,
      rules: [
        {
          type: "expression",
          priority: index + 1,
          formulae: [formulaBody(rule.formula)],
          style: conditionalStyle(rule.fill, rule.fontColor, rule.bold),
        },
      ],
    });
  });
}

/** ExcelJS has sheet-level validations but leaves them out of its typings. */
interface SheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** Any real date, as the Excel adapter's rule (on or after 01/01/1900). */
const earliestDate = new Date(Date.UTC(1900, 0, 1));

function excelValidation(plan: DataValidationPlan): ExcelJS.DataValidation {
  // Lengths, commas and empty lists were checked against excelLimits before anything was written.
  const common = {
    allowBlank: true,
    showInputMessage: plan.prompt.length > 0,
    prompt: plan.prompt,
    showErrorMessage: true,
    errorStyle: "stop",
    error: plan.error,
  };
  switch (plan.kind) {
    case "list":
      return { ...common, type: "list", formulae: [`"${validationListSource(plan.list ?? [])}"`] };
    case "date":
      return { ...common, type: "date", operator: "greaterThanOrEqual", formulae: [earliestDate] };
    case "wholeNumber":
      // Missing bounds default as in the Excel adapter, so both write the same rule.
      return { ...common, type: "whole", operator: "between", formulae: [plan.minimum ?? 0, plan.maximum ?? 1_000_000] };
  }
}

function addDataValidations(sheet: ExcelJS.Worksheet, validations: readonly DataValidationPlan[]): void {
  for (const plan of validations) {
    requireRange(plan.range, sheet.name, "data validation");
    (sheet as unknown as SheetValidations).dataValidations.add(plan.range, excelValidation(plan));
  }
}

/**
 * ExcelJS writes a print area as "$" + each end of the range, so "A1:P9" would become the half-relative
 * "$A1:$P9"; giving it "A$1:P$9" makes Excel's usual absolute "$A$1:$P$9". Several areas are joined by
 * "&&", which ExcelJS writes as one defined name each; finishPackage.ts makes them the one name Excel reads.
 */
export function exceljsPrintArea(areas: readonly CellRect[]): string {
  return areas.map((area) => `${columnLetter(area.firstColumn)}$${area.firstRow + 1}:${columnLetter(area.lastColumn)}$${area.lastRow + 1}`).join("&&");
}

/**
 * A sheet's page setup, given when the sheet is made: the streaming writer writes "fit to page" in the
 * sheet's first bytes. Null when the plan has no print settings.
 */
function pageSetupOf(print: PrintPlan | null | undefined): Partial<ExcelJS.PageSetup> | undefined {
  if (!print) return undefined;
  return {
    orientation: print.orientation,
    paperSize: 9, // A4, the paper schools in England print on.
    // Excel's "Normal" margins (ExcelJS writes these unless told otherwise), or its "Narrow" preset's sides.
    margins: { left: sideMarginInches[print.margins ?? "normal"], right: sideMarginInches[print.margins ?? "normal"], top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    // N pages wide and as many pages tall as it needs, or no fitting at all: printed at 100% scale.
    ...(print.fitToPagesWide > 0 ? { fitToPage: true, fitToWidth: print.fitToPagesWide, fitToHeight: 0 } : { fitToPage: false, scale: 100 }),
    ...(print.repeatRows ? { printTitlesRow: `${print.repeatRows.first + 1}:${print.repeatRows.last + 1}` } : {}),
    ...(print.repeatColumns ? { printTitlesColumn: `${columnLetter(print.repeatColumns.first)}:${columnLetter(print.repeatColumns.last)}` } : {}),
    ...(print.printAreas && print.printAreas.length > 0 ? { printArea: exceljsPrintArea(print.printAreas) } : {}),
  };
}

/** The print settings that are written with the end of the sheet: full-size printing and header and footer. */
function finishPrint(sheet: ExcelJS.Worksheet, print: PrintPlan | null | undefined): void {
  if (!print) return;
  if (print.fitToPagesWide <= 0) {
    // ExcelJS writes fitToWidth/fitToHeight whenever they are set; a sheet printed at full size has neither.
    delete sheet.pageSetup.fitToWidth;
    delete sheet.pageSetup.fitToHeight;
  }
  // Within excelLimits.headerFooter: checked with the rest of the plan before anything was written.
  const { header, footer } = headerFooterParts(print);
  sheet.headerFooter = { ...sheet.headerFooter, oddHeader: header, oddFooter: footer };
}

/**
 * What each row of a sheet gets besides its cells, known before the row is written (a streamed row cannot
 * be changed once committed): its height and whether a page break follows it. 1-based row numbers.
 */
interface RowExtras {
  heights: Map<number, number>;
  breaksAfter: Set<number>;
}

function rowExtras(heights: readonly RowHeightPlan[] | undefined, print: PrintPlan | null | undefined): RowExtras {
  const extras: RowExtras = { heights: new Map(), breaksAfter: new Set() };
  for (const { row, height } of heights ?? []) {
    if (Number.isFinite(height) && height > 0) extras.heights.set(row + 1, height);
  }
  // A break before 0-based row r is stored after the 1-based row r (the last row of the page before).
  for (const row of print?.pageBreaksBefore ?? []) {
    if (row > 0) extras.breaksAfter.add(row);
  }
  return extras;
}

/**
 * The streaming writer leaves out a row none of whose cells holds a value, so a form's empty, bordered and
 * filled boxes (where notes are typed) would lose their look: a row with any cell is written.
 */
function keepStyledRow(row: ExcelJS.Row): void {
  if (row.cellCount > 0 && !row.hasValues) Object.defineProperty(row, "hasValues", { value: true });
}

/** The last 0-based row that has a height or a page break, or -1 (a loop: there may be a row for every pupil). */
function lastExtraRow(extras: RowExtras): number {
  let last = -1;
  for (const number of extras.heights.keys()) last = Math.max(last, number - 1);
  for (const number of extras.breaksAfter) last = Math.max(last, number - 1);
  return last;
}

/**
 * Gives row `number` its height and page break, then has ExcelJS write it out: it can no longer change.
 * What the fast rows gathered goes first, so the rows stay in order.
 */
function commitRow(sheet: ExcelJS.Worksheet, number: number, extras: RowExtras, rows: SheetRows): void {
  rows.flush();
  const row = sheet.getRow(number);
  const height = extras.heights.get(number);
  if (height !== undefined) row.height = height;
  if (extras.breaksAfter.has(number)) row.addPageBreak();
  keepStyledRow(row);
  row.commit();
}

function setColumnWidths(sheet: ExcelJS.Worksheet, widths: readonly number[], firstColumn = 0): void {
  widths.forEach((width, index) => {
    if (Number.isFinite(width) && width > 0) sheet.getColumn(firstColumn + index + 1).width = width;
  });
}

/** Widest source column the command line's copy gets, in characters: longer text wraps. */
const maxSourceWidth = 40;
const minSourceWidth = 6;

/**
 * Widths for the pasted columns of the command line's own copy of the data (in Excel the user's widths
 * are theirs and never changed): wide enough for the longest value from the header row down, and for the
 * longest word of the heading, which wraps. Titles above the header row run over as they would in Excel.
 */
export function sourceColumnWidths(grid: Grid, headerRow: number, lastDataRow: number): number[] {
  const width = grid.reduce((max, row) => Math.max(max, row.length), 0);
  const longest = Array.from({ length: width }, (_, column) =>
    Math.max(0, ...String(grid[headerRow]?.[column] ?? "").split(/\s+/).map((word) => word.length)),
  );
  // Row by row (each row is one array), not column by column: a tenth of the time at 100,000 rows.
  for (let row = headerRow + 1; row <= Math.min(lastDataRow, grid.length - 1); row++) {
    const cells = grid[row] ?? [];
    for (let column = 0; column < cells.length; column++) {
      const value = cells[column];
      if (value === undefined || value === "") continue;
      const length = typeof value === "string" ? value.length : String(value).length;
      if (length > longest[column]!) longest[column] = length;
    }
  }
  return longest.map((length) => Math.min(maxSourceWidth, Math.max(minSourceWidth, length + 2)));
}

/**
 * The pasted sheet: values exactly as read (a CSV's plain numbers as the numbers Excel makes of them),
 * then the plan's added columns, rules and legend.
 */
async function writeSourceSheet(
  workbook: StreamedWorkbook,
  source: WriteWorkbookInput["source"],
  highlight: HighlightPlan,
): Promise<void> {
  const sheet = workbook.addWorksheet(source.sheetName, {
    ...(highlight.print ? { pageSetup: pageSetupOf(highlight.print) } : {}),
  });
  const styles = new SharedStyles();
  const wordColumns = new Set(textColumns(source.grid, highlight.firstDataRow, highlight.lastDataRow));
  // Columns first: the streaming writer writes them before the first row.
  for (const column of wordColumns) {
    sheet.getColumn(column + 1).numFmt = "@";
  }
  // Only this copy's widths: the pasted columns are sized to their content, their headings wrap.
  const widths = sourceColumnWidths(source.grid, highlight.headerRow, highlight.lastDataRow);
  setColumnWidths(sheet, widths);
  setColumnWidths(sheet, highlight.columnWidths, highlight.firstColumn);
  // The row check (docs/rules.md §15) is hidden, as the add-in hides it.
  for (const j of highlight.hiddenColumns ?? []) sheet.getColumn(highlight.firstColumn + j + 1).hidden = true;
  const { legend } = highlight;
  if (legend.entries.length > 0) setColumnWidths(sheet, legend.columnWidths ?? defaultLegendWidths, legend.column);

  const extras = rowExtras(highlight.rowHeights, highlight.print);
  // The copy's wrapped source headings may need more room than the plan's heading row.
  let sourceHeadingHeight = 0;
  source.grid[highlight.headerRow]?.forEach((value, c) => {
    if (value === "") return;
    sourceHeadingHeight = Math.max(sourceHeadingHeight, cellHeight(String(value), widths[c] ?? minSourceWidth, { wrap: true }) ?? 0);
  });
  const headingNumber = highlight.headerRow + 1;
  if (sourceHeadingHeight > (extras.heights.get(headingNumber) ?? 0)) extras.heights.set(headingNumber, sourceHeadingHeight);

  // Added cells go only where the pasted data has nothing: a source value is never overwritten.
  const put = (cells: RowCells, row: number, column: number, value: PlanValue, numFmt: string | null | undefined, style: CellStyle | undefined) => {
    const existing = source.grid[row]?.[column];
    if (existing !== undefined && existing !== "") {
      throw new Error(
        `The added columns would overwrite ${cellAddress(row, column)} on sheet "${source.sheetName}", which holds pasted data.`,
      );
    }
    cells.set(column, value === null ? null : toCellValue(value, () => `Cell ${cellAddress(row, column)} on sheet "${source.sheetName}"`), styles.of(numFmt, style));
  };
  const columnStyles = highlight.headings.map((_heading, j) => {
    const style = highlight.columnStyles?.[j];
    return style ? cellStyles[style] : undefined;
  });

  // Row by row, each written out when done, so memory holds one row, not the sheet.
  const lastRow = Math.max(
    source.grid.length - 1,
    highlight.headings.length > 0 ? highlight.lastDataRow : -1,
    legend.row + legend.entries.length - 1,
    lastExtraRow(extras),
  );
  const rows = workbook.rowsOf(sheet);
  // Each pasted column's style, looked up once, not once per cell.
  const pastedStyles: Partial<ExcelJS.Style>[] = [];
  const markerRow = highlight.marker && highlight.headings.length > 0 ? highlight.headerRow : -1;
  for (let r = 0; r <= lastRow; r++) {
    const headings = r === highlight.headerRow;
    // ExcelJS writes the few rows a note or a page break goes with; the fast rows the rest.
    const byExcelJs = r === markerRow || extras.breaksAfter.has(r + 1);
    const cells = byExcelJs ? cellsOfExcelJs(sheet, r) : rows;
    const line = source.grid[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const value = line[c];
      if (value === "" || value === undefined) continue;
      // A text ("@") column keeps its number-like values as text too: a pupil named "-5" stays "-5".
      const word = wordColumns.has(c);
      const number = source.readFromCsv && typeof value === "string" && !word ? csvNumber(value) : null;
      cells.set(
        c,
        number ?? toCellValue(value, () => `Cell ${cellAddress(r, c)} on sheet "${source.sheetName}"`),
        headings ? styles.of(word ? "@" : null, sourceHeadingStyle) : (pastedStyles[c] ??= styles.of(word ? "@" : null)),
      );
    }
    if (headings) {
      highlight.headings.forEach((heading, j) => {
        put(cells, r, highlight.firstColumn + j, heading, "@", cellStyles[highlight.headingStyles?.[j] ?? highlight.headingStyle ?? "tableHeader"]);
      });
      if (r === markerRow) sheet.getCell(r + 1, highlight.firstColumn + 1).note = highlight.marker;
    }
    if (r >= highlight.firstDataRow && r <= highlight.lastDataRow) {
      const values = highlight.values[r - highlight.firstDataRow] ?? [];
      for (let j = 0; j < highlight.headings.length; j++) {
        put(cells, r, highlight.firstColumn + j, values[j] ?? null, highlight.numberFormats[j], columnStyles[j]);
      }
    }
    // The legend: each band's label in its colour, its meaning in words beside it (widths as the Excel adapter).
    const entry = legend.entries[r - legend.row];
    if (entry) {
      put(cells, r, legend.column, entry.label, "@", cellStyles[entry.style]);
      put(cells, r, legend.column + 1, entry.meaning, "@", legend.meaningStyle ? cellStyles[legend.meaningStyle] : undefined);
    }
    if (byExcelJs) commitRow(sheet, r + 1, extras, rows);
    else rows.writeRow(r + 1, extras.heights.get(r + 1));
    if (r % drainEvery === 0) await rows.drained();
  }
  rows.flush();
  addConditionalFormats(sheet, highlight.conditionalFormats);
  finishPrint(sheet, highlight.print);
  sheet.commit();
}

/** Rows written between waits for zlib: enough to keep it busy, little enough to keep memory flat. */
const drainEvery = 512;

/** The pasted headings of the command line's copy wrap, top-aligned, in their sized columns. */
const sourceHeadingStyle: CellStyle = { wrap: true, vertical: "top" };

/** One planned sheet (TSM form, governors' summary, pupil key). Returns its charts for the zip pass. */
async function writePlannedSheet(workbook: StreamedWorkbook, plan: SheetPlan): Promise<SheetCharts> {
  const pageSetup = pageSetupOf(plan.print);
  const sheet = workbook.addWorksheet(plan.name, {
    // The analysis history is hidden: no tab to stumble on, and not printed with the workbook.
    ...(plan.hidden ? { state: "hidden" as const } : {}),
    properties: plan.tabColour ? { tabColor: { argb: argb(plan.tabColour) } } : {},
    views:
      plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)
        ? [
            {
              state: "frozen",
              xSplit: plan.freeze.columns,
              ySplit: plan.freeze.rows,
              topLeftCell: cellAddress(plan.freeze.rows, plan.freeze.columns),
            },
          ]
        : [],
    ...(pageSetup ? { pageSetup } : {}),
  });
  setColumnWidths(sheet, plan.columnWidths);
  const extras = rowExtras(plan.rowHeights, plan.print);

  const styles = new SharedStyles();
  // What each cell holds, for the charts' cached copies: kept only on a sheet with charts (not the pupil key).
  const forCharts = plan.charts.length > 0;
  const values = new Map<string, PlanValue>();
  const formats = new Map<string, string>();
  // Each block's style per column, looked up once, not once per cell.
  const blockStyles = new Map<SheetPlan["blocks"][number], Partial<ExcelJS.Style>[]>();
  const styleOf = (block: SheetPlan["blocks"][number], c: number): Partial<ExcelJS.Style> => {
    let byColumn = blockStyles.get(block);
    if (!byColumn) blockStyles.set(block, (byColumn = []));
    return (byColumn[c] ??= styles.of(block.numberFormats?.[c], block.style ? cellStyles[block.style] : undefined));
  };
  /** Row `r` of a block, cell by cell. */
  const writeBlockRow = (cells: RowCells, block: SheetPlan["blocks"][number], r: number): void => {
    const line = block.values[r] ?? [];
    const row = block.row + r;
    for (let c = 0; c < line.length; c++) {
      const value = line[c] ?? null;
      const column = block.column + c;
      if (forCharts) {
        if (value !== null) values.set(`${row},${column}`, value);
        const numFmt = block.numberFormats?.[c];
        if (numFmt) formats.set(`${row},${column}`, numFmt);
      }
      cells.set(
        column,
        value === null ? null : toCellValue(value, () => `Cell ${cellAddress(row, column)} on sheet "${plan.name}"`),
        styleOf(block, c),
      );
    }
  };

  const merges = plan.merges.map((merge) => {
    requireRange(merge, plan.name, "merged area");
    const range = parseRange(merge)!;
    return { merge, top: range.firstRow, bottom: range.lastRow };
  });
  // Rows in order (a streamed row is written out for good), the blocks' cells in the order the plan gives
  // them, so a cell two blocks share ends as the later block has it.
  // A loop, not Math.max(...list): a list of 300,000 would overflow the call stack.
  let lastRow = lastExtraRow(extras);
  for (const block of plan.blocks) lastRow = Math.max(lastRow, block.row + block.values.length - 1);
  for (const m of merges) lastRow = Math.max(lastRow, m.bottom);
  const blocksByRow = new Map<number, SheetPlan["blocks"][number][]>();
  for (const block of plan.blocks) {
    for (let r = 0; r < block.values.length; r++) {
      const list = blocksByRow.get(block.row + r) ?? [];
      list.push(block);
      blocksByRow.set(block.row + r, list);
    }
  }
  // ExcelJS writes the rows of merged areas and those a page break follows; the fast rows the rest.
  const byExcelJs = new Set<number>();
  for (const { top, bottom } of merges) for (let row = top; row <= bottom; row++) byExcelJs.add(row);
  for (const number of extras.breaksAfter) byExcelJs.add(number - 1);
  const rows = workbook.rowsOf(sheet);
  let committed = -1;
  for (let row = 0; row <= lastRow; row++) {
    if (!byExcelJs.has(row)) {
      // Every merge above is complete, so every row before this one can be written out first.
      for (; committed < row - 1; committed++) commitRow(sheet, committed + 2, extras, rows);
      for (const block of blocksByRow.get(row) ?? []) writeBlockRow(rows, block, row - block.row);
      rows.writeRow(row + 1, extras.heights.get(row + 1));
      committed = row;
      if (row % drainEvery === 0) await rows.drained();
      continue;
    }
    const cells = cellsOfExcelJs(sheet, row);
    for (const block of blocksByRow.get(row) ?? []) writeBlockRow(cells, block, row - block.row);
    // A merge is made once all its rows are written; rows are written out once no merge still needs them.
    for (const { merge, bottom } of merges) {
      if (bottom !== row) continue;
      try {
        sheet.mergeCells(merge);
      } catch (error) {
        throw new Error(`Cannot merge ${merge} on sheet "${plan.name}": ${(error as Error).message}`);
      }
    }
    const open = merges.filter((m) => m.bottom > row).map((m) => m.top);
    const safe = Math.min(row, ...open.map((top) => top - 1));
    for (; committed < safe; committed++) commitRow(sheet, committed + 2, extras, rows);
  }
  addConditionalFormats(sheet, plan.conditionalFormats);
  addDataValidations(sheet, plan.dataValidations);
  finishPrint(sheet, plan.print);
  for (const chart of plan.charts) requireRange(chart.dataRange, plan.name, `chart "${chart.title}"`);
  for (; committed < lastRow; committed++) commitRow(sheet, committed + 2, extras, rows);
  rows.flush();
  sheet.commit();

  return {
    sheetName: plan.name,
    charts: plan.charts,
    valueAt: (row, column) => values.get(`${row},${column}`),
    formatAt: (row, column) => formats.get(`${row},${column}`),
  };
}

/**
 * ExcelJS's streaming writer, with the parts it streams (sheets, their notes and relationships) taken by
 * StreamedParts instead of its own zip, which held them whole until the end (gigabytes at 300,000 pupils):
 * they are deflated as they are written, and so are the shared strings (its own table held them in an object
 * and wrote them as one string). Its small parts (styles, workbook) still go through its zip, uncompressed,
 * for the last pass (finishPackage).
 */
export class StreamedWorkbook extends ExcelJS.stream.xlsx.WorkbookWriter {
  readonly parts = new StreamedParts();
  readonly sharedStrings = new SharedStringTable();

  /** The shared strings go out in pieces (sharedStrings.ts), not as one string through ExcelJS's zip. */
  override async addSharedStrings(): Promise<void> {
    if (this.sharedStrings.count > 0) await this.sharedStrings.writeTo(this.parts.open("xl/sharedStrings.xml"));
  }

  /** ExcelJS's own hook (WorkbookWriter._openStream, exceljs 4.4) for every part it streams. */
  _openStream(path: string): PartStream {
    return this.parts.open(path);
  }

  /** The fast rows of `sheet` (sheetRows.ts), sharing this workbook's style table and shared strings. */
  rowsOf(sheet: ExcelJS.Worksheet): SheetRows {
    const part = this.parts.get(`xl/worksheets/sheet${sheet.id}.xml`);
    if (!part) throw new Error(`ExcelJS did not open the part of sheet "${sheet.name}" through _openStream (has ExcelJS changed?)`);
    return new SheetRows(sheet, this as unknown as WorkbookTables, part);
  }
}

/**
 * The name the add-in puts over its added columns (highlightPlan.highlightRangeName), on the data sheet (the
 * first), so a school that opens this file in Excel and presses Analyse gets the columns replaced, not read
 * as pasted data (sourceGeometry.locatePrevious). None on a shareable copy's cover.
 */
function highlightNames(input: WriteWorkbookInput): SheetScopedName[] {
  const highlight = input.plan.highlight;
  if ((input.source.role ?? "data") !== "data" || highlight.headings.length === 0) return [];
  return [{ name: highlightRangeName, comment: highlightRangeComment, sheetIndex: 0, sheetName: input.source.sheetName, area: highlightArea(highlight) }];
}

/** The planned sheets that go into this file: the school-only pupil key never goes into a shareable one. */
export function sheetsToWrite(plan: WorkbookPlan, shareable: boolean): SheetPlan[] {
  return plan.sheets.filter((sheet) => !(shareable && sheet.schoolOnly));
}

export async function writeWorkbookXlsx(input: WriteWorkbookInput): Promise<Buffer> {
  const sheets = sheetsToWrite(input.plan, input.shareable);
  checkSheetNames(input, sheets);
  // Every limit of Excel's (excelLimits.ts) checked before the first cell is written.
  const problems = [...checkHighlightLimits(input.plan.highlight), ...sheets.flatMap(checkSheetLimits)];
  if (problems.length > 0) throw new Error(limitsMessage(problems));

  // ExcelJS's streaming writer: each row is written out as it is done, so memory grows with one row, not
  // with the sheet (the whole-workbook writer held every cell and its XML at once: gigabytes at 100,000 pupils).
  // It stores the parts uncompressed; the last pass (charts, name fixes) compresses them once.
  const parts: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => parts.push(chunk));
  const workbook = new StreamedWorkbook({ stream: sink, useStyles: true, useSharedStrings: true, zip: { store: true } });
  workbook.creator = "Attendance Insight";
  await writeSourceSheet(workbook, input.source, input.plan.highlight);
  const charts: SheetCharts[] = [];
  for (const sheet of sheets) charts.push(await writePlannedSheet(workbook, sheet));
  // The caller keeps only forms and summaries, each from the file it is writing again (a shareable copy's from the copy).
  const kept = input.keptSheets ?? [];
  for (const sheet of kept) {
    const model: unknown = typeof sheet.model === "function" ? await (sheet.model as () => Promise<unknown>)() : sheet.model;
    writeKeptSheet(workbook, { ...sheet, model });
  }
  await workbook.commit();
  const streamed = await workbook.parts.finished();
  const written = Buffer.concat(parts);
  // The marker that lets a later run recognise this file as its own earlier output (outputRecord.ts).
  const record: OutputRecord = {
    sheets: [
      { name: input.source.sheetName, role: input.source.role ?? "data" },
      ...sheets.map((sheet) => ({ name: sheet.name, role: sheet.role })),
      ...kept.map((sheet) => ({ name: sheet.name, role: sheet.role })),
    ],
  };
  return finishPackage(
    written,
    streamed,
    charts,
    [input.source.sheetName, ...sheets.map((sheet) => sheet.name)],
    outputRecordProperties(record),
    highlightNames(input),
  );
}
