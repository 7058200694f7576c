import { quoted } from "./excerpt";
/**
 * Reading one cell as a typed value. Cells are what Excel's Range.values gives (numbers may be text
 * when the export came from a CSV). Every function here is cheap: it runs once per cell.
 */

/**
 * A string without surrounding spaces. Most cells have none, so two character checks usually save
 * calling trim() (printable ASCII at both ends cannot be white space).
 */
export function trimmed(value: string): string {
  const last = value.length - 1;
  if (last < 0) return value;
  const first = value.charCodeAt(0);
  const end = value.charCodeAt(last);
  if (first > 32 && first < 127 && end > 32 && end < 127) return value;
  return value.trim();
}

/** Trimmed text of a cell; "" for blank. Numbers keep their digits (a UPN typed as a number stays "820001583800"). */
export function cellText(value: unknown): string {
  if (typeof value === "string") return trimmed(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return "";
}

export function isBlank(value: unknown): boolean {
  if (typeof value === "string") return value.length === 0 || value.trim().length === 0;
  return value === undefined || value === null;
}

/**
 * A number typed as text, as Excel reads one: decimal only. JavaScript's Number() also reads "0x96" (150),
 * "0b11" and "0o17", which Excel keeps as text, so a typed "0x96" is not 150 sessions. NaN when not a number.
 */
export function numberText(text: string): number {
  return hasRadixPrefix(text) ? NaN : Number(text);
}

/** Whether the text starts (after spaces and a sign) with 0x, 0b or 0o. Char codes: it runs on every counted cell. */
function hasRadixPrefix(text: string): boolean {
  let at = 0;
  while (at < text.length && text.charCodeAt(at) <= 32) at++;
  const sign = text.charCodeAt(at);
  if (sign === 43 || sign === 45) at++;
  if (text.charCodeAt(at) !== 48) return false;
  const radix = text.charCodeAt(at + 1) | 32;
  return radix === 120 || radix === 98 || radix === 111;
}

/** "1,234" → 1234; " 150 " → 150. NaN when not a plain number. */
export function parseNumberText(text: string): number {
  if (text.length === 0) return NaN;
  const n = numberText(text);
  if (Number.isFinite(n)) return n;
  // Slow path for thousands separators only.
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ""));
  return NaN;
}

/** The outcome of reading a count: a number, blank, or something that is not a count. */
export const BLANK = -1;
export const UNREADABLE = -2;

/**
 * A number of sessions: a non-negative finite number, or BLANK / UNREADABLE.
 * Kept as a single number (no object per cell) because it runs on every counted cell.
 */
export function readCount(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : UNREADABLE;
  if (typeof value === "string") {
    if (value.length === 0) return BLANK;
    let n = numberText(value); // Number() ignores surrounding spaces and reads "" or "  " as 0
    if (n === 0 && value.trim().length === 0) return BLANK;
    if (!Number.isFinite(n)) {
      const text = value.trim();
      n = parseNumberText(text);
      if (!Number.isFinite(n)) return text === "-" ? BLANK : UNREADABLE;
    }
    return n >= 0 ? n : UNREADABLE;
  }
  if (value === undefined || value === null) return BLANK;
  return UNREADABLE;
}

const trueWords = new Set(["y", "yes", "true", "t", "1", "x", "✓", "✔", "eligible", "on", "in place", "current"]);
const falseWords = new Set(["n", "no", "false", "f", "0", "", "-", "not eligible", "none", "off", "n/a", "na"]);

/**
 * A yes/no flag: "Y", "Yes", TRUE, 1, "X" or the field's own abbreviation ("FSM" in an FSM column) → true;
 * "N", "No", FALSE, 0 and blank → false (an MIS leaves the cell blank when the flag is not set);
 * anything else → null (not known).
 */
export function readFlag(value: unknown, ownWords?: ReadonlySet<string>): boolean | null {
  if (typeof value === "string" && value.length === 1) {
    // Fast path for the usual "Y" / "N".
    const code = value.charCodeAt(0) | 32;
    if (code === 121) return true; // y
    if (code === 110) return false; // n
  }
  if (typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (value === 1) return true;
    if (value === 0) return false;
    return null;
  }
  if (typeof value !== "string") return value === undefined || value === null ? false : null;
  const text = value.trim().toLowerCase();
  if (trueWords.has(text)) return true;
  if (falseWords.has(text)) return false;
  if (ownWords && ownWords.has(text)) return true;
  return null;
}

