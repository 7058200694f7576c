import { numberText } from "./cellValues";
import type { Grid } from "./grid";
import type { ReportedPercent } from "./pupilRecord";

export type PercentScale = "fraction" | "percent";

/**
 * How a whole attendance-percentage column is written (docs/rules.md §2: decide per column, not per cell).
 * "93.2%" anywhere → percent; every number between 0 and 1 (an Excel cell formatted as %) → fraction;
 * otherwise percent. Null when the column holds no numbers at all.
 */
export function decidePercentScale(grid: Grid, column: number, fromRow: number): PercentScale | null {
  let max = -Infinity;
  let numbers = 0;
  for (let r = fromRow; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const value: unknown = row[column];
    if (typeof value === "number") {
      if (Number.isFinite(value) && value >= 0) {
        numbers++;
        if (value > max) max = value;
      }
    } else if (typeof value === "string" && value.length > 0) {
      const text = value.trim();
      if (text.endsWith("%")) return "percent";
      const n = numberText(text);
      if (text.length > 0 && Number.isFinite(n) && n >= 0) {
        numbers++;
        if (n > max) max = n;
      }
    }
  }
  if (numbers === 0) return null;
  return max <= 1 ? "fraction" : "percent";
}

/** Places a number shows (93.2 → 1, 90 → 0), by arithmetic rather than String(n); null beyond 3. */
function decimalsOfNumber(value: number): number | null {
  let scaled = value;
  for (let places = 0; places <= 3; places++) {
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return places;
    scaled *= 10;
  }
  return null;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Removes floating-point noise from fraction × 100 (0.932 × 100 = 93.2, not 93.20000000000002). */
function tidy(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** Result of reading one percentage cell: the percentage, "blank", or "unreadable". */
export function readPercent(value: unknown, scale: PercentScale): ReportedPercent | "blank" | "unreadable" {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return "unreadable";
    if (scale === "fraction") {
      if (value > 1) return "unreadable";
      // A fraction from Excel holds full precision (the % format only changes how it looks).
      return { percent: tidy(value * 100), decimals: null };
    }
    if (value > 100) return "unreadable";
    // A plain number typed or exported as 93.2 was rounded by the MIS to the places it shows.
    return { percent: value, decimals: decimalsOfNumber(value) };
  }
  if (typeof value !== "string") return value === undefined || value === null ? "blank" : "unreadable";
  let text = value.trim();
  if (text === "" || text === "-") return "blank";
  let hasSign = false;
  if (text.endsWith("%")) {
    hasSign = true;
    text = text.slice(0, -1).trim();
  }
  const n = numberText(text);
  if (text === "" || !Number.isFinite(n) || n < 0) return "unreadable";
  const places = decimalsOf(text);
  if (scale === "fraction" && !hasSign) {
    if (n > 1) return "unreadable";
    return { percent: tidy(n * 100), decimals: Math.max(0, places - 2) };
  }
  if (n > 100) return "unreadable";
  return { percent: n, decimals: places };
}
