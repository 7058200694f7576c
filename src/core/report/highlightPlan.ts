import { oneDecimal } from "../common/numbers";
import { columnLetter, type CellRect } from "../common/a1";
import { bandLabels, bandLabelsFor } from "../rules/bandLabels";
import type { Analysis, Band, Framework } from "../rules/pupilAnalysis";
import type { ConditionalFormatPlan, HighlightPlan, PlanValue, RowHeightPlan, StyleName } from "./plan";
import { patternText } from "../rules/patterns/patternText";
import { levelText, reasonsText, stageText } from "./pupilText";
import { defaultColumnWidth, marginsOnePageWide } from "./printFit";
import { cellHeight, cellHeights } from "./rowHeights";
import { bandColours, bandLegendStyle, cellStyles } from "./styles";
import type { SourceLayout } from "./workbookPlan";
import { excelDateSerial } from "../common/dates";
import { gapFormat } from "./figureTables";
import { tsmDateFormat } from "./tsmColumns";
import type { ProgressResult, PupilProgress } from "../progress/pupilProgress";
import { keptAsideMarker, noSheetNotes, notesHeading, rowCheck, rowCheckHeading, type SheetNotes } from "./sheetNotes";

/** Written with the added columns so a re-run recognises (and replaces) what it wrote, never duplicating it. */
export const highlightMarker = "attendance-insight:highlight:v1";

/**
 * The sheet-scoped name over the added columns, by which the add-in knows them again: it moves with the
 * columns when people insert some, and the command line writes it too, so a file it wrote and a school opens
 * in Excel is recognised (sourceGeometry.locatePrevious), never read as pasted data.
 */
export const highlightRangeName = "AttendanceInsight_Highlight";
export const highlightRangeComment = "Columns added by Attendance Insight; Analyse replaces them.";

/** The rectangle the highlight's added columns take, heading row included. */
export function highlightArea(plan: HighlightPlan): CellRect {
  return {
    firstRow: plan.headerRow,
    firstColumn: plan.firstColumn,
    lastRow: Math.max(plan.headerRow, plan.lastDataRow),
    lastColumn: plan.firstColumn + plan.headings.length - 1,
  };
}

/** Bands that get a colour rule; expected has no fill (most pupils; the eye should go to the others). */
export const highlightedBands: readonly Band[] = ["severe", "persistent", "at-risk", "no-data"];
/** Legend order: most serious first. */
const legendBands: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

interface AddedColumn {
  heading: string;
  /** Least width in characters; short columns widen to their longest value so nothing is cut off. */
  width: number;
  numberFormat: string | null;
  /** The long texts keep their width: they wrap within it, or run over the empty cells to their right. */
  fixedWidth?: boolean;
  /** Style of the data cells, or none. */
  style?: StyleName;
  /** Hidden on the sheet (the row check: sheetNotes.ts). */
  hidden?: boolean;
  /** The heading wraps over a narrow column of figures instead of widening it to one line. */
  wrapHeading?: boolean;
}

/** The first added column in every framework: the band in words, so colour is never the only signal. */
export const bandColumnHeading = "Attendance band";
const suggestionHeading = "Suggested next step";
const whyHeading = "Why";
const patternHeading = "Pattern";
/**
 * The printed columns' text wraps: the suggested next step (what people act on, shown and printed in full),
 * the pattern, and the band and ladder steps in narrow columns, so the printed columns fit one page wide.
 */
const wrappedStyle: StyleName = "textWrap";

/**
 * "Why" comes last and does not wrap: a longer reason runs on over the empty cells to its right (wrapped
 * reasons made every row of a weekly sheet of hundreds of pupils several lines tall). The suggested next
 * step sits just before it and wraps within its column: with a filled cell to its right it would be cut off.
 */
