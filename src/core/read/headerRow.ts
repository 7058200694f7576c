import type { Grid } from "./grid";
import { classifyHeading, measureFields } from "./headings";
import type { ColumnField } from "./pupilRecord";
import { parseSessionHeading } from "./sessionColumns";

/** Exports put titles, a date range and blank rows above the header; look this far down for it. */
export const headerSearchRows = 30;

export interface HeaderCandidate {
  row: number;
  /** Recognised headings (fields and session columns). */
  recognised: number;
  /** Whether the row names any attendance figure (a measure field or a register-mark column). */
  hasFigures: boolean;
  score: number;
}

const measureSet = new Set<ColumnField>(measureFields);

/** Scores one row as a header: known headings count, attendance figures count double. */
export function scoreHeaderRow(
  cells: readonly unknown[],
  row: number,
  cache: Map<string, ReturnType<typeof classifyHeading>> = new Map(),
): HeaderCandidate {
  let recognised = 0;
  let score = 0;
  let hasFigures = false;
  let sessions = 0;
  const seen = new Set<ColumnField>();
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (typeof cell !== "string") continue;
    const text = cell.trim();
    // No heading is shorter than two letters; register marks ("/", "L") are skipped at once.
    if (text.length < 2) continue;
    const hasDigit = /\d/.test(text);
    if (hasDigit && sessions >= 10) continue; // enough session headings seen to score this row
    if (hasDigit && parseSessionHeading(text)) {
      sessions++;
      recognised++;
      score += 2;
      hasFigures = true;
      continue;
    }
    let match = cache.get(text);
    if (match === undefined) {
      match = classifyHeading(text);
      cache.set(text, match);
    }
    if (match) {
      recognised++;
      // A field named twice adds little: a data row full of "Year 7" is not a header.
      score += seen.has(match.field) ? 0.1 : match.confidence * (measureSet.has(match.field) ? 2 : 1);
      seen.add(match.field);
      if (measureSet.has(match.field)) hasFigures = true;
    }
  }
  return { row, recognised, hasFigures, score };
}

/**
 * The header row: the best-scoring row in the first rows that has at least two recognised headings.
 * Rows naming attendance figures win over rows that do not. Null when no row qualifies.
 */
export function findHeaderRow(grid: Grid, searchRows = headerSearchRows): HeaderCandidate | null {
  let best: HeaderCandidate | null = null;
  const last = Math.min(grid.length, searchRows);
  // Data rows repeat the same values ("Y", "Year 7"): classify each distinct text once.
  const cache = new Map<string, ReturnType<typeof classifyHeading>>();
  for (let r = 0; r < last; r++) {
    const cells = grid[r];
    if (!Array.isArray(cells)) continue;
    const candidate = scoreHeaderRow(cells, r, cache);
    if (candidate.recognised < 2) continue;
    if (
      best === null ||
      (candidate.hasFigures && !best.hasFigures) ||
      (candidate.hasFigures === best.hasFigures && candidate.score > best.score)
    ) {
      best = candidate;
    }
  }
  return best;
}