const statusTrue = new Set(["y", "yes", "true", "t", "x", "✓", "✔", "pa", "sa", "persistent", "severe", "persistently absent", "severely absent",
  "persistent absence", "severe absence", "persistent absentee", "severe absentee"]);
const statusFalse = new Set(["n", "no", "false", "f", "-", "not pa", "not sa", "none", "n/a", "na"]);

/**
 * A status cell ("Persistent Absence", "PA?", "SA flag"): 1, Y, Yes, TRUE, X, "PA", "SA", 100 or "100.00"
 * (ScholarPack's % mode) → true; blank, 0, N, No, FALSE → false (an MIS leaves the cell blank when the
 * pupil is not in the band); anything else → null, so nothing is concluded from it.
 */
export function readStatus(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (value === 1 || value === 100) return true;
    if (value === 0) return false;
    return null;
  }
  if (typeof value !== "string") return value === undefined || value === null ? false : null;
  const text = value.trim().toLowerCase();
  if (text === "") return false;
  if (statusTrue.has(text)) return true;
  if (statusFalse.has(text)) return false;
  const n = numberText(text.endsWith("%") ? text.slice(0, -1) : text);
  if (Number.isFinite(n)) return n === 1 || n === 100 ? true : n === 0 ? false : null;
  return null;
}

/** SEN status codes (SEN2/CBDS): K = SEN support, E = EHC plan, S = statement (pre-2014), N = none. */
const noSen = { senSupport: false, ehcp: false } as const;
const senSupport = { senSupport: true, ehcp: false } as const;
const senEhcp = { senSupport: false, ehcp: true } as const;

export function readSen(value: unknown): { senSupport: boolean | null; ehcp: boolean | null } {
  if (typeof value === "string" && value.length === 1) {
    // Fast path for the usual one-letter codes.
    const code = value.charCodeAt(0) | 32;
    if (code === 110) return noSen; // n
    if (code === 107) return senSupport; // k
    if (code === 101) return senEhcp; // e
  }
  const text = cellText(value).toLowerCase();
  switch (text) {
    case "":
    case "n":
    case "no":
    case "none":
    case "no sen":
    case "-":
      return { senSupport: false, ehcp: false };
    case "k":
    case "sen support":
    case "support":
    case "a":
    case "p":
    case "school action":
    case "school action plus":
      return { senSupport: true, ehcp: false };
    case "e":
    case "s":
    case "ehcp":
    case "ehc plan":
    case "ehc":
    case "statement":
      return { senSupport: false, ehcp: true };
    default:
      if (text.startsWith("k ") || text.startsWith("k -")) return { senSupport: true, ehcp: false };
      if (text.startsWith("e ") || text.startsWith("e -") || text.includes("ehc")) return { senSupport: false, ehcp: true };
      if (text.includes("support")) return { senSupport: true, ehcp: false };
      return { senSupport: null, ehcp: null };
  }
}

/** Gypsy/Roma/Traveller from an ethnicity code or description (docs/rules.md §9). */
const grtCodes = ["WROM", "WIRT", "WROG", "WROR", "WROO"];
const notObtained = new Set(["", "REFU", "NOBT", "NOT OBTAINED", "REFUSED", "INFORMATION NOT YET OBTAINED"]);

export function readGrt(ethnicity: string): boolean | null {
  const upper = ethnicity.toUpperCase();
  if (notObtained.has(upper)) return null;
  for (const code of grtCodes) if (upper.startsWith(code)) return true;
  if (upper.includes("GYPSY") || upper.includes("ROMA") || upper.includes("TRAVELLER")) return true;
  return false;
}

const receptionWords = new Set(["r", "rec", "reception", "yr r", "year r", "y r", "yr", "fs2", "f2", "year reception"]);
// A nursery class not split into N1 and N2 (FS1 is the foundation-stage name for nursery).
const nurseryWords = new Set(["n", "nur", "nurs", "nursery", "fs1", "f1", "year n", "yr n"]);