function addedColumns(framework: Framework, hasMarks: boolean, withProgress: boolean): AddedColumn[] {
  return [
    // Wide enough for "Expected attendance" (most pupils) on one line, in bold; longer bands take two lines,
    // on rows whose suggestion takes two or more anyway.
    { heading: bandColumnHeading, width: 23, numberFormat: "@", fixedWidth: true, style: wrappedStyle },
    ...(framework !== "levels" ? [{ heading: "Stage", width: 20, numberFormat: "@", fixedWidth: true, style: wrappedStyle }] : []),
    ...(framework !== "stages" ? [{ heading: "PIAS level", width: 20, numberFormat: "@", fixedWidth: true, style: wrappedStyle }] : []),
    // Centred: right-aligned, the figure ran into the pattern's text beside it in print ("54 sessions").
    // Its heading wraps: on one line it made a column of three-digit figures 24 characters wide.
    { heading: "Sessions to leave PA", width: 10, numberFormat: "0", style: "figureCentred", wrapHeading: true },
    // docs/rules.md §10: patterns in words, only where the sheet has session marks to find them in. With one
    // ladder it takes the room of the other's column: its rows are shorter, on screen and in print, at the
    // same printed scale (about 73% with one ladder, 70% with both).
    ...(hasMarks ? [{ heading: patternHeading, width: framework === "both" ? 40 : 50, numberFormat: "@", fixedWidth: true, style: wrappedStyle }] : []),
    { heading: suggestionHeading, width: 70, numberFormat: "@", fixedWidth: true, style: wrappedStyle },
    // Progress since the last snapshot (docs/rules.md §11), when the workbook keeps a history. After the
    // suggestion: the band through the suggestion is what prints, one page wide (six progress columns
    // with one-line headings would add 150 characters to that width); progress stays on screen.
    ...(withProgress ? progressColumns : []),
    // docs/rules.md §15: what the add-in wrote on each row, so typed notes are told from it; hidden, and
    // between the other added columns, so a selection of them for sorting takes it with them.
    { heading: rowCheckHeading, width: 12, numberFormat: "@", fixedWidth: true, hidden: true },
    // docs/rules.md §15: never cleared; each pupil's notes follow the pupil. After the printed columns (notes
    // stay in school), before "Why", whose long text runs on over the empty cells to its right.
    { heading: notesHeading, width: 40, numberFormat: "@", fixedWidth: true, style: wrappedStyle },
    { heading: whyHeading, width: 90, numberFormat: "@", fixedWidth: true },
  ];
}

const progressHeadings = {
  change: "Change since last snapshot",
  movement: "Band movement",
  recent: "Attendance since last snapshot",
  improving: "Progress",
  stageSince: "Stage since",
  review: "Review",
} as const;
/** Made once: progressCell is asked for every added cell of every pupil (a new list each time was 1.5 million at 100,000 pupils). */
const progressHeadingSet: ReadonlySet<string> = new Set(Object.values(progressHeadings));

const progressColumns: AddedColumn[] = [
  { heading: progressHeadings.change, width: 10, numberFormat: gapFormat },
  { heading: progressHeadings.movement, width: 14, numberFormat: "@" },
  { heading: progressHeadings.recent, width: 10, numberFormat: "0.0%" },
  { heading: progressHeadings.improving, width: 12, numberFormat: "@" },
  { heading: progressHeadings.stageSince, width: 11, numberFormat: tsmDateFormat },
  { heading: progressHeadings.review, width: 16, numberFormat: "@" },
];

/** A pupil's progress in the words and figures of the highlighted sheet and the TSM form. */
export function progressCell(heading: string, progress: PupilProgress | undefined): PlanValue | undefined {
  if (!progressHeadingSet.has(heading)) return undefined;
  if (!progress) return null;
  switch (heading) {
    case progressHeadings.change:
      return oneDecimal(progress.attendanceChange);
    case progressHeadings.movement:
      return progress.movement?.text ?? null;
    case progressHeadings.recent:
      return progress.recentAttendancePercent === null ? null : progress.recentAttendancePercent / 100;
    case progressHeadings.improving:
      return progress.improving === null ? null : progress.improving ? "Improving" : "No real improvement";
    case progressHeadings.stageSince:
      return progress.stageSince === null ? null : excelDateSerial(progress.stageSince);
    default:
      return progress.review?.text ?? null;
  }
}

