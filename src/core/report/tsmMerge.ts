import { pupilDataHeadings } from "./tsmColumns";
import type { CellValue, Grid } from "../read/grid";
import { recordedFields, type PupilIdentity } from "./pupilIdentity";
import { identityColumns, identityInRow, referenceFinder, type PupilReferenceBook } from "./pupilReferences";
import { yearGroupFromText } from "./pupilText";
import { isBlank } from "../read/cellValues";
import { cellText, columnOf, findHeadingRow, findTable } from "./readBack";
import {
  dataCoversNotGiven,
  phaseFromText,
  phaseLabels,
  phaseNotGiven,
  tidyTsmDetails,
  type TsmMeetingDetails,
} from "./tsmDetails";

/**
 * Regenerating a TSM form keeps people's work (docs/architecture.md: "regenerating merges by pupil and keeps every
 * typed cell"). The old sheet is read back as values; its parts are found by their headings (rows may have
 * been inserted or moved), typed cells are collected, and the new form puts each back: pupil notes on the
 * same pupil's row (matched by reference, or by UPN/name through the key), everything else in its section.
 * A pupil who has left the list but has notes stays, at the end, marked so.
 */

export const tsmSectionHeadings = {
  details: "Meeting details",
  attendees: "Attendees",
  wholeSchool: "Whole-school figures",
  cohorts: "Cohorts",
  pupils: "Pupils to discuss",
  lastMeeting: "Pupils from the last meeting",
  themes: "Themes raised",
  schoolActions: "Actions for the school",
  laActions: "Actions for LA services",
  nextMeeting: "Next meeting date",
} as const;

const allHeadings: readonly string[] = Object.values(tsmSectionHeadings);

export type TsmTextSection = "themes" | "schoolActions" | "laActions";
export const tsmTextSections: readonly TsmTextSection[] = ["themes", "schoolActions", "laActions"];

export const attendeeHeadings = ["Name", "Role", "Organisation"] as const;

/**
 * Labels of the meeting-details lines people may type over. Term, academic year and meeting date are not
 * among them: they follow from the meeting date this run is for.
 */
export const meetingDetailLabels = {
  school: "School",
  urn: "URN",
  phase: "Phase",
  meeting: "Meeting",
  dataCovers: "Attendance data covers",
} as const;

export type MeetingDetailLine = keyof typeof meetingDetailLabels;

/** The meeting-details values of an old form, by line; null where the line is blank or missing. */
export type TypedMeetingDetails = Record<MeetingDetailLine, CellValue | null>;

export const keptRowMarker = "No longer PA/SA – kept for your notes";
/** The band cell of a typed row that could not be matched to one pupil safely (mergePupilRows). */
export const unmatchedRowMarker = "Could not be matched – check which pupil this is";

/** A pupil row of the old form. */
export interface TypedPupilRow {
  /** The pupil's reference, from the row or found through the key by UPN/name; null when neither. */
  reference: string | null;
  /** Year as written in the row. */
  yearGroup: string | null;
  /**
   * How the reference was found: from the pupil's UPN or name on the row ("identity", sure whatever the
   * references), or only from the printed reference ("reference", sure only when references were carried over).
   */
  matchedBy?: "identity" | "reference";
  /** Every non-blank cell of the row, by its column heading. */
  cells: Record<string, CellValue>;
  /** The non-blank typed (input) cells, by heading. */
  inputs: Record<string, CellValue>;
}

export interface TypedTsm {
  details: TypedMeetingDetails;
  /** Attendee rows with anything in them: [name, role, organisation]. */
  attendees: CellValue[][];
  pupilRows: TypedPupilRow[];
  sections: Record<TsmTextSection, CellValue[]>;
  nextMeetingDate: CellValue | null;
}

const noTypedDetails: TypedMeetingDetails = { school: null, urn: null, phase: null, meeting: null, dataCovers: null };

export const emptyTypedTsm: TypedTsm = {
  details: noTypedDetails,
  attendees: [],
  pupilRows: [],
  sections: { themes: [], schoolActions: [], laActions: [] },
  nextMeetingDate: null,
};

