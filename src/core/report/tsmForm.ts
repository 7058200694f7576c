import { patternText } from "../rules/patterns/patternText";
import { hasContinuousAbsenceDuty } from "../rules/patterns/sessionPatterns";
import { columnLetter, type CellValue } from "../read/grid";
import { bandLabels } from "../rules/bandLabels";
import type { Analysis, Framework, PupilAnalysis } from "../rules/pupilAnalysis";
import { academicYear, excelDateSerial, formatUkDate, parseIsoDate, term } from "./academicCalendar";
import { asFraction, cohortTable, smallCountNote, wholeSchoolTable } from "./figureTables";
import { nationalFiguresFor, nationalSourceNote, type NationalFigureTable } from "./nationalFigures";
import type { CellBlock, ConditionalFormatPlan, DataValidationPlan, PlanValue, RowHeightPlan, SheetPlan } from "./plan";
import type { PupilReferenceBook } from "./pupilReferences";
import { levelText, penaltyThresholdText, stageText, yearGroupText } from "./pupilText";
import { estimateRowHeights, textHeight } from "./rowHeights";
import { tsmSheetName } from "./sheetNames";
import { bandColours } from "./styles";
import { planLastMeetingSection, type LastMeetingPupil } from "./lastMeeting";
import { titleText } from "./titleText";
import { dataCoversText, meetingText, tidyTsmDetails, type TsmMeetingDetails } from "./tsmDetails";
import {
  attendeeHeadings,
  emptyTypedTsm,
  keepTypedMeetingDetails,
  keptRowMarker,
  meetingDetailLabels,
  mergePupilRows,
  otherNotesHeading,
  pupilInputHeadings,
  tsmSectionHeadings,
  tsmTextSections,
  type TsmTextSection,
  type TypedPupilRow,
  type TypedTsm,
} from "./tsmMerge";

/**
 * The Targeting Support Meeting record form (docs/rules.md §7; handbook sections 6, 16 ii, 25): a sheet the
 * school owns and fills in with its link PIAS officer. Everything is written as values (no formulas).
 * In shareable mode pupils appear only by reference and small counts are shown as "<3".
 */

export interface TsmFormInput {
  analysis: Analysis;
  details: TsmMeetingDetails;
  shareable: boolean;
  framework: Framework;
  references: PupilReferenceBook;
  /** What was typed into the form last time (readTypedTsm of the sheet as read back). */
  typed?: TypedTsm;
  sheetName?: string;
  /** National figures to compare with (docs/rules.md §8); the shipped table when absent. */
  nationalFigures?: NationalFigureTable;
  /** The last meeting's pupils (an earlier term's form in the workbook) and outcomes typed here before (docs/rules.md §11). */
  lastMeeting?: { sheetName: string; pupils: LastMeetingPupil[]; outcomes: ReadonlyMap<string, CellValue> };
}

export const leadPractitionerOptions = ["School", "Early Help", "Social care", "PIAS", "Health", "Other"];
export const dateFormat = "dd/mm/yyyy";
const notKnown = "Not known";
const minimumAttendeeRows = 6;
const minimumSectionRows = 5;
/** Pupil rows are at least two lines tall, leaving room to write on the printed form. */
const minimumPupilRowHeight = textHeight(2);
/** Column (0-based) of the values in the meeting-details block. */
const detailsValueColumn = 2;

/**
 * Pupils to discuss, as indices into analysis.pupils: first any pupil whose continuous absence the law asks
 * the school or the local authority to act on (docs/rules.md §10), whatever their band; then severe absence
 * (each needs an agreed plan), then persistent absence; within each, lowest attendance first (unknown
 * attendance last), then sheet order.
 */
export function pupilsToDiscuss(pupils: readonly PupilAnalysis[]): number[] {
  const rank = (p: PupilAnalysis) => (hasContinuousAbsenceDuty(p.patterns) ? 0 : p.band === "severe" ? 1 : 2);
  return pupils
    .map((pupil, index) => ({ pupil, index }))
    .filter(({ pupil }) => pupil.band === "severe" || pupil.band === "persistent" || hasContinuousAbsenceDuty(pupil.patterns))
    .sort(
      (a, b) =>
        rank(a.pupil) - rank(b.pupil) ||
        (a.pupil.attendancePercent ?? Number.POSITIVE_INFINITY) - (b.pupil.attendancePercent ?? Number.POSITIVE_INFINITY) ||
        a.pupil.record.sourceRow - b.pupil.record.sourceRow,
    )
    .map(({ index }) => index);
}

