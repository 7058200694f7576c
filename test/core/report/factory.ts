/**
 * Hand-built analyses for the report tests (independent of the read and rules engines, so these tests
 * say what the report does with a given analysis, whatever the engines decide).
 */
import type { CellValue, Grid } from "../../../src/core/read/grid";
import type { ColumnField, ColumnMapping, ColumnMatch } from "../../../src/core/read/pupilRecord";
import type {
  Analysis,
  AttendanceSummary,
  Band,
  CohortFigures,
  PiasLevel,
  PupilAnalysis,
  Stage,
} from "../../../src/core/rules/pupilAnalysis";
import { defaultSettings } from "../../../src/core/rules/settings";
import type { CellBlock, SheetPlan } from "../../../src/core/report/plan";
import type { TsmMeetingDetails } from "../../../src/core/report/tsmDetails";
import { makeRecord } from "../rules/helpers";

export interface PupilSpec {
  name: string;
  upn?: string | null;
  year?: string | null;
  reg?: string | null;
  admissionNumber?: string | null;
  /** ISO yyyy-MM-dd. */
  dateOfBirth?: string | null;
  possible: number;
  authorised?: number;
  unauthorised?: number;
  pupilPremium?: boolean | null;
  sourceRow?: number;
  stage?: Stage | null;
  level?: PiasLevel;
  penalty?: boolean | null;
}

/** docs/rules.md §2 in whole numbers. */
export function bandOf(missed: number, possible: number): Band {
  if (possible <= 0) return "no-data";
  if (2 * missed >= possible) return "severe";
  if (10 * missed >= possible) return "persistent";
  if (20 * missed >= possible) return "at-risk";
  return "expected";
}

export function makePupil(spec: PupilSpec, index: number): PupilAnalysis {
  const authorised = spec.authorised ?? 0;
  const unauthorised = spec.unauthorised ?? 0;
  const missed = authorised + unauthorised;
  const band = bandOf(missed, spec.possible);
  const [forename, ...rest] = spec.name.split(" ");
  const record = makeRecord({
    sourceRow: spec.sourceRow ?? index + 2,
    upn: spec.upn === undefined ? `K82000${String(1000 + index)}00${index % 10}` : spec.upn,
    name: spec.name,
    surname: rest.join(" ") || null,
    forename: forename ?? null,
    yearGroup: spec.year === undefined ? "9" : spec.year,
    regGroup: spec.reg ?? null,
    ...(spec.admissionNumber !== undefined ? { admissionNumber: spec.admissionNumber } : {}),
    ...(spec.dateOfBirth !== undefined ? { dateOfBirth: spec.dateOfBirth } : {}),
    possibleSessions: spec.possible,
    presentSessions: spec.possible - missed,
    aeaSessions: 0,
    attendedSessions: spec.possible - missed,
    authorisedSessions: authorised,
    unauthorisedSessions: unauthorised,
    missedSessions: missed,
    characteristics: { ...makeRecord().characteristics, pupilPremium: spec.pupilPremium ?? null },
  });
  const days = missed / 2;
  const stage: Stage | null =
    spec.stage !== undefined
      ? spec.stage
      : days === 0
        ? null
        : days <= 1
          ? 0
          : days <= 5
            ? 1
            : days <= 10
              ? 2
              : days <= 15
                ? 3
                : days <= 25
                  ? 4
                  : days <= 40
                    ? 5
                    : 6;
  const level: PiasLevel = spec.level ?? (band === "severe" || band === "persistent" ? 2 : 1);
  return {
    record,
    possibleSessions: spec.possible,
    attendedSessions: spec.possible - missed,
    missedSessions: missed,
    authorisedSessions: authorised,
    unauthorisedSessions: unauthorised,
    attendancePercent: spec.possible > 0 ? ((spec.possible - missed) / spec.possible) * 100 : null,
    band,
    bandBasis: spec.possible > 0 ? "sessions" : "none",
    stage,
    level,
    penaltyNoticeThresholdMet: spec.penalty === undefined ? null : spec.penalty,
    sessionsToLeavePersistentAbsence: band === "persistent" ? 10 * missed - spec.possible : null,
    patterns: null,
    reasons: [`Missed ${missed} of ${spec.possible} sessions`],
    suggestedAction: band === "severe" ? "Agree a support plan at the TSM." : "Meet the family to understand barriers.",
    warnings: [],
  };
}

