import type { Grid } from "../read/grid";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import { identityKey } from "../progress/pupilIdentity";
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
}

const referencePattern = /^P(\d{3,})$/i;

export function formatReference(n: number): string {
  return `P${String(n).padStart(3, "0")}`;
}

function referenceNumber(reference: string): number | null {
  const match = referencePattern.exec(reference.trim());
  return match && match[1] !== undefined ? Number(match[1]) : null;
}

export { identityKey };

/** Adds "#2", "#3" to repeated identities so two pupils with the same name and year still differ. */
function occurrenceKeys(keys: readonly (string | null)[]): (string | null)[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    if (key === null) return null;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

interface KnownReference {
  reference: string;
  upn: string | null;
  name: string;
  yearGroup: string | null;
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
  const knownKeys = occurrenceKeys(known.map((k) => identityKey(k.upn, k.name, k.yearGroup)));

  const referenceByIdentity = new Map<string, string>();
  const entryByReference = new Map<string, ReferenceEntry>();
  let highest = 0;
  known.forEach((k, i) => {
    const identity = knownKeys[i] ?? null;
    const n = referenceNumber(k.reference);
    if (n !== null) highest = Math.max(highest, n);
    // The first sheet to name a reference wins (the key before the form); a reference is never given to two pupils.
    if (entryByReference.has(k.reference)) return;
    if (identity !== null && referenceByIdentity.has(identity)) return;
    if (identity !== null) referenceByIdentity.set(identity, k.reference);
    entryByReference.set(k.reference, { ...k, pupilIndex: null });
  });
  const carriedOver = entryByReference.size > 0;

  const pupilKeys = occurrenceKeys(
    pupils.map((p) => identityKey(p.record.upn, p.record.name, p.record.yearGroup)),
  );
  const byPupil = pupils.map((pupil, index) => {
    const identity = pupilKeys[index] ?? null;
    const knownReference = identity === null ? undefined : referenceByIdentity.get(identity);
    const knownEntry = knownReference === undefined ? undefined : entryByReference.get(knownReference);
    const details = {
      upn: pupil.record.upn,
      name: pupil.record.name,
      yearGroup: pupil.record.yearGroup,
      pupilIndex: index,
    };
    if (knownReference !== undefined && knownEntry && knownEntry.pupilIndex === null) {
      entryByReference.set(knownReference, { reference: knownReference, ...details });
      return knownReference;
    }
    highest += 1;
    const reference = formatReference(highest);
    entryByReference.set(reference, { reference, ...details });
    if (identity !== null) referenceByIdentity.set(identity, reference);
    return reference;
  });

  const entries = [...entryByReference.values()].sort(
    (a, b) => (referenceNumber(a.reference) ?? 0) - (referenceNumber(b.reference) ?? 0),
  );
  return { byPupil, entries, carriedOver };
}

/** The reference of a pupil named in an old sheet by UPN or name (school-only forms), or null. */
export function referenceForPupil(
  book: PupilReferenceBook,
  upn: string | null,
  name: string,
  yearGroup: string | null,
): string | null {
  const wanted = identityKey(upn, name, yearGroup);
  if (wanted === null) return null;
  const entry = book.entries.find((e) => identityKey(e.upn, e.name, e.yearGroup) === wanted);
  return entry?.reference ?? null;
}
