import type { CellValue, Grid } from "../read/grid";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import type { PlanValue } from "./plan";
import { identityKey, type IdentityFields } from "./pupilIdentity";
import { identityOf } from "./pupilReferences";
import { cellText, findTable } from "./readBack";
import { unmatchedRowMarker } from "./tsmMerge";

/**
 * Notes people type on the highlighted sheet (docs/rules.md §15). Analyse rewrites its own columns every
 * time, so anything typed into them would be lost; instead:
 * - the added columns include "Notes", which the add-in never clears: each Analyse puts every pupil's notes
 *   back on that pupil's row, wherever the pupil now is (rows re-sorted, the export re-pasted);
 * - a cell of any other added column whose value is not what the add-in wrote there was typed by a person:
 *   its text moves to that pupil's Notes, saying which column it was typed in;
 * - notes that cannot be put on one pupil safely (the pupil is no longer in the export, two pupils cannot
 *   be told apart, or the row held no pupil) are kept below the list, marked as the TSM form marks them
 *   ("Could not be matched – check which pupil this is"), never put on a guessed child.
 *
 * To tell "what the add-in wrote" from "what was typed", each row of the added columns carries a hidden
 * row check: a hash of the pupil's identity (pupilReferences.ts identityKey, never the identity itself)
 * and a short hash of each value written on that row. It lives on the sheet beside the cells it describes,
 * so it moves with them when rows are sorted or inserted, costs nothing in the workbook's 2 MB of settings,
 * and is the same on the command line's copy. Both adapters read it back with this file.
 */

export const notesHeading = "Notes";
/** The hidden column's heading (it must be there for the add-in to recognise its columns). */
export const rowCheckHeading = "Row check (Attendance Insight)";
const rowCheckPrefix = "AI1";
/** Identity part of a row that held no pupil (a blank row, a total) or a kept-aside note. */
const noIdentity = "-";
/** Hash written for a column whose content is the user's (Notes) or the check itself. */
const notHashed = "....";

/** FNV-1a over UTF-16 code units with a seed: fast, stable, pure (no Node, no DOM). */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function base64Of(n: number, digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) {
    out = (base64[n & 63] ?? "A") + out;
    n = Math.floor(n / 64);
  }
  return out;
}

/**
 * A value as both adapters read it back: numbers as Excel stores them, text with line ends as "\n" and no
 * surrounding spaces, empty as "". The hash is over this, so what was written and read back agree.
 */
function valueText(value: PlanValue | CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = String(value);
  // Most values hold no carriage return: skip the search-and-replace's copy (1.4 million values at 100,000 pupils).
  return (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text).trim();
}

/** 24 bits per value: a typed cell is mistaken for the add-in's value about once in 16 million. */
function valueHash(value: PlanValue | CellValue | undefined): string {
  return base64Of(fnv1a(valueText(value), 0x5bd1e995) & 0xffffff, 4);
}

/** 60 bits of the identity key: no two of 100,000 pupils share one in practice (and it is not the key). */
function identityHash(key: string): string {
  return base64Of(fnv1a(key, 0x9e3779b9) & 0x3fffffff, 5) + base64Of(fnv1a(key, 0x85ebca6b) & 0x3fffffff, 5);
}

/**
 * Who a pupil is, for notes: the strongest key the row has (pupilIdentity.ts: UPN, else admission number,
 * else name and date of birth, else name, year and reg group). The row check is written and read on the
 * same sheet, so every field the pupil has counts.
 */
const everyField: IdentityFields = { admissionNumber: true, dateOfBirth: true, regGroup: true };
function pupilIdentity(pupil: PupilAnalysis): string | null {
  return identityKey(identityOf(pupil.record), everyField);
}

/** The key rows were checked with before admission numbers and dates of birth were read: those rows still match. */
function earlierIdentity(pupil: PupilAnalysis): string | null {
  const r = pupil.record;
  return identityKey({ upn: r.upn, name: r.name, yearGroup: r.yearGroup, regGroup: r.regGroup }, { admissionNumber: false, dateOfBirth: false, regGroup: true });
}

/**
 * The row check for one row of added columns: `AI1 <identity hash> <hash per column>`, where the columns
 * are `headings` in order and `values` what the add-in writes on the row.
 */
export function rowCheck(pupil: PupilAnalysis | null, headings: readonly string[], values: readonly PlanValue[]): string {
  const identity = pupil ? pupilIdentity(pupil) : null;
  const hashes = headings.map((heading, j) => (heading === notesHeading || heading === rowCheckHeading ? notHashed : valueHash(values[j])));
  return `${rowCheckPrefix} ${identity === null ? noIdentity : identityHash(identity)} ${hashes.join("")}`;
}

function parseRowCheck(value: CellValue | undefined, columns: number): { identity: string | null; hashes: string[] } | null {
  const parts = cellText(value).split(" ");
  if (parts.length !== 3 || parts[0] !== rowCheckPrefix) return null;
  const [, identity = "", hashText = ""] = parts;
  if (hashText.length !== columns * 4) return null;
  const hashes: string[] = [];
  for (let j = 0; j < columns; j++) hashes.push(hashText.slice(j * 4, j * 4 + 4));
  return { identity: identity === noIdentity ? null : identity, hashes };
}

/** One note found in the added columns of an earlier Analyse. */
export interface FoundNote {
  /** Identity hash of the pupil whose row it was on; null when the row held no pupil or the check is gone. */
  identity: string | null;
  /** The note as it goes into Notes: the Notes cell as typed, or a typed cell's text and where it was typed. */
  text: string;
  /** Typed into one of the add-in's own columns (not Notes): it is moved, and the user is told. */
  moved: boolean;
}

