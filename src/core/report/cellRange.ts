/** A plan's A1 range ("B3:D3" or "B3") as 0-based rows and columns, or null when it is not one. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function cellAt(text: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text.trim());
  if (!m) return null;
  let column = 0;
  for (const ch of (m[1] ?? "").toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return row >= 1 ? { row: row - 1, column: column - 1 } : null;
}

export function parseCellRange(range: string): CellRange | null {
  const [first, second, extra] = range.split(":");
  if (first === undefined || extra !== undefined) return null;
  const a = cellAt(first);
  const b = second === undefined ? a : cellAt(second);
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}
