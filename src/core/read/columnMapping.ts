import { columnLetter } from "../common/a1";
import type { Grid } from "./grid";
import { readCount } from "./cellValues";
import { classifyHeading, countFields, fieldLabels } from "./headings";
import type { ColumnField, ColumnMatch, DoubtfulColumn, ReadWarning, SessionColumn } from "./pupilRecord";
import { checkValueFit } from "./valueFit";
import { columnsWithTwoRoles, twoRolesMessage } from "./columnRoles";
import { findTwoRowSessionColumns, parseSessionHeading, sortSessions } from "./sessionColumns";

interface Candidate {
  column: number;
  heading: string;
  confidence: number;
  rank: number;
  /** Share of the first values below the header that read as numbers (for figure fields). */
  numeric: number;
}

/** Values looked at below the header to tell a column of figures from a column of text. */
const sampleRows = 50;

const figureFields = new Set<ColumnField>([...countFields, "attendancePercent"]);

function numericShare(grid: Grid, column: number, headerRow: number): number {
  let seen = 0;
  let numbers = 0;
  for (let r = headerRow + 1; r < grid.length && seen < sampleRows; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const value: unknown = row[column];
    const count = readCount(typeof value === "string" ? value.replace("%", "") : value);
    if (count === -1) continue; // blank
    seen++;
    if (count >= 0) numbers++;
  }
  return seen === 0 ? 1 : numbers / seen;
}