/** Widest a short added column grows to, in characters. */
const maxShortWidth = 40;

/** Width in characters a one-line text needs (bold text is about a tenth wider, plus the cell's padding). */
function textWidth(text: string, bold = false): number {
  return Math.ceil(text.length * (bold ? 1.1 : 1)) + 2;
}

const headingStyle: StyleName = "tableHeaderSingleLine";
/** The same heading look, wrapping (docs/real-excel-checklist.md: Excel fits the heading row to it unless its height was set). */
const wrappedHeadingStyle: StyleName = "tableHeader";
/** Legend cells stay on one line too: their columns are as wide as their longest text. */
const legendMeaningStyle: StyleName = "value";

/** A string literal inside an Excel formula: quotes doubled. */
function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * What Analyse adds to the user's own sheet (docs/architecture.md): clearly headed columns one empty column to the
 * right of the pasted data, one conditional-format rule per band keyed on the band column (a fixed number
 * of rules, however many pupils), and a legend in words. The pasted values are never touched.
 */
export function planHighlight(
  analysis: Analysis,
  source: SourceLayout,
  framework: Framework,
  progress?: ProgressResult,
  notes: SheetNotes = noSheetNotes,
): HighlightPlan {
  // docs/rules.md §11: progress columns once there is an earlier analysis to compare with; a first
  // analysis (or the sample) gets none rather than six empty columns.
  const columns = addedColumns(framework, analysis.mapping.sessions.length > 0, progress !== undefined && progress.previousDate !== null);
  const progressByPupil = new Map(analysis.pupils.map((pupil, i) => [pupil, progress?.pupils[i]]));
  // Long labels never change; descriptions carry the school's own thresholds.
  const labels = bandLabelsFor(analysis.settings.bands);
  const headerRow = source.firstRow + analysis.mapping.headerRow;
  const firstDataRow = headerRow + 1;
  const lastSourceRow = Math.max(firstDataRow - 1, source.firstRow + source.rowCount - 1);
  // Notes no pupil can take safely go below the list, after one empty row (docs/rules.md §15).
  const lastDataRow = lastSourceRow + (notes.keptAside.length > 0 ? 1 + notes.keptAside.length : 0);
  const firstColumn = source.lastColumn + 2;
  const bandColumn = firstColumn;
  const lastAddedColumn = firstColumn + columns.length - 1;

  const pupilBySheetRow = new Map(analysis.pupils.map((pupil, index) => [pupil.record.sourceRow - 1, { pupil, index }]));
  const headings = columns.map((c) => c.heading);
  const checkIndex = headings.indexOf(rowCheckHeading);
  const notesIndex = headings.indexOf(notesHeading);
  /** The row's values with its row check, made from them. */
  const checked = (row: PlanValue[], pupil: Analysis["pupils"][number] | null): PlanValue[] => {
    row[checkIndex] = rowCheck(pupil, headings, row);
    return row;
  };
  const values: PlanValue[][] = [];
  for (let row = firstDataRow; row <= lastSourceRow; row++) {
    const found = pupilBySheetRow.get(row);
    if (!found) {
      // Titles, blank rows, repeated headers and totals are not pupils: they get blanks (and a check, so
      // anything typed there later is kept aside, not lost).
      values.push(checked(columns.map(() => null), null));
      continue;
    }
    const { pupil, index } = found;
    const line = columns.map((column): PlanValue => {
      const progressValue = progressCell(column.heading, progressByPupil.get(pupil));
      if (progressValue !== undefined) return progressValue;
      switch (column.heading) {
        case bandColumnHeading:
          return bandLabels[pupil.band].long;
        case "Stage":
          return stageText(pupil.stage, analysis.settings);
        case "PIAS level":
          return levelText(pupil.level, analysis.settings);
        case suggestionHeading:
          return pupil.suggestedAction.trim() || null;
        case whyHeading:
          return reasonsText(pupil.reasons) || null;
        case "Sessions to leave PA":
          return pupil.sessionsToLeavePersistentAbsence;
        case patternHeading:
          return patternText(pupil.patterns, analysis.settings.patterns);
        case notesHeading:
          return notes.byPupil.get(index) ?? null;
        default:
          return null;
      }
    });
    values.push(checked(line, pupil));
  }
  if (notes.keptAside.length > 0) {
    values.push(columns.map(() => null));
    for (const text of notes.keptAside) {
      const line = columns.map((): PlanValue => null);
      line[0] = keptAsideMarker;
      line[notesIndex] = text;
      values.push(checked(line, null));
    }
  }

  // Short columns as wide as their heading and longest value (severe rows are bold), so none is cut off.
  const columnWidths = columns.map((column, j) => {
    if (column.fixedWidth) return column.width;
    const headingWidth = column.wrapHeading ? Math.max(...column.heading.split(" ").map((word) => textWidth(word, true))) : textWidth(column.heading, true);
    let width = Math.max(column.width, headingWidth);
    for (const row of values) {
      const value = row[j];
      if (value !== null && value !== undefined) width = Math.max(width, textWidth(String(value), true));
    }
    return Math.min(maxShortWidth, width);
  });

  // Heights for a copy of the sheet written from scratch (the command line's .xlsx): from the wrapped
  // columns (the suggestion, and the pattern where there is one), bold on severe rows as the colour rule
  // makes it. Excel sizes such rows itself, so the Excel adapter never applies these to the user's sheet (plan.ts).
  const suggestionIndex = columns.findIndex((c) => c.heading === suggestionHeading);
  const wrappedIndices = columns.flatMap((c, j) => (c.style === wrappedStyle ? [j] : []));
  const rowHeights: RowHeightPlan[] = [];
  // A heading that wraps needs its lines in the copy's heading row (the adapter keeps the pasted headings' height if taller).
  let headingHeight: number | null = null;
  columns.forEach((column, j) => {
    if (!column.wrapHeading) return;
    const cell = cellHeight(column.heading, columnWidths[j] ?? 0, cellStyles[wrappedHeadingStyle]);
    if (cell !== null && (headingHeight === null || cell > headingHeight)) headingHeight = cell;
  });
  if (headingHeight !== null) rowHeights.push({ row: headerRow, height: headingHeight });
  // Two styles made once, not one per pupil and column.
  const plainWrapped = { ...cellStyles[wrappedStyle], bold: false };
  const boldWrapped = { ...cellStyles[wrappedStyle], bold: true };
  // Most pupils share a suggestion word for word: each text is measured once per column and weight.
  const heightOf = cellHeights();
  values.forEach((row, i) => {
    const style = row[0] === bandLabels.severe.long ? boldWrapped : plainWrapped;
    let height: number | null = null;
    for (const j of wrappedIndices) {
      const cell = heightOf(row[j] ?? null, columnWidths[j] ?? 0, style);
      if (cell !== null && (height === null || cell > height)) height = cell;
    }
    if (height !== null) rowHeights.push({ row: firstDataRow + i, height });
  });

  const conditionalFormats: ConditionalFormatPlan[] = [];
  if (lastDataRow >= firstDataRow) {
    const range = `${columnLetter(source.firstColumn)}${firstDataRow + 1}:${columnLetter(lastAddedColumn)}${lastDataRow + 1}`;
    for (const band of highlightedBands) {
      conditionalFormats.push({
        range,
        // Absolute column, relative row: every cell in a row looks at that row's band cell.
        formula: `=$${columnLetter(bandColumn)}${firstDataRow + 1}=${formulaString(bandLabels[band].long)}`,
        fill: bandColours[band].fill,
        fontColor: bandColours[band].font,
        bold: band === "severe",
        band,
      });
    }
  }

  const legendEntries = legendBands.map((band) => ({
    style: bandLegendStyle[band],
    label: labels[band].long,
    meaning: band === "expected" ? `${labels[band].description} (no colour)` : labels[band].description,
  }));
  const legendWidths: [number, number] = [
    Math.max(...legendEntries.map((e) => textWidth(e.label, true))),
    Math.max(...legendEntries.map((e) => textWidth(e.meaning))),
  ];

  // "Why" is last: its text runs right over empty cells and stops at the first filled one. The legend sits
  // one empty column to its right from the header row down (so reasons on its few rows stop short of it).
  const whyColumn = firstColumn + columns.findIndex((c) => c.heading === whyHeading);
  const legendColumn = whyColumn + 2;
  // Printed for governors, often on paper, sometimes in grey: the pupil's name (repeated at the left of
  // every page) and the added columns from the band through the suggested next step, one page wide. Every
  // printed row that shows a colour then shows the band in words and the pupil's name on the same page.
  // The pasted figures and marks, progress, Notes, Why and the legend stay on screen (the header says so):
  // with them, a 200-pupil register printed on 87 pages, the colour on some and the band words on others.
  const printAreas: CellRect[] = [
    // From the heading row: the export's own title rows above it sit in columns that are not printed.
    { firstRow: headerRow, firstColumn: bandColumn, lastRow: Math.max(lastDataRow, headerRow), lastColumn: firstColumn + suggestionIndex },
  ];
  const repeatColumns = identityColumns(analysis, source);
  const printedWidths = columnWidths.slice(0, suggestionIndex + 1);
  for (let column = repeatColumns?.first ?? 0; repeatColumns && column <= repeatColumns.last; column++) {
    printedWidths.push(source.columnWidths?.[column - source.firstColumn] ?? defaultColumnWidth);
  }
  return {
    sheetName: source.sheetName,
    headerRow,
    firstDataRow,
    lastDataRow,
    firstColumn,
    headings,
    values,
    numberFormats: columns.map((c) => c.numberFormat),
    columnWidths,
    columnStyles: columns.map((c) => c.style ?? null),
    hiddenColumns: columns.flatMap((c, j) => (c.hidden ? [j] : [])),
    headingStyle,
    ...(columns.some((c) => c.wrapHeading) ? { headingStyles: columns.map((c) => (c.wrapHeading ? wrappedHeadingStyle : null)) } : {}),
    rowHeights,
    // The heading row and the pupil's name repeat on every page; one page wide, at the scale printFit.ts
    // works out (narrow margins keep it readable).
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      margins: marginsOnePageWide(printedWidths),
      repeatRows: { first: headerRow, last: headerRow },
      repeatColumns,
      printAreas,
      headerCentre: `${source.sheetName} – attendance bands and suggested next steps (the pasted figures and progress are on screen)`,
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    },
    conditionalFormats,
    legend: {
      row: headerRow,
      column: legendColumn,
      entries: legendEntries,
      columnWidths: legendWidths,
      meaningStyle: legendMeaningStyle,
    },
    marker: highlightMarker,
  };
}

/** Widest block of identity columns repeated on every printed page. */
const identitySpan = 3;

/**
 * The sheet columns that say who a pupil is, repeated at the left of every printed page: the name (surname
 * and forename, or the full name) when it lies within a few adjacent columns, else the UPN. Governors need
 * the name, not the UPN; the fewer identifiers on paper the better. Null when neither is found.
 */
function identityColumns(analysis: Analysis, source: SourceLayout): { first: number; last: number } | null {
  const block = (fields: readonly ("upn" | "surname" | "forename" | "fullName")[]) => {
    const found = fields.map((field) => analysis.mapping.columns[field]?.column).filter((column): column is number => column !== undefined && column >= 0);
    if (found.length === 0) return null;
    const first = Math.min(...found);
    const last = Math.max(...found);
    return last - first < identitySpan ? { first: source.firstColumn + first, last: source.firstColumn + last } : null;
  };
  return block(["surname", "forename", "fullName"]) ?? block(["surname"]) ?? block(["fullName"]) ?? block(["upn"]);
}
