import type { Analysis } from "../rules/pupilAnalysis";
import { summarise } from "../rules/summary";
import { readDateOfBirth } from "../read/dateOfBirth";

/**
 * What a shareable output may show of an analysis (docs/rules.md §7: no names or UPNs leave the school), in
 * every channel: the form and summary, and on the command line the JSON, the text summary and stderr.
 * Warnings quote what they found ("Okafor" was not read as a pupil): every quoted excerpt, and every name
 * or UPN of a pupil wherever it appears, is withheld. Year groups and genders are labels the form and the summary print as cohorts; read from a pupil's row,
 * they could be anything that row held (a forename shifted into the Year column by a comma in a name). So
 * only values that are what they claim to be are shown; anything else counts as "not recorded", and the
 * whole-school figures stay the same.
 */

/** A year group as the reader gives one (core/read/cellValues.ts readYearGroup): 1–14, R, N1, N2. */
export function looksLikeYearGroup(yearGroup: string | null): boolean {
  if (yearGroup === null) return false;
  if (/^(R|N1|N2)$/.test(yearGroup)) return true;
  if (!/^\d{1,2}$/.test(yearGroup)) return false;
  const year = Number(yearGroup);
  return year >= 1 && year <= 14;
}

const genders: ReadonlySet<string> = new Set(["f", "female", "girl", "m", "male", "boy"]);

/** A gender as MIS exports write one (F, M, Female, Male); anything else is not shown as a cohort. */
export function looksLikeGender(gender: string | null): boolean {
  return gender !== null && genders.has(gender.trim().toLowerCase());
}

export const withheld = "[withheld]";

/**
 * A warning as a shareable channel may carry it: quoted excerpts (cell values, labels, sheet names) and every
 * word that is one of `identities` (lower-case name parts and UPNs) replaced by "[withheld]". Row and
 * column stay. One pass over the words, so it costs the same with 300,000 pupils as with 30.
 */
export function redactText(message: string, identities: ReadonlySet<string>): string {
  return message
    .replace(/"[^"]*"|“[^”]*”/g, withheld)
    // A date of birth, however written (14/03/2014, 2014-03-14): identities holds each as ISO.
    .replace(/\b\d{1,4}[/.-]\d{1,2}[/.-]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b/g, (date) => (identities.has(readDateOfBirth(date)) ? withheld : date))
    .replace(/[\p{L}\p{N}'’-]+/gu, (word) => (identities.has(word.toLowerCase()) ? withheld : word));
}

/** Every part of every name, every UPN, admission number and date of birth (ISO) of the analysed pupils, in lower case. */
function identitiesOf(analysis: Analysis): Set<string> {
  const identities = new Set<string>();
  const add = (text: string | null) => {
    for (const part of (text ?? "").toLowerCase().split(/[\s,]+/)) if (part.length >= 2) identities.add(part);
  };
  for (const { record } of analysis.pupils) {
    add(record.upn);
    // An admission number identifies a pupil as surely as a UPN where the export has no UPN.
    add(record.admissionNumber ?? null);
    if (record.dateOfBirth) identities.add(record.dateOfBirth);
    add(record.name);
    add(record.surname);
    add(record.forename);
  }
  return identities;
}

/**
 * The analysis with every year group and gender that is not one set to "not recorded" (its summary made
 * again) and every warning redacted (redactText). Names and UPNs stay on the pupils: each channel shows
 * pupils by reference.
 */
export function shareableAnalysis(analysis: Analysis): Analysis {
  const identities = identitiesOf(analysis);
  const redact = (message: string) => redactText(message, identities);
  const warnings = analysis.warnings.map((warning) => ({ ...warning, message: redact(warning.message) }));
  let changed = false;
  const pupils = analysis.pupils.map((pupil) => {
    const { record } = pupil;
    const year = looksLikeYearGroup(record.yearGroup) ? record.yearGroup : null;
    const gender = looksLikeGender(record.characteristics.gender) ? record.characteristics.gender : null;
    const pupilWarnings = pupil.warnings.map(redact);
    if (year === record.yearGroup && gender === record.characteristics.gender) return { ...pupil, warnings: pupilWarnings };
    changed = true;
    return { ...pupil, warnings: pupilWarnings, record: { ...record, yearGroup: year, characteristics: { ...record.characteristics, gender } } };
  });
  return { ...analysis, pupils, warnings, summary: changed ? summarise(pupils, analysis.mapping) : analysis.summary };
}

/** Text for a shareable channel: every quoted excerpt and every pupil's name or UPN withheld (redactText). */
export function redactShareableText(text: string, analysis: Analysis): string {
  const identities = identitiesOf(analysis);
  return text
    .split("\n")
    .map((line) => redactText(line, identities))
    .join("\n");
}