function headingText(cells: readonly unknown[] | undefined, column: number): string {
  const value = Array.isArray(cells) ? cells[column] : undefined;
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

export interface MappingResult {
  columns: Partial<Record<ColumnField, ColumnMatch>>;
  sessions: SessionColumn[];
  warnings: ReadWarning[];
  /** First grid row below the headings (header + 2 when the AM/PM row sits under the header). */
  firstDataRow: number;
  /** Columns set aside because their values do not fit the field their heading suggests. */
  doubtful: DoubtfulColumn[];
}

/**
 * Which column holds which field, from the header row's headings. Where two columns could be the
 * same field ("Possible Sessions" and "Possible Marks"), the better one wins (figures before text,
 * then the more usual heading, then the leftmost), the rest become alternatives and confidence drops.
 * The user's choices (mappingOverride) win over detection; null means "ignore this field".
 */
export function buildColumnMapping(
  grid: Grid,
  headerRow: number,
  override: Partial<Record<ColumnField, number | null>> | undefined,
  describe: { sheetPrefix: string; firstColumn: number },
): MappingResult {
  const header = grid[headerRow];
  const cells: readonly unknown[] = Array.isArray(header) ? header : [];
  const candidates = new Map<ColumnField, Candidate[]>();
  const sessions: SessionColumn[] = [];

  for (let column = 0; column < cells.length; column++) {
    const heading = headingText(cells, column);
    if (heading === "") continue;
    if (typeof cells[column] === "string" && /\d/.test(heading)) {
      const session = parseSessionHeading(heading);
      if (session) {
        sessions.push({ column, date: session.date, session: session.session, heading });
        continue;
      }
    }
    const match = classifyHeading(heading);
    if (!match) continue;
    const numeric = figureFields.has(match.field) ? numericShare(grid, column, headerRow) : 1;
    const list = candidates.get(match.field) ?? [];
    list.push({ column, heading, confidence: match.confidence, rank: match.rank, numeric });
    candidates.set(match.field, list);
  }

  const columns: Partial<Record<ColumnField, ColumnMatch>> = {};
  for (const [field, list] of candidates) {
    list.sort(
      (a, b) =>
        Number(b.numeric >= 0.5) - Number(a.numeric >= 0.5) ||
        b.confidence - a.confidence ||
        a.rank - b.rank ||
        a.column - b.column,
    );
    const best = list[0]!;
    let confidence = best.confidence;
    if (list.length > 1) {
      const rival = list[1]!;
      confidence *= rival.confidence >= best.confidence && rival.numeric >= 0.5 === best.numeric >= 0.5 ? 0.7 : 0.9;
    }
    if (best.numeric < 0.5) confidence *= 0.5;
    columns[field] = {
      field,
      column: best.column,
      heading: best.heading,
      confidence: Math.round(confidence * 100) / 100,
      alternatives: list.slice(1).map((c) => c.column),
    };
  }

  // Registers with the date in one row and AM/PM in the row below (rows above or below the header).
  let firstDataRow = headerRow + 1;
  if (sessions.length === 0) {
    const above = headerRow > 0 ? grid[headerRow - 1] : undefined;
    const below = grid[headerRow + 1];
    const fromAbove = Array.isArray(above) ? findTwoRowSessionColumns(above, cells) : [];
    const fromBelow = fromAbove.length === 0 && Array.isArray(below) ? findTwoRowSessionColumns(cells, below) : [];
    if (fromAbove.length > 0) sessions.push(...fromAbove);
    else if (fromBelow.length > 0) {
      sessions.push(...fromBelow);
      firstDataRow = headerRow + 2;
    }
    if (sessions.length > 0) {
      const sessionColumns = new Set(sessions.map((s) => s.column));
      for (const field of Object.keys(columns) as ColumnField[]) {
        if (sessionColumns.has(columns[field]!.column)) delete columns[field];
      }
    }
  }

  const warnings: ReadWarning[] = [];
  let sessionList = sessions;
  const overridden = new Set<ColumnField>();
  if (override) {
    let width = cells.length;
    for (let r = headerRow + 1; r < grid.length && r <= headerRow + sampleRows; r++) {
      const row = grid[r];
      if (Array.isArray(row) && row.length > width) width = row.length;
    }
    const claimed = new Set<number>();
    for (const field of Object.keys(override) as ColumnField[]) {
      if (!(field in fieldLabels)) continue;
      const column = override[field];
      if (column === undefined) continue;
      overridden.add(field);
      if (column === null) {
        delete columns[field];
        continue;
      }
      if (!Number.isInteger(column) || column < 0 || column >= width) {
        const where = Number.isInteger(column) && column >= 0 ? `column ${columnLetter(describe.firstColumn + column)}` : `column ${String(column)}`;
        warnings.push({
          sourceRow: null,
          column: null,
          message: `${describe.sheetPrefix}: the column chosen for ${fieldLabels[field]} (${where}) is outside the pasted range — choose a column that holds ${fieldLabels[field].toLowerCase()}.`,
        });
        overridden.delete(field);
        continue;
      }
      claimed.add(column);
      columns[field] = { field, column, heading: headingText(cells, column), confidence: 1, alternatives: [] };
    }
    // A column the user gave to one field is no longer a candidate for any other.
    for (const field of Object.keys(columns) as ColumnField[]) {
      if (overridden.has(field)) continue;
      const match = columns[field]!;
      const remaining = [match.column, ...match.alternatives].filter((c) => !claimed.has(c));
      if (remaining.length === 0) {
        delete columns[field];
      } else if (remaining[0] !== match.column) {
        columns[field] = {
          ...match,
          column: remaining[0]!,
          heading: headingText(cells, remaining[0]!),
          alternatives: remaining.slice(1),
          confidence: Math.round(match.confidence * 80) / 100,
        };
      } else if (remaining.length !== match.alternatives.length + 1) {
        columns[field] = { ...match, alternatives: remaining.slice(1) };
      }
    }
    sessionList = sessions.filter((s) => !claimed.has(s.column));
  }

  // Values must fit the field (a "missed sessions" column of 0/1 beside possible sessions in the hundreds is a flag).
  const fit = checkValueFit(grid, firstDataRow, columns, overridden, {
    ...describe,
    headingOf: (column) => headingText(cells, column),
  });
  for (const message of fit.messages) warnings.push({ sourceRow: null, column: null, message });
  // Only the user's choices can give one column two fields; say so rather than read it twice.
  for (const shared of columnsWithTwoRoles(fit.columns)) {
    warnings.push({ sourceRow: null, column: null, message: twoRolesMessage(shared, describe.firstColumn, describe.sheetPrefix) });
  }

  return { columns: fit.columns, sessions: sortSessions(sessionList), warnings, firstDataRow, doubtful: fit.doubtful };
}
