import type { SheetNotes } from "./sheetNotes";
import type { ProgressRecord } from "./progressRecord";
import type { Band } from "../rules/pupilAnalysis";
import type { CellRect } from "../common/a1";
import type { PrintMargins } from "./printFit";

/**
 * A plan is data: what a sheet the add-in writes contains. `src/excel` and `src/xlsx` are thin
 * translators of the same plan, so what the command line writes is what the add-in writes (docs/architecture.md).
 * All rows and columns here are 0-based sheet positions; ranges are A1 strings on the plan's own sheet.
 */

/** null leaves the cell empty. Strings are always written as text, never as formulas. */
export type PlanValue = string | number | boolean | null;

/** Named styles; each adapter maps them through `cellStyles` (report/styles.ts) so both look alike. */
export type StyleName =
  | "title"
  | "subtitle"
  | "heading"
  | "tableHeader"
  | "label"
  | "value"
  | "input"
  | "note"
  | "warning"
  | "legendSevere"
  | "legendPersistent"
  | "legendAtRisk"
  | "legendExpected"
  | "legendNoData"
  /** A bordered value whose text wraps within its column (long suggestions, descriptions). */
  | "valueWrap"
  /** A note that wraps within its (merged) cell instead of running off the printed page. */
  | "noteWrap"
  /** Added cells on the user's sheet whose text wraps (suggested next step, why). */
  | "textWrap"
  /** A short figure centred in a column as wide as its heading, clear of the text beside it. */
  | "figureCentred"
  /** A table heading that stays on one line (the added headings on the user's sheet, whose row height is theirs). */
  | "tableHeaderSingleLine";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** "#RRGGBB" */
  fontColor?: string;
  /** "#RRGGBB" */
  fill?: string;
  wrap?: boolean;
  border?: boolean;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "center" | "bottom";
}

/** A rectangle of values written in one go. */
export interface CellBlock {
  row: number;
  column: number;
  values: PlanValue[][];
  /** Number format per column of the block ("@" text, "0.0%", "dd/mm/yyyy", "0"); null = General. */
  numberFormats?: (string | null)[];
  style?: StyleName;
}

export interface ConditionalFormatPlan {
  /** A1 range the rule covers, e.g. "A2:U201". */
  range: string;
  /** Custom formula relative to the range's top-left cell, e.g. '=$T2="Severe absence (SA)"'. */
  formula: string;
  fill: string;
  fontColor: string;
  bold: boolean;
  band: Band;
}

export interface DataValidationPlan {
  range: string;
  kind: "list" | "date" | "wholeNumber";
  /** For "list". */
  list?: string[];
  /** For "wholeNumber": inclusive bounds. */
  minimum?: number;
  maximum?: number;
  prompt: string;
  error: string;
}

export interface PrintPlan {
  orientation: "landscape" | "portrait";
  /** Pages wide (1 = one page wide, any number tall); 0 = no fitting, printed at 100% scale. */
  fitToPagesWide: number;
  /** Left and right margins: Excel's "Normal" (0.7 inch, when absent) or "Narrow" (0.25 inch) preset (printFit.ts). */
  margins?: PrintMargins;
  /** Rows repeated at the top of every printed page, 0-based inclusive. */
  repeatRows: { first: number; last: number } | null;
  /** Columns repeated at the left of every printed page (the pupil's identity), 0-based inclusive. */
  repeatColumns?: { first: number; last: number } | null;
  /**
   * Rectangles printed, in order; each starts a new page (absent = Excel's default, the used range). More
   * than one when columns in the middle are left off (a register grid's session marks).
   */
  printAreas?: readonly CellRect[];
  /** Plain text; adapters add their own header/footer codes ("{page}" and "{pages}" stand for the page number and count). */
  headerCentre: string;
  footerCentre: string;
  footerRight: string;
  /** 0-based rows that start a new printed page (so a chart is not split across two pages). */
  pageBreaksBefore?: number[];
}

/** An explicit row height in points (Excel's default row is 15 pt), so wrapped text is fully shown. */
export interface RowHeightPlan {
  /** 0-based sheet row. */
  row: number;
  height: number;
}

export interface ChartPlan {
  kind: "barClustered" | "columnClustered";
  title: string;
  /** Categories in the first column, one series per further column, headings in the first row. */
  dataRange: string;
  /** Series fill colours in order ("#RRGGBB"). */
  seriesColours: string[];
  /** Per-category colours for a single-series chart (one per data row), or null. */
  pointColours: string[] | null;
  /** Where the chart sits: top-left cell and size in cells. */
  anchor: { row: number; column: number; rows: number; columns: number };
  xAxisTitle: string | null;
  yAxisTitle: string | null;
  /** Number format of the value axis' labels ("0%" when the figures are fractions shown as percentages). */
  valueAxisNumberFormat?: string;
  /** Label every category, never every other one (Excel skips labels when it thinks they crowd). */
  everyCategoryLabel?: boolean;
  /** Indices of the series whose bars show their figure; every series when absent, none when empty. */
  labelledSeries?: number[];
}

