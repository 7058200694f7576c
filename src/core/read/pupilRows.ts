import type { CellValue, Grid } from "./grid";
import * as cells from "./cellValues";
import { ukDate } from "../common/dates";
import { readDateOfBirth } from "./dateOfBirth";
import { fieldLabels } from "./headings";
import { readPenaltyNotice as readPenaltyNoticeCell } from "./penaltyNotice";
import { readPercent as readPercentCell, type PercentScale } from "./percentColumn";
import type { ColumnField, ColumnMapping, PupilRecord, ReportedPercent } from "./pupilRecord";
import * as kinds from "./rowKinds";
import type { WarningLog } from "./warnings";

// Hot functions held in module constants: some bundlers (tsx, esbuild's CommonJS output) turn every
// call of an imported function into a property lookup through a getter, which shows at 100,000 rows.
const { BLANK, TextMemo, cellText, trimmed, quoteCell, readCount, readFlag, readGrt, readLadderNumber, readSen, readStatus, readYearGroup } =
  cells;
const { firstText, isBlankRow, isGroupHeadingLabel, isRepeatedHeader, isTotalsLabel } = kinds;
const readPenaltyNotice = readPenaltyNoticeCell;
const readPercent = readPercentCell;

// A field's own abbreviation counts as "yes" in its column ("FSM" in an FSM column).
const fsmWords: ReadonlySet<string> = new Set(["fsm", "fsm6", "ever 6", "e6", "fsm ever 6"]);
const ppWords: ReadonlySet<string> = new Set(["pp", "pupil premium", "disadvantaged"]);
const ehcpWords: ReadonlySet<string> = new Set(["ehcp", "ehc", "e", "ehc plan"]);
const ealWords: ReadonlySet<string> = new Set(["eal"]);
const cicWords: ReadonlySet<string> = new Set(["cic", "lac", "cla", "looked after", "in care"]);
const socialWords: ReadonlySet<string> = new Set(["cin", "cp", "cpp", "cin plan", "cp plan", "child in need", "child protection"]);
const contractWords: ReadonlySet<string> = new Set(["signed", "active"]);

function shorten(text: string): string {
  return text.length > 40 ? text.slice(0, 37) + "…" : text;
}

function readStage(value: unknown): number | null {
  return readLadderNumber(value, 0, 6);
}

function readLevel(value: unknown): number | null {
  return readLadderNumber(value, 1, 4);
}

function readGrtCell(value: unknown): boolean | null {
  return readGrt(cellText(value));
}

/**
 * Reads the rows below the header into pupil records, skipping titles, blank rows, group headings,
 * repeated headers and totals. Column positions are fixed once in the constructor, so each row is a
 * handful of array reads; a class (rather than closures) keeps the hot loop quick to optimise.
 */
export class PupilRowReader {
  private readonly cUpn: number;
  private readonly cAdno: number;
  private readonly cDob: number;
  private readonly cPersistent: number;
  private readonly cSevere: number;
  private readonly cFull: number;
  private readonly cSurname: number;
  private readonly cForename: number;
  private readonly cYear: number;
  private readonly cReg: number;
  private readonly cPossible: number;
  private readonly cPresent: number;
  private readonly cAea: number;
  private readonly cAttended: number;
  private readonly cAuth: number;
  private readonly cUnauth: number;
  private readonly cMissed: number;
  private readonly cPercent: number;
  private readonly cFsm: number;
  private readonly cPp: number;
  private readonly cSen: number;
  private readonly cEhcp: number;
  private readonly cEal: number;
  private readonly cEthnicity: number;
  private readonly cCic: number;
  private readonly cSocial: number;
  private readonly cGender: number;
  private readonly cStage: number;
  private readonly cLevel: number;
  private readonly cContract: number;
  private readonly cPenalty: number;
  private readonly hasIdentity: boolean;
  private readonly sessionColumns: number[];
  /** First session column when they are side by side in date order, else -1. */
  private readonly contiguousFrom: number;
  private readonly checkColumns: number[] = [];
  private readonly headerTexts: string[] = [];
  /** Fields per row in a delimited file, and the header row's (see ReadOptions.fieldCounts). */
  private readonly fieldCounts: readonly number[] | null;
  private readonly headerFields: number;

