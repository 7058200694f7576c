import type { CellRect } from "../core/common/a1";
import type { HighlightPlan } from "../core/report/plan";
import { highlightArea } from "../core/report/highlightPlan";
import { legendArea } from "./sourceGeometry";
import type { SourceRead } from "./readSource";
import type { PageOriginal, SheetOriginals } from "./storedState";

/**
 * What Analyse changes on the user's sheet besides cells (column widths, page setup), read as it was before
 * Analyse first changed it and kept in the sheet's record, so "Remove what Analyse added" can put it back
 * (docs/rules.md §15). Read in a sync the run makes anyway where it can; never per row.
 */

/** Columns an Analyse may size: from the first added column over the widest set of added columns and the legend. */
const widestAddedColumns = 20;

export interface OriginalsRead {
  /** True when something was queued, so the next sync must happen. */
  queued: boolean;
  /** After that sync: the originals so far (the record's, with what was read now); undefined when they cannot be known. */
  result: () => SheetOriginals | undefined;
}

/**
 * Queues reads of the widths of the columns Analyse may write that the record does not hold yet, and of the
 * page setup when the record has none: a first Analyse reads them all; later ones only new columns.
 */
export function queueOriginalsRead(read: SourceRead, firstAddedColumn: number): OriginalsRead {
  const record = read.written.highlights[read.sheetId]?.original;
  // A sheet the add-in wrote before originals were kept: widths and page setup now are its own, so none are recorded.
  const legacy = read.previous !== null && record === undefined;
  const known = record ?? { columnWidths: {}, touched: [], page: null };
  if (legacy) return { queued: false, result: () => undefined };
  const widths: { column: number; format: Excel.RangeFormat }[] = [];
  for (let column = firstAddedColumn; column < firstAddedColumn + widestAddedColumns && column < 16384; column++) {
    if (known.columnWidths[String(column)] !== undefined) continue;
    const format = read.sheet.getRangeByIndexes(0, column, 1, 1).format;
    // columnWidth ExcelApi 1.1, useStandardWidth 1.2: a column never sized is put back to the standard width.
    format.load("columnWidth,useStandardWidth");
    widths.push({ column, format });
  }
  let page: (() => PageOriginal) | null = null;
  if (!known.page && !record) {
    // ExcelApi 1.9, each.
    const layout = read.sheet.pageLayout;
    layout.load("orientation,zoom,leftMargin,rightMargin");
    const area = layout.getPrintAreaOrNullObject();
    area.load("address");
    const rows = layout.getPrintTitleRowsOrNullObject();
    rows.load("address");
    const columns = layout.getPrintTitleColumnsOrNullObject();
    columns.load("address");
    const hf = layout.headersFooters.defaultForAllPages;
    hf.load("centerHeader,centerFooter,rightFooter");
    const local = (range: { isNullObject: boolean; address: string }) =>
      range.isNullObject ? null : range.address.split(",").map((a) => a.slice(a.lastIndexOf("!") + 1)).join(", ");
    page = () => ({
      orientation: String(layout.orientation),
      zoom: { ...(layout.zoom as PageOriginal["zoom"]) },
      printArea: local(area),
      printTitleRows: local(rows),
      printTitleColumns: local(columns),
      centerHeader: hf.centerHeader,
      centerFooter: hf.centerFooter,
      rightFooter: hf.rightFooter,
      leftMargin: layout.leftMargin,
      rightMargin: layout.rightMargin,
    });
  }
  return {
    queued: widths.length > 0 || page !== null,
    result: () => {
      const columnWidths = { ...known.columnWidths };
      for (const w of widths) columnWidths[String(w.column)] = w.format.useStandardWidth ? "standard" : w.format.columnWidth;
      return { columnWidths, touched: known.touched, page: page ? page() : known.page };
    },
  };
}

function columnsOf(r: CellRect | null): number[] {
  if (!r) return [];
  const out: number[] = [];
  for (let c = r.firstColumn; c <= r.lastColumn; c++) out.push(c);
  return out;
}

/** The originals with this run's columns added to those Analyse has sized. */
export function withTouched(originals: SheetOriginals | undefined, plan: HighlightPlan): SheetOriginals | undefined {
  if (!originals) return undefined;
  const touched = new Set([...originals.touched, ...columnsOf(highlightArea(plan)), ...columnsOf(legendArea(plan))]);
  return { ...originals, touched: [...touched].sort((a, b) => a - b) };
}
