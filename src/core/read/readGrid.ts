import type { Grid } from "./grid";
import { buildColumnMapping } from "./columnMapping";
import { findHeaderRow, headerSearchRows } from "./headerRow";
import { combineHeadingRows } from "./headingRows";
import { resolveColumnChoice } from "./columnChoice";
import { fieldLabels, measureFields } from "./headings";
import { academicYearOfIso } from "./penaltyNotice";
import { isIsoDate } from "../common/dates";
import { decidePercentScale, type PercentScale } from "./percentColumn";
import type { ColumnField, ColumnMapping, ReadOptions, ReadResult } from "./pupilRecord";
import { PupilRowReader } from "./pupilRows";
import { isBlankRow } from "./rowKinds";
import { WarningLog } from "./warnings";

/**
 * A pasted attendance sheet → the column mapping, one typed record per pupil row, and warnings.
 * Never throws: a grid it cannot read gives { ok: false, message } with one sentence saying what to do.
 */
export function readGrid(grid: Grid, options: ReadOptions = {}): ReadResult {
  try {
    return readGridChecked(grid, options);
  } catch {
    // Not expected (the property tests feed random grids); a message beats a crash in the task pane.
    const sheet = options.sheetName ? `sheet "${options.sheetName}"` : "the pasted range";
    return {
      ok: false,
      message: `The attendance export in ${sheet} could not be read — check that it is an attendance export with one header row and one row per pupil.`,
    };
  }
}

/** readGrid without its safety net, for tests that must see any exception. */
export function readGridChecked(grid: Grid, options: ReadOptions = {}): ReadResult {
  const firstRow = Number.isInteger(options.firstRow) && options.firstRow! >= 0 ? options.firstRow! : 0;
  // Excel's 1-based number of the grid's first row, for messages.
  const firstRowNumber = firstRow + 1;
  const firstColumn = Number.isInteger(options.firstColumn) && options.firstColumn! >= 0 ? options.firstColumn! : 0;
  const log = new WarningLog(options.sheetName || undefined, firstRow, firstColumn);
  let rows: Grid = Array.isArray(grid) ? grid : [];

  const emptyMessage = `${log.sheet} is empty — paste the attendance export from your MIS, including its header row, and try again.`;
  if (rows.length === 0) return { ok: false, message: emptyMessage };

  // 1. The header row: the user's choice, else the best-looking row near the top.
  let headerRow: number;
  const chosen = options.headerRowOverride;
  if (chosen !== undefined && chosen !== null) {
    if (!Number.isInteger(chosen) || chosen < 0 || chosen >= rows.length) {
      return {
        ok: false,
        message: `${log.sheet}: the header row chosen (row ${Number.isFinite(chosen) ? firstRowNumber + chosen : String(chosen)}) is outside the pasted range — choose the row that holds the column headings.`,
      };
    }
    headerRow = chosen;
  } else {
    const found = findHeaderRow(rows);
    if (!found) {
      if (rows.every((row) => isBlankRow(row))) return { ok: false, message: emptyMessage };
      return {
        ok: false,
        message: `${log.sheet}: no header row was found in the first ${headerSearchRows} rows — expected column headings such as "UPN", "Name", "Possible sessions", "Present" or "% Attendance"; check that the export includes its header row, or choose the header row yourself.`,
      };
    }
    headerRow = found.row;
  }

  // Headings over two rows (categories over "Count" / "%") read as one heading per column; the rows
  // themselves are untouched: a shallow copy carries the combined headings on the lower heading row.
  let firstHeadingRow = headerRow;
  const combined = combineHeadingRows(rows, headerRow);
  if (combined) {
    const copy = rows.slice();
    copy[combined.headerRow] = combined.cells;
    rows = copy;
    headerRow = combined.headerRow;
    firstHeadingRow = combined.firstRow;
  }

  // The user's columns by letter or heading, resolved against the headings just read.
  let mappingOverride = options.mappingOverride;
  if (options.columnsByText) {
    const header = rows[headerRow];
    const headings = Array.isArray(header) ? header.map((cell) => (typeof cell === "string" ? cell : typeof cell === "number" ? String(cell) : "")) : [];
    const chosen: Partial<Record<ColumnField, number | null>> = { ...mappingOverride };
    for (const field of Object.keys(options.columnsByText) as ColumnField[]) {
      const text = options.columnsByText[field];
      if (text === undefined || !(field in fieldLabels)) continue;
      const resolved = resolveColumnChoice(text, headings, firstColumn);
      if (!resolved.ok) {
        return { ok: false, message: `${log.sheet}: the column given for ${fieldLabels[field]} ("${text}") was not found — ${resolved.message}.` };
      }
      chosen[field] = resolved.column;
    }
    mappingOverride = chosen;
  }

  // 2. Columns, decided once from the header.
  const built = buildColumnMapping(rows, headerRow, mappingOverride, { sheetPrefix: log.sheet, firstColumn });
  for (const warning of built.warnings) log.warnings.push(warning);
  const columns = built.columns;
  const sessions = built.sessions;
  const hasFigures = measureFields.some((field) => columns[field] !== undefined) || sessions.length > 0;
  if (!hasFigures) {
    return {
      ok: false,
      // The heading row and what was found, so the pane can offer every column to choose from.
      mapping: { headerRow, columns, sessions, percentScale: null, ...(combined ? { firstHeadingRow, headings: combined.cells.map((cell) => String(cell)) } : {}) },
      message: `${log.sheet}: the headings on row ${firstRowNumber + headerRow} include no attendance figures — expected columns such as "Possible sessions", "Present", "Authorised absences", "Unauthorised absences" or "% Attendance", or one column per session ("Mon 01/09/2025 AM"); export them from your MIS or choose the columns yourself.`,
    };
  }

  const percentColumn = columns.attendancePercent?.column ?? -1;
  // docs/rules.md §2: one form for the whole column. Null when the column holds no numbers at all.
  const decidedScale = percentColumn >= 0 ? decidePercentScale(rows, percentColumn, headerRow + 1) : null;
  const percentScale: PercentScale = decidedScale ?? "percent";
  const mapping: ColumnMapping = {
    headerRow,
    columns,
    sessions,
    percentScale: decidedScale,
    ...(combined ? { firstHeadingRow, headings: combined.cells.map((cell) => String(cell)) } : {}),
    ...(built.doubtful.length > 0 ? { doubtful: built.doubtful } : {}),
  };

  // 3. "This academic year" for recorded penalty notices.
  const latestSession = sessions.length > 0 ? sessions[sessions.length - 1]!.date : undefined;
  const referenceYear =
    academicYearOfIso(options.referenceDate) ?? academicYearOfIso(latestSession) ?? academicYearOfIso(options.today);

  // 4. Rows, with column positions fixed above.
  // docs/rules.md §7: a date of birth after the earliest date the run knows as "now" cannot be right.
  const knownDates = [options.today, options.referenceDate, latestSession].filter((d): d is string => d !== undefined && isIsoDate(d));
  const latestBirthDate = knownDates.length > 0 ? knownDates.reduce((a, b) => (b < a ? b : a)) : null;
  const pupils = new PupilRowReader(rows, mapping, percentScale, referenceYear, log, options.fieldCounts, latestBirthDate).readRows(
    rows,
    built.firstDataRow,
  );

  if (pupils.length === 0) {
    return {
      ok: false,
      mapping,
      message: `${log.sheet}: no pupil rows were found below the header on row ${firstRowNumber + headerRow} — check that each pupil has a row with a name or UPN and attendance figures under the headings.`,
    };
  }
  return { ok: true, mapping, pupils, warnings: log.finish() };
}
