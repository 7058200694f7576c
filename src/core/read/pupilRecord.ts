import type { GridOrigin } from "./grid";

/** A field the reader can find a column for, named in the users' words. */
export type ColumnField =
  | "upn"
  | "admissionNumber"
  | "dateOfBirth"
  | "fullName"
  | "surname"
  | "forename"
  | "yearGroup"
  | "regGroup"
  | "possibleSessions"
  | "presentSessions"
  | "aeaSessions"
  | "attendedSessions"
  | "authorisedSessions"
  | "unauthorisedSessions"
  | "missedSessions"
  | "attendancePercent"
  | "fsm"
  | "pupilPremium"
  | "sen"
  | "ehcp"
  | "eal"
  | "ethnicity"
  | "childInCare"
  | "socialWorker"
  | "gender"
  | "recordedStage"
  | "recordedLevel"
  | "parentingContract"
  | "penaltyNotice"
  | "persistentAbsenceFlag"
  | "severeAbsenceFlag";

export interface ColumnMatch {
  field: ColumnField;
  /** 0-based column index in the grid. */
  column: number;
  /** The heading text as it appears in the sheet. */
  heading: string;
  /** 0..1: 1 for an exact known heading, lower for a guess from the values. */
  confidence: number;
  /** Other columns that could also be this field, best first (so the task pane can offer them). */
  alternatives: readonly number[];
}

/** One register-mark column ("Mon 01/09/2025 AM"). */
export interface SessionColumn {
  /** 0-based column index in the grid. */
  column: number;
  /** ISO date yyyy-MM-dd. */
  date: string;
  session: "AM" | "PM";
  heading: string;
}

export interface ColumnMapping {
  /** 0-based index of the header row in the grid. */
  headerRow: number;
  columns: Partial<Record<ColumnField, ColumnMatch>>;
  /** Register-mark columns in date order, empty for summary exports. */
  sessions: readonly SessionColumn[];
  /** How the percentage column is written, decided once for the whole column (docs/rules.md §2). */
  percentScale: "fraction" | "percent" | null;
  /** 0-based first heading row when the headings span two rows (category names over "Count" / "%"). */
  firstHeadingRow?: number;
  /** With two heading rows: one heading per column as read ("Authorised Absence Count"). */
  headings?: readonly string[];
  /**
   * Columns whose heading suggests a field but whose values do not fit it (a "missed sessions" column
   * holding only 0/1 beside possible sessions in the hundreds). They are not used unless the user chooses them.
   */
  doubtful?: readonly DoubtfulColumn[];
}

export interface DoubtfulColumn {
  field: ColumnField;
  column: number;
  heading: string;
  /** Why the values do not fit, in the users' words. */
  reason: string;
}

/** A percentage as the MIS gave it, kept at its own precision (docs/rules.md §2). */
export interface ReportedPercent {
  /** On the 0–100 scale: "93.2%" → 93.2, 0.932 → 93.2. */
  percent: number;
  /** Decimal places shown by the MIS ("90.0%" → 1); null when the cell held a full-precision number (e.g. a fraction from Excel). */
  decimals: number | null;
}

export interface Characteristics {
  fsm: boolean | null;
  pupilPremium: boolean | null;
  senSupport: boolean | null;
  ehcp: boolean | null;
  eal: boolean | null;
  childInCare: boolean | null;
  socialWorker: boolean | null;
  /** Gypsy/Roma/Traveller from the ethnicity code (docs/rules.md §9). */
  grt: boolean | null;
  ethnicity: string | null;
  gender: string | null;
}