/**
 * The notes in the added columns of an earlier Analyse. `area` is those columns as read back, their
 * heading row first (the adapter finds them: the Excel add-in by its record and name, the command line in
 * its earlier file, addedColumnsIn). Columns written before there was a row check give nothing: then what
 * the add-in wrote cannot be told from what was typed, and the next Analyse writes the check.
 */
export function findSheetNotes(area: Grid | undefined): FoundNote[] {
  if (!area || area.length === 0) return [];
  const headings = (area[0] ?? []).map((cell) => cellText(cell));
  const checkColumn = headings.indexOf(rowCheckHeading);
  if (checkColumn < 0) return [];
  const notes: FoundNote[] = [];
  for (let r = 1; r < area.length; r++) {
    const row = area[r] ?? [];
    const check = parseRowCheck(row[checkColumn], headings.length);
    headings.forEach((heading, j) => {
      if (j === checkColumn || heading === "") return;
      const value = row[j];
      const text = valueText(value);
      if (text === "") return;
      if (heading === notesHeading) {
        notes.push({ identity: check?.identity ?? null, text, moved: false });
      } else if (!check || check.hashes[j] !== valueHash(value)) {
        // Not what the add-in wrote here (or a row inserted into its columns, with no check at all).
        notes.push({ identity: check?.identity ?? null, text: `${text} (typed in “${heading}”)`, moved: true });
      }
    });
  }
  return notes;
}

export interface SheetNotes {
  /** Notes for Notes, by index into analysis.pupils. */
  byPupil: Map<number, string>;
  /** Notes no pupil of this analysis can take safely: kept below the list. */
  keptAside: string[];
  /** Typed cells moved from the add-in's own columns into Notes (or kept aside) by this run. */
  moved: number;
}

export const noSheetNotes: SheetNotes = { byPupil: new Map(), keptAside: [], moved: 0 };

/** Lines of one Notes cell: each note once, in the order found. */
function joinNotes(texts: readonly string[]): string {
  return [...new Set(texts)].join("\n");
}

/**
 * Puts each found note on the pupil it was typed against, matched by identity; pupils the key cannot tell
 * apart take none (docs/rules.md §7: never a guessed child), and neither do notes from rows with no pupil.
 */
export function keepSheetNotes(found: readonly FoundNote[], pupils: readonly PupilAnalysis[]): SheetNotes {
  if (found.length === 0) return noSheetNotes;
  // An identity held by one pupil only, by either key: one two pupils share (or that one pupil's earlier key
  // shares with another's key now) is never matched, so a note is never put on a guessed child.
  const pupilsOf = new Map<string, Set<number>>();
  pupils.forEach((pupil, index) => {
    for (const key of [pupilIdentity(pupil), earlierIdentity(pupil)]) {
      if (key === null) continue;
      const hash = identityHash(key);
      pupilsOf.set(hash, (pupilsOf.get(hash) ?? new Set()).add(index));
    }
  });
  const byIdentity = new Map<string, number>();
  for (const [hash, indices] of pupilsOf) if (indices.size === 1) byIdentity.set(hash, [...indices][0]!);
  const texts = new Map<number, string[]>();
  const keptAside: string[] = [];
  let moved = 0;
  for (const note of found) {
    if (note.moved) moved++;
    const index = note.identity === null ? undefined : byIdentity.get(note.identity);
    if (index === undefined) keptAside.push(note.text);
    else texts.set(index, [...(texts.get(index) ?? []), note.text]);
  }
  const byPupil = new Map([...texts].map(([index, list]) => [index, joinNotes(list)]));
  return { byPupil, keptAside: [...new Set(keptAside)], moved };
}

/** The band cell of a kept-aside note's row: the TSM form's words for the same thing. */
export const keptAsideMarker = unmatchedRowMarker;

/** What the pane and the command line say about the notes, or null when there were none to move or keep aside. */
export function sheetNotesMessage(notes: SheetNotes): string | null {
  const sentences: string[] = [];
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
  if (notes.moved > 0) {
    sentences.push(
      `${count(notes.moved, "note", "notes")} typed in the add-in's columns ${notes.moved === 1 ? "was" : "were"} moved to the Notes column, with the pupil ${notes.moved === 1 ? "it was" : "they were"} typed against.`,
    );
  }
  if (notes.keptAside.length > 0) {
    sentences.push(
      `${count(notes.keptAside.length, "note", "notes")} could not be put on one pupil safely (the pupil is no longer in the data, or two pupils cannot be told apart), so ${notes.keptAside.length === 1 ? "it is" : "they are"} kept below the list, marked “${keptAsideMarker}”.`,
    );
  }
  return sentences.length === 0 ? null : sentences.join(" ");
}

/**
 * The add-in's columns in a sheet read back whole (the command line's earlier file): from the band
 * column's heading to the last heading, on the heading row that holds the row check. Undefined when the
 * sheet has none.
 */
export function addedColumnsIn(grid: Grid | undefined, firstHeading: string): Grid | undefined {
  if (!grid) return undefined;
  const table = findTable(grid, [firstHeading, rowCheckHeading]);
  if (!table) return undefined;
  const first = table.columns.get(firstHeading.toLowerCase());
  if (first === undefined) return undefined;
  const headingRow = grid[table.headerRow] ?? [];
  let last = first;
  while (cellText(headingRow[last + 1]) !== "") last++;
  return grid.slice(table.headerRow).map((row) => row.slice(first, last + 1));
}
