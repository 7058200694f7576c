import type {
  CellBlock,
  CellStyle,
  ChartPlan,
  ConditionalFormatPlan,
  DataValidationPlan,
  HighlightPlan,
  PlanValue,
  PrintPlan,
  RowHeightPlan,
  SheetPlan,
} from "../core/report/plan";
import { defaultLegendWidths } from "../core/report/plan";
import { cellStyles } from "../core/report/styles";
import { sideMarginInches } from "../core/report/printFit";
import { bandLabels } from "../core/rules/bandLabels";
import { headerFooterText, validationErrorTitle } from "../core/report/checkPlanLimits";
import { cellAddress, columnLetter, parseAddress, rect, rectAddress, type CellRect } from "../core/common/a1";
import { legendArea } from "./sourceGeometry";
import { cellNumberFormat, cellValue, chunkRows, jsonBytes, perCallBytes, type WriteQueue } from "./writeQueue";

/**
 * Translates plans into queued Excel JavaScript API calls. No attendance rules here: every value, format,
 * rule and position comes from the plan. Nothing is sent until the queue is flushed.
 */

/** Excel column widths are in points; plans give characters (Calibri 11: about 7 px a character plus padding). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const horizontal = { left: "Left", center: "Center", right: "Right" } as const;
const vertical = { top: "Top", center: "Center", bottom: "Bottom" } as const;

/** One set of format calls for a whole rectangle (never per cell). */
export function queueStyle(queue: WriteQueue, sheet: Excel.Worksheet, area: CellRect, style: CellStyle): void {
  // Each property set is a call of its own on the wire (an action and its object path): count them.
  const calls = 1 + [style.fill, style.fontColor, style.bold, style.italic, style.fontSize, style.wrap, style.horizontal, style.vertical].filter((v) => v !== undefined).length + (style.border ? 12 : 0);
  queue.add(calls * perCallBytes, () => {
    const range = sheet.getRangeByIndexes(area.firstRow, area.firstColumn, area.lastRow - area.firstRow + 1, area.lastColumn - area.firstColumn + 1);
    const format = range.format;
    if (style.fill) format.fill.color = style.fill;
    if (style.fontColor) format.font.color = style.fontColor;
    if (style.bold !== undefined) format.font.bold = style.bold;
    if (style.italic !== undefined) format.font.italic = style.italic;
    if (style.fontSize !== undefined) format.font.size = style.fontSize;
    if (style.wrap !== undefined) format.wrapText = style.wrap;
    if (style.horizontal) format.horizontalAlignment = horizontal[style.horizontal];
    if (style.vertical) format.verticalAlignment = vertical[style.vertical];
    if (style.border) {
      const edges: Excel.BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as Excel.BorderIndex[];
      if (area.lastRow > area.firstRow) edges.push("InsideHorizontal" as Excel.BorderIndex);
      if (area.lastColumn > area.firstColumn) edges.push("InsideVertical" as Excel.BorderIndex);
      for (const edge of edges) {
        const border = format.borders.getItem(edge);
        border.style = "Continuous" as Excel.BorderLineStyle;
        border.color = "#BFBFBF";
      }
    }
  });
}

/**
 * Writes a rectangle of plan values: number formats first (text "@" for every string, so nothing typed
 * by a person or a pupil's name can become a formula), then the values; in row chunks under the
 * request budget, each chunk one `values` call and one `numberFormat` call.
 */
export function queueValues(
  queue: WriteQueue,
  sheet: Excel.Worksheet,
  firstRow: number,
  firstColumn: number,
  rows: readonly (readonly PlanValue[])[],
  columnFormats: readonly (string | null)[] | undefined,
): void {
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  if (rows.length === 0 || width === 0) return;
  const padded = rows.map((row) => Array.from({ length: width }, (_, c) => (row[c] === undefined ? null : (row[c] as PlanValue))));
  const rowBytes = (row: PlanValue[]) => jsonBytes(row.map(cellValue)) + jsonBytes(row.map((v, c) => cellNumberFormat(v, columnFormats?.[c])));
  for (const chunk of chunkRows(padded, rowBytes)) {
    const formats = chunk.rows.map((row) => row.map((v, c) => cellNumberFormat(v, columnFormats?.[c])));
    const values = chunk.rows.map((row) => row.map(cellValue));
    const bytes = jsonBytes(formats) + jsonBytes(values);
    queue.add(bytes, () => {
      const range = sheet.getRangeByIndexes(firstRow + chunk.start, firstColumn, chunk.rows.length, width);
      range.numberFormat = formats;
      range.values = values;
    });
  }
}

