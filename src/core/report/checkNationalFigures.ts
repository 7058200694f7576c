import { parseUkOrIsoDate } from "../common/dates";
import type { NationalFigureTable, NationalYearFigures } from "./nationalFigures";

/**
 * Checks a table of national figures a school supplies (task pane or `--national FILE.json`) before any
 * form uses it (docs/rules.md §8: a dated table the user can update). Text as typed is accepted as well as
 * JSON numbers, so the pane can pass its inputs straight in; every problem names the row and the field.
 *
 * The JSON shape (README "National figures"):
 * { "source": text, "date": "yyyy-MM-dd" (or dd/mm/yyyy),
 *   "rows": [ { "year": "2023/24" or "2024/25 autumn and spring terms", "coverage": text,
 *               "phase": "all" | "primary" | "secondary" | "special",
 *               "overallAbsence": 0–100 or null, "persistentRate": 0–100 or null, "severeRate": 0–100 or null } ] }
 */

export type NationalRowField = "year" | "coverage" | "phase" | "overallAbsence" | "persistentRate" | "severeRate";
export type NationalTableField = "source" | "date" | "rows";

/** What each field is called wherever a user sees it. */
export const nationalFieldLabels: Record<NationalRowField | NationalTableField, string> = {
  source: "Source",
  date: "Date published or last checked",
  rows: "Rows",
  year: "Year",
  coverage: "Covers",
  phase: "Phase",
  overallAbsence: "Overall absence",
  persistentRate: "PA rate",
  severeRate: "SA rate",
};

export const nationalPhases: readonly NationalYearFigures["phase"][] = ["all", "primary", "secondary", "special"];
export const percentFields: readonly ("overallAbsence" | "persistentRate" | "severeRate")[] = ["overallAbsence", "persistentRate", "severeRate"];
const rowFields: readonly NationalRowField[] = ["year", "coverage", "phase", ...percentFields];

export const maxNationalRows = 50;
const maxTextLength = 200;

export interface NationalTableProblem {
  /** 1-based row of the table; null for the table's own fields (source, date) or the table as a whole. */
  row: number | null;
  field: NationalRowField | NationalTableField;
  /** What is wrong and what to do, without saying where: for showing next to the field. */
  text: string;
  /** The same, naming the row and field: for a message that stands alone. */
  message: string;
}