  private readonly percentMemo: cells.TextMemo<ReportedPercent | "blank" | "unreadable">;
  private readonly yearMemo = new TextMemo(readYearGroup);
  private readonly senMemo = new TextMemo(readSen);
  private readonly grtMemo = new TextMemo(readGrtCell);
  private readonly stageMemo = new TextMemo(readStage);
  private readonly levelMemo = new TextMemo(readLevel);

  // Per-row state.
  private readable = 0;
  private unreadable = 0;
  private firstUnreadable = "";

  constructor(
    grid: Grid,
    mapping: ColumnMapping,
    private readonly percentScale: PercentScale,
    private readonly referenceYear: number | null,
    private readonly log: WarningLog,
    fieldCounts?: readonly number[],
    /** ISO: a date of birth after this cannot be right (the caller's today, or the data's own date). */
    private readonly latestBirthDate: string | null = null,
  ) {
    this.fieldCounts = fieldCounts ?? null;
    this.headerFields = fieldCounts?.[mapping.headerRow] ?? 0;
    const col = (field: ColumnField): number => mapping.columns[field]?.column ?? -1;
    this.cUpn = col("upn");
    this.cAdno = col("admissionNumber");
    this.cDob = col("dateOfBirth");
    this.cPersistent = col("persistentAbsenceFlag");
    this.cSevere = col("severeAbsenceFlag");
    this.cFull = col("fullName");
    this.cSurname = col("surname");
    this.cForename = col("forename");
    this.cYear = col("yearGroup");
    this.cReg = col("regGroup");
    this.cPossible = col("possibleSessions");
    this.cPresent = col("presentSessions");
    this.cAea = col("aeaSessions");
    this.cAttended = col("attendedSessions");
    this.cAuth = col("authorisedSessions");
    this.cUnauth = col("unauthorisedSessions");
    this.cMissed = col("missedSessions");
    this.cPercent = col("attendancePercent");
    this.cFsm = col("fsm");
    this.cPp = col("pupilPremium");
    this.cSen = col("sen");
    this.cEhcp = col("ehcp");
    this.cEal = col("eal");
    this.cEthnicity = col("ethnicity");
    this.cCic = col("childInCare");
    this.cSocial = col("socialWorker");
    this.cGender = col("gender");
    this.cStage = col("recordedStage");
    this.cLevel = col("recordedLevel");
    this.cContract = col("parentingContract");
    this.cPenalty = col("penaltyNotice");
    this.hasIdentity = this.cUpn >= 0 || this.cAdno >= 0 || this.cFull >= 0 || this.cSurname >= 0 || this.cForename >= 0;
    this.sessionColumns = mapping.sessions.map((s) => s.column);
    const columns = this.sessionColumns;
    this.contiguousFrom = columns.length > 0 && columns.every((c, i) => c === columns[0]! + i) ? columns[0]! : -1;
    this.percentMemo = new TextMemo((value: unknown) => readPercent(value, percentScale));

    // A few mapped columns whose heading text, seen again lower down, marks a repeated header row.
    const headerCells = grid[mapping.headerRow];
    for (const field of Object.keys(mapping.columns) as ColumnField[]) {
      const match = mapping.columns[field]!;
      const text = Array.isArray(headerCells) ? headerCells[match.column] : undefined;
      if (typeof text === "string" && text.trim() !== "" && this.checkColumns.length < 4) {
        this.checkColumns.push(match.column);
        this.headerTexts.push(text.trim().toLowerCase());
      }
    }
    for (let i = 0; i < mapping.sessions.length && this.checkColumns.length < 4; i++) {
      const column = mapping.sessions[i]!.column;
      const text = Array.isArray(headerCells) ? headerCells[column] : undefined;
      if (typeof text !== "string" || text.trim() === "") continue;
      this.checkColumns.push(column);
      this.headerTexts.push(text.trim().toLowerCase());
    }
  }

  /** Every pupil row from `fromRow` down. */
  readRows(grid: Grid, fromRow: number): PupilRecord[] {
    const pupils: PupilRecord[] = [];
    for (let r = fromRow; r < grid.length; r++) {
      const row = grid[r];
      if (!Array.isArray(row) || row.length === 0) continue;
      const pupil = this.readRow(row, r);
      if (pupil !== null) pupils.push(pupil);
    }
    return pupils;
  }

