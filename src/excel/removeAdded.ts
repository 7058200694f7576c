import { columnLetter, type CellRect } from "../core/common/a1";
import type { PlanValue } from "../core/report/plan";
import { findSheetNotes, keepSheetNotes } from "../core/report/sheetNotes";
import { makeSheetName } from "../core/report/sheetNames";
import { unmatchedRowMarker } from "../core/report/tsmMerge";
import { queueColumnWidths, queueStyle, queueValues } from "./applyPlans";
import { cellStyles } from "../core/report/styles";
import { previousAddedColumns } from "./highlightRun";
import { prepare, readExisting, readSource, type ReadOptions, type Sync } from "./readSource";
import { removeSettings } from "./settingsIO";
import { highlightRangeName } from "../core/report/highlightPlan";
import { planSettingWrites, writtenEntries, type WrittenRecord } from "./storedState";
import type { AnalyseRequest, GatewayResult, RemoveDone } from "./workbookGateway";
import { WriteQueue } from "./writeQueue";

/**
 * "Remove what Analyse added" (docs/rules.md §15): the add-in's columns, legend, colour rules, hidden row
 * check and name go; the column widths and page setup recorded before the first Analyse are put back; the
 * pasted data is not touched. Notes people typed in the added columns are never dropped: they go to a new
 * sheet beside it, each with its pupil where one pupil can be told safely. Running it again finds nothing
 * and changes nothing. At most four syncs (read, rules, one write, the record removed), whatever the number of pupils.
 */

