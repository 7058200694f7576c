import type { CellValue, Grid } from "../read/grid";
import type { PupilRecord } from "../read/pupilRecord";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import { identityKey, recordedFields, repeatedKeys, sharedFields, type IdentityFields, type PupilIdentity } from "./pupilIdentity";
import { yearGroupFromText } from "./pupilText";
import { cellText, columnOf, findTable, isoFromCell, type FoundTable } from "./readBack";

/**
 * Pupil references for the shareable meeting form (docs/rules.md §7; handbook section 25: officers do not
 * take away lists of names). Initials and year ("OS Y11") are not unique and can identify a child, so
 * each pupil gets a pseudonym "P001", "P002", … assigned in order of first appearance in the workbook.
 * The school-only key sheet records them; on the next run the key (or an earlier school-only form) is
 * read back so a pupil keeps the same reference term after term, whoever joins or leaves.
 */

export interface ReferenceEntry extends PupilIdentity {
  reference: string;
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
  /** The fields beyond UPN and name that references were matched on: those this export and every earlier sheet read record. */
  fields: IdentityFields;
}

const referencePattern = /^P(\d{3,})$/i;

export function formatReference(n: number): string {
  return `P${String(n).padStart(3, "0")}`;
}

function referenceNumber(reference: string): number | null {
  const match = referencePattern.exec(reference.trim());
  return match && match[1] !== undefined ? Number(match[1]) : null;
}

/** A pupil's identity as the export records it (pupilIdentity.ts). */
export function identityOf(record: PupilRecord): PupilIdentity {
  return {
    upn: record.upn,
    admissionNumber: record.admissionNumber ?? null,
    dateOfBirth: record.dateOfBirth ?? null,
    name: record.name,
    yearGroup: record.yearGroup,
    regGroup: record.regGroup,
  };
}

/**
 * Groups of pupils (indices into `pupils`) that the strongest key the export has cannot tell apart: their
 * typed notes cannot be matched to them safely, so they are kept aside rather than guessed (docs/rules.md §7).
 */
export function indistinguishablePupils(pupils: readonly PupilAnalysis[]): { key: string; fields: IdentityFields; pupils: number[] }[] {
  const identities = pupils.map((p) => identityOf(p.record));
  const fields = recordedFields(identities);
  const keys = identities.map((identity) => identityKey(identity, fields));
  const twice = repeatedKeys(keys);
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    if (key !== null && twice.has(key)) groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  return [...groups.entries()].map(([key, group]) => ({ key, fields, pupils: group }));
}

/** Headings of the identity columns the key and the school-only form add where the export has them. */
export const admissionNumberHeading = "Admission number";
export const dateOfBirthHeading = "Date of birth";

interface KnownReference extends PupilIdentity {
  reference: string;
}

/** The identity columns of a table read back (the key, a school-only form): by heading, wherever they stand. */
export function identityColumns(table: FoundTable) {
  return {
    upn: columnOf(table, "UPN"),
    name: columnOf(table, "Name"),
    year: columnOf(table, "Year") ?? columnOf(table, "Year group"),
    reg: columnOf(table, "Reg group"),
    admissionNumber: columnOf(table, admissionNumberHeading),
    dateOfBirth: columnOf(table, dateOfBirthHeading),
  };
}

/** One row's identity as a sheet we wrote records it (the date of birth as a date cell or typed dd/MM/yyyy). */
export function identityInRow(row: readonly CellValue[], columns: ReturnType<typeof identityColumns>): PupilIdentity {
  const text = (column: number | null) => (column === null ? "" : cellText(row[column]));
  return {
    upn: text(columns.upn) || null,
    name: text(columns.name),
    yearGroup: columns.year === null ? null : yearGroupFromText(text(columns.year)),
    regGroup: text(columns.reg) || null,
    admissionNumber: text(columns.admissionNumber) || null,
    dateOfBirth: columns.dateOfBirth === null ? null : isoFromCell(row[columns.dateOfBirth]),
  };
}