/** The row after `from` where the next known section heading sits, or the end of the grid. */
function sectionEnd(grid: Grid, from: number): number {
  return findHeadingRow(grid, allHeadings, from + 1)?.row ?? grid.length;
}

function headingRow(grid: Grid, heading: string): { row: number; column: number } | null {
  return findHeadingRow(grid, [heading]);
}

function readAttendees(grid: Grid): CellValue[][] {
  const heading = headingRow(grid, tsmSectionHeadings.attendees);
  if (!heading) return [];
  const end = sectionEnd(grid, heading.row);
  const table = findTable(grid, attendeeHeadings, heading.row + 1);
  if (!table || table.headerRow >= end) return [];
  const columns = attendeeHeadings.map((h) => columnOf(table, h));
  const rows: CellValue[][] = [];
  for (let r = table.headerRow + 1; r < end; r++) {
    const row = grid[r] ?? [];
    const values = columns.map((c) => (c === null ? "" : (row[c] ?? "")));
    if (values.some((v) => !isBlank(v))) rows.push(values);
  }
  return rows;
}

function readSection(grid: Grid, heading: string): CellValue[] {
  const found = headingRow(grid, heading);
  if (!found) return [];
  const end = sectionEnd(grid, found.row);
  const values: CellValue[] = [];
  for (let r = found.row + 1; r < end; r++) {
    const cells = (grid[r] ?? []).filter((cell) => !isBlank(cell));
    if (cells.length === 1 && cells[0] !== undefined) values.push(cells[0]);
    // Text spread over several cells (a merge undone, say) is kept together, nothing dropped.
    else if (cells.length > 1) values.push(cells.map((cell) => cellText(cell)).join(" – "));
  }
  return values;
}

/** Each meeting-details line found by its label (first cell of its row), its value the next cell along. */
function readMeetingDetails(grid: Grid): TypedMeetingDetails {
  const found = headingRow(grid, tsmSectionHeadings.details);
  if (!found) return noTypedDetails;
  const end = sectionEnd(grid, found.row);
  const lineByLabel = new Map(
    (Object.keys(meetingDetailLabels) as MeetingDetailLine[]).map((line) => [meetingDetailLabels[line].toLowerCase(), line]),
  );
  const details: TypedMeetingDetails = { ...noTypedDetails };
  for (let r = found.row + 1; r < end; r++) {
    const row = grid[r] ?? [];
    const labelColumn = row.findIndex((cell) => !isBlank(cell));
    if (labelColumn < 0) continue;
    const line = lineByLabel.get(cellText(row[labelColumn]).replace(/\s+/g, " ").toLowerCase());
    if (line === undefined || details[line] !== null) continue;
    const value = row.slice(labelColumn + 1).find((cell) => !isBlank(cell));
    details[line] = value ?? null;
  }
  return details;
}

function readNextMeeting(grid: Grid): CellValue | null {
  const found = headingRow(grid, tsmSectionHeadings.nextMeeting);
  if (!found) return null;
  const row = grid[found.row] ?? [];
  for (let c = found.column + 1; c < row.length; c++) {
    const value = row[c];
    if (value !== undefined && !isBlank(value)) return value;
  }
  // Or typed on the row below, if someone did that.
  const below = (grid[found.row + 1] ?? []).find((cell) => !isBlank(cell));
  return below !== undefined && !allHeadings.includes(cellText(below)) ? below : null;
}

