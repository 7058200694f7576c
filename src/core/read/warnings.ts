import { columnLetter } from "../common/a1";
import type { ReadWarning } from "./pupilRecord";

/** Cell warnings kept per column before the rest are summed up in one line. */
const perColumnLimit = 20;
/** Row warnings (skipped rows) kept before the rest are summed up. */
const rowLimit = 200;

/**
 * Where a message points: `Sheet "Export", row 14, column F`. Builds the text only when a warning
 * is actually kept, so a sheet full of bad cells still reads quickly.
 */
export class WarningLog {
  readonly warnings: ReadWarning[] = [];
  private readonly columnCounts = new Map<number, { count: number; label: string }>();
  private rowCount = 0;

  constructor(
    readonly sheetName: string | undefined,
    /** 0-based sheet row of grid[0]. */
    readonly firstRow: number,
    readonly firstColumn: number,
  ) {}

  /** "Sheet "Export"" or "The pasted range". */
  get sheet(): string {
    return this.sheetName ? `Sheet "${this.sheetName}"` : "The pasted range";
  }

  /** Excel's 1-based row number of a grid row. */
  sourceRow(gridRow: number): number {
    return this.firstRow + gridRow + 1;
  }

  letter(gridColumn: number): string {
    return columnLetter(this.firstColumn + gridColumn);
  }

  /** "Sheet "Export", row 14, column F" (or "Row 14, column F" without a sheet name). */
  where(gridRow: number, gridColumn?: number): string {
    const base = this.sheetName ? `Sheet "${this.sheetName}", row ${this.sourceRow(gridRow)}` : `Row ${this.sourceRow(gridRow)}`;
    return gridColumn === undefined ? base : `${base}, column ${this.letter(gridColumn)}`;
  }

  sheetWarning(message: string): void {
    this.warnings.push({ sourceRow: null, column: null, message });
  }

  /** A problem with one cell; `message` is called only when the warning is kept. */
  cell(gridRow: number, gridColumn: number, label: string, message: () => string): void {
    const entry = this.columnCounts.get(gridColumn);
    const count = entry ? ++entry.count : 1;
    if (!entry) this.columnCounts.set(gridColumn, { count, label });
    if (count > perColumnLimit) return;
    this.warnings.push({ sourceRow: this.sourceRow(gridRow), column: this.letter(gridColumn), message: message() });
  }

  /** A skipped row that a user might have expected to be a pupil. */
  row(gridRow: number, message: () => string): void {
    this.rowCount++;
    if (this.rowCount > rowLimit) return;
    this.warnings.push({ sourceRow: this.sourceRow(gridRow), column: null, message: message() });
  }

  /** Adds one line for each column or kind of warning that was cut short. */
  finish(): ReadWarning[] {
    for (const [column, { count, label }] of this.columnCounts) {
      if (count <= perColumnLimit) continue;
      const more = count - perColumnLimit;
      this.warnings.push({
        sourceRow: null,
        column: this.letter(column),
        message: `${this.sheet}, column ${this.letter(column)}: ${more.toLocaleString("en-GB")} more cells could not be read as ${label} — check the column or choose another one for ${label}.`,
      });
    }
    if (this.rowCount > rowLimit) {
      const more = this.rowCount - rowLimit;
      this.sheetWarning(
        `${this.sheet}: ${more.toLocaleString("en-GB")} more rows were not read as pupils — check that the header row and columns are right.`,
      );
    }
    return this.warnings;
  }
}
