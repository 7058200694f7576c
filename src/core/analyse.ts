import type { Grid } from "./read/grid";
import type { ColumnMapping, ReadOptions, ReadWarning } from "./read/pupilRecord";
import { asAtDate } from "./read/asAtDate";
import { readGrid } from "./read/readGrid";
import { keyDescription } from "./report/pupilIdentity";
import { indistinguishablePupils } from "./report/pupilReferences";
import { analysePupils } from "./rules/analysePupils";
import type { Analysis } from "./rules/pupilAnalysis";
import { defaultSettings, type AttendanceSettings } from "./rules/settings";
import { summarise } from "./rules/summary";

export interface AnalyseOptions extends ReadOptions {
  settings?: AttendanceSettings;
  /** Patterns in session marks (docs/rules.md §10); on unless false (the benchmark times the engine without them). */
  patterns?: boolean;
}

export type AnalyseResult = { ok: true; analysis: Analysis } | { ok: false; message: string; mapping?: ColumnMapping };

/**
 * The whole engine: a pasted grid in, every pupil classified with reasons out.
 * Never throws on odd input: a grid it cannot read gives { ok: false, message }.
 */
export function analyseGrid(grid: Grid, options: AnalyseOptions = {}): AnalyseResult {
  const settings = options.settings ?? defaultSettings;
  const read = readGrid(grid, options);
  if (!read.ok) return read.mapping ? { ok: false, message: read.message, mapping: read.mapping } : { ok: false, message: read.message };
  const pupils = analysePupils(read.pupils, read.mapping, settings, { patterns: options.patterns });
  // Pupil-level doubts (unknown marks, counts that do not add up) belong in the same list as the
  // reader's, so the CLI's JSON and the task pane show every warning with its row.
  const warnings: ReadWarning[] = [...read.warnings];
  for (const pupil of pupils) {
    for (const message of pupil.warnings) warnings.push({ sourceRow: pupil.record.sourceRow, column: null, message });
  }
  // Pupils the strongest key the export has cannot tell apart: typed notes are never guessed onto one of them.
  for (const { key, fields, pupils: group } of indistinguishablePupils(pupils)) {
    const rows = group.map((index) => pupils[index]?.record.sourceRow ?? 0);
    const list = `${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
    warnings.push({
      sourceRow: rows[0] ?? 0,
      column: null,
      message: `Rows ${list} cannot be told apart (${keyDescription(key, fields)}), so notes typed for them on the TSM form are kept under "Could not be matched" instead of being put on one of them: give each pupil their own UPN in the export.`,
    });
  }
  return {
    ok: true,
    analysis: {
      mapping: read.mapping,
      settings,
      pupils,
      summary: { ...summarise(pupils, read.mapping), dataAsAt: asAtDate(grid, read.mapping.headerRow) },
      warnings,
    },
  };
}
