import type { Analysis } from "../core/rules/pupilAnalysis";
import { format, isValid, parse } from "date-fns";
import { columnLetter } from "../core/read/grid";

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

/**
 * The first 0-based sheet column, the width and the first 1-based row of an A1 address such as "Export!C3:U201"
 * or "'My sheet'!A1:B2"; null when the address cannot be read.
 */
export function addressColumns(address: string): { firstColumn: number; width: number; firstRow: number } | null {
  const cells = address.slice(address.lastIndexOf("!") + 1);
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?\d+)?$/i.exec(cells);
  if (!match?.[1] || !match[2]) return null;
  const first = letterIndex(match[1]);
  const last = match[3] ? letterIndex(match[3]) : first;
  return { firstColumn: first, width: last - first + 1, firstRow: Number(match[2]) };
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export { columnLetter };

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