interface PupilRowSource {
  pupil: PupilAnalysis | null;
  reference: string;
  /** Cells of an old row (for a pupil no longer in the export). */
  oldCells: Record<string, CellValue>;
  kept: boolean;
}

interface PupilColumn {
  heading: string;
  width: number;
  format: string | null;
  input: boolean;
  /** Long text wraps within the column (and the row is made tall enough to show it). */
  wrap?: boolean;
  value: (row: PupilRowSource) => PlanValue;
}

function numberOrNotKnown(n: number | null): PlanValue {
  return n === null ? notKnown : n;
}

function pupilColumns(analysis: Analysis, shareable: boolean, framework: Framework, otherNotes: boolean): PupilColumn[] {
  const settings = analysis.settings;
  const data = (
    heading: string,
    width: number,
    format: string | null,
    get: (p: PupilAnalysis) => PlanValue,
    wrap = false,
  ): PupilColumn => ({
    heading,
    width,
    format,
    input: false,
    wrap,
    value: (row) => (row.pupil ? get(row.pupil) : (row.oldCells[heading] ?? null)),
  });
  const input = (heading: string, width: number, format: string | null): PupilColumn => ({
    heading,
    width,
    format,
    input: true,
    value: () => null,
  });
  // Widths keep the form readable printed landscape one page wide: labels wrap rather than widen columns.
  return [
    // The first three columns also hold the meeting details and attendees: without names and UPNs they
    // are widened so labels such as "Attendance data covers" and "Organisation" still fit.
    { heading: "Reference", width: shareable ? 14 : 11, format: "@", input: false, value: (row) => row.reference },
    ...(shareable
      ? []
      : [
          data("Name", 22, "@", (p) => p.record.name),
          data("UPN", 15, "@", (p) => p.record.upn),
        ]),
    data("Year", shareable ? 12 : 8, "@", (p) => yearGroupText(p.record.yearGroup)),
    data("Attendance", shareable ? 14 : 11, "0.0%", (p) => (p.attendancePercent === null ? notKnown : asFraction(p.attendancePercent))),
    data("Missed sessions", 9, "0", (p) => numberOrNotKnown(p.missedSessions)),
    data("Missed: authorised", 11, "0", (p) => numberOrNotKnown(p.authorisedSessions)),
    data("Missed: unauthorised", 13, "0", (p) => numberOrNotKnown(p.unauthorisedSessions)),
    {
      heading: "Band",
      width: 14,
      format: "@",
      input: false,
      wrap: true,
      value: (row) => (row.kept ? keptRowMarker : row.pupil ? bandLabels[row.pupil.band].long : null),
    },
    ...(framework !== "levels" ? [data("Stage", 16, "@", (p) => stageText(p.stage, settings), true)] : []),
    ...(framework !== "stages" ? [data("PIAS level", 16, "@", (p) => levelText(p.level, settings), true)] : []),
    data("Penalty-notice threshold met", 11, "@", (p) => penaltyThresholdText(p.penaltyNoticeThresholdMet)),
    // docs/rules.md §10: the pattern in words, where the sheet has session marks.
    ...(analysis.mapping.sessions.length > 0
      ? [data("Pattern", 30, "@", (p) => patternText(p.patterns, settings.patterns), true)]
      : []),
    data("Suggested next step", 40, "@", (p) => p.suggestedAction.trim() || null, true),
    input("Barriers", 24, "@"),
    input("Support in place", 24, "@"),
    input("Agreed actions", 28, "@"),
    input("Lead practitioner", 14, "@"),
    input("Owner", 14, "@"),
    input("Review date", 12, dateFormat),
    ...(otherNotes ? [input(otherNotesHeading, 30, "@")] : []),
  ];
}

const knownInputs = new Set<string>(pupilInputHeadings);

/** Old typed cells under headings the new form does not have: gathered into one "other notes" cell. */
function otherNotesText(inputs: Record<string, CellValue>): string | null {
  const extra = Object.entries(inputs).filter(([heading]) => !knownInputs.has(heading));
  if (extra.length === 0) return null;
  return extra.map(([heading, value]) => (heading === otherNotesHeading ? String(value) : `${heading}: ${String(value)}`)).join("; ");
}