export function queueColumnWidths(queue: WriteQueue, sheet: Excel.Worksheet, firstColumn: number, widths: readonly number[]): void {
  widths.forEach((width, i) => {
    if (!(width > 0)) return;
    queue.add(60, () => {
      sheet.getRangeByIndexes(0, firstColumn + i, 1, 1).format.columnWidth = widthInPoints(width);
    });
  });
}

/**
 * The plan's row heights (points), one `setRowProperties` call (ExcelApi 1.9) per run of consecutive rows,
 * so the number of calls does not grow with the number of pupils.
 */
export function queueRowHeights(queue: WriteQueue, sheet: Excel.Worksheet, heights: readonly RowHeightPlan[] | undefined): void {
  const rows = [...(heights ?? [])].filter((h) => Number.isFinite(h.height) && h.height > 0).sort((a, b) => a.row - b.row);
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end + 1 < rows.length && rows[end + 1]!.row === rows[end]!.row + 1) end++;
    const run = rows.slice(start, end + 1);
    const first = run[0]!.row;
    const properties: Excel.SettableRowProperties[] = run.map((h) => ({ format: { rowHeight: h.height } }));
    queue.add(jsonBytes(properties), () => {
      sheet.getRangeByIndexes(first, 0, run.length, 1).setRowProperties(properties);
    });
    start = end + 1;
  }
}

/** One custom rule per plan entry: formula on the band column, fill, font colour and weight. */
export function queueConditionalFormats(queue: WriteQueue, sheet: Excel.Worksheet, rules: readonly ConditionalFormatPlan[]): void {
  for (const rule of rules) {
    queue.add(rule.formula.length + rule.range.length + 5 * perCallBytes, () => {
      const cf = sheet.getRange(rule.range).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
      cf.custom.rule.formula = rule.formula;
      cf.custom.format.fill.color = rule.fill;
      cf.custom.format.font.color = rule.fontColor;
      cf.custom.format.font.bold = rule.bold;
    });
  }
}

const bandLabelTexts = new Set(Object.values(bandLabels).map((label) => label.long.toLowerCase()));

/**
 * Is this custom rule one the add-in wrote? Its formula has the shape the plans use, `=$T2="<band label>"`
 * (absolute column, relative row, one of the band column's labels). People's own rules never match that
 * exact shape with those labels, so they are kept.
 */
export function isOwnRuleFormula(formula: string): boolean {
  const m = /^=\$[A-Z]{1,3}\d+="((?:[^"]|"")*)"$/.exec(formula.trim());
  if (!m) return false;
  return bandLabelTexts.has((m[1] ?? "").replace(/""/g, '"').toLowerCase());
}