/** One pupil row as read from the sheet: typed, nothing classified yet. */
export interface PupilRecord {
  /** 1-based row number in the sheet, as Excel shows it. */
  sourceRow: number;
  upn: string | null;
  /** The school's admission number ("Adno"), which identifies a pupil when the export has no UPN. */
  admissionNumber?: string | null;
  /**
   * ISO yyyy-MM-dd, where the export has a date-of-birth column: with the name it tells apart two pupils of
   * the same name when there is no UPN or admission number (docs/rules.md §7). Null when the cell is blank,
   * unreadable or in the future (each of the last two a warning); absent when the export has no such column.
   */
  dateOfBirth?: string | null;
  /** Display name, "Forename Surname" or as the sheet gives it. */
  name: string;
  surname: string | null;
  forename: string | null;
  /** Normalised: "R", "N", "N1", "N2", "1".."14"; the trimmed text when not recognised; null when absent. */
  yearGroup: string | null;
  regGroup: string | null;
  possibleSessions: number | null;
  presentSessions: number | null;
  aeaSessions: number | null;
  attendedSessions: number | null;
  authorisedSessions: number | null;
  unauthorisedSessions: number | null;
  missedSessions: number | null;
  attendancePercent: ReportedPercent | null;
  /** Register marks, one per mapping.sessions entry, trimmed text ("" for blank); null for summary exports. */
  marks: readonly string[] | null;
  characteristics: Characteristics;
  /** Current stage recorded in the sheet (0–6), if a column gives it. */
  recordedStage: number | null;
  /** Current PIAS level recorded in the sheet (1–4), if a column gives it. */
  recordedLevel: number | null;
  parentingContract: boolean | null;
  /** A penalty notice recorded in this academic year; null when the sheet does not say. */
  penaltyNoticeThisYear: boolean | null;
  /**
   * What a status column in the export says ("Persistent Absence" 1/blank, "SA?" Y/N): never used as a
   * count, only checked against the band worked out from the figures (docs/rules.md §2). Absent or null
   * when the sheet has no such column or the cell cannot be read.
   */
  recordedStatus?: RecordedStatus;
}

/** A pupil's band as a status column in the export states it. */
export interface RecordedStatus {
  /** The export marks the pupil as persistently absent (true), as not (false), or does not say (null). */
  persistent: boolean | null;
  severe: boolean | null;
}

export interface ReadWarning {
  /** 1-based sheet row, or null for a warning about the whole sheet. */
  sourceRow: number | null;
  /** Column letter ("F"), or null. */
  column: string | null;
  /** One sentence naming sheet, row and column, and what to do. */
  message: string;
}

export interface ReadOptions extends Partial<GridOrigin> {
  /** Columns the user chose in the task pane: field → 0-based grid column, or null to ignore the field. */
  mappingOverride?: Partial<Record<ColumnField, number | null>>;
  /** 0-based header row the user chose. */
  headerRowOverride?: number;
  /**
   * Columns the user named by letter or heading ("L", "Persistent Absence", "none"), resolved against the
   * header row once it is known (two heading rows read as one). Applied on top of mappingOverride.
   */
  columnsByText?: Partial<Record<ColumnField, string>>;
  /** ISO date used to decide "this academic year" for recorded penalty notices; default: the latest session date, else `today`. */
  referenceDate?: string;
  /**
   * Today's ISO date, from the caller's clock (pane, ribbon, command line): core never reads the clock
   * (docs/architecture.md). Used only when neither referenceDate nor session dates say which academic year
   * it is; without any of them a penalty notice recorded as a date is "not known" (docs/rules.md §6).
   */
  today?: string;
  /**
   * How many fields each grid row had in the file, where the grid comes from delimited text (CSV): a row
   * below the header with more fields than the header row was shifted (an unquoted comma in a name), so
   * its cells sit under the wrong headings and it is not read as a pupil. Absent for a sheet's cells.
   */
  fieldCounts?: readonly number[];
}

export type ReadResult =
  | {
      ok: true;
      mapping: ColumnMapping;
      pupils: PupilRecord[];
      warnings: ReadWarning[];
    }
  | {
      ok: false;
      /** One clear sentence: what is wrong, where, and what to do. */
      message: string;
      /**
       * What was read before the problem, where a heading row was found: that row and the columns
       * recognised, so the user can choose the rest (the pane's column dropdowns; docs/rules.md §12).
       */
      mapping?: ColumnMapping;
    };