/**
 * Year group normalised to "R", "N", "N1", "N2" or "1".."14": 7, "7", "Y7", "Year 7", "Yr 07", "NC 7",
 * "Reception", "Nursery 1". Other text is kept as written; blank → null.
 */
export function readYearGroup(value: unknown): string | null {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 1 && value <= 14) return String(value);
    return Number.isFinite(value) ? String(value) : null;
  }
  if (typeof value === "string" && value.length === 1) {
    // Fast path for "7" and "R".
    const code = value.charCodeAt(0);
    if (code >= 49 && code <= 57) return value;
    if ((code | 32) === 114) return "R";
  }
  const text = cellText(value);
  if (text === "") return null;
  const n = numberText(text);
  if (Number.isInteger(n) && n >= 1 && n <= 14) return String(n);
  const lower = text.toLowerCase().replace(/\.$/, "");
  if (receptionWords.has(lower)) return "R";
  if (nurseryWords.has(lower)) return "N";
  const nursery = /^(?:n|nursery|nur|nurs|year n|yr n|y n)\s*([12])$/.exec(lower);
  if (nursery) return `N${nursery[1]}`;
  const year = /^(?:y|yr|year|nc|nc year|year group)\s*[-:]?\s*0?(\d{1,2})$/.exec(lower);
  if (year) {
    const y = Number(year[1]);
    if (y >= 1 && y <= 14) return String(y);
  }
  return text;
}

/**
 * A normalised year group (readYearGroup) in words: "Year 7", "Reception", "Nursery 1"; other text as the
 * sheet gave it; null when unknown. readYearGroup reads these words back.
 */
export function yearGroupText(yearGroup: string | null): string | null {
  if (yearGroup === null || yearGroup.trim() === "") return null;
  const y = yearGroup.trim();
  if (/^\d{1,2}$/.test(y)) return `Year ${Number(y)}`;
  if (y.toUpperCase() === "R") return "Reception";
  const nursery = /^N([12])$/i.exec(y);
  if (nursery) return `Nursery ${nursery[1]}`;
  if (y.toUpperCase() === "N") return "Nursery";
  return y;
}

/** A stage (0–6) or level (1–4) written as 3, "3", "Stage 3", "Level 3", "L3", "S3"; null when not one. */
export function readLadderNumber(value: unknown, min: number, max: number): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else {
    const text = cellText(value);
    if (text === "" || text.length > 40) return null;
    n = numberText(text);
    if (!Number.isFinite(n)) {
      const lower = text.toLowerCase();
      if (min === 0 && lower.startsWith("welfare")) return 0;
      const match = /^(?:stage|level|pias level|pias|lvl|l|s)?\s*[-:]?\s*(\d)\b/.exec(lower);
      if (!match) return null;
      n = Number(match[1]);
    }
  }
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** Short, safe quotation of a cell for messages (excerpt.ts: cut short, control characters escaped). */
export function quoteCell(value: unknown): string {
  let text: string;
  if (typeof value === "number") text = Number.isNaN(value) ? "NaN" : String(value);
  else if (typeof value === "boolean") text = value ? "TRUE" : "FALSE";
  else text = cellText(value);
  return quoted(text);
}

/**
 * Remembers what a column's text values read as: columns such as year group, SEN or ethnicity hold a
 * handful of distinct values, so each is parsed once per sheet, not once per pupil. A class (not a
 * closure) so that the JavaScript engine sees one call target however many sheets are read.
 */
export class TextMemo<T> {
  private readonly cache = new Map<string, T>();
  private lastRaw: string | undefined;
  private lastResult: T | undefined;

  constructor(
    private readonly read: (value: unknown) => T,
    private readonly limit = 2000,
  ) {}

  get(value: unknown): T {
    if (typeof value !== "string") return this.read(value);
    if (value === this.lastRaw) return this.lastResult as T;
    let result = this.cache.get(value);
    if (result === undefined && !this.cache.has(value)) {
      result = this.read(value);
      if (this.cache.size < this.limit) this.cache.set(value, result);
    }
    this.lastRaw = value;
    this.lastResult = result;
    return result as T;
  }
}
