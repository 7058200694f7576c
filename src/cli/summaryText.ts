import type { Grid } from "../core/read/grid";
import { columnLetter } from "../core/common/a1";
import { ukDate } from "../core/common/dates";
import { fieldLabels } from "../core/read/headings";
import type { ColumnField } from "../core/read/pupilRecord";
import { oneDecimal } from "../core/common/numbers";
import { levelText, reasonsText, stageText, yearGroupText } from "../core/report/pupilText";
import { bandLabels } from "../core/rules/bandLabels";
import type { Analysis, Band, PupilAnalysis } from "../core/rules/pupilAnalysis";

export interface SummaryTextOptions {
  /** File name shown in the heading. */
  fileName: string;
  sheetName: string;
  /** The grid read, to list headings that were not used. */
  grid?: Grid;
  /** Show pupils by these references (aligned with analysis.pupils) instead of by name and UPN. */
  references?: readonly string[];
}

const bandOrder: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

/**
 * The command line's readable report: the columns found, the band counts, then every severely and
 * persistently absent pupil with the suggested next step and why, then the warnings.
 */
export function summaryText(analysis: Analysis, options: SummaryTextOptions): string {
  const lines: string[] = [];
  const { mapping, summary } = analysis;

  lines.push(`Attendance analysis of ${options.fileName} (sheet "${options.sheetName}")`);
  lines.push("");
  lines.push(
    mapping.firstHeadingRow !== undefined && mapping.firstHeadingRow !== mapping.headerRow
      ? `Header rows: rows ${mapping.firstHeadingRow + 1}–${mapping.headerRow + 1}, read as one heading per column`
      : `Header row: row ${mapping.headerRow + 1}`,
  );
  lines.push("Columns found (heading → field, confidence):");
  const matches = Object.entries(mapping.columns)
    .filter((entry): entry is [ColumnField, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined)
    .sort((a, b) => a[1].column - b[1].column);
  const headingWidth = Math.max(0, ...matches.map(([, match]) => displayHeading(match.heading).length));
  for (const [field, match] of matches) {
    const heading = displayHeading(match.heading).padEnd(headingWidth);
    lines.push(`  ${columnLetter(match.column).padStart(3)}  ${heading}  → ${fieldLabels[field]} (${Math.round(match.confidence * 100)}%)`);
  }
  if (mapping.sessions.length > 0) {
    const first = mapping.sessions[0];
    const last = mapping.sessions[mapping.sessions.length - 1];
    lines.push(
      `  Register marks: ${mapping.sessions.length} session columns` +
        (first && last ? `, ${ukDate(first.date)} ${first.session} to ${ukDate(last.date)} ${last.session}` : ""),
    );
  }
  if (mapping.percentScale !== null) {
    lines.push(`  Attendance % read as ${mapping.percentScale === "fraction" ? "fractions (0.932 = 93.2%)" : "percentages (93.2 = 93.2%)"}`);
  }
  const unused = unusedHeadings(analysis, options.grid);
  if (unused.length > 0) lines.push(`  Not used: ${unused.join(", ")}`);

  lines.push("");
  lines.push(`Pupils: ${summary.pupils} (${summary.withData} with attendance data)`);
  const labelWidth = Math.max(...bandOrder.map((band) => bandLabels[band].long.length));
  for (const band of bandOrder) {
    const count = summary.bandCounts[band];
    const share = summary.withData > 0 && band !== "no-data" ? `  ${percent((count / summary.withData) * 100)} of pupils with data` : "";
    lines.push(`  ${bandLabels[band].long.padEnd(labelWidth)}  ${String(count).padStart(6)}${share}`);
  }
  if (summary.persistentRate !== null) {
    lines.push(`  Persistently absent including severe: ${percent(summary.persistentRate)} of pupils with data`);
  }
  if (summary.overallAttendancePercent !== null) {
    lines.push(`  Whole-school attendance: ${percent(summary.overallAttendancePercent)}`);
  }

  for (const band of ["severe", "persistent"] as const) {
    const indexes = analysis.pupils.flatMap((pupil, index) => (pupil.band === band ? [index] : []));
    lines.push("");
    lines.push(`${bandLabels[band].long}: ${indexes.length} ${indexes.length === 1 ? "pupil" : "pupils"}`);
    if (indexes.length === 0) lines.push("  None.");
    for (const index of indexes) {
      const pupil = analysis.pupils[index];
      if (pupil) lines.push(...pupilLines(pupil, analysis, options.references?.[index] ?? null));
    }
  }

  // analysis.warnings already holds each pupil's own warnings (core/analyse.ts): each problem once.
  const warnings = analysis.warnings;
  lines.push("");
  lines.push(`Warnings: ${warnings.length === 0 ? "none" : warnings.length}`);
  // Sheet-level messages name their sheet, row and column already; a pupil's own say which row here.
  const byRow = options.references ? pupilNamesByRow(analysis, options.references) : null;
  for (const warning of warnings) {
    const message = byRow ? withoutName(warning.sourceRow, warning.message, byRow) : warning.message;
    lines.push(`  ${withRow(warning.sourceRow, message)}`);
  }

  return `${lines.join("\n")}\n`;
}

function pupilLines(pupil: PupilAnalysis, analysis: Analysis, reference: string | null): string[] {
  const framework = analysis.settings.framework;
  const record = pupil.record;
  // Where the export has no UPN, the admission number says which pupil (docs/rules.md §12).
  const id = record.upn ?? (record.admissionNumber ? `admission number ${record.admissionNumber}` : null);
  const who = reference ?? [record.name, id].filter((part) => part).join(", ");
  const year = yearGroupText(record.yearGroup);
  const figures: string[] = [];
  if (pupil.attendancePercent !== null) figures.push(`attendance ${percent(pupil.attendancePercent)}`);
  if (pupil.missedSessions !== null && pupil.possibleSessions !== null) {
    const split =
      pupil.authorisedSessions !== null && pupil.unauthorisedSessions !== null
        ? ` (${pupil.authorisedSessions} authorised, ${pupil.unauthorisedSessions} unauthorised)`
        : "";
    figures.push(`missed ${pupil.missedSessions} of ${pupil.possibleSessions} sessions${split}`);
  }
  const steps: string[] = [];
  if (framework !== "levels") steps.push(stageText(pupil.stage, analysis.settings) ?? "No stage");
  if (framework !== "stages") steps.push(`PIAS ${levelText(pupil.level, analysis.settings)}`);

  const lines = [`  Row ${record.sourceRow}: ${who}${year ? ` (${year})` : ""}${figures.length ? ` – ${figures.join(", ")}` : ""}`];
  lines.push(`      ${steps.join(" · ")}`);
  if (pupil.suggestedAction) lines.push(`      ${pupil.suggestedAction}`);
  const why = reasonsText(pupil.reasons);
  if (why) lines.push(`      Why: ${why}`);
  return lines;
}

/** Each pupil's name and reference by source row, so a shareable summary's warnings name no pupil. */
export function pupilNamesByRow(analysis: Analysis, references: readonly string[]): Map<number, { name: string; reference: string }> {
  const byRow = new Map<number, { name: string; reference: string }>();
  analysis.pupils.forEach((pupil, index) => {
    if (pupil.record.name !== "") byRow.set(pupil.record.sourceRow, { name: pupil.record.name, reference: references[index] ?? "" });
  });
  return byRow;
}

/** A pupil's warning with the pupil's name replaced by their reference (docs/rules.md §7: shareable mode). */
export function withoutName(sourceRow: number | null, message: string, byRow: ReadonlyMap<number, { name: string; reference: string }>): string {
  const pupil = sourceRow === null ? undefined : byRow.get(sourceRow);
  return pupil ? message.split(pupil.name).join(pupil.reference) : message;
}

/** "Row 12: …" before a pupil's warning, unless the message already says where it is. */
function withRow(sourceRow: number | null, message: string): string {
  if (sourceRow === null || /^(?:Sheet "|Row \d|The pasted range)/.test(message)) return message;
  return `Row ${sourceRow}: ${message}`;
}

function unusedHeadings(analysis: Analysis, grid: Grid | undefined): string[] {
  const header = analysis.mapping.headings ?? grid?.[analysis.mapping.headerRow];
  if (!header) return [];
  const used = new Set<number>([
    ...Object.values(analysis.mapping.columns).flatMap((match) => (match ? [match.column] : [])),
    ...analysis.mapping.sessions.map((session) => session.column),
  ]);
  return header
    .map((cell, column) => ({ text: String(cell).trim(), column }))
    .filter(({ text, column }) => text !== "" && !used.has(column))
    .map(({ text }) => displayHeading(text));
}

function displayHeading(heading: string): string {
  const oneLine = heading.replace(/\s+/g, " ").trim();
  return oneLine === "" ? "(blank heading)" : `"${oneLine}"`;
}

function percent(value: number): string {
  return `${(oneDecimal(value) ?? 0).toFixed(1)}%`;
}
