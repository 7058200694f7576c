import { highlightArea, highlightRangeComment, highlightRangeName } from "../core/report/highlightPlan";
import type { HighlightPlan } from "../core/report/plan";
import type { CellRect } from "../core/common/a1";
import { queueHighlight } from "./applyPlans";
import type { Grid } from "../core/read/grid";
import { extract, legendArea, type PreviousOutput } from "./sourceGeometry";
import type { SourceRead } from "./readSource";
import type { HighlightRecord } from "./storedState";
import type { WriteQueue } from "./writeQueue";

/**
 * The highlight run on the user's sheet: removes what the add-in added last time (its rules, columns, legend
 * and name), marks the new area with a sheet-scoped name, and writes the plan. Analyse, the meeting sheets
 * and the sample insert all write the highlight through this.
 */

export interface HighlightTarget {
  sheet: Excel.Worksheet;
  /** The add-in's earlier columns and legend on this sheet, confirmed by their headings (sourceGeometry). */
  previous: PreviousOutput | null;
  /** Whether the add-in's sheet-scoped name is already on the sheet. */
  nameExists: boolean;
  /** The add-in's own custom rules on the sheet (recognised by their formulas). */
  ownRules: Excel.ConditionalFormat[];
}

/**
 * The add-in's columns as the last run left them, heading row first, from the values already read (no
 * extra sync): the notes in them are kept by pupil (core/report/sheetNotes.ts, docs/rules.md §15).
 */
export function previousAddedColumns(read: Pick<SourceRead, "used" | "previous">): Grid | undefined {
  if (!read.used || !read.previous) return undefined;
  return extract(read.used, read.previous.area);
}

function rangeOf(sheet: Excel.Worksheet, r: CellRect): Excel.Range {
  return sheet.getRangeByIndexes(r.firstRow, r.firstColumn, r.lastRow - r.firstRow + 1, r.lastColumn - r.firstColumn + 1);
}

/** Queues the whole run; returns the record of where it wrote, for the workbook's settings. */
export function queueHighlightRun(queue: WriteQueue, target: HighlightTarget, plan: HighlightPlan, sheetName: string): HighlightRecord {
  const { sheet, previous, ownRules } = target;
  const area = highlightArea(plan);
  const legend = legendArea(plan);
  queue.add(300 + ownRules.length * 60, () => {
    // The old rules go first: clear("All") on their cells would otherwise remove the rules' formats from
    // those cells while the rules themselves stay behind, half-applied (conditional formats are per range).
    for (const rule of ownRules) rule.delete();
    if (previous) {
      for (const r of [previous.area, previous.legend]) {
        if (r) rangeOf(sheet, r).clear("All" as Excel.ClearApplyTo);
      }
      // The last run's hidden row check may now sit where something else goes (the data grew a column).
      rangeOf(sheet, previous.area).getEntireColumn().columnHidden = false;
    }
    if (target.nameExists) sheet.names.getItem(highlightRangeName).delete();
    sheet.names.add(highlightRangeName, rangeOf(sheet, area), highlightRangeComment);
  });
  queueHighlight(queue, sheet, plan);
  return { sheetName, area, headings: plan.headings, legend };
}