  private text(row: readonly CellValue[], column: number): string {
    if (column < 0) return "";
    const value = row[column];
    return typeof value === "string" ? trimmed(value) : cellText(value);
  }

  private flag(row: readonly CellValue[], column: number, words: ReadonlySet<string> | undefined): boolean | null {
    return column < 0 ? null : readFlag(row[column], words);
  }

  /** One row: a pupil record, or null for a row that is not a pupil (with a warning where useful). */
  private readRow(row: readonly CellValue[], r: number): PupilRecord | null {
    if (this.fieldCounts !== null && (this.fieldCounts[r] ?? 0) > this.headerFields) {
      // Its cells sit under the wrong headings: a forename read as a year group, a UPN as a count.
      // The warning quotes nothing from the row, as any of it may be a name.
      this.log.row(
        r,
        () =>
          `${this.log.where(r)}: this row has ${this.fieldCounts?.[r] ?? 0} fields but the header row has ${this.headerFields}, so its values are under the wrong headings (a comma inside a name that is not in quotes does this) and it was not read as a pupil — put that name in quotes in the export, or export it again.`,
      );
      return null;
    }
    const upn = this.text(row, this.cUpn);
    let surname = this.text(row, this.cSurname);
    let forename = this.text(row, this.cForename);
    const fullName = this.text(row, this.cFull);
    const admissionNumber = this.text(row, this.cAdno);
    const identity = surname || forename || fullName || upn || admissionNumber;

    if (this.hasIdentity && identity === "") {
      this.skipNamelessRow(row, r);
      return null;
    }
    if (isRepeatedHeader(row, this.checkColumns, this.headerTexts)) {
      this.log.row(r, () => `${this.log.where(r)}: the header row is repeated here, so it was not read as a pupil.`);
      return null;
    }
    const label = this.hasIdentity ? identity : firstText(row);
    // "Year 7" or "Registration Group: 7A" with figures beside it is a subtotal, unless the row has a
    // UPN or a forename ("House, Tom" is a pupil).
    const groupSubtotal = upn === "" && admissionNumber === "" && forename === "" && !label.includes(",") && isGroupHeadingLabel(label);
    if (isTotalsLabel(label) || (groupSubtotal && this.hasFigures(row))) {
      this.log.row(r, () => `${this.log.where(r)}: "${shorten(label)}" looks like a totals or summary row, so it was not read as a pupil.`);
      return null;
    }

    this.readable = 0;
    this.unreadable = 0;
    this.firstUnreadable = "";
    const possibleSessions = this.count(row, r, this.cPossible, "possibleSessions");
    const presentSessions = this.count(row, r, this.cPresent, "presentSessions");
    const aeaSessions = this.count(row, r, this.cAea, "aeaSessions");
    const attendedSessions = this.count(row, r, this.cAttended, "attendedSessions");
    const authorisedSessions = this.count(row, r, this.cAuth, "authorisedSessions");
    const unauthorisedSessions = this.count(row, r, this.cUnauth, "unauthorisedSessions");
    const missedSessions = this.count(row, r, this.cMissed, "missedSessions");
    const attendancePercent = this.percent(row, r);
    const marks = this.sessionColumns.length > 0 ? this.marks(row) : null;

    if (this.readable === 0) {
      if (this.unreadable === 0 && (isGroupHeadingLabel(label) || isBlankRow(row))) return null;
      const reason =
        this.unreadable > 0 ? `its attendance figures could not be read (${this.firstUnreadable})` : "it has no attendance figures";
      this.log.row(
        r,
        () => `${this.log.where(r)}: "${shorten(label)}" was not read as a pupil because ${reason} — correct the row or choose other columns.`,
      );
      return null;
    }

    let name: string;
    if (surname !== "" || forename !== "") {
      name = surname !== "" && forename !== "" ? `${forename} ${surname}` : surname || forename;
    } else if (fullName !== "") {
      // A single name column is often "Surname, Forename".
      const comma = fullName.indexOf(",");
      if (comma > 0 && comma < fullName.length - 1) {
        surname = fullName.slice(0, comma).trim();
        forename = fullName.slice(comma + 1).trim();
        name = forename !== "" ? `${forename} ${surname}` : surname;
      } else {
        name = fullName;
      }
    } else {
      name = "";
    }

    const sen = this.cSen >= 0 ? this.senMemo.get(row[this.cSen]) : null;
    let ehcp = sen !== null ? sen.ehcp : null;
    if (this.cEhcp >= 0) {
      const fromColumn = this.flag(row, this.cEhcp, ehcpWords);
      if (fromColumn !== null || ehcp === null) ehcp = fromColumn;
    }
    const ethnicity = this.text(row, this.cEthnicity);
    const gender = this.text(row, this.cGender);
    const regGroup = this.text(row, this.cReg);

    return {
      sourceRow: this.log.sourceRow(r),
      upn: upn === "" ? null : upn,
      admissionNumber: admissionNumber === "" ? null : admissionNumber,
      ...(this.cDob >= 0 ? { dateOfBirth: this.dateOfBirth(row, r) } : {}),
      name,
      surname: surname === "" ? null : surname,
      forename: forename === "" ? null : forename,
      yearGroup: this.cYear >= 0 ? this.yearMemo.get(row[this.cYear]) : null,
      regGroup: regGroup === "" ? null : regGroup,
      possibleSessions,
      presentSessions,
      aeaSessions,
      attendedSessions,
      authorisedSessions,
      unauthorisedSessions,
      missedSessions,
      attendancePercent,
      marks,
      characteristics: {
        fsm: this.flag(row, this.cFsm, fsmWords),
        pupilPremium: this.flag(row, this.cPp, ppWords),
        senSupport: sen !== null ? sen.senSupport : null,
        ehcp,
        eal: this.flag(row, this.cEal, ealWords),
        childInCare: this.flag(row, this.cCic, cicWords),
        socialWorker: this.flag(row, this.cSocial, socialWords),
        grt: this.cEthnicity >= 0 ? this.grtMemo.get(row[this.cEthnicity]) : null,
        ethnicity: ethnicity === "" ? null : ethnicity,
        gender: gender === "" ? null : gender,
      },
      recordedStage: this.ladder(row, r, this.cStage, "recordedStage"),
      recordedLevel: this.ladder(row, r, this.cLevel, "recordedLevel"),
      parentingContract: this.flag(row, this.cContract, contractWords),
      penaltyNoticeThisYear: this.cPenalty >= 0 ? readPenaltyNotice(row[this.cPenalty], this.referenceYear) : null,
      ...(this.cPersistent >= 0 || this.cSevere >= 0
        ? {
            recordedStatus: {
              persistent: this.cPersistent >= 0 ? readStatus(row[this.cPersistent]) : null,
              severe: this.cSevere >= 0 ? readStatus(row[this.cSevere]) : null,
            },
          }
        : {}),
    };
  }

