import { readCount } from "./cellValues";
import { columnLetter } from "../common/a1";
import type { Grid } from "./grid";
import { fieldLabels } from "./headings";
import type { ColumnField, ColumnMatch, DoubtfulColumn } from "./pupilRecord";

/** Values looked at per column: enough to tell a flag from a count, cheap on 100,000 rows. */
const sampleRows = 500;
/** Possible sessions at or above this (half a term) make a column of 0s and 1s implausible as a count. */
const plausibleTermSessions = 20;

interface ColumnValues {
  numbers: number[];
  blanks: number;
}

function valuesOf(grid: Grid, column: number, fromRow: number): ColumnValues {
  const numbers: number[] = [];
  let blanks = 0;
  for (let r = fromRow; r < grid.length && numbers.length + blanks < sampleRows; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const value: unknown = row[column];
    const n = readCount(typeof value === "string" ? value.replace("%", "") : value);
    if (n === -1) blanks++;
    else if (n >= 0) numbers.push(n);
  }
  return { numbers, blanks };
}

function median(numbers: readonly number[]): number | null {
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** "0, 1 and blanks" / "100 and blanks": a yes/no flag, however its heading reads. null when not flag-like. */
function flagPattern(values: ColumnValues): { words: string; hundred: boolean } | null {
  const { numbers, blanks } = values;
  if (numbers.length + blanks < 3 || numbers.length === 0) return null;
  let zeroOne = true;
  let zeroHundred = true;
  let nonZero = false;
  for (const n of numbers) {
    if (n !== 0 && n !== 1) zeroOne = false;
    if (n !== 0 && n !== 100) zeroHundred = false;
    if (n !== 0) nonZero = true;
  }
  if (!nonZero || (!zeroOne && !zeroHundred)) return null;
  // One value throughout and no blanks (possible sessions of 100 for everyone) is a plain column.
  const distinct = new Set(numbers);
  if (distinct.size === 1 && blanks === 0) return null;
  const hundred = !zeroOne;
  const shown = [...distinct].sort((a, b) => a - b).map(String);
  const parts = blanks > 0 ? [...shown, "blanks"] : shown;
  const words = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return { words, hundred };
}

/**
 * Why a column's values do not fit its field, or null when they do (docs/rules.md §1–2). A status
 * column whose heading slipped past statusOfHeading ("Absence Indicator" holding 1/blank) must not be
 * counted: read as missed sessions it would put a persistent absentee at 1 missed session.
 */
function misfit(field: ColumnField, values: ColumnValues, possibleMedian: number | null): string | null {
  if (field === "attendancePercent") {
    const flag = flagPattern(values);
    // A percentage column of 100s (or 0s and 1s) with blanks between is a yes/no flag, not attendance.
    if (flag && values.blanks > 0) return `it holds only ${flag.words}, like a yes/no flag, not attendance percentages`;
    return null;
  }
  const flag = flagPattern(values);
  if (!flag) return null;
  const termLong = possibleMedian !== null && possibleMedian >= plausibleTermSessions;
  const beside = termLong ? ` beside possible sessions of about ${possibleMedian}` : "";
  if (field === "missedSessions") {
    if (termLong || flag.hundred || values.blanks > 0) return `it holds only ${flag.words}${beside}, like a yes/no flag, not numbers of sessions`;
    return null;
  }
  if (field === "possibleSessions") return flag.hundred ? null : `it holds only ${flag.words}, like a yes/no flag, not numbers of sessions`;
  if (!termLong) return null;
  // Present or attended sessions of 0 or 1 for every pupil in a term cannot be right.
  if (field === "presentSessions" || field === "attendedSessions" || flag.hundred || values.blanks > 0) {
    return `it holds only ${flag.words}${beside}, like a yes/no flag, not numbers of sessions`;
  }
  return null;
}

const checkedFields: readonly ColumnField[] = [
  "possibleSessions",
  "missedSessions",
  "authorisedSessions",
  "unauthorisedSessions",
  "presentSessions",
  "attendedSessions",
  "aeaSessions",
  "attendancePercent",
];

export interface ValueFitResult {
  columns: Partial<Record<ColumnField, ColumnMatch>>;
  doubtful: DoubtfulColumn[];
  messages: string[];
}

/**
 * Checks each figure column's values against its field. A column that does not fit is set aside as
 * doubtful (the next candidate for the field is tried), named in one sheet warning and offered to the
 * user, never silently used. Columns the user chose are taken as given.
 */
export function checkValueFit(
  grid: Grid,
  firstDataRow: number,
  detected: Partial<Record<ColumnField, ColumnMatch>>,
  chosenByUser: ReadonlySet<ColumnField>,
  describe: { sheetPrefix: string; firstColumn: number; headingOf: (column: number) => string },
): ValueFitResult {
  const columns = { ...detected };
  const doubtful: DoubtfulColumn[] = [];
  const messages: string[] = [];
  const cache = new Map<number, ColumnValues>();
  const values = (column: number): ColumnValues => {
    let found = cache.get(column);
    if (!found) cache.set(column, (found = valuesOf(grid, column, firstDataRow)));
    return found;
  };
  const possibleMatch = columns.possibleSessions;
  let possibleMedian: number | null = null;
  if (possibleMatch && (chosenByUser.has("possibleSessions") || misfit("possibleSessions", values(possibleMatch.column), null) === null)) {
    possibleMedian = median(values(possibleMatch.column).numbers);
  }
  for (const field of checkedFields) {
    const match = columns[field];
    if (!match || chosenByUser.has(field)) continue;
    const candidates = [match.column, ...match.alternatives];
    let kept: number | null = null;
    for (const column of candidates) {
      const reason = misfit(field, values(column), possibleMedian);
      if (reason === null) {
        kept = column;
        break;
      }
      const heading = describe.headingOf(column);
      doubtful.push({ field, column, heading, reason });
      const label = fieldLabels[field];
      messages.push(
        `${describe.sheetPrefix}, column ${columnLetter(describe.firstColumn + column)}${heading ? ` ("${heading}")` : ""}: ${reason}, so it was not read as ${label} — if it does hold ${label.charAt(0).toLowerCase()}${label.slice(1)}, choose it for ${label} yourself.`,
      );
    }
    if (kept === null) {
      delete columns[field];
    } else if (kept !== match.column) {
      const rest = candidates.filter((c) => c !== kept && !doubtful.some((d) => d.field === field && d.column === c));
      columns[field] = { ...match, column: kept, heading: describe.headingOf(kept), alternatives: rest, confidence: Math.round(match.confidence * 70) / 100 };
    }
  }
  return { columns, doubtful, messages };
}
