import { bandLabelsFor, bandOrder } from "../core/rules/bandLabels";
import { isToDiscuss } from "../core/report/pupilOrder";
import { levelText, stageText, yearGroupText } from "../core/report/pupilText";
import type { Analysis, PupilAnalysis } from "../core/rules/pupilAnalysis";
import { enteredPersistentAbsence } from "../core/progress/bandMovement";
import type { ProgressResult, PupilProgress } from "../core/progress/pupilProgress";

/**
 * The pupil list's filters. Each is a dropdown above the list; a filter with fewer than two choices for this
 * analysis is not shown (no year column, no patterns). To add one (pattern, progress …), write a PupilFilter
 * and add it to `pupilFilters` below: the list, its counts and its "Clear filters" pick it up.
 * The pane holds no rules: a filter only reads what the core decided (band, stage, level, year …).
 */
export interface FilterOption {
  /** Stable value; `anyValue` means "no filter". */
  value: string;
  label: string;
}

export interface PupilFilter {
  id: string;
  /** The dropdown's label, e.g. "Band". */
  label: string;
  /** The choices for this analysis, without the "any" choice (added by the list). */
  options: (analysis: Analysis) => FilterOption[];
  /** Whether the pupil is kept when `value` (never `anyValue`) is chosen. */
  matches: (pupil: PupilAnalysis, value: string) => boolean;
  /** The value chosen when results first show (default `anyValue`). */
  initial?: (analysis: Analysis) => string;
  /** The "any" choice's words (default "All"). */
  anyLabel?: string;
  /** Each choice is a yes/no question (a pattern, a change): one choice alone still filters. */
  questions?: boolean;
}

export const anyValue = "";

/** Values of a pupil field in the order first met, each once. */
function distinct<T>(pupils: readonly PupilAnalysis[], value: (pupil: PupilAnalysis) => T | null): T[] {
  const seen = new Set<T>();
  for (const pupil of pupils) {
    const v = value(pupil);
    if (v !== null) seen.add(v);
  }
  return [...seen];
}

const discussValue = "discuss";

export const bandFilter: PupilFilter = {
  id: "band",
  label: "Band",
  anyLabel: "All bands",
  options: (analysis) => {
    const labels = bandLabelsFor(analysis.settings.bands);
    return [
      { value: discussValue, label: "Pupils to discuss" },
      ...bandOrder.filter((band) => analysis.summary.bandCounts[band] > 0).map((band) => ({ value: band, label: labels[band].long })),
    ];
  },
  matches: (pupil, value) => (value === discussValue ? isToDiscuss(pupil) : pupil.band === value),
  initial: () => discussValue,
};

/** Year groups in school order: N1, N2, R, then 1–14, then anything else as the sheet gave it. */
function yearRank(year: string): number {
  if (/^N[12]$/i.test(year)) return -3 + Number(year.slice(1));
  if (year.toUpperCase() === "R") return 0;
  return /^\d{1,2}$/.test(year) ? Number(year) : 100;
}

const noYear = "none";

export const yearGroupFilter: PupilFilter = {
  id: "year",
  label: "Year group",
  anyLabel: "All year groups",
  options: (analysis) => {
    const years = distinct(analysis.pupils, (p) => p.record.yearGroup?.trim() || null).sort(
      (a, b) => yearRank(a) - yearRank(b) || a.localeCompare(b, "en-GB"),
    );
    const missing = analysis.pupils.some((p) => !p.record.yearGroup?.trim());
    return [
      ...years.map((year) => ({ value: year, label: yearGroupText(year) ?? year })),
      ...(missing && years.length > 0 ? [{ value: noYear, label: "Year not given" }] : []),
    ];
  },
  matches: (pupil, value) => (value === noYear ? !pupil.record.yearGroup?.trim() : pupil.record.yearGroup?.trim() === value),
};

const noStage = "none";

export const stageFilter: PupilFilter = {
  id: "stage",
  label: "Stage",
  anyLabel: "All stages",
  options: (analysis) => {
    if (analysis.settings.framework === "levels") return [];
    const stages = distinct(analysis.pupils, (p) => p.stage).sort((a, b) => a - b);
    const none = analysis.pupils.some((p) => p.stage === null);
    return [
      ...stages.map((stage) => ({ value: String(stage), label: stageText(stage, analysis.settings) ?? `Stage ${stage}` })),
      ...(none ? [{ value: noStage, label: "No stage (no absence)" }] : []),
    ];
  },
  matches: (pupil, value) => (value === noStage ? pupil.stage === null : String(pupil.stage) === value),
};

export const levelFilter: PupilFilter = {
  id: "level",
  label: "PIAS level",
  anyLabel: "All levels",
  options: (analysis) => {
    if (analysis.settings.framework === "stages") return [];
    return distinct(analysis.pupils, (p) => p.level)
      .sort((a, b) => a - b)
      .map((level) => ({ value: String(level), label: levelText(level, analysis.settings) }));
  },
  matches: (pupil, value) => String(pupil.level) === value,
};

/** A yes/no question the core has already answered for a pupil's facts (a pattern, a change). */
interface Question<T> {
  value: string;
  label: string;
  has: (facts: T) => boolean;
}

/**
 * A filter of yes/no questions about some facts of each pupil (null where the pupil has none): each
 * question is offered only when some pupil has it, and one question alone still filters.
 */
