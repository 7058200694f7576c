import { bandColumnHeading, highlightArea } from "../core/report/highlightPlan";
import { isBlank } from "../core/read/cellValues";
import type { CellValue } from "../core/read/grid";
import type { HighlightPlan } from "../core/report/plan";
import { bandLabels } from "../core/rules/bandLabels";
import { cellAddress, columnLetter, intersects, parseAddress, type CellRect } from "../core/common/a1";
import type { HighlightRecord } from "./storedState";

/**
 * Where things are on the source sheet, worked out from plain arrays (no Office.js): which cells to analyse,
 * trimming, where the add-in wrote before, whether the cells it is about to write are free, and how much of
 * a sheet to read. Tested with plain grids (test/excel/sourceGeometry.test.ts).
 */

/** What was read of the sheet: its used rectangle and the values in it (row by row from rect's corner). */
export interface UsedCells {
  rect: CellRect;
  values: CellValue[][];
}

export function cellIn(used: UsedCells, row: number, column: number): CellValue {
  const r = row - used.rect.firstRow;
  const c = column - used.rect.firstColumn;
  return used.values[r]?.[c] ?? "";
}

/** The overlap of two rectangles, or null. */
export function clamp(a: CellRect, b: CellRect): CellRect | null {
  const r = {
    firstRow: Math.max(a.firstRow, b.firstRow),
    lastRow: Math.min(a.lastRow, b.lastRow),
    firstColumn: Math.max(a.firstColumn, b.firstColumn),
    lastColumn: Math.min(a.lastColumn, b.lastColumn),
  };
  return r.firstRow <= r.lastRow && r.firstColumn <= r.lastColumn ? r : null;
}

export function cellCount(rect: CellRect): number {
  return (rect.lastRow - rect.firstRow + 1) * (rect.lastColumn - rect.firstColumn + 1);
}

/** Cells of `area` from the used values, with trailing empty rows and columns removed. */
export function extract(used: UsedCells, area: CellRect): CellValue[][] {
  const grid: CellValue[][] = [];
  for (let row = area.firstRow; row <= area.lastRow; row++) {
    const line: CellValue[] = [];
    for (let column = area.firstColumn; column <= area.lastColumn; column++) line.push(cellIn(used, row, column));
    grid.push(line);
  }
  while (grid.length > 0 && (grid[grid.length - 1] ?? []).every(isBlank)) grid.pop();
  let width = grid.reduce((w, line) => Math.max(w, line.length), 0);
  while (width > 0 && grid.every((line) => isBlank(line[width - 1]))) width--;
  return grid.map((line) => line.slice(0, width));
}

function sameHeadings(used: UsedCells | null, area: CellRect, headings: readonly string[]): boolean {
  if (!used || headings.length !== area.lastColumn - area.firstColumn + 1) return false;
  return headings.every((h, i) => String(cellIn(used, area.firstRow, area.firstColumn + i)).trim() === h.trim());
}

export interface PreviousOutput {
  area: CellRect;
  legend: CellRect | null;
}

/**
 * Where the add-in wrote before on this sheet: the named range if it still holds the headings, else the
 * recorded place if the headings are there. The headings on the sheet are the marker: a record alone (keyed
 * by a worksheet id that may have changed) never makes cells the add-in's.
 */
export function locatePrevious(record: HighlightRecord | undefined, namedAddress: string | null, used: UsedCells | null): PreviousOutput | null {
  const named = namedAddress ? parseAddress(namedAddress) : null;
  if (!record) return named && used ? recogniseWithoutRecord(named, used) : null;
  if (named && sameHeadings(used, named, record.headings)) {
    // People may have inserted rows or columns: move the legend by as much as the named range moved.
    const dr = named.firstRow - record.area.firstRow;
    const dc = named.firstColumn - record.area.firstColumn;
    const legend = record.legend
      ? { firstRow: record.legend.firstRow + dr, lastRow: record.legend.lastRow + dr, firstColumn: record.legend.firstColumn + dc, lastColumn: record.legend.lastColumn + dc }
      : null;
    return { area: { firstRow: named.firstRow, firstColumn: named.firstColumn, lastRow: named.lastRow, lastColumn: named.lastColumn }, legend: legendIfLabelled(legend, used) };
  }
  if (sameHeadings(used, record.area, record.headings)) return { area: record.area, legend: legendIfLabelled(record.legend, used) };
  return null;
}

