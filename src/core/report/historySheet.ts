import type { CellValue, Grid } from "../read/grid";
import type { PupilSnapshot, Snapshot, SnapshotCohort } from "../progress/snapshot";
import type { SnapshotHistory } from "../progress/snapshotHistory";
import type { Band, PiasLevel, Stage } from "../rules/pupilAnalysis";
import { excelDateSerial } from "../common/dates";
import type { CellBlock, PlanValue, SheetPlan } from "./plan";
import { identityKey } from "./pupilIdentity";
import { admissionNumberHeading, dateOfBirthHeading } from "./pupilReferences";
import { yearGroupFromText, yearGroupText } from "./pupilText";
import { cellText, columnOf, findTable, isoFromCell } from "./readBack";
import { tsmDateFormat } from "./tsmColumns";

/**
 * The "Attendance history" sheet (docs/rules.md §11): the add-in's own record of each analysis, kept in the
 * school's workbook so the next analysis can show progress. Compact (one row per pupil per snapshot, one
 * row per snapshot for the whole school), read back by its headings, hidden (so it is neither a tab people
 * stumble on nor printed with the workbook) and school-only (never in a shareable copy).
 */
export const historySheetName = "Attendance history";

/** Also the sheet's first cell, so an adapter recognises the sheet as the add-in's before rewriting it. */
export const historyMarker = "attendance-insight:history:v1";

export const pupilHistoryHeadings = ["Snapshot date", "UPN", "Name", "Year", "Possible", "Attended", "Authorised", "Unauthorised", "Band", "Stage", "Level"] as const;
/**
 * Identity columns after the figures, written only where a snapshot has them (docs/rules.md §7): after, so a
 * history written before they existed reads the same, and the whole-school table moves right only then.
 */
export const pupilHistoryIdentityHeadings = [admissionNumberHeading, dateOfBirthHeading] as const;
export const cohortHistoryHeadings = ["Date", "Pupils", "With data", "SA", "PA (not SA)", "At risk", "Expected", "No data", "Attendance"] as const;

const headerRow = 3;

/** Band words on this sheet: short and fixed, whatever the school's thresholds. */
const bandWords: Record<Band, string> = { severe: "SA", persistent: "PA", "at-risk": "At risk", expected: "Expected", "no-data": "No data" };
const bandByWord = new Map(Object.entries(bandWords).map(([band, word]) => [word.toLowerCase(), band as Band]));
const cohortBands: Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

export function planHistorySheet(history: SnapshotHistory): SheetPlan {
  const withAdmission = history.some((s) => s.pupils.some((p) => p.admissionNumber !== null));
  const withBirth = history.some((s) => s.pupils.some((p) => p.dateOfBirth !== null));
  const headings = [
    ...pupilHistoryHeadings,
    ...(withAdmission ? [admissionNumberHeading] : []),
    ...(withBirth ? [dateOfBirthHeading] : []),
  ];
  /** The whole-school table sits one empty column to the right of the pupils table. */
  const cohortColumn = headings.length + 1;
  const pupilRows: PlanValue[][] = [];
  const cohortRows: PlanValue[][] = [];
  for (const snapshot of history) {
    const date = excelDateSerial(snapshot.date);
    for (const p of snapshot.pupils) {
      pupilRows.push([
        date,
        p.upn,
        p.name || null,
        yearGroupText(p.yearGroup),
        p.possibleSessions,
        p.attendedSessions,
        p.authorisedSessions,
        p.unauthorisedSessions,
        bandWords[p.band],
        p.stage,
        p.level,
        ...(withAdmission ? [p.admissionNumber] : []),
        ...(withBirth ? [p.dateOfBirth === null ? null : excelDateSerial(p.dateOfBirth)] : []),
      ]);
    }
    const c = snapshot.cohort;
    cohortRows.push([
      date,
      c.pupils,
      c.withData,
      ...cohortBands.map((band) => c.bandCounts[band]),
      c.attendancePercent === null ? null : c.attendancePercent / 100,
    ]);
  }
  const blocks: CellBlock[] = [
    { row: 0, column: 0, values: [[historyMarker]], numberFormats: ["@"], style: "note" },
    { row: 0, column: 2, values: [["Attendance history (school only)"]], numberFormats: ["@"], style: "title" },
    {
      row: 1,
      column: 0,
      values: [
        [
          "Written by the attendance add-in at each analysis, one snapshot per date, so the next analysis can show each pupil's progress. Keep it in school: it is never in the shareable copy. Please do not edit it.",
        ],
      ],
      style: "warning",
    },
    { row: headerRow, column: 0, values: [headings], style: "tableHeader" },
    { row: headerRow, column: cohortColumn, values: [[...cohortHistoryHeadings]], style: "tableHeader" },
  ];
  if (pupilRows.length > 0) {
    blocks.push({
      row: headerRow + 1,
      column: 0,
      values: pupilRows,
      numberFormats: [tsmDateFormat, "@", "@", "@", "0", "0", "0", "0", "@", "0", "0", ...(withAdmission ? ["@"] : []), ...(withBirth ? [tsmDateFormat] : [])],
    });
  }
  if (cohortRows.length > 0) {
    blocks.push({ row: headerRow + 1, column: cohortColumn, values: cohortRows, numberFormats: [tsmDateFormat, "0", "0", "0", "0", "0", "0", "0", "0.0%"] });
  }
  const columnWidths = [12, 15, 24, 10, 9, 9, 11, 13, 9, 6, 6, ...(withAdmission ? [16] : []), ...(withBirth ? [12] : []), 3, 12, 7, 9, 5, 11, 8, 9, 8, 11];
  return {
    role: "history",
    name: historySheetName,
    tabColour: "#595959",
    blocks,
    columnWidths,
    merges: [],
    freeze: { rows: headerRow + 1, columns: 0 },
    conditionalFormats: [],
    dataValidations: [],
    print: null,
    charts: [],
    inputRanges: [],
    schoolOnly: true,
    hidden: true,
  };
}

