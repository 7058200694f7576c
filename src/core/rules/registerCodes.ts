import type { SessionColumn } from "../read/pupilRecord";
import { ukDate } from "../common/dates";

/**
 * Register codes (docs/rules.md §3): School Attendance (Pupil Registration) (England) Regulations 2024 from
 * 19 August 2024; registers before that date use the 2006 set.
 *
 * Categories are small integers so that a 2,000 × 380 mark grid is counted with one Map lookup per mark
 * (no regular expression, no string building per mark).
 */
export const PRESENT = 0;
export const AEA = 1;
export const AUTHORISED = 2;
export const UNAUTHORISED = 3;
export const NOT_POSSIBLE = 4;
/** Blank, "-" or a mark not in the code set: counts as neither attended nor missed. */
export const NO_MARK = 5;

export type MarkCategoryCode = 0 | 1 | 2 | 3 | 4 | 5;
export type MarkCategory = "present" | "aea" | "authorised" | "unauthorised" | "notPossible" | "noMark";

export const markCategoryNames: readonly MarkCategory[] = [
  "present",
  "aea",
  "authorised",
  "unauthorised",
  "notPossible",
  "noMark",
];

export type CodeSet = "2024" | "pre-2024";

/** First day of the 2024 regulations (ISO date). */
export const codes2024From = "2024-08-19";

/** docs/rules.md §3, "2024 codes" column. */
const codes2024: Readonly<Record<Exclude<MarkCategory, "noMark">, readonly string[]>> = {
  present: ["/", "\\", "L"],
  aea: ["K", "V", "P", "W", "B"],
  authorised: ["C", "C1", "C2", "E", "I", "M", "J1", "R", "S", "T"],
  unauthorised: ["G", "N", "O", "U"],
  // D (dual registration) is not counted as a possible session in either set.
  notPossible: ["D", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "X", "Z", "#"],
};

/** docs/rules.md §3, "pre-2024 only" column: added to the 2024 table for registers dated before 19 Aug 2024. */
const pre2024Extra: Readonly<Partial<Record<Exclude<MarkCategory, "noMark">, readonly string[]>>> = {
  aea: ["J"],
  authorised: ["H", "F"],
  notPossible: ["Y"],
};

const categoryCode: Readonly<Record<Exclude<MarkCategory, "noMark">, MarkCategoryCode>> = {
  present: PRESENT,
  aea: AEA,
  authorised: AUTHORISED,
  unauthorised: UNAUTHORISED,
  notPossible: NOT_POSSIBLE,
};

export type CodeTable = ReadonlyMap<string, MarkCategoryCode>;

/**
 * Case: every statutory code is upper case (letters, plus "/", "\" and "#"), and no two codes differ only
 * by case, so a lower-case mark ("n", "c1") is unambiguous and counts as the same code. Nothing else is
 * normalised: "|", "0" or "l." are not codes and become "no mark" with a warning.
 */
function buildTable(codeSet: CodeSet): CodeTable {
  const table = new Map<string, MarkCategoryCode>();
  const add = (codes: Readonly<Partial<Record<Exclude<MarkCategory, "noMark">, readonly string[]>>>) => {
    for (const [category, list] of Object.entries(codes) as [Exclude<MarkCategory, "noMark">, readonly string[]][]) {
      for (const code of list) {
        table.set(code, categoryCode[category]);
        table.set(code.toLowerCase(), categoryCode[category]);
      }
    }
  };
  add(codes2024);
  if (codeSet === "pre-2024") add(pre2024Extra);
  return table;
}

const tables: Readonly<Record<CodeSet, CodeTable>> = {
  "2024": buildTable("2024"),
  "pre-2024": buildTable("pre-2024"),
};

/** The code set in force on a session date (ISO yyyy-MM-dd). */
export function codeSetForDate(isoDate: string): CodeSet {
  return isoDate < codes2024From ? "pre-2024" : "2024";
}

export function codeTable(codeSet: CodeSet): CodeTable {
  return tables[codeSet];
}

/** The category of one mark under a code set; "noMark" for blank, "-" or an unknown mark. */
export function markCategory(mark: string, codeSet: CodeSet = "2024"): MarkCategory {
  const code = tables[codeSet].get(mark.trim());
  return markCategoryNames[code ?? NO_MARK] ?? "noMark";
}

/** One code table per session column, decided once per column from its date. */
export function codeTablesForSessions(sessions: readonly SessionColumn[]): CodeTable[] {
  return sessions.map((session) => tables[codeSetForDate(session.date)]);
}

/**
 * Most marks are one ASCII character ("/", "\\", "N"), so each code set also has a 128-entry array from
 * character code to category: an array read per mark instead of a Map lookup. Characters not in the
 * code set read as NO_MARK, as the Map would give (a lone space trims to blank, also NO_MARK).
 */