function cell(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

function range(row1: number, column1: number, row2: number, column2: number): string {
  return `${cell(row1, column1)}:${cell(row2, column2)}`;
}

function attendeeRows(details: TsmMeetingDetails, typed: TypedTsm): PlanValue[][] {
  const rows: PlanValue[][] = typed.attendees.map((row) => attendeeHeadings.map((_, i) => row[i] ?? null));
  const same = (a: PlanValue | undefined, b: string) => String(a ?? "").trim().toLowerCase() === b.trim().toLowerCase();
  const defaults: [string, string, string][] = [
    [details.seniorAttendanceLead.trim(), "Senior attendance lead", details.schoolName.trim()],
    [details.linkPiasOfficer.trim(), "Link PIAS officer", "Kent PIAS"],
  ];
  for (const [name, role, organisation] of defaults) {
    const already = rows.some((row) => (name !== "" ? same(row[0], name) : same(row[1], role)));
    if (!already) rows.push([name || null, role, organisation || null]);
  }
  while (rows.length < Math.max(minimumAttendeeRows, typed.attendees.length + 2)) rows.push([null, null, null]);
  return rows;
}

export function planTsmForm(input: TsmFormInput): SheetPlan {
  const { analysis, shareable, framework, references } = input;
  const typed = input.typed ?? emptyTypedTsm;
  const meetingIso = tidyTsmDetails(input.details).meetingDate;
  if (!parseIsoDate(meetingIso)) {
    throw new Error(`The meeting date "${meetingIso}" is not a date: enter it as a date, for example 14/11/2025.`);
  }
  // Meeting details typed into the last form stand wherever this run gives no value of its own (tsmMerge).
  const kept = keepTypedMeetingDetails(input.details, typed.details, {
    meeting: meetingText(meetingIso),
    dataCovers: dataCoversText(analysis.summary.periodStart, analysis.summary.periodEnd),
  });
  const details = kept.details;

  // Who is on the list, and what was typed for them before.
  const listed = pupilsToDiscuss(analysis.pupils);
  const listedYears = new Map<string, string | null>(
    listed.map((index) => [references.byPupil[index] ?? "", analysis.pupils[index]?.record.yearGroup ?? null]),
  );
  const merge = mergePupilRows(typed.pupilRows, listedYears, references.carriedOver);
  const indexByReference = new Map(references.byPupil.map((reference, index) => [reference, index]));
  const rowSources: { source: PupilRowSource; inputs: Record<string, CellValue> }[] = [
    ...listed.map((index) => {
      const reference = references.byPupil[index] ?? "";
      return {
        source: { pupil: analysis.pupils[index] ?? null, reference, oldCells: {}, kept: false },
        inputs: merge.inputsByReference.get(reference) ?? {},
      };
    }),
    ...merge.kept.map((row: TypedPupilRow) => {
      const index = row.reference === null ? undefined : indexByReference.get(row.reference);
      return {
        source: {
          pupil: index === undefined ? null : (analysis.pupils[index] ?? null),
          reference: row.reference ?? "",
          oldCells: row.cells,
          kept: true,
        },
        inputs: row.inputs,
      };
    }),
  ];
  const needsOtherNotes = rowSources.some(({ inputs }) => otherNotesText(inputs) !== null);
  const columns = pupilColumns(analysis, shareable, framework, needsOtherNotes);
  const lastColumn = columns.length - 1;

  const blocks: CellBlock[] = [];
  const merges: string[] = [];
  const inputRanges: string[] = [];
  const dataValidations: DataValidationPlan[] = [];
  const conditionalFormats: ConditionalFormatPlan[] = [];
  const pupilRowMinimums: RowHeightPlan[] = [];
  const text = (row: number, column: number, value: PlanValue, style: CellBlock["style"], format: string | null = null) =>
    blocks.push({ row, column, values: [[value]], numberFormats: [format], style });

  // Title and what the form is.
  text(0, 0, titleText("Targeting Support Meeting record", details.schoolName), "title", "@");
  text(1, 0, "This form belongs to the school. It records themes raised and actions agreed with the link PIAS officer; it is not an assessment or audit of the school's performance.", "note");
  text(
    2,
    0,
    shareable
      ? "Shareable version: pupils appear by reference only (the school keeps the key). No names or UPNs. " + smallCountNote
      : "Contains pupil names and UPNs: OFFICIAL-SENSITIVE. Keep it in school; lists of pupil names are not given to, or taken away by, anyone outside the school (Kent attendance handbook, section 25).",
    "warning",
  );

  // Meeting details.
  let row = 4;
  text(row, 0, tsmSectionHeadings.details, "heading");
  row += 1;
  const summary = analysis.summary;
  const detailRows: [string, PlanValue, string | null][] = [
    [meetingDetailLabels.school, kept.shown.school, "@"],
    [meetingDetailLabels.urn, kept.shown.urn, "@"],
    [meetingDetailLabels.phase, kept.shown.phase, "@"],
    ["Term", term(meetingIso), "@"],
    ["Academic year", academicYear(meetingIso), "@"],
    [meetingDetailLabels.meeting, kept.shown.meeting, "@"],
    ["Meeting date", excelDateSerial(meetingIso), dateFormat],
    [meetingDetailLabels.dataCovers, kept.shown.dataCovers, "@"],
  ];
  detailRows.forEach(([label, value, format], i) => {
    text(row + i, 0, label, "label");
    text(row + i, detailsValueColumn, value, "value", format);
  });
  row += detailRows.length + 1;

  // Attendees.
  text(row, 0, tsmSectionHeadings.attendees, "heading");
  row += 1;
  blocks.push({ row, column: 0, values: [[...attendeeHeadings]], style: "tableHeader" });
  const attendees = attendeeRows(details, typed);
  blocks.push({ row: row + 1, column: 0, values: attendees, numberFormats: ["@", "@", "@"], style: "input" });
  inputRanges.push(range(row + 1, 0, row + attendees.length, attendeeHeadings.length - 1));
  row += attendees.length + 2;

  // Whole school against national figures.
  const national = nationalFiguresFor(details.phase, input.nationalFigures);
  text(row, 0, tsmSectionHeadings.wholeSchool, "heading");
  text(row + 1, 0, nationalSourceNote(national), "note");
  row += 2;
  const wholeSchool = wholeSchoolTable(summary, national, shareable, { row, column: 0, labelSpan: 3 });
  blocks.push(...wholeSchool.blocks);
  merges.push(...wholeSchool.merges);
  row += wholeSchool.height + 1;

  // Cohorts.
  text(row, 0, tsmSectionHeadings.cohorts, "heading");
  text(row + 1, 0, "Year groups and the characteristics the sheet gives, against the whole school.", "note");
  row += 2;
  const cohorts = cohortTable([...summary.byYearGroup, ...summary.byCharacteristic], summary, shareable, {
    row,
    column: 0,
    labelSpan: 3,
  });
  blocks.push(...cohorts.blocks);
  merges.push(...cohorts.merges);
  row += cohorts.height + 1;

  // The last meeting's pupils first, as a meeting reviews its agreed actions before new pupils, when an
  // earlier term's form is in the workbook (docs/rules.md §11). Before the pupils table, so that table's
  // heading row, repeated on each printed page, never stands over this section's different columns.
  if (input.lastMeeting) {
    const section = planLastMeetingSection(input.lastMeeting.pupils, input.lastMeeting.outcomes, {
      row,
      shareable,
      meetingName: input.lastMeeting.sheetName,
    });
    blocks.push(...section.blocks);
    if (section.outcomeCells) {
      const { firstRow, lastRow, column } = section.outcomeCells;
      inputRanges.push(range(firstRow, column, lastRow, column));
      for (let r = firstRow; r <= lastRow; r++) pupilRowMinimums.push({ row: r, height: minimumPupilRowHeight });
    }
    row += section.height + 1;
  }

  // Pupils to discuss.
  text(row, 0, tsmSectionHeadings.pupils, "heading");
  text(
    row + 1,
    0,
    "Continuous absence the school must report first, then severe absence (SA), then persistent absence (PA); lowest attendance first. Stages, levels and next steps are suggestions for discussion, not decisions.",
    "note",
  );
  row += 2;
  const pupilsHeaderRow = row;
  blocks.push({ row, column: 0, values: [columns.map((c) => c.heading)], style: "tableHeader" });
  row += 1;
  const firstPupilRow = row;
  if (rowSources.length === 0) {
    text(row, 0, "No pupils are persistently or severely absent in this export.", "note");
    row += 1;
  } else {
    const dataValues = rowSources.map(({ source }) => columns.map((c) => (c.input ? null : c.value(source))));
    const dataColumns = columns.filter((c) => !c.input).length;
    // One block per run of columns with the same style: long texts wrap, figures do not.
    for (let start = 0; start < dataColumns; ) {
      const wrap = columns[start]?.wrap === true;
      let end = start;
      while (end + 1 < dataColumns && (columns[end + 1]?.wrap === true) === wrap) end++;
      blocks.push({
        row,
        column: start,
        values: dataValues.map((values) => values.slice(start, end + 1)),
        numberFormats: columns.slice(start, end + 1).map((c) => c.format),
        style: wrap ? "valueWrap" : "value",
      });
      start = end + 1;
    }
    const inputColumns = columns.slice(dataColumns);
    blocks.push({
      row,
      column: dataColumns,
      values: rowSources.map(({ inputs }) =>
        inputColumns.map((c) => (c.heading === otherNotesHeading ? otherNotesText(inputs) : (inputs[c.heading] ?? null))),
      ),
      numberFormats: inputColumns.map((c) => c.format),
      style: "input",
    });
    const lastPupilRow = row + rowSources.length - 1;
    for (let r = firstPupilRow; r <= lastPupilRow; r++) pupilRowMinimums.push({ row: r, height: minimumPupilRowHeight });
    inputRanges.push(range(firstPupilRow, dataColumns, lastPupilRow, lastColumn));
    const columnIndex = (heading: string) => columns.findIndex((c) => c.heading === heading);
    const lead = columnIndex("Lead practitioner");
    const review = columnIndex("Review date");
    dataValidations.push({
      range: range(firstPupilRow, lead, lastPupilRow, lead),
      kind: "list",
      list: leadPractitionerOptions,
      prompt: "Who leads the support for this pupil.",
      error: `Choose one of: ${leadPractitionerOptions.join(", ")}.`,
    });
    dataValidations.push({
      range: range(firstPupilRow, review, lastPupilRow, review),
      kind: "date",
      prompt: "Date to review the agreed actions (dd/mm/yyyy).",
      error: "Enter a date, for example 14/11/2025.",
    });
    const band = columnIndex("Band");
    for (const b of ["severe", "persistent"] as const) {
      conditionalFormats.push({
        range: range(firstPupilRow, 0, lastPupilRow, dataColumns - 1),
        formula: `=$${columnLetter(band)}${firstPupilRow + 1}="${bandLabels[b].long.replace(/"/g, '""')}"`,
        fill: bandColours[b].fill,
        fontColor: bandColours[b].font,
        bold: b === "severe",
        band: b,
      });
    }
    row = lastPupilRow + 1;
  }
  row += 1;

  // Themes and actions: free text, one merged input cell per line.
  const sectionTitles: Record<TsmTextSection, string> = {
    themes: tsmSectionHeadings.themes,
    schoolActions: tsmSectionHeadings.schoolActions,
    laActions: tsmSectionHeadings.laActions,
  };
  for (const section of tsmTextSections) {
    text(row, 0, sectionTitles[section], "heading");
    row += 1;
    const kept = typed.sections[section];
    const lines = Math.max(minimumSectionRows, kept.length + 2);
    blocks.push({
      row,
      column: 0,
      values: Array.from({ length: lines }, (_, i) => [kept[i] ?? null]),
      numberFormats: [kept.some((value) => typeof value === "number") ? null : "@"],
      style: "input",
    });
    for (let i = 0; i < lines; i++) merges.push(range(row + i, 0, row + i, lastColumn));
    inputRanges.push(range(row, 0, row + lines - 1, lastColumn));
    row += lines + 1;
  }

  // Next meeting date.
  text(row, 0, tsmSectionHeadings.nextMeeting, "label");
  text(row, detailsValueColumn, typed.nextMeetingDate ?? null, "input", dateFormat);
  inputRanges.push(cell(row, detailsValueColumn));
  dataValidations.push({
    range: cell(row, detailsValueColumn),
    kind: "date",
    prompt: "Date of the next Targeting Support Meeting (dd/mm/yyyy).",
    error: "Enter a date, for example 14/11/2025.",
  });

  const identityColumns = shareable ? 1 : 3;
  const columnWidths = columns.map((c) => c.width);
  return {
    role: "tsm",
    name: input.sheetName ?? tsmSheetName(meetingIso),
    tabColour: "#1F3864",
    blocks,
    columnWidths,
    merges,
    // Only columns are frozen: the pupils table starts far down the form, and freezing that many rows
    // would leave no room to scroll on a laptop screen. The pupil's reference (and name) stay in view.
    freeze: { rows: 0, columns: identityColumns },
    conditionalFormats,
    dataValidations,
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      repeatRows: { first: pupilsHeaderRow, last: pupilsHeaderRow },
      headerCentre: titleText(details.schoolName, "Targeting Support Meeting", formatUkDate(meetingIso)),
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    },
    charts: [],
    inputRanges,
    schoolOnly: false,
    rowHeights: estimateRowHeights(blocks, columnWidths, merges, pupilRowMinimums),
  };
}