function count(value: CellValue | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  const text = cellText(value);
  if (text === "" || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

function stageOf(value: CellValue | undefined): Stage | null {
  const n = count(value);
  return n !== null && Number.isInteger(n) && n <= 6 ? (n as Stage) : null;
}

function levelOf(value: CellValue | undefined): PiasLevel {
  const n = count(value);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 4 ? (n as PiasLevel) : 1;
}

/**
 * The history as written by planHistorySheet, read back by headings (rows people inserted or sorted are
 * fine). Rows that do not read (no date, no band) are skipped, never guessed; an empty or unrecognised
 * grid is an empty history. The identity key is worked out again, as the analysis works it out.
 */
export function readHistorySheet(grid: Grid | undefined): Snapshot[] {
  if (!grid || grid.length === 0) return [];
  const byDate = new Map<string, { pupils: PupilSnapshot[]; cohort: SnapshotCohort | null }>();
  const entry = (date: string) => {
    let found = byDate.get(date);
    if (!found) byDate.set(date, (found = { pupils: [], cohort: null }));
    return found;
  };

  const pupils = findTable(grid, ["Snapshot date", "Band", "Possible"]);
  if (pupils) {
    const col = (heading: string) => columnOf(pupils, heading);
    const [date, upn, name, year, possible, attended, authorised, unauthorised, band, stage, level] = pupilHistoryHeadings.map(col);
    const [admission, birth] = pupilHistoryIdentityHeadings.map(col);
    for (let r = pupils.headerRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const at = (c: number | null) => (c === null ? undefined : row[c]);
      const iso = isoFromCell(at(date ?? null));
      const pupilBand = bandByWord.get(cellText(at(band ?? null)).toLowerCase());
      if (iso === null || pupilBand === undefined) continue;
      const pupilUpn = cellText(at(upn ?? null)) || null;
      const pupilName = cellText(at(name ?? null));
      const yearGroup = yearGroupFromText(cellText(at(year ?? null)));
      const admissionNumber = cellText(at(admission ?? null)) || null;
      if (identityKey({ upn: pupilUpn, admissionNumber, name: pupilName, yearGroup }, { admissionNumber: true, dateOfBirth: false, regGroup: false }) === null) continue;
      entry(iso).pupils.push({
        upn: pupilUpn,
        admissionNumber,
        dateOfBirth: isoFromCell(at(birth ?? null)),
        name: pupilName,
        yearGroup,
        possibleSessions: count(at(possible ?? null)),
        attendedSessions: count(at(attended ?? null)),
        authorisedSessions: count(at(authorised ?? null)),
        unauthorisedSessions: count(at(unauthorised ?? null)),
        band: pupilBand,
        stage: stageOf(at(stage ?? null)),
        level: levelOf(at(level ?? null)),
      });
    }
  }

  const cohorts = findTable(grid, ["Date", "With data", "PA (not SA)"]);
  if (cohorts) {
    const [date, pupilCount, withData, ...rest] = cohortHistoryHeadings.map((h) => columnOf(cohorts, h));
    const bandColumns = rest.slice(0, cohortBands.length);
    const attendanceColumn = rest[cohortBands.length] ?? null;
    for (let r = cohorts.headerRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const at = (c: number | null | undefined) => (c === null || c === undefined ? undefined : row[c]);
      const iso = isoFromCell(at(date));
      if (iso === null) continue;
      const counts = bandColumns.map((c) => count(at(c)));
      const all = count(at(pupilCount));
      const data = count(at(withData));
      if (all === null || data === null || counts.some((c) => c === null)) continue;
      const attendance = at(attendanceColumn);
      entry(iso).cohort = {
        pupils: all,
        withData: data,
        bandCounts: Object.fromEntries(cohortBands.map((band, i) => [band, counts[i] ?? 0])) as Record<Band, number>,
        attendancePercent: typeof attendance === "number" && attendance >= 0 && attendance <= 1 ? attendance * 100 : null,
      };
    }
  }

  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, { pupils: list, cohort }]) => ({ date, pupils: list, cohort: cohort ?? cohortFromPupils(list) }));
}

/** Whole-school figures counted from pupil rows, where the sheet's own row for a date is missing. */
function cohortFromPupils(pupils: readonly PupilSnapshot[]): SnapshotCohort {
  const bandCounts: Record<Band, number> = { severe: 0, persistent: 0, "at-risk": 0, expected: 0, "no-data": 0 };
  for (const p of pupils) bandCounts[p.band]++;
  return { pupils: pupils.length, withData: pupils.length - bandCounts["no-data"], bandCounts, attendancePercent: null };
}
