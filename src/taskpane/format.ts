import { format, isValid, parse } from "date-fns";

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

/** ISO yyyy-MM-dd → dd/MM/yyyy. */
export function ukDate(iso: string): string {
  const date = parse(iso, "yyyy-MM-dd", new Date(2000, 0, 1));
  return isValid(date) ? format(date, "dd/MM/yyyy") : iso;
}

/** dd/MM/yyyy (or d/M/yyyy) → ISO yyyy-MM-dd; null when it is not a real date. */
export function parseUkDate(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(trimmed)) return null;
  const date = parse(trimmed, "d/M/yyyy", new Date(2000, 0, 1));
  if (!isValid(date)) return null;
  return format(date, "yyyy-MM-dd");
}

/** Today as ISO yyyy-MM-dd in the user's own time zone. */
export function todayIso(now: Date = new Date()): string {
  return format(now, "yyyy-MM-dd");
}
