import type { Analysis } from "../core/rules/pupilAnalysis";

/**
 * Display helpers for the task pane: words and numbers as the user reads them.
 * No attendance rules here: bands, stages and levels arrive already decided by the core.
 */

export type ConfidenceWord = "Sure" | "Likely" | "Guess";

/** The reader's 0..1 confidence as a word, so it never rests on colour alone. */
export function confidenceWord(confidence: number): ConfidenceWord {
  if (confidence >= 0.9) return "Sure";
  if (confidence >= 0.6) return "Likely";
  return "Guess";
}

/**
 * The analysis's warnings as the pane lists them: each problem once (analysis.warnings already holds
 * every pupil's own), a pupil's named by name and row unless the message names the pupil already.
 */
export function warningLines(analysis: Pick<Analysis, "warnings" | "pupils">): string[] {
  const byRow = new Map<number, string>();
  for (const pupil of analysis.pupils) byRow.set(pupil.record.sourceRow, pupil.record.name);
  return analysis.warnings.map((warning) => {
    if (warning.sourceRow === null || !byRow.has(warning.sourceRow)) return warning.message;
    const name = byRow.get(warning.sourceRow) ?? "";
    return name !== "" && !warning.message.includes(name)
      ? `${name} (row ${warning.sourceRow}): ${warning.message}`
      : `Row ${warning.sourceRow}: ${warning.message}`;
  });
}