function questionFilter<T>(id: string, label: string, anyLabel: string, questions: readonly Question<T>[], factsOf: (pupil: PupilAnalysis) => T | null): PupilFilter {
  const answers = (pupil: PupilAnalysis, question: Question<T> | undefined) => {
    const facts = factsOf(pupil);
    return facts !== null && question !== undefined && question.has(facts);
  };
  return {
    id,
    label,
    anyLabel,
    questions: true,
    options: (analysis) =>
      questions.filter((question) => analysis.pupils.some((pupil) => answers(pupil, question))).map(({ value, label: text }) => ({ value, label: text })),
    matches: (pupil, value) => answers(pupil, questions.find((question) => question.value === value)),
  };
}

/** Patterns in the session marks (docs/rules.md §10), where the sheet has them; the core decided each. */
const patternQuestions: Question<NonNullable<PupilAnalysis["patterns"]>>[] = [
  { value: "tell-la", label: "Tell the local authority (continuous unauthorised absence)", has: (p) => p.tellLocalAuthority },
  { value: "education", label: "Education may need arranging (continuous absence)", has: (p) => p.educationMayNeedArranging },
  { value: "days", label: "Absence concentrated on certain days", has: (p) => p.dayPattern.length > 0 },
  { value: "afternoons", label: "Mostly afternoons", has: (p) => p.afternoons },
  { value: "declining", label: "Attendance declining recently", has: (p) => p.recentTrend?.direction === "declining" },
];

export const patternFilter: PupilFilter = questionFilter("pattern", "Pattern", "Any or none", patternQuestions, (pupil) => pupil.patterns);

/** Changes since the last analysis (docs/rules.md §11): what the core decided for each pupil. */
const progressQuestions: Question<PupilProgress>[] = [
  { value: "new-to-pa", label: "New to PA (or SA)", has: (p) => p.movement !== null && enteredPersistentAbsence(p.movement) },
  { value: "left-pa", label: "Left PA", has: (p) => p.movement?.kind === "left-pa" },
  { value: "review-overdue", label: "Review overdue", has: (p) => p.review?.status === "overdue" },
  { value: "review-due", label: "Review due", has: (p) => p.review?.status === "due" },
  { value: "no-improvement", label: "No real improvement", has: (p) => p.improving === false },
];

/** The changes-since-the-last-analysis filter, where the workbook's history has an earlier analysis. */
export function progressFilter(analysis: Analysis, progress: ProgressResult): PupilFilter {
  const byPupil = new Map<PupilAnalysis, PupilProgress>();
  analysis.pupils.forEach((pupil, index) => {
    const found = progress.pupils[index];
    if (found) byPupil.set(pupil, found);
  });
  return questionFilter("progress", "Since the last analysis", "Any change or none", progressQuestions, (pupil) => byPupil.get(pupil) ?? null);
}

/** Every filter the list offers, in the order shown. Add new filters here. */
export const pupilFilters: readonly PupilFilter[] = [bandFilter, yearGroupFilter, stageFilter, levelFilter, patternFilter];

/** A filter's chosen value, by filter id. */
export type FilterValues = Readonly<Record<string, string>>;

/** The filters with at least two choices for this analysis (one choice filters nothing), with their options. */
export function filtersFor(
  analysis: Analysis,
  filters: readonly PupilFilter[] = pupilFilters,
): { filter: PupilFilter; options: FilterOption[] }[] {
  return filters
    .map((filter) => ({ filter, options: filter.options(analysis) }))
    // One choice still filters when it is a yes/no question (a pattern); a year group alone does not.
    .filter(({ filter, options }) => options.length >= 2 || (options.length === 1 && (filter.initial !== undefined || filter.questions === true)));
}

export function initialFilterValues(analysis: Analysis, filters: readonly PupilFilter[] = pupilFilters): FilterValues {
  const values: Record<string, string> = {};
  for (const filter of filters) values[filter.id] = filter.initial?.(analysis) ?? anyValue;
  return values;
}

/**
 * Pupils (as indices into analysis.pupils, in the order given) that pass every chosen filter and whose name,
 * UPN, admission number or registration group contains the search text.
 */
export function filterPupils(
  analysis: Analysis,
  order: readonly number[],
  values: FilterValues,
  search: string,
  /** From searchIndexFor; null while nothing is searched for (it is built on the first search). */
  searchIndex: readonly string[] | null,
  filters: readonly PupilFilter[] = pupilFilters,
): number[] {
  const active = filters.filter((filter) => (values[filter.id] ?? anyValue) !== anyValue);
  const needle = search.trim().toLowerCase();
  return order.filter((index) => {
    const pupil = analysis.pupils[index] as PupilAnalysis;
    if (needle !== "" && searchIndex !== null && !(searchIndex[index] ?? "").includes(needle)) return false;
    return active.every((filter) => filter.matches(pupil, values[filter.id] as string));
  });
}

/** What search looks in, per pupil, lower-cased once per analysis. */
export function searchIndexFor(analysis: Analysis): string[] {
  return analysis.pupils.map((pupil) =>
    // The admission number too: the one number a school without UPNs knows its pupils by.
    [pupil.record.name, pupil.record.upn ?? "", pupil.record.admissionNumber ?? "", pupil.record.regGroup ?? ""].join("\u0000").toLowerCase(),
  );
}