export type NationalTableCheck = { ok: true; table: NationalFigureTable } | { ok: false; problems: NationalTableProblem[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a set of named values";
  return String(value);
}

/** "2023/24", or "2024/25 autumn and spring terms": the second year must follow the first. */
export function parseNationalYear(text: string): { start: number; note: string | null } | null {
  const match = /^(\d{4})\/(\d{2})(?:\s+(\S.*))?$/.exec(text.trim());
  if (!match) return null;
  const start = Number(match[1]);
  if ((start + 1) % 100 !== Number(match[2])) return null;
  return { start, note: match[3]?.trim() ?? null };
}

/** A percentage as typed or stored: empty → null; a number 0–100 (a trailing "%" is allowed) → that number. */
function parsePercent(value: unknown): { ok: true; percent: number | null } | { ok: false; text: string } {
  const hint = "enter a percentage from 0 to 100 (for example 7.4 for 7.4%), or leave it empty";
  if (value === null || value === undefined) return { ok: true, percent: null };
  let percent: number;
  if (typeof value === "number") {
    percent = value;
  } else if (typeof value === "string") {
    const trimmed = value.trim().replace(/\s*%$/, "");
    if (trimmed === "") return { ok: true, percent: null };
    if (!/^\d+(\.\d+)?$/.test(trimmed)) return { ok: false, text: `${describe(value)} is not a number; ${hint}.` };
    percent = Number(trimmed);
  } else {
    return { ok: false, text: `it is ${describe(value)}; ${hint}.` };
  }
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    return { ok: false, text: `${describe(value)} is ${percent < 0 ? "below 0" : "more than 100"}; ${hint}.` };
  }
  return { ok: true, percent };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Validates a table of national figures. On success the table is tidied: text trimmed, percentages as
 * numbers, the date as yyyy-MM-dd, and each row marked part-year when its year carries a note.
 */
export function checkNationalFigureTable(input: unknown): NationalTableCheck {
  const problems: NationalTableProblem[] = [];
  const add = (row: number | null, field: NationalTableProblem["field"], text: string, where?: string) => {
    const place =
      row !== null ? `Row ${row}${where ? ` (${where})` : ""}, ${nationalFieldLabels[field]}: ` : field === "rows" ? "" : `${nationalFieldLabels[field]}: `;
    problems.push({ row, field, text: upperFirst(text), message: place === "" ? upperFirst(text) : `${place}${text}` });
  };

  if (!isRecord(input)) {
    add(null, "rows", `the national figures must be a set of named values with "source", "date" and "rows", not ${describe(input)}.`);
    return { ok: false, problems };
  }
  for (const key of Object.keys(input)) {
    if (!["source", "date", "rows"].includes(key)) {
      add(null, "rows", `the table has a field "${key}" it does not use: the fields are "source", "date" and "rows"; remove it or correct its name.`);
    }
  }

  const text = (value: unknown): string | null => (typeof value === "string" ? value.trim() : null);
  // "it is missing", or what was there instead ("2023 is not an academic year").
  const wrong = (value: unknown, what: string): string =>
    value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? "it is missing" : `${describe(value)} is not ${what}`;
  const source = text(input.source);
  if (source === null || source === "") add(null, "source", "say who published the figures, for example DfE, \"Pupil absence in schools in England\".");
  else if (source.length > maxTextLength) add(null, "source", `keep it to ${maxTextLength} characters or fewer.`);

  const dateText = text(input.date);
  const date = dateText === null ? null : parseUkOrIsoDate(dateText);
  if (date === null) {
    add(
      null,
      "date",
      `${wrong(input.date, "a date")}; enter the date the figures were published or last checked, for example 2025-06-12 or 12/06/2025.`,
    );
  }

  const rows: NationalYearFigures[] = [];
  if (!Array.isArray(input.rows) || input.rows.length === 0) {
    add(null, "rows", "the table has no rows: add at least one row of figures.");
  } else if (input.rows.length > maxNationalRows) {
    add(null, "rows", `the table has ${input.rows.length} rows; it can have at most ${maxNationalRows}.`);
  } else {
    input.rows.forEach((raw: unknown, index) => {
      const row = index + 1;
      if (!isRecord(raw)) {
        add(row, "year", `the row must be a set of named values (year, coverage, phase and the three percentages), not ${describe(raw)}.`);
        return;
      }
      const yearText = text(raw.year) ?? "";
      const coverage = text(raw.coverage) ?? "";
      const where = [yearText, coverage].filter((t) => t !== "").join(", ");
      const before = problems.length;
      for (const key of Object.keys(raw)) {
        if (!(rowFields as readonly string[]).includes(key)) {
          add(row, "year", `the row has a field "${key}" the table does not use: the fields are ${rowFields.join(", ")}; remove it or correct its name.`, where);
        }
      }
      const year = parseNationalYear(yearText);
      if (!year) {
        add(
          row,
          "year",
          `${wrong(raw.year, "an academic year")}; write it like 2023/24, adding the terms for a part-year release (for example 2024/25 autumn and spring terms).`,
          where,
        );
      }
      if (coverage === "") add(row, "coverage", "say which pupils the figures cover, for example State-funded secondary schools.", where);
      else if (coverage.length > maxTextLength) add(row, "coverage", `keep it to ${maxTextLength} characters or fewer.`, where);
      const phaseText = (text(raw.phase) ?? "").toLowerCase();
      const phase = nationalPhases.find((p) => p === phaseText);
      if (!phase) add(row, "phase", `${wrong(raw.phase, "a phase")}; choose all, primary, secondary or special.`, where);
      const percents: Partial<Record<(typeof percentFields)[number], number | null>> = {};
      for (const field of percentFields) {
        const parsed = parsePercent(raw[field]);
        if (parsed.ok) percents[field] = parsed.percent;
        else add(row, field, parsed.text, where);
      }
      if (percentFields.every((field) => percents[field] === null)) {
        add(row, "overallAbsence", "the row gives no figure; enter at least one of overall absence, PA rate and SA rate, or remove the row.", where);
      }
      if (problems.length === before && year && phase) {
        rows.push({
          year: yearText.replace(/\s+/g, " "),
          coverage,
          phase,
          overallAbsence: percents.overallAbsence ?? null,
          persistentRate: percents.persistentRate ?? null,
          severeRate: percents.severeRate ?? null,
          // Absence differs by term, so a release for part of the year is never compared with (nationalFiguresFor).
          partYear: year.note !== null,
        });
      }
    });
  }

  if (problems.length > 0 || source === null || date === null) return { ok: false, problems };
  return { ok: true, table: { source, date, rows } };
}

/** The table in its documented JSON shape (the example file, `--national`, and what the workbook stores). */
export function nationalTableToJson(table: NationalFigureTable): {
  source: string;
  date: string;
  rows: Record<NationalRowField, string | number | null>[];
} {
  return {
    source: table.source,
    date: table.date,
    rows: table.rows.map((row) => ({
      year: row.year,
      coverage: row.coverage,
      phase: row.phase,
      overallAbsence: row.overallAbsence,
      persistentRate: row.persistentRate,
      severeRate: row.severeRate,
    })),
  };
}