  /** A row with no name and no UPN: blank (quiet), a group heading (quiet), or totals/notes (warned). */
  private skipNamelessRow(row: readonly CellValue[], r: number): void {
    if (isBlankRow(row)) return;
    const label = firstText(row);
    if (isTotalsLabel(label)) {
      this.log.row(r, () => `${this.log.where(r)}: "${shorten(label)}" looks like a totals or summary row, so it was not read as a pupil.`);
    } else if (this.hasFigures(row)) {
      this.log.row(
        r,
        () =>
          `${this.log.where(r)}: this row has figures but no name or UPN, so it was taken for a totals row and not read as a pupil — if it is a pupil, add the name or UPN.`,
      );
    } else if (!isGroupHeadingLabel(label)) {
      this.log.row(r, () => `${this.log.where(r)}: "${shorten(label)}" has no name, UPN or attendance figures, so it was not read as a pupil.`);
    }
  }

  /** Whether a row holds any readable attendance figure (for rows with no name, and subtotals). */
  private hasFigures(row: readonly CellValue[]): boolean {
    for (const c of [this.cPossible, this.cPresent, this.cAea, this.cAttended, this.cAuth, this.cUnauth, this.cMissed]) {
      if (c >= 0 && readCount(row[c]) >= 0) return true;
    }
    if (this.cPercent >= 0 && typeof readPercent(row[this.cPercent], this.percentScale) === "object") return true;
    for (const c of this.sessionColumns) if (cellText(row[c]) !== "") return true;
    return false;
  }

