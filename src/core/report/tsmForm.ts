import { patternText } from "../rules/patterns/patternText";
import { columnLetter } from "../common/a1";
import type { CellValue } from "../read/grid";
import { bandLabels } from "../rules/bandLabels";
import type { Analysis, Framework, PupilAnalysis } from "../rules/pupilAnalysis";
import { academicYear, excelDateSerial, parseIsoDate, term, ukDate } from "../common/dates";
import { asFraction, cohortTable, smallCountNote, wholeSchoolTable, type PlacedTable } from "./figureTables";
import { nationalFiguresFor, nationalSourceNote, type NationalFigureTable } from "./nationalFigures";
import type { CellBlock, ConditionalFormatPlan, DataValidationPlan, PlanValue, RowHeightPlan, SheetPlan } from "./plan";
import { admissionNumberHeading, dateOfBirthHeading, type PupilReferenceBook } from "./pupilReferences";
import { pupilsToDiscuss } from "./pupilOrder";
import { levelText, penaltyThresholdText, stageText, yearGroupText } from "./pupilText";
import { estimateRowHeights, textHeight } from "./rowHeights";
import { tsmSheetName } from "./sheetNames";
import { leadPractitionerOptions, otherNotesHeading, pupilInputHeadings, tsmColumnsFor, tsmDateFormat } from "./tsmColumns";
import { bandColours } from "./styles";
import { planLastMeetingSection, type LastMeetingPupil } from "./lastMeeting";
import { titleText } from "./titleText";
import { dataCoversText, meetingText, tidyTsmDetails, type TsmMeetingDetails } from "./tsmDetails";
import {
  attendeeHeadings,
  emptyTypedTsm,
  keepTypedMeetingDetails,
  keptRowMarker,
  unmatchedRowMarker,
  meetingDetailLabels,
  mergePupilRows,
  tsmSectionHeadings,
  tsmTextSections,
  type MeetingDetailLine,
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

const notKnown = "Not known";
const minimumAttendeeRows = 6;
const minimumSectionRows = 5;
/** Pupil rows are at least two lines tall, leaving room to write on the printed form. */
const minimumPupilRowHeight = textHeight(2);
/** Column (0-based) of the values in the meeting-details block. */
const detailsValueColumn = 2;

/** The form's third line: who may see it (docs/rules.md §7: no pupil lists leave the school). */
const schoolOnlyFormNote =
  "Contains pupil names and UPNs: OFFICIAL-SENSITIVE. Keep it in school; lists of pupil names are not given to, or taken away by, anyone outside the school (Kent attendance handbook, section 25).";
const shareableFormNote = "Shareable version: pupils appear by reference only (the school keeps the key). No names or UPNs. " + smallCountNote;
const dateError = "Enter a date, for example 14/11/2025.";

interface PupilRowSource {
  pupil: PupilAnalysis | null;
  reference: string;
  /** Cells of an old row (for a pupil no longer in the export). */
  oldCells: Record<string, CellValue>;
  kept: boolean;
  /** A typed row no pupil could be matched to safely. */
  unmatched?: boolean;
}

/** One row of the pupil table: where its figures come from and what was typed in it before. */
interface PupilRowInput {
  source: PupilRowSource;
  inputs: Record<string, CellValue>;
}

/** A column of the pupil table (tsmColumns.ts) with its width for this form and how its cells are filled. */
interface PupilColumn {
  heading: string;
  width: number;
  format: string | null;
  input: boolean;
  wrap: boolean;
  value: (row: PupilRowSource) => PlanValue;
}

function numberOrNotKnown(n: number | null): PlanValue {
  return n === null ? notKnown : n;
}

/** What the add-in writes in each of its own columns (tsmColumns.ts says which the form has, in what order). */
function pupilCellFillers(analysis: Analysis): Record<string, (p: PupilAnalysis) => PlanValue> {
  const settings = analysis.settings;
  return {
    Name: (p) => p.record.name,
    UPN: (p) => p.record.upn,
    [admissionNumberHeading]: (p) => p.record.admissionNumber ?? null,
    [dateOfBirthHeading]: (p) => (p.record.dateOfBirth ? excelDateSerial(p.record.dateOfBirth) : null),
    Year: (p) => yearGroupText(p.record.yearGroup),
    Attendance: (p) => (p.attendancePercent === null ? notKnown : asFraction(p.attendancePercent)),
    "Missed sessions": (p) => numberOrNotKnown(p.missedSessions),
    "Missed: authorised": (p) => numberOrNotKnown(p.authorisedSessions),
    "Missed: unauthorised": (p) => numberOrNotKnown(p.unauthorisedSessions),
    Stage: (p) => stageText(p.stage, settings),
    "PIAS level": (p) => levelText(p.level, settings),
    "Penalty-notice threshold met": (p) => penaltyThresholdText(p.penaltyNoticeThresholdMet),
    Pattern: (p) => patternText(p.patterns, settings.patterns),
    "Suggested next step": (p) => p.suggestedAction.trim() || null,
  };
}

/** The identity columns the school's own form shows beside the name and UPN: those the export has (docs/rules.md §7). */
function identityColumnsShown(analysis: Analysis): { admissionNumbers: boolean; datesOfBirth: boolean } {
  return {
    admissionNumbers: analysis.pupils.some((p) => p.record.admissionNumber),
    datesOfBirth: analysis.pupils.some((p) => p.record.dateOfBirth),
  };
}

function pupilColumns(analysis: Analysis, shareable: boolean, framework: Framework, otherNotes: boolean): PupilColumn[] {
  const fillers = pupilCellFillers(analysis);
  const hasSessionMarks = analysis.mapping.sessions.length > 0;
  const { admissionNumbers: hasAdmissionNumbers, datesOfBirth: hasDatesOfBirth } = identityColumnsShown(analysis);
  return tsmColumnsFor({ shareable, framework, hasSessionMarks, hasAdmissionNumbers, hasDatesOfBirth, otherNotes }).map((column): PupilColumn => {
    const { heading } = column;
    const shape = { heading, width: shareable ? column.width.shareable : column.width.full, format: column.format, input: column.input, wrap: column.wrap };
    if (column.input) return { ...shape, value: () => null };
    if (heading === "Reference") return { ...shape, value: (row) => row.reference };
    if (heading === "Band") return { ...shape, value: (row) => (row.unmatched ? unmatchedRowMarker : row.kept ? keptRowMarker : row.pupil ? bandLabels[row.pupil.band].long : null) };
    const fill = fillers[heading];
    if (!fill) throw new Error(`The TSM form has no way to fill its "${heading}" column.`);
    return { ...shape, value: (row) => (row.pupil ? fill(row.pupil) : (row.oldCells[heading] ?? null)) };
  });
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

/**
 * One part of the form, placed from a given row down: its cells and merges and the rows it takes, the shape
 * figureTables' tables have, with the inputs, checks and colours that belong to it.
 */
interface FormSection {
  blocks: CellBlock[];
  merges: string[];
  /** Rows the section takes, from its first row. */
  height: number;
  inputRanges?: string[];
  dataValidations?: DataValidationPlan[];
  conditionalFormats?: ConditionalFormatPlan[];
  rowMinimums?: RowHeightPlan[];
}

function textCell(row: number, column: number, value: PlanValue, style: CellBlock["style"], format: string | null = null): CellBlock {
  return { row, column, values: [[value]], numberFormats: [format], style };
}

/** A section's heading (and a note under it, if any) above a table placed by figureTables. */
function headedTable(row: number, heading: string, note: string, table: (row: number) => PlacedTable): FormSection {
  const placed = table(row + 2);
  return {
    blocks: [textCell(row, 0, heading, "heading"), textCell(row + 1, 0, note, "note"), ...placed.blocks],
    merges: placed.merges,
    height: placed.height + 2,
  };
}

/** Title, what the form is, and who may see it. */
function introSection(schoolName: string, shareable: boolean): FormSection {
  return {
    blocks: [
      textCell(0, 0, titleText("Targeting Support Meeting record", schoolName), "title", "@"),
      textCell(1, 0, "This form belongs to the school. It records themes raised and actions agreed with the link PIAS officer; it is not an assessment or audit of the school's performance.", "note"),
      textCell(2, 0, shareable ? shareableFormNote : schoolOnlyFormNote, "warning"),
    ],
    merges: [],
    height: 3,
  };
}

/** Who, what and when: the lines people may type over keep what they typed (tsmMerge). */
function meetingDetailsSection(row: number, shown: Record<MeetingDetailLine, PlanValue>, meetingIso: string): FormSection {
  const lines: [string, PlanValue, string | null][] = [
    [meetingDetailLabels.school, shown.school, "@"],
    [meetingDetailLabels.urn, shown.urn, "@"],
    [meetingDetailLabels.phase, shown.phase, "@"],
    ["Term", term(meetingIso), "@"],
    ["Academic year", academicYear(meetingIso), "@"],
    [meetingDetailLabels.meeting, shown.meeting, "@"],
    ["Meeting date", excelDateSerial(meetingIso), tsmDateFormat],
    [meetingDetailLabels.dataCovers, shown.dataCovers, "@"],
  ];
  const blocks = [textCell(row, 0, tsmSectionHeadings.details, "heading")];
  lines.forEach(([label, value, format], i) => {
    blocks.push(textCell(row + 1 + i, 0, label, "label"));
    blocks.push(textCell(row + 1 + i, detailsValueColumn, value, "value", format));
  });
  return { blocks, merges: [], height: lines.length + 1 };
}

function attendeesSection(row: number, details: TsmMeetingDetails, typed: TypedTsm): FormSection {
  const attendees = attendeeRows(details, typed);
  return {
    blocks: [
      textCell(row, 0, tsmSectionHeadings.attendees, "heading"),
      { row: row + 1, column: 0, values: [[...attendeeHeadings]], style: "tableHeader" },
      { row: row + 2, column: 0, values: attendees, numberFormats: ["@", "@", "@"], style: "input" },
    ],
    merges: [],
    height: attendees.length + 2,
    inputRanges: [range(row + 2, 0, row + 1 + attendees.length, attendeeHeadings.length - 1)],
  };
}

/** The pupils to discuss: the add-in's figures, then the columns people type into. */
/** What the form suggests, in the chosen framework's words (issue 12 §4: one vocabulary). */
const suggestionWords: Record<Framework, string> = {
  stages: "Stages and next steps are",
  levels: "PIAS levels and next steps are",
  both: "Stages, PIAS levels and next steps are",
};

function pupilsSection(
  row: number,
  columns: PupilColumn[],
  rowSources: PupilRowInput[],
  framework: Framework,
): FormSection & { headerRow: number } {
  const lastColumn = columns.length - 1;
  const headerRow = row + 2;
  const firstPupilRow = headerRow + 1;
  const section: FormSection & { headerRow: number } = {
    blocks: [
      textCell(row, 0, tsmSectionHeadings.pupils, "heading"),
      textCell(
        row + 1,
        0,
        `Continuous absence the school must report first, then severe absence (SA), then persistent absence (PA); lowest attendance first. ${suggestionWords[framework]} suggestions for discussion, not decisions.`,
        "note",
      ),
      { row: headerRow, column: 0, values: [columns.map((c) => c.heading)], style: "tableHeader" },
    ],
    merges: [],
    height: 3 + Math.max(1, rowSources.length),
    headerRow,
    inputRanges: [],
    dataValidations: [],
    conditionalFormats: [],
    rowMinimums: [],
  };
  if (rowSources.length === 0) {
    section.blocks.push(textCell(firstPupilRow, 0, "No pupils are persistently or severely absent in this export.", "note"));
    return section;
  }
  const dataValues = rowSources.map(({ source }) => columns.map((c) => (c.input ? null : c.value(source))));
  const dataColumns = columns.filter((c) => !c.input).length;
  // One block per run of columns with the same style: long texts wrap, figures do not.
  for (let start = 0; start < dataColumns; ) {
    const wrap = columns[start]?.wrap === true;
    let end = start;
    while (end + 1 < dataColumns && (columns[end + 1]?.wrap === true) === wrap) end++;
    section.blocks.push({
      row: firstPupilRow,
      column: start,
      values: dataValues.map((values) => values.slice(start, end + 1)),
      numberFormats: columns.slice(start, end + 1).map((c) => c.format),
      style: wrap ? "valueWrap" : "value",
    });
    start = end + 1;
  }
  const inputColumns = columns.slice(dataColumns);
  section.blocks.push({
    row: firstPupilRow,
    column: dataColumns,
    values: rowSources.map(({ inputs }) =>
      inputColumns.map((c) => (c.heading === otherNotesHeading ? otherNotesText(inputs) : (inputs[c.heading] ?? null))),
    ),
    numberFormats: inputColumns.map((c) => c.format),
    style: "input",
  });
  const lastPupilRow = firstPupilRow + rowSources.length - 1;
  for (let r = firstPupilRow; r <= lastPupilRow; r++) section.rowMinimums!.push({ row: r, height: minimumPupilRowHeight });
  section.inputRanges!.push(range(firstPupilRow, dataColumns, lastPupilRow, lastColumn));
  const columnIndex = (heading: string) => columns.findIndex((c) => c.heading === heading);
  const lead = columnIndex("Lead practitioner");
  const review = columnIndex("Review date");
  section.dataValidations!.push(
    {
      range: range(firstPupilRow, lead, lastPupilRow, lead),
      kind: "list",
      list: leadPractitionerOptions,
      prompt: "Who leads the support for this pupil.",
      error: `Choose one of: ${leadPractitionerOptions.join(", ")}.`,
    },
    {
      range: range(firstPupilRow, review, lastPupilRow, review),
      kind: "date",
      prompt: "Date to review the agreed actions (dd/mm/yyyy).",
      error: dateError,
    },
  );
  const band = columnIndex("Band");
  for (const b of ["severe", "persistent"] as const) {
    section.conditionalFormats!.push({
      range: range(firstPupilRow, 0, lastPupilRow, dataColumns - 1),
      formula: `=$${columnLetter(band)}${firstPupilRow + 1}="${bandLabels[b].long.replace(/"/g, '""')}"`,
      fill: bandColours[b].fill,
      fontColor: bandColours[b].font,
      bold: b === "severe",
      band: b,
    });
  }
  return section;
}

/** Themes and actions: free text, one merged input cell per line, as wide as the pupil table. */
function textSection(row: number, heading: string, kept: readonly CellValue[], lastColumn: number): FormSection {
  const lines = Math.max(minimumSectionRows, kept.length + 2);
  const first = row + 1;
  return {
    blocks: [
      textCell(row, 0, heading, "heading"),
      {
        row: first,
        column: 0,
        values: Array.from({ length: lines }, (_, i) => [kept[i] ?? null]),
        numberFormats: [kept.some((value) => typeof value === "number") ? null : "@"],
        style: "input",
      },
    ],
    merges: Array.from({ length: lines }, (_, i) => range(first + i, 0, first + i, lastColumn)),
    height: lines + 1,
    inputRanges: [range(first, 0, first + lines - 1, lastColumn)],
  };
}

function nextMeetingSection(row: number, typed: TypedTsm): FormSection {
  return {
    blocks: [
      textCell(row, 0, tsmSectionHeadings.nextMeeting, "label"),
      textCell(row, detailsValueColumn, typed.nextMeetingDate ?? null, "input", tsmDateFormat),
    ],
    merges: [],
    height: 1,
    inputRanges: [cell(row, detailsValueColumn)],
    dataValidations: [
      {
        range: cell(row, detailsValueColumn),
        kind: "date",
        prompt: "Date of the next Targeting Support Meeting (dd/mm/yyyy).",
        error: dateError,
      },
    ],
  };
}

/** Who is on the list, and what was typed for them before: listed pupils first, then rows kept for their notes. */
function pupilRowInputs(analysis: Analysis, references: PupilReferenceBook, typed: TypedTsm): PupilRowInput[] {
  const listed = pupilsToDiscuss(analysis.pupils);
  const listedYears = new Map<string, string | null>(
    listed.map((index) => [references.byPupil[index] ?? "", analysis.pupils[index]?.record.yearGroup ?? null]),
  );
  const merge = mergePupilRows(typed.pupilRows, listedYears, references.carriedOver, references.unmatched);
  const indexByReference = new Map(references.byPupil.map((reference, index) => [reference, index]));
  return [
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
    // Last, under their own marker: typed rows no pupil can be matched to safely (never guessed).
    ...merge.unmatched.map((row: TypedPupilRow) => ({
      source: { pupil: null, reference: row.reference ?? "", oldCells: row.cells, kept: true, unmatched: true },
      inputs: row.inputs,
    })),
  ];
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
  const summary = analysis.summary;
  const rowSources = pupilRowInputs(analysis, references, typed);
  const needsOtherNotes = rowSources.some(({ inputs }) => otherNotesText(inputs) !== null);
  const columns = pupilColumns(analysis, shareable, framework, needsOtherNotes);
  const lastColumn = columns.length - 1;
  const national = nationalFiguresFor(details.phase, input.nationalFigures);
  const tablePlace = (row: number) => ({ row, column: 0, labelSpan: 3 });

  // The sections top to bottom, one empty row between each.
  const sections: FormSection[] = [];
  let row = 0;
  const place = <T extends FormSection>(section: T): T => {
    sections.push(section);
    row += section.height + 1;
    return section;
  };
  place(introSection(details.schoolName, shareable));
  place(meetingDetailsSection(row, kept.shown, meetingIso));
  place(attendeesSection(row, details, typed));
  place(headedTable(row, tsmSectionHeadings.wholeSchool, nationalSourceNote(national), (at) => wholeSchoolTable(summary, national, shareable, tablePlace(at))));
  place(
    headedTable(row, tsmSectionHeadings.cohorts, "Year groups and the characteristics the sheet gives, against the whole school.", (at) =>
      cohortTable([...summary.byYearGroup, ...summary.byCharacteristic], summary, shareable, tablePlace(at)),
    ),
  );
  // The last meeting's pupils first, as a meeting reviews its agreed actions before new pupils, when an
  // earlier term's form is in the workbook (docs/rules.md §11). Before the pupils table, so that table's
  // heading row, repeated on each printed page, never stands over this section's different columns.
  if (input.lastMeeting) {
    const section = planLastMeetingSection(input.lastMeeting.pupils, input.lastMeeting.outcomes, {
      row,
      shareable,
      meetingName: input.lastMeeting.sheetName,
      // Aligned with the pupils table's columns (pupilColumns), which show these where the export has them.
      ...identityColumnsShown(analysis),
    });
    const cells = section.outcomeCells;
    place({
      blocks: section.blocks,
      merges: [],
      height: section.height,
      inputRanges: cells ? [range(cells.firstRow, cells.column, cells.lastRow, cells.column)] : [],
      rowMinimums: cells
        ? Array.from({ length: cells.lastRow - cells.firstRow + 1 }, (_, i) => ({ row: cells.firstRow + i, height: minimumPupilRowHeight }))
        : [],
    });
  }
  const pupils = place(pupilsSection(row, columns, rowSources, framework));
  for (const section of tsmTextSections) place(textSection(row, tsmSectionHeadings[section], typed.sections[section], lastColumn));
  place(nextMeetingSection(row, typed));

  const blocks = sections.flatMap((s) => s.blocks);
  const merges = sections.flatMap((s) => s.merges);
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
    conditionalFormats: sections.flatMap((s) => s.conditionalFormats ?? []),
    dataValidations: sections.flatMap((s) => s.dataValidations ?? []),
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      repeatRows: { first: pupils.headerRow, last: pupils.headerRow },
      headerCentre: titleText(details.schoolName, "Targeting Support Meeting", ukDate(meetingIso)),
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    },
    charts: [],
    inputRanges: sections.flatMap((s) => s.inputRanges ?? []),
    schoolOnly: false,
    rowHeights: estimateRowHeights(blocks, columnWidths, merges, sections.flatMap((s) => s.rowMinimums ?? [])),
  };
}
