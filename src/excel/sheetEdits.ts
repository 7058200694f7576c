import { parseAddress, type CellRect } from "../core/common/a1";
import type { HighlightRecord } from "./storedState";

/**
 * Is a change Excel reported on a sheet the add-in's own write? Analyse writes only inside the columns and
 * legend it records (storedState.ts); a change that lies wholly inside them is ours (or an edit to the
 * add-in's own columns, which the next Analyse rewrites anyway). Anything touching the pasted data is the
 * user's, and makes the pane's results out of date. An address we cannot read counts as the user's.
 */
export function isAddInWrite(changedAddress: string, record: HighlightRecord | undefined): boolean {
  if (!record) return false;
  const changed = parseAddress(changedAddress);
  if (!changed) return false;
  const inside = (area: CellRect | null) =>
    area !== null &&
    changed.firstRow >= area.firstRow &&
    changed.lastRow <= area.lastRow &&
    changed.firstColumn >= area.firstColumn &&
    changed.lastColumn <= area.lastColumn;
  return inside(record.area) || inside(record.legend);
}