/** "history": the school-only analysis history (docs/rules.md §11), hidden and never shared. */
export type SheetRole = "tsm" | "summary" | "key" | "history";

export interface SheetPlan {
  role: SheetRole;
  /** Within Excel's rules: ≤ 31 characters, none of \ / ? * [ ] :, not blank, not starting or ending with '. */
  name: string;
  tabColour: string | null;
  blocks: CellBlock[];
  /** Width per column in characters, index = column. */
  columnWidths: number[];
  merges: string[];
  freeze: { rows: number; columns: number } | null;
  conditionalFormats: ConditionalFormatPlan[];
  dataValidations: DataValidationPlan[];
  print: PrintPlan | null;
  charts: ChartPlan[];
  /** Cells people type into (kept on regeneration), A1 ranges. */
  inputRanges: string[];
  /** "School only" sheets (the pupil key) are never written to a shareable file. */
  schoolOnly: boolean;
  /** Rows given an explicit height (wrapped headings, long suggestions); other rows keep Excel's default. */
  rowHeights?: RowHeightPlan[];
  /** A hidden sheet (the analysis history): not shown as a tab and not printed with the workbook. */
  hidden?: boolean;
}

/** Widths in characters of the legend's label and meaning columns, where a plan gives none. */
export const defaultLegendWidths: [number, number] = [30, 50];

/** What Analyse adds to the user's own sheet: columns to the right of the data, rules and a legend. */
export interface HighlightPlan {
  sheetName: string;
  /** 0-based sheet row of the header row. */
  headerRow: number;
  /** 0-based sheet rows of the first and last data rows (inclusive); non-pupil rows between get blanks. */
  firstDataRow: number;
  lastDataRow: number;
  /** 0-based sheet column of the first added column (one empty column after the pasted data). */
  firstColumn: number;
  /** The added columns' headings (Attendance band, Stage, PIAS level, Sessions to leave PA, Suggested next step, Why). */
  headings: string[];
  /**
   * One row per sheet row firstDataRow..lastDataRow, one value per heading: the pasted rows, then (where
   * there are any) an empty row and the notes kept aside (docs/rules.md §15).
   */
  values: PlanValue[][];
  numberFormats: (string | null)[];
  columnWidths: number[];
  /** Style of each added column's data cells, or null for none. */
  columnStyles?: (StyleName | null)[];
  /** Added columns (indices into headings) hidden on the sheet: the row check (docs/rules.md §15). */
  hiddenColumns?: number[];
  /** Style of the added headings ("tableHeader" when absent). */
  headingStyle?: StyleName;
  /** Per added column, a heading style instead of `headingStyle` (a heading that wraps over a narrow figure), or null. */
  headingStyles?: (StyleName | null)[];
  /**
   * Heights for data rows whose wrapped suggested next step needs more than one line, for a copy of the
   * sheet an adapter writes from scratch (the command line's .xlsx, where nothing sizes rows). The Excel
   * adapter never applies them to the user's sheet: Excel fits rows with no height of their own to wrapped
   * text itself, and heights the user set stay theirs.
   */
  rowHeights?: RowHeightPlan[];
  /** How the user's sheet prints (governors print it, sometimes in grey). */
  print?: PrintPlan;
  /** One rule per band over the data rows (pasted columns and added ones), keyed on the band column. */
  conditionalFormats: ConditionalFormatPlan[];
  /** The legend naming each colour, placed to the right of the added columns. */
  legend: {
    row: number;
    column: number;
    entries: { style: StyleName; label: string; meaning: string }[];
    /** Widths of the label and meaning columns in characters (defaultLegendWidths when absent). */
    columnWidths?: [number, number];
    /** Style of the meaning cells (wrapping), or none. */
    meaningStyle?: StyleName;
  };
  /** Written into the first heading's cell note / workbook settings so a re-run finds what it wrote. */
  marker: string;
}

export interface WorkbookPlan {
  highlight: HighlightPlan;
  sheets: SheetPlan[];
  /** This analysis' snapshot, the history with it, and each pupil's progress (docs/rules.md §11). */
  progress?: ProgressRecord;
  /** Notes typed on the highlighted sheet, kept by pupil or kept aside (docs/rules.md §15). */
  notes?: SheetNotes;
}