/** Rows of a sheet we wrote that link a reference to a UPN or name: the key, or a school-only TSM form. */
export function readReferenceRows(grid: Grid | undefined): KnownReference[] {
  if (!grid) return [];
  const table = findTable(grid, ["Reference"]);
  if (!table) return [];
  const refColumn = columnOf(table, "Reference");
  const columns = identityColumns(table);
  if (refColumn === null || (columns.upn === null && columns.name === null && columns.admissionNumber === null)) return [];
  const rows: KnownReference[] = [];
  for (let r = table.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const reference = cellText(row[refColumn]).toUpperCase();
    if (referenceNumber(reference) === null) continue;
    rows.push({ reference, ...identityInRow(row, columns) });
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
  const identities = pupils.map((p) => identityOf(p.record));
  const exportFields = recordedFields(identities);
  // Pupils the strongest key this export has cannot tell apart: never matched to a reference (no "first Sam Jones" guess).
  const indistinct = new Set<number>();
  {
    const keys = identities.map((identity) => identityKey(identity, exportFields));
    const twice = repeatedKeys(keys);
    keys.forEach((key, index) => {
      if (key !== null && twice.has(key)) indistinct.add(index);
    });
  }

  const entryByReference = new Map<string, ReferenceEntry>();
  const referenceOfPupil = new Map<number, string>();
  const given = new Set<string>();
  const sheetOf = new Map<string, number>();
  const doubtful = new Set<string>();
  let highest = 0;
  // The key first, then an earlier school-only form (which has no reg group column, say): each matched on the
  // fields both it and this export record, so a sheet written before a column existed still matches as it did.
  const sheets = [readReferenceRows(existing.key), readReferenceRows(existing.tsm)];
  sheets.forEach((known, sheet) => {
    if (known.length === 0) return;
    const fields = sharedFields(exportFields, recordedFields(known));
    const pupilKeys = identities.map((identity) => identityKey(identity, fields));
    const ambiguous = repeatedKeys(pupilKeys);
    const pupilOfKey = new Map<string, number>();
    pupilKeys.forEach((key, index) => {
      if (key !== null) pupilOfKey.set(key, index);
    });
    // A reference an earlier sheet named is that sheet's to say (the key before the form): never given to two pupils.
    const rows = known.filter((k) => {
      const n = referenceNumber(k.reference);
      if (n !== null) highest = Math.max(highest, n);
      return (sheetOf.get(k.reference) ?? sheet) === sheet;
    });
    // Two references for one identity in this sheet: it cannot say which of them is which child.
    const referencesOf = new Map<string, Set<string>>();
    for (const k of rows) {
      sheetOf.set(k.reference, sheet);
      if (!entryByReference.has(k.reference)) entryByReference.set(k.reference, { ...k, pupilIndex: null });
      const identity = identityKey(k, fields);
      if (identity === null) continue;
      const references = referencesOf.get(identity) ?? new Set<string>();
      references.add(k.reference);
      referencesOf.set(identity, references);
    }
    for (const [identity, references] of referencesOf) {
      const index = pupilOfKey.get(identity);
      if (references.size > 1 || ambiguous.has(identity) || (index !== undefined && indistinct.has(index))) {
        for (const reference of references) doubtful.add(reference);
        continue;
      }
      const reference = [...references][0];
      if (index === undefined || reference === undefined || referenceOfPupil.has(index) || given.has(reference)) continue;
      referenceOfPupil.set(index, reference);
      given.add(reference);
    }
  });
  const carriedOver = entryByReference.size > 0;
  // References whose pupil could not be told apart, and that no sheet matched to one pupil.
  const unmatched = new Set([...doubtful].filter((reference) => !given.has(reference)));

  const byPupil = pupils.map((pupil, index) => {
    const knownReference = referenceOfPupil.get(index);
    const knownEntry = knownReference === undefined ? undefined : entryByReference.get(knownReference);
    // What the key knew of a field this export does not record (an admission number, say) stays on it.
    const knownOf = (field: "admissionNumber" | "dateOfBirth" | "regGroup") => (exportFields[field] ? identities[index]?.[field] : knownEntry?.[field]) ?? null;
    const details = {
      upn: pupil.record.upn,
      name: pupil.record.name,
      yearGroup: pupil.record.yearGroup,
      regGroup: knownOf("regGroup"),
      admissionNumber: knownOf("admissionNumber"),
      dateOfBirth: knownOf("dateOfBirth"),
      pupilIndex: index,
    };
    if (knownReference !== undefined && knownEntry) {
      entryByReference.set(knownReference, { reference: knownReference, ...details });
      return knownReference;
    }
    highest += 1;
    const reference = formatReference(highest);
    entryByReference.set(reference, { reference, ...details });
    return reference;
  });

  const entries = [...entryByReference.values()].sort(
    (a, b) => (referenceNumber(a.reference) ?? 0) - (referenceNumber(b.reference) ?? 0),
  );
  return { byPupil, entries, carriedOver, unmatched, fields: exportFields };
}

/**
 * The reference of a pupil named in an old sheet (a school-only form) by the identity its row records, or
 * null when no pupil, or more than one, has that identity. `sheetFields`: the fields that sheet records
 * (recordedFields over its rows); the match uses those the book was matched on too.
 */
export function referenceForPupil(book: PupilReferenceBook, pupil: PupilIdentity, sheetFields: IdentityFields = book.fields): string | null {
  return referenceFinder(book, sheetFields)(pupil);
}

/**
 * referenceForPupil for every row of one sheet: the book's identities are keyed once, so matching a form of
 * 100,000 rows against a key of 100,000 pupils is one pass over each, not one pass over the key per row.
 */
export function referenceFinder(book: PupilReferenceBook, sheetFields: IdentityFields = book.fields): (pupil: PupilIdentity) => string | null {
  const fields = sharedFields(book.fields, sheetFields);
  // null: two entries share the identity, so it names no one pupil.
  const referenceOf = new Map<string, string | null>();
  for (const entry of book.entries) {
    const key = identityKey(entry, fields);
    if (key !== null) referenceOf.set(key, referenceOf.has(key) ? null : entry.reference);
  }
  return (pupil) => {
    const wanted = identityKey(pupil, fields);
    return wanted === null ? null : (referenceOf.get(wanted) ?? null);
  };
}