  private count(row: readonly CellValue[], r: number, column: number, field: ColumnField): number | null {
    if (column < 0) return null;
    const value = row[column];
    const n = readCount(value);
    if (n >= 0) {
      this.readable++;
      return n;
    }
    if (n === BLANK) return null;
    this.unreadable++;
    if (this.firstUnreadable === "") this.firstUnreadable = `${quoteCell(value)} in column ${this.log.letter(column)}`;
    const label = fieldLabels[field];
    this.log.cell(
      r,
      column,
      label,
      () =>
        `${this.log.where(r, column)}: ${quoteCell(value)} is not a number of sessions — correct the cell or choose another column for ${label}.`,
    );
    return null;
  }

  private percent(row: readonly CellValue[], r: number): ReportedPercent | null {
    const column = this.cPercent;
    if (column < 0) return null;
    const value = row[column];
    // Text repeats ("93.2%"), so it is parsed once per distinct value; numbers are read directly.
    const fromText = typeof value === "string";
    const result = fromText ? this.percentMemo.get(value) : readPercent(value, this.percentScale);
    if (result === "blank") return null;
    if (result === "unreadable") {
      this.unreadable++;
      if (this.firstUnreadable === "") this.firstUnreadable = `${quoteCell(value)} in column ${this.log.letter(column)}`;
      const label = fieldLabels.attendancePercent;
      this.log.cell(
        r,
        column,
        label,
        () =>
          `${this.log.where(r, column)}: ${quoteCell(value)} is not an attendance percentage — correct the cell or choose another column for ${label}.`,
      );
      return null;
    }
    this.readable++;
    // A fresh object per pupil: the cache holds the parsed value, records never share one.
    return fromText ? { percent: result.percent, decimals: result.decimals } : result;
  }

  /** Register marks as trimmed text, in session order (docs/rules.md §3 reads them later). */
  private marks(row: readonly CellValue[]): string[] {
    const columns = this.sessionColumns;
    const count = columns.length;
    const marks = new Array<string>(count);
    let marked = 0;
    // Usually the session columns sit side by side in date order: read them without the index table.
    const first = this.contiguousFrom;
    for (let s = 0; s < count; s++) {
      const value = row[first >= 0 ? first + s : columns[s]!];
      let mark: string;
      if (typeof value === "string") {
        // One-character marks ("/", "N") need no trimming unless they are a space.
        mark = value.length === 1 ? (value.charCodeAt(0) > 32 ? value : "") : trimmed(value);
      } else {
        mark = cellText(value);
      }
      marked |= mark.length;
      marks[s] = mark;
    }
    if (marked > 0) this.readable++;
    return marks;
  }

  /**
   * docs/rules.md §7: the date of birth as ISO, or null. One that cannot be read, or is after the data's date,
   * is a warning and is then not used to match the pupil (a wrong date would match the wrong child).
   */
  private dateOfBirth(row: readonly CellValue[], r: number): string | null {
    const column = this.cDob;
    const value = row[column];
    const read = readDateOfBirth(value);
    if (read === "blank") return null;
    const label = fieldLabels.dateOfBirth;
    if (read === "unreadable") {
      this.log.cell(
        r,
        column,
        label,
        () =>
          `${this.log.where(r, column)}: ${quoteCell(value)} is not a date of birth — write it as dd/MM/yyyy (for example 14/03/2014) or choose another column for ${label}; until then this pupil is matched without it.`,
      );
      return null;
    }
    const latest = this.latestBirthDate;
    if (latest !== null && read > latest) {
      this.log.cell(
        r,
        column,
        label,
        () =>
          `${this.log.where(r, column)}: the date of birth ${quoteCell(ukDate(read))} is after ${ukDate(latest)}, so it cannot be right — correct it in your MIS; until then this pupil is matched without it.`,
      );
      return null;
    }
    return read;
  }

  private ladder(row: readonly CellValue[], r: number, column: number, field: "recordedStage" | "recordedLevel"): number | null {
    if (column < 0) return null;
    const value = row[column];
    const stage = field === "recordedStage";
    const n = stage ? this.stageMemo.get(value) : this.levelMemo.get(value);
    if (n === null && cellText(value) !== "") {
      const label = fieldLabels[field];
      this.log.cell(
        r,
        column,
        label,
        () =>
          `${this.log.where(r, column)}: ${quoteCell(value)} is not a ${stage ? "stage (0–6)" : "PIAS level (1–4)"} — correct the cell or choose another column for ${label}.`,
      );
    }
    return n;
  }
}