function readPupilRows(grid: Grid, book: PupilReferenceBook): TypedPupilRow[] {
  const heading = headingRow(grid, tsmSectionHeadings.pupils);
  const table = findTable(grid, ["Reference", "Agreed actions"], heading?.row ?? 0);
  if (!table) return [];
  const end = sectionEnd(grid, table.headerRow);
  const headingByColumn = new Map<number, string>();
  for (const [, column] of table.columns) {
    const text = cellText(grid[table.headerRow]?.[column]);
    headingByColumn.set(column, text);
  }
  const dataColumns = new Set(
    pupilDataHeadings.map((h) => columnOf(table, h)).filter((c): c is number => c !== null),
  );
  // Typed columns: ours (pupilInputHeadings, the other-notes column) and any a person added under a heading of their own.
  const inputColumns = new Set([...headingByColumn.keys()].filter((c) => !dataColumns.has(c)));
  const refColumn = columnOf(table, "Reference");
  const identity = identityColumns(table);
  const named = identity.upn !== null || identity.name !== null || identity.admissionNumber !== null;
  const found: { row: TypedPupilRow; pupil: PupilIdentity | null }[] = [];
  for (let r = table.headerRow + 1; r < end; r++) {
    const row = grid[r] ?? [];
    const cells: Record<string, CellValue> = {};
    const inputs: Record<string, CellValue> = {};
    row.forEach((value, column) => {
      if (isBlank(value)) return;
      const headingText = headingByColumn.get(column);
      if (headingText === undefined) {
        // Typed beside the table, under no heading: still the user's words, so keep them as a note.
        inputs[`Note ${column + 1}`] = value;
        return;
      }
      cells[headingText] = value;
      if (inputColumns.has(column)) inputs[headingText] = value;
    });
    if (Object.keys(cells).length === 0 && Object.keys(inputs).length === 0) continue;
    const pupil = named ? identityInRow(row, identity) : null;
    const yearGroup = identity.year === null ? null : yearGroupFromText(cellText(row[identity.year]));
    const reference = (refColumn === null ? "" : cellText(row[refColumn]).toUpperCase()) || null;
    found.push({ row: { reference, yearGroup, cells, inputs }, pupil });
  }
  // The fields this form records (an admission number, a date of birth): matched on where the key was too.
  const sheetFields = recordedFields(found.flatMap(({ pupil }) => (pupil ? [pupil] : [])));
  const referenceForPupil = referenceFinder(book, sheetFields);
  return found.map(({ row, pupil }) => {
    let reference = row.reference;
    let matchedBy: TypedPupilRow["matchedBy"] = reference === null ? undefined : "reference";
    // A school-only form names the pupil: that (the strongest key the row has) decides, and a printed
    // reference it contradicts, or an identity two pupils share, is not matched at all.
    if (pupil && (pupil.upn !== null || pupil.name !== "" || pupil.admissionNumber)) {
      const byIdentity = referenceForPupil(pupil);
      matchedBy = byIdentity === null || (reference !== null && reference !== byIdentity) ? undefined : "identity";
      reference = matchedBy === undefined ? reference : byIdentity;
    }
    return { ...row, reference, ...(matchedBy ? { matchedBy } : {}) };
  });
}

/** Everything typed into an old TSM form, found by headings. An empty or unrecognised grid gives nothing typed. */
export function readTypedTsm(grid: Grid | undefined, book: PupilReferenceBook): TypedTsm {
  if (!grid || grid.length === 0) return emptyTypedTsm;
  return {
    details: readMeetingDetails(grid),
    attendees: readAttendees(grid),
    pupilRows: readPupilRows(grid, book),
    sections: {
      themes: readSection(grid, tsmSectionHeadings.themes),
      schoolActions: readSection(grid, tsmSectionHeadings.schoolActions),
      laActions: readSection(grid, tsmSectionHeadings.laActions),
    },
    nextMeetingDate: readNextMeeting(grid),
  };
}

export interface PupilMerge {
  /** Typed cells for pupils on the new list, by reference. */
  inputsByReference: Map<string, Record<string, CellValue>>;
  /** Old rows with typed cells for a known pupil who is no longer on the list: appended, marked. */
  kept: TypedPupilRow[];
  /** Old rows with typed cells that cannot be matched to one pupil safely: kept under "Could not be matched". */
  unmatched: TypedPupilRow[];
}

