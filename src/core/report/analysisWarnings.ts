import type { Analysis } from "../rules/pupilAnalysis";

/** One warning from an analysis: about the whole sheet (sourceRow null) or about one row. */
export interface AnalysisWarning {
  /** 1-based row in the sheet, or null for a warning about the whole sheet. */
  sourceRow: number | null;
  message: string;
  /** The pupil's name when the warning is about a pupil's row (never for shareable outputs). */
  pupilName: string | null;
}

/**
 * Every warning of an analysis, each once: sheet-level and read warnings first, then each pupil's own, in row
 * order. The one list the pane and the command line's JSON show.
 */
export function analysisWarnings(analysis: Analysis): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  const seen = new Set<string>();
  const add = (sourceRow: number | null, message: string, pupilName: string | null): void => {
    const key = `${sourceRow ?? ""}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push({ sourceRow, message, pupilName });
  };
  // A read warning about a pupil's row is named by the pupil, like the pupil's own warnings.
  const names = new Map(analysis.pupils.map((pupil) => [pupil.record.sourceRow, pupil.record.name || null]));
  for (const warning of analysis.warnings) {
    add(warning.sourceRow, warning.message, warning.sourceRow === null ? null : (names.get(warning.sourceRow) ?? null));
  }
  for (const pupil of analysis.pupils) {
    for (const message of pupil.warnings) add(pupil.record.sourceRow, message, pupil.record.name || null);
  }
  // Stable sort: whole-sheet warnings (null) first, then by row.
  return warnings
    .map((warning, index) => ({ warning, index }))
    .sort((a, b) => (a.warning.sourceRow ?? 0) - (b.warning.sourceRow ?? 0) || a.index - b.index)
    .map(({ warning }) => warning);
}