function rangeOf(sheet: Excel.Worksheet, r: CellRect): Excel.Range {
  return sheet.getRangeByIndexes(r.firstRow, r.firstColumn, r.lastRow - r.firstRow + 1, r.lastColumn - r.firstColumn + 1);
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export async function removeAddedRun(
  context: Excel.RequestContext,
  request: AnalyseRequest,
  sync: Sync,
  today: string,
  readOptions: ReadOptions,
): Promise<GatewayResult<RemoveDone>> {
  const read = await readSource(context, request.source, sync, readOptions);
  const { ownRules } = await readExisting(context, read, [], sync);
  const record = read.written.highlights[read.sheetId];
  const { previous, sheet, sheetName } = read;
  if (!previous && !record && ownRules.length === 0 && !read.nameExists) {
    return { ok: true, value: { sheetName, message: `Analyse has added nothing to “${sheetName}” that is still there, so nothing was changed.` } };
  }

  // Notes first: found in the added columns as they are now, put with their pupils where that is safe.
  const found = findSheetNotes(previousAddedColumns(read));
  const rows: PlanValue[][] = [];
  if (found.length > 0) {
    const prepared = prepare(read, request.source, request.settings, { mappingOverride: request.mappingOverride, headerRowNumber: request.headerRowNumber }, today);
    const pupils = "ok" in prepared ? [] : prepared.analysis.pupils;
    const notes = keepSheetNotes(found, pupils);
    for (const [index, text] of notes.byPupil) {
      const record = pupils[index]?.record;
      rows.push([record?.name ?? "", record?.upn ?? "", record ? record.sourceRow : null, text]);
    }
    for (const text of notes.keptAside) rows.push([unmatchedRowMarker, "", null, text]);
  }

  const queue = new WriteQueue();
  queue.add(200 + ownRules.length * 60, () => {
    for (const rule of ownRules) rule.delete();
    if (previous) {
      for (const r of [previous.area, previous.legend]) if (r) rangeOf(sheet, r).clear("All" as Excel.ClearApplyTo);
      // The hidden row check, and any column of the area someone hid, shown again.
      rangeOf(sheet, previous.area).getEntireColumn().columnHidden = false;
    }
    if (read.nameExists) sheet.names.getItem(highlightRangeName).delete();
  });

  const original = record?.original;
  const couldNot: string[] = [];
  if (original) {
    for (const column of original.touched) {
      const width = original.columnWidths[String(column)];
      if (width === undefined || width === 0) continue;
      queue.add(60, () => {
        const format = sheet.getRangeByIndexes(0, column, 1, 1).format;
        // RangeFormat.useStandardWidth (ExcelApi 1.2): a column nobody sized goes back to the sheet's standard.
        if (width === "standard") format.useStandardWidth = true;
        else format.columnWidth = width;
      });
    }
    const page = original.page;
    if (page) {
      queue.add(400 + JSON.stringify(page).length, () => {
        const layout = sheet.pageLayout;
        layout.orientation = page.orientation as Excel.PageOrientation;
        layout.zoom = page.zoom;
        if (page.leftMargin !== undefined) layout.leftMargin = page.leftMargin;
        if (page.rightMargin !== undefined) layout.rightMargin = page.rightMargin;
        const hf = layout.headersFooters.defaultForAllPages;
        hf.centerHeader = page.centerHeader;
        hf.centerFooter = page.centerFooter;
        hf.rightFooter = page.rightFooter;
        if (page.printArea) layout.setPrintArea(page.printArea.includes(",") ? sheet.getRanges(page.printArea) : page.printArea);
        if (page.printTitleRows) layout.setPrintTitleRows(page.printTitleRows);
        if (page.printTitleColumns) layout.setPrintTitleColumns(page.printTitleColumns);
      });
      // The Excel JavaScript API sets a print area and print titles but has no call that clears them.
      if (!page.printArea || !page.printTitleRows || !page.printTitleColumns) {
        couldNot.push(
          "Excel does not let an add-in clear a print area or the rows and columns repeated on each page: to print as before, choose Page Layout > Print Area > Clear Print Area, and clear “Rows to repeat at top” and “Columns to repeat at left” in Page Layout > Print Titles.",
        );
      }
    }
  } else {
    couldNot.push(
      "The column widths and page setup from before the first Analyse were not recorded (this sheet was analysed by an earlier version of the add-in), so they were left as they are: check them in Page Layout.",
    );
  }
  if (!previous) couldNot.push("Its columns were not found where Analyse left them (they may have been moved or deleted), so no cells were cleared.");

  let notesSheet: string | null = null;
  if (rows.length > 0) {
    notesSheet = makeSheetName(`Notes from ${sheetName}`, read.sheets.map((s) => s.name));
    const kept = context.workbook.worksheets.add(notesSheet);
    const headings: PlanValue[] = ["Pupil", "UPN", "Row on the sheet", "Notes"];
    // Text stays text ("@"): a note or a name is never taken for a formula.
    queueValues(queue, kept, 0, 0, [headings, ...rows], ["@", "@", "0", "@"]);
    queueStyle(queue, kept, { firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 3 }, cellStyles.tableHeader);
    queueStyle(queue, kept, { firstRow: 1, firstColumn: 3, lastRow: rows.length, lastColumn: 3 }, cellStyles.textWrap);
    queueColumnWidths(queue, kept, 0, [30, 16, 10, 70]);
  }

  // The sheet's record goes; the written record is otherwise as read (co-authors' keys untouched).
  const highlights = { ...read.written.highlights };
  delete highlights[read.sheetId];
  const next: WrittenRecord = { ...read.written, highlights };
  const writes = planSettingWrites(read.settings, writtenEntries(read.written), writtenEntries(next), read.sheets);
  await queue.flush(sync);
  await removeSettings(context, sync, writes, read.settings);

  const removed: string[] = [];
  if (previous) removed.push(`its ${plural(previous.area.lastColumn - previous.area.firstColumn + 1, "column", "columns")} (from column ${columnLetter(previous.area.firstColumn)})${previous.legend ? " and the colour key" : ""}`);
  if (ownRules.length > 0) removed.push(`its ${plural(ownRules.length, "colour rule", "colour rules")}`);
  if (original) removed.push(original.page ? "and put back the column widths and page setup as they were before the first Analyse" : "and put back the column widths as they were before the first Analyse");
  const sentences = [
    removed.length > 0 ? `Removed from “${sheetName}” ${removed.join(", ")}. Your pasted data was not changed.` : `Nothing of Analyse's was left on “${sheetName}” to remove; your pasted data was not changed.`,
    ...(notesSheet ? [`${plural(rows.length, "note", "notes")} typed in Analyse's columns ${rows.length === 1 ? "was" : "were"} kept on the new sheet “${notesSheet}”.`] : []),
    ...couldNot,
  ];
  return { ok: true, value: { sheetName, message: sentences.join(" ") } };
}