/**
 * Puts old typed cells on the new list, only where the match is sure: the row names the pupil (UPN or name,
 * the strongest key it has), or its printed reference was carried over from the key and is not one of
 * `unmatched` (pupils the key cannot tell apart). Anything else is kept aside, never put on a guessed child.
 */
export function mergePupilRows(
  typed: readonly TypedPupilRow[],
  listed: ReadonlyMap<string, string | null>,
  trustReferences: boolean,
  unmatched: ReadonlySet<string> = new Set(),
): PupilMerge {
  const inputsByReference = new Map<string, Record<string, CellValue>>();
  const kept: TypedPupilRow[] = [];
  const notMatched: TypedPupilRow[] = [];
  for (const row of typed) {
    const hasInputs = Object.keys(row.inputs).length > 0;
    const reference = row.reference;
    const matched =
      reference !== null &&
      !unmatched.has(reference) &&
      (row.matchedBy === "identity" || ((row.matchedBy ?? "reference") === "reference" && trustReferences));
    if (matched && listed.has(reference) && !inputsByReference.has(reference)) {
      inputsByReference.set(reference, { ...row.inputs });
    } else if (hasInputs) {
      (matched ? kept : notMatched).push(row);
    }
  }
  return { inputsByReference, kept, unmatched: notMatched };
}

/**
 * This run's details with the school, URN and phase typed into the last form where the run left them
 * blank or at the phase used when none is given (keepTypedMeetingDetails says why). The national figures
 * follow a typed phase where it names exactly one.
 */
export function detailsWithTyped(details: TsmMeetingDetails, typed: TypedMeetingDetails): TsmMeetingDetails {
  const run = tidyTsmDetails(details);
  const typedText = (line: MeetingDetailLine) => cellText(typed[line]);
  const phase = run.phase === phaseNotGiven ? (phaseFromText(typedText("phase")) ?? run.phase) : run.phase;
  return { ...run, schoolName: run.schoolName || typedText("school"), urn: run.urn || typedText("urn"), phase };
}

/** What this run would put on the meeting-details lines it fills itself. */
export interface MeetingDetailsPrefill {
  /** "Meeting n of 3 this academic year", worked out from the meeting date. */
  meeting: string;
  /** The export's dates, or dataCoversNotGiven when the export does not give them. */
  dataCovers: string;
}

export interface KeptMeetingDetails {
  /** The details the whole form uses (title, attendees, national figures by phase). */
  details: TsmMeetingDetails;
  /** The value of each typed-over line, as the form shows it. */
  shown: Record<MeetingDetailLine, CellValue | null>;
}

/**
 * This run's meeting details with what people typed into the last form kept wherever the run gives no
 * value of its own. A value this run was given (--school, --urn, --phase, the task pane's details, the
 * export's dates) wins; a blank, the phase used when none is given, the worked-out meeting number and
 * "As given in the export" are only what the add-in would pre-fill, so they never replace typed words.
 * A value pre-filled last time from a value given then is kept the same way, so a later run without the
 * flag does not blank it either. Calling this again on its own result changes nothing.
 */
export function keepTypedMeetingDetails(
  details: TsmMeetingDetails,
  typed: TypedMeetingDetails,
  prefill: MeetingDetailsPrefill,
): KeptMeetingDetails {
  const run = tidyTsmDetails(details);
  const kept = detailsWithTyped(run, typed);
  const typedText = (line: MeetingDetailLine) => cellText(typed[line]);
  const keepPhase = run.phase === phaseNotGiven && typedText("phase") !== "";
  const keepDataCovers = prefill.dataCovers === dataCoversNotGiven && typedText("dataCovers") !== "";
  return {
    details: kept,
    shown: {
      school: kept.schoolName,
      urn: kept.urn || null,
      // A typed phase shows as written, even where it names no phase the national figures know.
      phase: keepPhase ? typed.phase : (phaseLabels[run.phase] ?? null),
      meeting: typedText("meeting") !== "" ? typed.meeting : prefill.meeting,
      dataCovers: keepDataCovers ? typed.dataCovers : prefill.dataCovers,
    },
  };
}