function oneCharacterCodes(table: CodeTable): Uint8Array {
  const byCharacter = new Uint8Array(128).fill(NO_MARK);
  for (const [code, category] of table) {
    if (code.length === 1 && code.charCodeAt(0) < 128) byCharacter[code.charCodeAt(0)] = category;
  }
  return byCharacter;
}

const oneCharacterTables: ReadonlyMap<CodeTable, Uint8Array> = new Map(
  Object.values(tables).map((table) => [table, oneCharacterCodes(table)]),
);

/** Each mark's category code, in session order. Marks beyond the session columns are ignored. */
export function categoriseMarks(marks: readonly string[], columnTables: readonly CodeTable[]): Uint8Array {
  const length = Math.min(marks.length, columnTables.length);
  const categories = new Uint8Array(length);
  let lastTable: CodeTable | undefined;
  let byCharacter: Uint8Array | undefined;
  for (let i = 0; i < length; i++) {
    const mark = marks[i] as string;
    const table = columnTables[i] as CodeTable;
    if (table !== lastTable) {
      // Columns share one of two tables, so this lookup happens once per change of code set.
      lastTable = table;
      byCharacter = oneCharacterTables.get(table);
    }
    if (byCharacter !== undefined && mark.length === 1) {
      const character = mark.charCodeAt(0);
      if (character < 128) {
        categories[i] = byCharacter[character] as number;
        continue;
      }
    }
    // Marks arrive trimmed from the reader; a stray untrimmed mark is retried once, trimmed.
    let code = table.get(mark);
    if (code === undefined && mark.length > 0) code = table.get(mark.trim());
    categories[i] = code ?? NO_MARK;
  }
  return categories;
}

export interface MarkCounts {
  /** Present + AEA + authorised + unauthorised (docs/rules.md §1). */
  possible: number;
  present: number;
  aea: number;
  /** Present + AEA. */
  attended: number;
  authorised: number;
  unauthorised: number;
  notPossible: number;
  /** Sessions with no usable mark. */
  noMark: number;
}

/** A pupil's marks counted (docs/rules.md §3), each column under the code set of its date. */
export function countMarks(marks: readonly string[], sessions: readonly SessionColumn[]): MarkCounts {
  return countCategories(categoriseMarks(marks, codeTablesForSessions(sessions)));
}

export function countCategories(categories: Uint8Array): MarkCounts {
  // A typed array of counters: its increments need no checks on what the slots hold.
  const tally = new Int32Array(6);
  for (let i = 0; i < categories.length; i++) tally[categories[i] as number]! += 1;
  const present = tally[PRESENT] as number;
  const aea = tally[AEA] as number;
  const authorised = tally[AUTHORISED] as number;
  const unauthorised = tally[UNAUTHORISED] as number;
  const notPossible = tally[NOT_POSSIBLE] as number;
  const noMark = tally[NO_MARK] as number;
  return {
    possible: present + aea + authorised + unauthorised,
    present,
    aea,
    attended: present + aea,
    authorised,
    unauthorised,
    notPossible,
    noMark,
  };
}

const datesListed = 6;

/**
 * One warning per distinct unusable mark, naming the mark and its sessions (docs/rules.md §3), e.g.
 * `Register mark "?" on 01/09/2025 AM and 02/09/2025 PM is not a register code, so those sessions count as neither attended nor missed; check the register in the MIS.`
 */
export function noMarkWarnings(
  marks: readonly string[],
  categories: Uint8Array,
  sessions: readonly SessionColumn[],
): string[] {
  const byMark = new Map<string, SessionColumn[]>();
  for (let i = 0; i < categories.length; i++) {
    if (categories[i] !== NO_MARK) continue;
    const mark = (marks[i] ?? "").trim();
    const session = sessions[i];
    if (!session) continue;
    const list = byMark.get(mark);
    if (list) list.push(session);
    else byMark.set(mark, [session]);
  }
  const warnings: string[] = [];
  for (const [mark, list] of byMark) {
    const shown = list.slice(0, datesListed).map((s) => `${ukDate(s.date)} ${s.session}`);
    const more = list.length - shown.length;
    const when = more > 0 ? `${shown.join(", ")} and ${more} more` : joinAnd(shown);
    const plural = list.length === 1 ? "that session counts" : `those ${list.length} sessions count`;
    const what =
      mark === ""
        ? `No register mark (blank) on ${when}`
        : mark === "-"
          ? `No register mark ("-") on ${when}`
          : `Register mark "${mark}" on ${when} is not a register code, so`;
    warnings.push(
      mark === "" || mark === "-"
        ? `${what}: ${plural} as neither attended nor missed; check the register in the MIS.`
        : `${what} ${plural} as neither attended nor missed; check the register in the MIS.`,
    );
  }
  return warnings;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
