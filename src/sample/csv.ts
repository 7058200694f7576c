import type { Grid } from "../core/read/grid";

/**
 * A grid as the text Excel writes for "CSV UTF-8 (Comma delimited)": a byte-order mark, CRLF line ends,
 * and quotes only round fields that need them. Pure, so the generator and its test can share it.
 */
export function gridToCsv(grid: Grid): string {
  const lines = grid.map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function csvField(value: string | number | boolean): string {
  const text = typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
