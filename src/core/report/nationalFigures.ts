import { ukDate } from "../common/dates";
import type { SchoolPhase } from "./tsmDetails";

/**
 * National figures to compare a school with (docs/rules.md §8): England, state-funded schools,
 * DfE "Pupil absence in schools in England". A dated table shipped with the add-in and updated
 * by hand when the DfE publishes; never fetched (pupil data never leaves the machine, and the
 * add-in makes no network calls).
 */
export const nationalFiguresSource = 'DfE, "Pupil absence in schools in England"';

export interface NationalYearFigures {
  /** "2023/24" */
  year: string;
  /** Which pupils the row covers, in words. */
  coverage: string;
  phase: "all" | "primary" | "secondary" | "special";
  /** Percentages on the 0–100 scale; null where the table has no figure. */
  overallAbsence: number | null;
  persistentRate: number | null;
  severeRate: number | null;
  /** True for a part-year release (e.g. autumn and spring terms only). */
  partYear: boolean;
}

/** docs/rules.md §8, row for row. */
export const nationalFigureRows: readonly NationalYearFigures[] = [
  { year: "2022/23", coverage: "All state-funded schools", phase: "all", overallAbsence: 7.4, persistentRate: 21.2, severeRate: 2.0, partYear: false },
  { year: "2023/24", coverage: "All state-funded schools", phase: "all", overallAbsence: 7.1, persistentRate: 20.0, severeRate: 2.3, partYear: false },
  { year: "2024/25 autumn and spring terms", coverage: "All state-funded schools", phase: "all", overallAbsence: 6.6, persistentRate: 17.6, severeRate: 2.3, partYear: true },
  { year: "2023/24", coverage: "State-funded primary schools", phase: "primary", overallAbsence: 5.5, persistentRate: null, severeRate: null, partYear: false },
  { year: "2023/24", coverage: "Mainstream state-funded primary schools", phase: "primary", overallAbsence: null, persistentRate: 14.6, severeRate: 0.9, partYear: false },
  { year: "2023/24", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.9, persistentRate: null, severeRate: null, partYear: false },
  { year: "2023/24", coverage: "State-funded special schools", phase: "special", overallAbsence: 13.0, persistentRate: null, severeRate: null, partYear: false },
];

/**
 * A whole table of national figures with where it came from and when, so the form can say how current
 * its comparison is. A school can replace the shipped one (task pane, or `--national FILE.json`) when the
 * DfE publishes newer figures; checkNationalFigureTable validates a replacement.
 */
export interface NationalFigureTable {
  /** Who published the figures, in words. */
  source: string;
  /** ISO yyyy-MM-dd: when the figures were published or last checked. */
  date: string;
  rows: readonly NationalYearFigures[];
}

/** The table that ships with the add-in: docs/rules.md §8, last checked on the date given. */
export const nationalFigureTable: NationalFigureTable = {
  source: nationalFiguresSource,
  date: "2026-11-23",
  rows: nationalFigureRows,
};

/** One national figure and, in words, what it is (so the form never compares like with unlike silently). */
export interface NationalFigure {
  /** 0–100 */
  percent: number;
  /** "State-funded secondary schools, England, 2023/24" */
  label: string;
}

export interface NationalComparison {
  overallAbsence: NationalFigure | null;
  persistentRate: NationalFigure | null;
  severeRate: NationalFigure | null;
  source: string;
  /** ISO yyyy-MM-dd: when the table's figures were published or last checked. */
  date: string;
}

const latestFullYear = (rows: readonly NationalYearFigures[]): NationalYearFigures | undefined =>
  rows.filter((row) => !row.partYear).sort((a, b) => b.year.localeCompare(a.year))[0];

function figure(
  measure: "overallAbsence" | "persistentRate" | "severeRate",
  phase: SchoolPhase,
  table: readonly NationalYearFigures[],
): NationalFigure | null {
  // Prefer the school's own phase; fall back to all state-funded schools, and say so in the label.
  const tablePhase = phase === "primary" || phase === "secondary" || phase === "special" ? phase : null;
  const candidates = [
    ...(tablePhase ? [latestFullYear(table.filter((row) => row.phase === tablePhase && row[measure] !== null))] : []),
    latestFullYear(table.filter((row) => row.phase === "all" && row[measure] !== null)),
  ];
  for (const row of candidates) {
    const percent = row?.[measure];
    if (row && percent !== null && percent !== undefined) {
      return { percent, label: `${row.coverage}, England, ${row.year}` };
    }
  }
  return null;
}

/**
 * The national figures for a school's phase: the latest full academic year, by phase where the table
 * has it, else all state-funded schools. Part-year releases are not used (absence differs by term).
 */
export function nationalFiguresFor(phase: SchoolPhase, table: NationalFigureTable = nationalFigureTable): NationalComparison {
  return {
    overallAbsence: figure("overallAbsence", phase, table.rows),
    persistentRate: figure("persistentRate", phase, table.rows),
    severeRate: figure("severeRate", phase, table.rows),
    source: table.source,
    date: table.date,
  };
}

/** The note under the whole-school heading on the form and the summary: whose figures, and how current. */
export function nationalSourceNote(national: NationalComparison): string {
  const date = ukDate(national.date);
  return `National figures: ${national.source}; figures published or last checked on ${date}.`;
}