function queuePrint(queue: WriteQueue, sheet: Excel.Worksheet, print: PrintPlan): void {
  queue.add(400 + print.headerCentre.length + print.footerCentre.length + print.footerRight.length, () => {
    const layout = sheet.pageLayout;
    layout.orientation = (print.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
    // Fit to N pages wide and as many pages tall as needed (0 = automatic), or no fitting: 100% scale.
    layout.zoom = print.fitToPagesWide > 0 ? { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: 0 } : { scale: 100 };
    // Left and right margins in points (ExcelApi 1.9): Excel's "Normal" or "Narrow" preset's sides.
    if (print.margins) {
      layout.leftMargin = sideMarginInches[print.margins] * 72;
      layout.rightMargin = sideMarginInches[print.margins] * 72;
    }
    if (print.repeatRows) layout.setPrintTitleRows(`$${print.repeatRows.first + 1}:$${print.repeatRows.last + 1}`);
    // Columns repeated at the left of every page and the printed range (ExcelApi 1.9, as setPrintTitleRows).
    if (print.repeatColumns) layout.setPrintTitleColumns(`$${columnLetter(print.repeatColumns.first)}:$${columnLetter(print.repeatColumns.last)}`);
    // Several areas go as one RangeAreas (Worksheet.getRanges, ExcelApi 1.9); each prints from a new page.
    const areas = print.printAreas ?? [];
    if (areas.length === 1) layout.setPrintArea(rectAddress(areas[0]!));
    else if (areas.length > 1) layout.setPrintArea(sheet.getRanges(areas.map(rectAddress).join(", ")));
    const hf = layout.headersFooters.defaultForAllPages;
    hf.centerHeader = headerFooterText(print.headerCentre);
    hf.centerFooter = headerFooterText(print.footerCentre);
    hf.rightFooter = headerFooterText(print.footerRight);
  });
  for (const row of print.pageBreaksBefore ?? []) {
    if (row <= 0) continue;
    // The break goes above the range's top row (ExcelApi 1.9).
    queue.add(60, () => {
      sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
    });
  }
}

function validationRule(plan: DataValidationPlan): Excel.DataValidationRule {
  switch (plan.kind) {
    case "list":
      // Excel's list source is comma-separated; the plan's items are fixed words without commas.
      return { list: { inCellDropDown: true, source: (plan.list ?? []).join(",") } };
    case "date":
      // Any real date: Excel's date rule needs a bound; a string formula is the documented way to give one.
      return { date: { formula1: "=DATE(2000,1,1)", operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator } };
    case "wholeNumber":
      return {
        wholeNumber: {
          formula1: plan.minimum ?? 0,
          formula2: plan.maximum ?? 1_000_000,
          operator: "Between" as Excel.DataValidationOperator,
        },
      };
  }
}

function queueValidations(queue: WriteQueue, sheet: Excel.Worksheet, validations: readonly DataValidationPlan[]): void {
  for (const v of validations) {
    queue.add(300 + jsonBytes(v), () => {
      const dv = sheet.getRange(v.range).dataValidation;
      dv.clear();
      dv.rule = validationRule(v);
      dv.prompt = { showPrompt: v.prompt !== "", title: "", message: v.prompt };
      dv.errorAlert = { showAlert: true, style: "Stop" as Excel.DataValidationAlertStyle, title: validationErrorTitle, message: v.error };
    });
  }
}

/** Series in a chart's data range: every column after the categories. */
function seriesInRange(dataRange: string): number {
  const area = parseAddress(dataRange);
  return area ? Math.max(0, area.lastColumn - area.firstColumn) : 0;
}

function queueChart(queue: WriteQueue, sheet: Excel.Worksheet, chart: ChartPlan): void {
  queue.add(500 + jsonBytes(chart), () => {
    const type = (chart.kind === "barClustered" ? "BarClustered" : "ColumnClustered") as Excel.ChartType;
    const added = sheet.charts.add(type, sheet.getRange(chart.dataRange), "Columns" as Excel.ChartSeriesBy);
    added.title.text = chart.title;
    const a = chart.anchor;
    added.setPosition(cellAddress(a.row, a.column), cellAddress(a.row + Math.max(1, a.rows) - 1, a.column + Math.max(1, a.columns) - 1));
    chart.seriesColours.forEach((colour, i) => added.series.getItemAt(i).format.fill.setSolidColor(colour));
    if (chart.pointColours) {
      const series = added.series.getItemAt(0);
      chart.pointColours.forEach((colour, j) => series.points.getItemAt(j).format.fill.setSolidColor(colour));
    }
    if (chart.xAxisTitle) added.axes.categoryAxis.title.text = chart.xAxisTitle;
    if (chart.yAxisTitle) added.axes.valueAxis.title.text = chart.yAxisTitle;
    // Axis label format (ExcelApi 1.8) and every category labelled (1.7), as the .xlsx writer does.
    if (chart.valueAxisNumberFormat) added.axes.valueAxis.numberFormat = chart.valueAxisNumberFormat;
    if (chart.everyCategoryLabel) added.axes.categoryAxis.tickLabelSpacing = 1;
    // Figures on the bars of the series the plan labels (every series when it names none), ExcelApi 1.7.
    const seriesCount = Math.max(chart.seriesColours.length, seriesInRange(chart.dataRange));
    for (let i = 0; i < seriesCount; i++) {
      added.series.getItemAt(i).hasDataLabels = chart.labelledSeries === undefined || chart.labelledSeries.includes(i);
    }
    added.legend.visible = chart.seriesColours.length > 1;
  });
}

function blockRect(block: CellBlock): CellRect | null {
  const width = block.values.reduce((w, row) => Math.max(w, row.length), 0);
  if (block.values.length === 0 || width === 0) return null;
  return rect(block.row, block.column, block.values.length, width);
}

/** Everything on one meeting sheet. `reset` first empties a sheet the add-in wrote before. */
export function queueSheetPlan(
  queue: WriteQueue,
  sheet: Excel.Worksheet,
  plan: SheetPlan,
  reset: { charts: Excel.Chart[] } | null,
): void {
  if (reset) {
    queue.add(400, () => {
      for (const chart of reset.charts) chart.delete();
      const all = sheet.getRange();
      all.conditionalFormats.clearAll();
      all.dataValidation.clear();
      all.unmerge();
      all.clear("All" as Excel.ClearApplyTo);
      // Heights and page breaks of the last layout would otherwise stay on rows that now hold other things.
      all.format.useStandardHeight = true;
      sheet.horizontalPageBreaks.removePageBreaks();
      sheet.freezePanes.unfreeze();
    });
  }
  if (plan.hidden) {
    // The analysis history: hidden, so it is neither a tab people stumble on nor printed with the workbook (ExcelApi 1.1).
    queue.add(40, () => {
      sheet.visibility = "Hidden" as Excel.SheetVisibility;
    });
  }
  if (plan.tabColour) {
    const colour = plan.tabColour;
    queue.add(60, () => {
      sheet.tabColor = colour;
    });
  }
  queueColumnWidths(queue, sheet, 0, plan.columnWidths);
  for (const block of plan.blocks) {
    const area = blockRect(block);
    if (!area) continue;
    queueValues(queue, sheet, block.row, block.column, block.values, block.numberFormats);
    if (block.style) queueStyle(queue, sheet, area, cellStyles[block.style]);
  }
  for (const merge of plan.merges) {
    queue.add(80, () => {
      sheet.getRange(merge).merge(false);
    });
  }
  queueRowHeights(queue, sheet, plan.rowHeights);
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)) {
    const { rows, columns } = plan.freeze;
    queue.add(80, () => {
      if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, columns));
      else if (rows > 0) sheet.freezePanes.freezeRows(rows);
      else sheet.freezePanes.freezeColumns(columns);
    });
  }
  queueConditionalFormats(queue, sheet, plan.conditionalFormats);
  queueValidations(queue, sheet, plan.dataValidations);
  if (plan.print) queuePrint(queue, sheet, plan.print);
  for (const chart of plan.charts) queueChart(queue, sheet, chart);
}

