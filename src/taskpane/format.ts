
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
