import { columnLetter } from "../common/a1";
import { fieldLabels } from "./headings";
import type { ColumnField } from "./pupilRecord";

/** One column given to more than one field (the user's choices can do this; detection never does). */
export interface SharedColumn {
  /** 0-based within the range read. */
  column: number;
  fields: ColumnField[];
}

/** Columns that more than one field reads, in column order, fields in the order of fieldLabels. */
export function columnsWithTwoRoles(columns: Partial<Record<ColumnField, { column: number }>>): SharedColumn[] {
  const byColumn = new Map<number, ColumnField[]>();
  for (const field of Object.keys(fieldLabels) as ColumnField[]) {
    const match = columns[field];
    if (!match) continue;
    byColumn.set(match.column, [...(byColumn.get(match.column) ?? []), field]);
  }
  return [...byColumn.entries()]
    .filter(([, fields]) => fields.length > 1)
    .sort(([a], [b]) => a - b)
    .map(([column, fields]) => ({ column, fields }));
}

/**
 * "Column F is used for both Possible sessions and Present sessions: …" (firstColumn: the range's first sheet
 * column); with a sheet prefix, "Export: column F is used …" as the reader's warnings read.
 */
export function twoRolesMessage(shared: SharedColumn, firstColumn: number, sheetPrefix?: string): string {
  const names = shared.fields.map((field) => fieldLabels[field]);
  const list = names.length === 2 ? `both ${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const where = sheetPrefix ? `${sheetPrefix}: column` : "Column";
  return `${where} ${columnLetter(firstColumn + shared.column)} is used for ${list}: one column can hold only one of them. Choose the right column for each, or “Not in this sheet”.`;
}