/** Legend widths when a plan does not give them (as the .xlsx writer). */

/** The added columns, their formats and widths, the band rules and the legend on the user's sheet. */
export function queueHighlight(queue: WriteQueue, sheet: Excel.Worksheet, plan: HighlightPlan): void {
  const headings: PlanValue[][] = [plan.headings];
  queueValues(queue, sheet, plan.headerRow, plan.firstColumn, headings, undefined);
  queueStyle(queue, sheet, rect(plan.headerRow, plan.firstColumn, 1, plan.headings.length), cellStyles[plan.headingStyle ?? "tableHeader"]);
  plan.headingStyles?.forEach((style, j) => {
    if (style) queueStyle(queue, sheet, rect(plan.headerRow, plan.firstColumn + j, 1, 1), cellStyles[style]);
  });
  queueColumnWidths(queue, sheet, plan.firstColumn, plan.columnWidths);
  // The row check is hidden (Range.columnHidden, ExcelApi 1.2), after its width: a width would show it again.
  for (const j of plan.hiddenColumns ?? []) {
    queue.add(60, () => {
      sheet.getRangeByIndexes(0, plan.firstColumn + j, 1, 1).getEntireColumn().columnHidden = true;
    });
  }
  const legend = legendArea(plan);
  if (legend) {
    const rows: PlanValue[][] = plan.legend.entries.map((e) => [e.label, e.meaning]);
    queueValues(queue, sheet, legend.firstRow, legend.firstColumn, rows, ["@", "@"]);
    plan.legend.entries.forEach((entry, i) => {
      queueStyle(queue, sheet, rect(legend.firstRow + i, legend.firstColumn, 1, 1), cellStyles[entry.style]);
    });
    if (plan.legend.meaningStyle) {
      queueStyle(queue, sheet, rect(legend.firstRow, legend.firstColumn + 1, plan.legend.entries.length, 1), cellStyles[plan.legend.meaningStyle]);
    }
    queueColumnWidths(queue, sheet, legend.firstColumn, plan.legend.columnWidths ?? defaultLegendWidths);
  }
  queueConditionalFormats(queue, sheet, plan.conditionalFormats);
  if (plan.lastDataRow >= plan.firstDataRow) {
    queueValues(queue, sheet, plan.firstDataRow, plan.firstColumn, plan.values, plan.numberFormats);
    // One format call per added column that has a style (never per row).
    plan.columnStyles?.forEach((style, j) => {
      if (style) queueStyle(queue, sheet, rect(plan.firstDataRow, plan.firstColumn + j, plan.lastDataRow - plan.firstDataRow + 1, 1), cellStyles[style]);
    });
  }
  // No row heights on the user's sheet: Excel fits rows without a height of their own to the wrapped
  // suggestion, and heights the user set stay theirs (plan.rowHeights is for a copy written from scratch).
  if (plan.print) queuePrint(queue, sheet, plan.print);
}
