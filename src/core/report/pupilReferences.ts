import type { Grid } from "../read/grid";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import { yearGroupFromText } from "./pupilText";
import { cellText, columnOf, findTable } from "./readBack";

/**
 * Pupil references for the shareable meeting form (docs/rules.md §7; handbook section 25: officers do not
 * take away lists of names). Initials and year ("OS Y11") are not unique and can identify a child, so
 * each pupil gets a pseudonym "P001", "P002", … assigned in order of first appearance in the workbook.
 * The school-only key sheet records them; on the next run the key (or an earlier school-only form) is
 * read back so a pupil keeps the same reference term after term, whoever joins or leaves.
 */

export interface ReferenceEntry {
  reference: string;
  upn: string | null;
  name: string;
  yearGroup: string | null;
  regGroup?: string | null;
  /** Index into analysis.pupils, or null for a pupil in the key who is not in this export. */
  pupilIndex: number | null;
}

export interface PupilReferenceBook {
  /** One reference per pupil, aligned with analysis.pupils. */
  byPupil: string[];
  /** Every reference the workbook knows, in reference order (pupils who have left stay, so numbers are never reused). */
  entries: ReferenceEntry[];
  /** True when references were carried over from a key or an earlier form, so they can be trusted to match old rows. */
  carriedOver: boolean;
  /**
   * References the workbook knew whose pupil cannot be told apart from another (in the key or in this
   * export): notes typed against them are kept under "Could not be matched", never put on a guessed child.
   */
  unmatched: Set<string>;
}

const referencePattern = /^P(\d{3,})$/i;

export function formatReference(n: number): string {
  return `P${String(n).padStart(3, "0")}`;
}

function referenceNumber(reference: string): number | null {
  const match = referencePattern.exec(reference.trim());
  return match && match[1] !== undefined ? Number(match[1]) : null;
}

/**
 * Who a pupil is, for matching across runs and typed notes to pupils: the strongest key the export has,
 * the UPN when there is one (unique in England), else name, year group and reg group (the reg group only
 * where both sides record it: `regGroup` undefined means "not recorded"). Never shown anywhere.
 */
export function identityKey(upn: string | null, name: string, yearGroup: string | null, regGroup?: string | null): string | null {
  const u = (upn ?? "").replace(/\s+/g, "").toUpperCase();
  if (u !== "") return `upn:${u}`;
  const n = name.trim().replace(/\s+/g, " ").toLowerCase();
  if (n === "") return null;
  const reg = regGroup === undefined ? "" : `|${(regGroup ?? "").trim().toLowerCase()}`;
  return `name:${n}|${(yearGroup ?? "").trim().toLowerCase()}${reg}`;
}

/** Identities held by more than one of `keys`: pupils the key cannot tell apart (same UPN, or same name, year and reg group). */
function repeated(keys: readonly (string | null)[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) {
    if (key === null) continue;
    if (seen.has(key)) twice.add(key);
    seen.add(key);
  }
  return twice;
}

/**
 * Groups of pupils (indices into `pupils`) that the strongest key the export has cannot tell apart: their
 * typed notes cannot be matched to them safely, so they are kept aside rather than guessed (docs/rules.md §7).
 */
export function indistinguishablePupils(pupils: readonly PupilAnalysis[]): number[][] {
  const keys = pupils.map((p) => identityKey(p.record.upn, p.record.name, p.record.yearGroup, p.record.regGroup));
  const twice = repeated(keys);
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    if (key !== null && twice.has(key)) groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  return [...groups.values()];
}

interface KnownReference {
  reference: string;
  upn: string | null;
  name: string;
  yearGroup: string | null;
  /** Undefined when the sheet has no reg group column (a key written before it had one). */
  regGroup?: string | null;
}

/** Rows of a sheet we wrote that link a reference to a UPN or name: the key, or a school-only TSM form. */
export function readReferenceRows(grid: Grid | undefined): KnownReference[] {
  if (!grid) return [];
  const table = findTable(grid, ["Reference"]);
  if (!table) return [];
  const refColumn = columnOf(table, "Reference");
  const upnColumn = columnOf(table, "UPN");
  const nameColumn = columnOf(table, "Name");
  const yearColumn = columnOf(table, "Year") ?? columnOf(table, "Year group");
  const regColumn = columnOf(table, "Reg group");
  if (refColumn === null || (upnColumn === null && nameColumn === null)) return [];
  const rows: KnownReference[] = [];
  for (let r = table.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const reference = cellText(row[refColumn]).toUpperCase();
    if (referenceNumber(reference) === null) continue;
    rows.push({
      reference,
      upn: upnColumn === null ? null : cellText(row[upnColumn]) || null,
      name: nameColumn === null ? "" : cellText(row[nameColumn]),
      yearGroup: yearColumn === null ? null : yearGroupFromText(cellText(row[yearColumn])),
      ...(regColumn === null ? {} : { regGroup: cellText(row[regColumn]) || null }),
    });
  }
  return rows;
}

