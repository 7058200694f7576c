/**
 * How any text from an input appears inside a message: at most a short excerpt (a 900,000-character field
 * is not echoed whole), with control characters shown as escapes (\u0000, \u001B …) so that a NUL, a bell
 * or a terminal escape sequence in a file can never reach a terminal, a log or a cell raw.
 */
export const excerptLength = 40;

// C0 and C1 controls, DEL, and the bidirectional overrides that can make text read backwards.
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters as visible \uXXXX escapes (newlines and tabs included: an excerpt is one line). */
export function escapeControls(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** A short, safe excerpt: the first characters (an ellipsis when cut), control characters escaped. */
export function excerpt(text: string, max = excerptLength): string {
  const cut = text.length > max ? `${text.slice(0, max - 3)}…` : text;
  return escapeControls(cut);
}

/** The excerpt in double quotes, as messages quote what they found. */
export function quoted(text: string, max = excerptLength): string {
  return `"${excerpt(text, max)}"`;
}
