/**
 * Who a pupil is, for matching across runs: typed notes to pupils, references to pupils, snapshots to pupils
 * (docs/rules.md §7). The strongest key both sides record decides: the UPN (unique in England), else the
 * school's admission number, else name and date of birth, else name, year group and reg group. A field
 * counts only where both sides record it, so a key, form or history written before a column existed still
 * matches as it did. Never shown anywhere.
 */

/** A pupil as one side of a match records them. `undefined` = this side does not record the field at all. */
export interface PupilIdentity {
  upn: string | null;
  admissionNumber?: string | null;
  /** ISO yyyy-MM-dd. */
  dateOfBirth?: string | null;
  name: string;
  yearGroup: string | null;
  regGroup?: string | null;
}

/** Which of the optional fields take part in a match: those both sides record. */
export interface IdentityFields {
  admissionNumber: boolean;
  dateOfBirth: boolean;
  regGroup: boolean;
}

export const noIdentityFields: IdentityFields = { admissionNumber: false, dateOfBirth: false, regGroup: false };

/**
 * The fields a list of pupils records: a field with a value for at least one of them (an export, key or
 * form either has the column, with values, or does not).
 */
export function recordedFields(pupils: Iterable<PupilIdentity>): IdentityFields {
  const fields = { ...noIdentityFields };
  for (const p of pupils) {
    if (!fields.admissionNumber && typeof p.admissionNumber === "string" && p.admissionNumber.trim() !== "") fields.admissionNumber = true;
    if (!fields.dateOfBirth && typeof p.dateOfBirth === "string" && p.dateOfBirth !== "") fields.dateOfBirth = true;
    if (!fields.regGroup && typeof p.regGroup === "string" && p.regGroup.trim() !== "") fields.regGroup = true;
    if (fields.admissionNumber && fields.dateOfBirth && fields.regGroup) break;
  }
  return fields;
}

/** The fields both sides record. */
export function sharedFields(...sides: IdentityFields[]): IdentityFields {
  return {
    admissionNumber: sides.every((s) => s.admissionNumber),
    dateOfBirth: sides.every((s) => s.dateOfBirth),
    regGroup: sides.every((s) => s.regGroup),
  };
}

/**
 * An admission number compared as the MIS means it: spaces and case aside, and leading zeros aside for an
 * all-digit one (Excel drops them when it opens a CSV, so "00123" and 123 are one pupil).
 */
function admissionKey(admissionNumber: string | null | undefined): string {
  const text = (admissionNumber ?? "").replace(/\s+/g, "").toUpperCase();
  return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, "") : text;
}

/**
 * The identity of a pupil on the `fields` both sides record: "upn:…", "adno:…", "name:…|dob:…" or
 * "name:…|year[|reg]"; null for a pupil with no UPN, admission number or name (never matched).
 */
export function identityKey(pupil: PupilIdentity, fields: IdentityFields = noIdentityFields): string | null {
  const upn = (pupil.upn ?? "").replace(/\s+/g, "").toUpperCase();
  if (upn !== "") return `upn:${upn}`;
  const admission = fields.admissionNumber ? admissionKey(pupil.admissionNumber) : "";
  if (admission !== "") return `adno:${admission}`;
  const name = pupil.name.trim().replace(/\s+/g, " ").toLowerCase();
  if (name === "") return null;
  const birth = fields.dateOfBirth ? (pupil.dateOfBirth ?? "") : "";
  if (birth !== "") return `name:${name}|dob:${birth}`;
  const reg = fields.regGroup ? `|${(pupil.regGroup ?? "").trim().toLowerCase()}` : "";
  return `name:${name}|${(pupil.yearGroup ?? "").trim().toLowerCase()}${reg}`;
}

/** Identities held by more than one of `keys`: pupils the key cannot tell apart. */
export function repeatedKeys(keys: readonly (string | null)[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) {
    if (key === null) continue;
    if (seen.has(key)) twice.add(key);
    seen.add(key);
  }
  return twice;
}

/** What the strongest key compared on, in words for a warning ("the same name and date of birth, and no UPN"). */
export function keyDescription(key: string, fields: IdentityFields): string {
  if (key.startsWith("upn:")) return "the same UPN";
  const noNumber = fields.admissionNumber ? "no UPN or admission number" : "no UPN";
  if (key.startsWith("adno:")) return "the same admission number, and no UPN";
  if (key.includes("|dob:")) return `the same name and date of birth, and ${noNumber}`;
  const birth = fields.dateOfBirth ? " and no date of birth" : "";
  return `${fields.regGroup ? "the same name, year group and reg group" : "the same name and year group"}, and ${noNumber}${birth}`;
}