function tally(label: string, key: string, pupils: readonly PupilAnalysis[]): CohortFigures {
  const count = (b: Band) => pupils.filter((p) => p.band === b).length;
  const withData = pupils.filter((p) => p.band !== "no-data").length;
  const possible = pupils.reduce((s, p) => s + (p.possibleSessions ?? 0), 0);
  const attended = pupils.reduce((s, p) => s + (p.attendedSessions ?? 0), 0);
  return {
    label,
    key,
    pupils: pupils.length,
    withData,
    severe: count("severe"),
    persistent: count("persistent"),
    atRisk: count("at-risk"),
    attendancePercent: possible > 0 ? (attended / possible) * 100 : null,
    persistentRate: withData > 0 ? ((count("severe") + count("persistent")) / withData) * 100 : null,
    severeRate: withData > 0 ? (count("severe") / withData) * 100 : null,
  };
}

function match(field: ColumnField, column: number, heading: string): ColumnMatch {
  return { field, column, heading, confidence: 1, alternatives: [] };
}

export function makeAnalysis(specs: readonly PupilSpec[], options: { headerRow?: number } = {}): Analysis {
  const pupils = specs.map((spec, i) => makePupil(spec, i));
  const whole = tally("Whole school", "all", pupils);
  const years = [...new Set(pupils.map((p) => p.record.yearGroup ?? ""))].sort();
  const summary: AttendanceSummary = {
    pupils: pupils.length,
    withData: whole.withData,
    bandCounts: {
      severe: whole.severe,
      persistent: whole.persistent,
      "at-risk": whole.atRisk,
      expected: pupils.filter((p) => p.band === "expected").length,
      "no-data": pupils.filter((p) => p.band === "no-data").length,
    },
    possibleSessions: pupils.reduce((s, p) => s + (p.possibleSessions ?? 0), 0),
    missedSessions: pupils.reduce((s, p) => s + (p.missedSessions ?? 0), 0),
    authorisedSessions: pupils.reduce((s, p) => s + (p.authorisedSessions ?? 0), 0),
    unauthorisedSessions: pupils.reduce((s, p) => s + (p.unauthorisedSessions ?? 0), 0),
    overallAttendancePercent: whole.attendancePercent,
    overallAbsencePercent: whole.attendancePercent === null ? null : 100 - whole.attendancePercent,
    persistentRate: whole.persistentRate,
    severeRate: whole.severeRate,
    byYearGroup: years.map((y) => tally(`Year ${y}`, `year:${y}`, pupils.filter((p) => (p.record.yearGroup ?? "") === y))),
    byCharacteristic: specs.some((s) => s.pupilPremium !== undefined)
      ? [tally("Pupil Premium", "pupilPremium", pupils.filter((p) => p.record.characteristics.pupilPremium === true))]
      : [],
    periodStart: null,
    periodEnd: null,
    sessionPatterns: null,
  };
  const mapping: ColumnMapping = {
    headerRow: options.headerRow ?? 0,
    columns: {
      fullName: match("fullName", 0, "Name"),
      upn: match("upn", 1, "UPN"),
      yearGroup: match("yearGroup", 2, "Year"),
      possibleSessions: match("possibleSessions", 3, "Possible"),
      authorisedSessions: match("authorisedSessions", 4, "Auth"),
      unauthorisedSessions: match("unauthorisedSessions", 5, "Unauth"),
    },
    sessions: [],
    percentScale: null,
  };
  return { mapping, settings: defaultSettings, pupils, summary, warnings: [] };
}

export const details: TsmMeetingDetails = {
  schoolName: "Oakfield Academy",
  urn: "118000",
  phase: "secondary",
  meetingDate: "2025-11-14",
  seniorAttendanceLead: "Jo Patel",
  linkPiasOfficer: "Sam Green",
};

/** A sheet plan as an adapter would write it and read it back: values only, merged cells blank but the first. */
export function planToGrid(plan: SheetPlan): CellValue[][] {
  const grid: CellValue[][] = [];
  const put = (row: number, column: number, value: CellValue) => {
    while (grid.length <= row) grid.push([]);
    const r = grid[row] as CellValue[];
    while (r.length <= column) r.push("");
    r[column] = value;
  };
  plan.blocks.forEach((block: CellBlock) =>
    block.values.forEach((values, i) => values.forEach((v, j) => put(block.row + i, block.column + j, v ?? ""))),
  );
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => [...r, ...Array.from({ length: width - r.length }, () => "")]);
}

/** Every value written by a plan. */
export function allValues(plan: SheetPlan): unknown[] {
  return plan.blocks.flatMap((block) => block.values.flat());
}

/** Row index in a grid whose cells include `text`. */
export function rowWith(grid: Grid, text: string, from = 0): number {
  for (let r = from; r < grid.length; r++) if ((grid[r] ?? []).some((c) => c === text)) return r;
  return -1;
}

/** Column index of a heading in a row. */
export function columnWith(grid: Grid, row: number, text: string): number {
  return (grid[row] ?? []).findIndex((c) => c === text);
}