const legendLabels = new Set(Object.values(bandLabels).map((label) => label.long));

/** A recorded legend is cleared only if its first cell still holds a band label (the legend's own marker). */
function legendIfLabelled(legend: CellRect | null, used: UsedCells | null): CellRect | null {
  if (!legend || !used) return null;
  return legendLabels.has(String(cellIn(used, legend.firstRow, legend.firstColumn)).trim()) ? legend : null;
}

/**
 * The record in workbook.settings is gone (e.g. the sheet was copied into another workbook) but the
 * add-in's named range is there: its heading row is the add-in's if it starts with the band column's
 * heading, and the legend (the first filled cells to its right) is recognised by its band labels. Otherwise
 * nothing is treated as the add-in's.
 */
function recogniseWithoutRecord(named: CellRect, used: UsedCells): PreviousOutput | null {
  if (String(cellIn(used, named.firstRow, named.firstColumn)).trim() !== bandColumnHeading) return null;
  const area = { firstRow: named.firstRow, firstColumn: named.firstColumn, lastRow: named.lastRow, lastColumn: named.lastColumn };
  // The legend is the first filled cell to the right on the heading row (after the room the reasons run over).
  let column = area.lastColumn + 1;
  while (column < used.rect.lastColumn && isBlank(cellIn(used, area.firstRow, column))) column++;
  let rows = 0;
  while (legendLabels.has(String(cellIn(used, area.firstRow + rows, column)).trim())) rows++;
  return { area, legend: rows > 0 ? { firstRow: area.firstRow, firstColumn: column, lastRow: area.firstRow + rows - 1, lastColumn: column + 1 } : null };
}

/**
 * The rectangle to analyse: the used cells (or the chosen area within them), without the add-in's own
 * columns from an earlier run. Null when nothing is there.
 */
export function sourceRect(used: UsedCells | null, chosen: CellRect | null, previous: PreviousOutput | null): CellRect | null {
  let wanted: CellRect | null = used ? { ...used.rect } : null;
  if (chosen) wanted = used ? clamp(chosen, used.rect) : null;
  if (wanted && previous && previous.area.firstColumn - 2 < wanted.lastColumn && previous.area.firstColumn > wanted.firstColumn) {
    wanted = { ...wanted, lastColumn: Math.max(wanted.firstColumn, previous.area.firstColumn - 2) };
  }
  return wanted;
}

export function legendArea(plan: HighlightPlan): CellRect | null {
  if (plan.legend.entries.length === 0) return null;
  return {
    firstRow: plan.legend.row,
    firstColumn: plan.legend.column,
    lastRow: plan.legend.row + plan.legend.entries.length - 1,
    lastColumn: plan.legend.column + 1,
  };
}

/**
 * The cells the highlight will write must be empty (or hold what the add-in wrote last time). Returns the
 * message naming the first occupied cell, or null when the target is free.
 */
export function targetProblem(used: UsedCells | null, previous: PreviousOutput | null, plan: HighlightPlan, sheetName: string): string | null {
  if (!used) return null;
  const targets = [highlightArea(plan), legendArea(plan)].filter((r): r is CellRect => r !== null);
  const ours = [previous?.area, previous?.legend].filter((r): r is CellRect => !!r);
  for (const target of targets) {
    const overlap = clamp(target, used.rect);
    if (!overlap) continue;
    for (let row = overlap.firstRow; row <= overlap.lastRow; row++) {
      for (let column = overlap.firstColumn; column <= overlap.lastColumn; column++) {
        if (isBlank(cellIn(used, row, column))) continue;
        const cell = { firstRow: row, lastRow: row, firstColumn: column, lastColumn: column };
        if (ours.some((r) => intersects(r, cell))) continue;
        return (
          `Analyse adds its columns from column ${columnLetter(plan.firstColumn)} onwards, but cell ${cellAddress(row, column)} on “${sheetName}” is not empty. ` +
          "Nothing was changed. Move what is there (or leave the columns to the right of your data empty), then press Analyse again."
        );
      }
    }
  }
  return null;
}

/**
 * Reading a large used range: how many rows of `columns` cells go in one read, so that each read stays
 * under both the cell budget and Excel's five-million-cell limit (excelLimits.readCells).
 */
export function rowsPerRead(columns: number, cellBudget: number): number {
  return Math.max(1, Math.floor(cellBudget / Math.max(1, columns)));
}