/**
 * References for every pupil in the analysis. Known pupils keep their reference (the key first,
 * then an earlier school-only form); new pupils get the next free number in order of appearance.
 */
export function assignReferences(
  pupils: readonly PupilAnalysis[],
  existing: { key?: Grid; tsm?: Grid } = {},
): PupilReferenceBook {
  const known = [...readReferenceRows(existing.key), ...readReferenceRows(existing.tsm)];
  // The reg group is part of the key only where the earlier sheets recorded it, so an older key still matches.
  const withReg = known.length === 0 || known.some((k) => k.regGroup !== undefined);
  const knownKeys = known.map((k) => identityKey(k.upn, k.name, k.yearGroup, withReg ? (k.regGroup ?? null) : undefined));
  const pupilKeys = pupils.map((p) => identityKey(p.record.upn, p.record.name, p.record.yearGroup, withReg ? p.record.regGroup : undefined));
  // Pupils the key cannot tell apart, now or in the key: never matched to a reference (no "first Sam Jones" guess).
  const ambiguous = repeated(pupilKeys);
  // Two references for one identity in the earlier sheets (the key and the form naming the same pupil with
  // one reference is fine): the key cannot say which of them is which child.
  const referencesOf = new Map<string, Set<string>>();
  known.forEach((k, i) => {
    const identity = knownKeys[i];
    if (identity === null || identity === undefined) return;
    const references = referencesOf.get(identity) ?? new Set<string>();
    references.add(k.reference);
    referencesOf.set(identity, references);
  });
  for (const [identity, references] of referencesOf) if (references.size > 1) ambiguous.add(identity);

  const referenceByIdentity = new Map<string, string>();
  const entryByReference = new Map<string, ReferenceEntry>();
  const unmatched = new Set<string>();
  let highest = 0;
  known.forEach((k, i) => {
    const identity = knownKeys[i] ?? null;
    const n = referenceNumber(k.reference);
    if (n !== null) highest = Math.max(highest, n);
    // The first sheet to name a reference wins (the key before the form); a reference is never given to two pupils.
    if (entryByReference.has(k.reference)) return;
    if (identity !== null && ambiguous.has(identity)) unmatched.add(k.reference);
    else if (identity !== null && referenceByIdentity.has(identity)) return;
    else if (identity !== null) referenceByIdentity.set(identity, k.reference);
    entryByReference.set(k.reference, { ...k, pupilIndex: null });
  });
  const carriedOver = entryByReference.size > 0;

  const byPupil = pupils.map((pupil, index) => {
    const identity = pupilKeys[index] ?? null;
    const knownReference = identity === null || ambiguous.has(identity) ? undefined : referenceByIdentity.get(identity);
    const knownEntry = knownReference === undefined ? undefined : entryByReference.get(knownReference);
    const details = {
      upn: pupil.record.upn,
      name: pupil.record.name,
      yearGroup: pupil.record.yearGroup,
      regGroup: pupil.record.regGroup,
      pupilIndex: index,
    };
    if (knownReference !== undefined && knownEntry && knownEntry.pupilIndex === null) {
      entryByReference.set(knownReference, { reference: knownReference, ...details });
      return knownReference;
    }
    highest += 1;
    const reference = formatReference(highest);
    entryByReference.set(reference, { reference, ...details });
    if (identity !== null && !ambiguous.has(identity)) referenceByIdentity.set(identity, reference);
    return reference;
  });

  const entries = [...entryByReference.values()].sort(
    (a, b) => (referenceNumber(a.reference) ?? 0) - (referenceNumber(b.reference) ?? 0),
  );
  return { byPupil, entries, carriedOver, unmatched };
}

/**
 * The reference of a pupil named in an old sheet by UPN or name (school-only forms), or null when no
 * pupil, or more than one, has that identity.
 */
export function referenceForPupil(
  book: PupilReferenceBook,
  upn: string | null,
  name: string,
  yearGroup: string | null,
  regGroup?: string | null,
): string | null {
  const key = (e: { upn: string | null; name: string; yearGroup: string | null; regGroup?: string | null }, reg: string | null | undefined) =>
    identityKey(e.upn, e.name, e.yearGroup, reg);
  const wanted = key({ upn, name, yearGroup }, regGroup);
  if (wanted === null) return null;
  const found = book.entries.filter((e) => key(e, regGroup === undefined ? undefined : (e.regGroup ?? null)) === wanted);
  return found.length === 1 ? (found[0]?.reference ?? null) : null;
}
