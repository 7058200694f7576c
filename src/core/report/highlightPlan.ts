import { columnLetter } from "../read/grid";
import { bandLabels, bandLabelsFor } from "../rules/bandLabels";
import type { Analysis, Band, Framework } from "../rules/pupilAnalysis";
import type { ConditionalFormatPlan, HighlightPlan, PlanValue, StyleName } from "./plan";
import { levelText, reasonsText, stageText } from "./pupilText";
import { bandColours, bandLegendStyle } from "./styles";
import type { SourceLayout } from "./workbookPlan";

/** Written with the added columns so a re-run recognises (and replaces) what it wrote, never duplicating it. */
export const highlightMarker = "attendance-insight:highlight:v1";

/** Bands that get a colour rule; expected has no fill (most pupils; the eye should go to the others). */
export const highlightedBands: readonly Band[] = ["severe", "persistent", "at-risk", "no-data"];
/** Legend order: most serious first. */
const legendBands: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

interface AddedColumn {
  heading: string;
  /** Least width in characters; short columns widen to their longest value so nothing is cut off. */
  width: number;
  numberFormat: string | null;
  /** The long texts keep their width: they run over the empty cells to their right instead. */
  fixedWidth?: boolean;
}

/**
 * Nothing wraps and no row gets a height: on a weekly sheet of hundreds of pupils, wrapped reasons made
 * every row several lines tall. The long texts get wide columns and "Why" comes last, so a longer reason
 * runs on over the empty cells to its right, on screen and on paper (the print area includes them).
 */
function addedColumns(framework: Framework): AddedColumn[] {
  return [
    { heading: "Attendance band", width: 18, numberFormat: "@" },
    ...(framework !== "levels" ? [{ heading: "Stage", width: 12, numberFormat: "@" }] : []),
    ...(framework !== "stages" ? [{ heading: "PIAS level", width: 12, numberFormat: "@" }] : []),
    { heading: "Suggested next step", width: 60, numberFormat: "@", fixedWidth: true },
    { heading: "Sessions to leave PA", width: 10, numberFormat: "0" },
    { heading: "Why", width: 90, numberFormat: "@", fixedWidth: true },
  ];
}

/** Excel's default column width in characters: the width of the empty columns text runs over. */
const defaultColumnWidth = 8.43;
/** Widest a short added column grows to, in characters. */
const maxShortWidth = 40;

/** Width in characters a one-line text needs (bold text is about a tenth wider, plus the cell's padding). */
function textWidth(text: string, bold = false): number {
  return Math.ceil(text.length * (bold ? 1.1 : 1)) + 2;
}

const headingStyle: StyleName = "tableHeaderSingleLine";
/** Legend cells stay on one line too: their columns are as wide as their longest text. */
const legendMeaningStyle: StyleName = "value";
/** Pupil identity columns are repeated on every printed page only when they are near the left of the data. */
const identityColumnsWithin = 6;

/** A string literal inside an Excel formula: quotes doubled. */
function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * What Analyse adds to the user's own sheet (design.md): clearly headed columns one empty column to the
 * right of the pasted data, one conditional-format rule per band keyed on the band column (a fixed number
 * of rules, however many pupils), and a legend in words. The pasted values are never touched.
 */
export function planHighlight(analysis: Analysis, source: SourceLayout, framework: Framework): HighlightPlan {
  const columns = addedColumns(framework);
  // Long labels never change; descriptions carry the school's own thresholds.
  const labels = bandLabelsFor(analysis.settings.bands);
  const headerRow = source.firstRow - 1 + analysis.mapping.headerRow;
  const firstDataRow = headerRow + 1;
  const lastDataRow = Math.max(firstDataRow - 1, source.firstRow - 1 + source.rowCount - 1);
  const firstColumn = source.lastColumn + 2;
  const bandColumn = firstColumn;
  const lastAddedColumn = firstColumn + columns.length - 1;

  const pupilBySheetRow = new Map(analysis.pupils.map((pupil) => [pupil.record.sourceRow - 1, pupil]));
  const values: PlanValue[][] = [];
  for (let row = firstDataRow; row <= lastDataRow; row++) {
    const pupil = pupilBySheetRow.get(row);
    if (!pupil) {
      // Titles, blank rows, repeated headers and totals are not pupils: they get blanks.
      values.push(columns.map(() => null));
      continue;
    }
    values.push(
      columns.map((column): PlanValue => {
        switch (column.heading) {
          case "Attendance band":
            return bandLabels[pupil.band].long;
          case "Stage":
            return stageText(pupil.stage, analysis.settings);
          case "PIAS level":
            return levelText(pupil.level, analysis.settings);
          case "Suggested next step":
            return pupil.suggestedAction.trim() || null;
          case "Why":
            return reasonsText(pupil.reasons) || null;
          case "Sessions to leave PA":
            return pupil.sessionsToLeavePersistentAbsence;
          default:
            return null;
        }
      }),
    );
  }

  // Short columns as wide as their heading and longest value (severe rows are bold), so none is cut off.
  const columnWidths = columns.map((column, j) => {
    if (column.fixedWidth) return column.width;
    let width = Math.max(column.width, textWidth(column.heading, true));
    for (const row of values) {
      const value = row[j];
      if (value !== null && value !== undefined) width = Math.max(width, textWidth(String(value), true));
    }
    return Math.min(maxShortWidth, width);
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
  // one empty column to its right from the header row down (so reasons on its few rows stop short of it);
  // below it, reasons run on over its columns, and the print area reaches as far as the longest one does.
  const whyIndex = columns.findIndex((c) => c.heading === "Why");
  const whyColumn = firstColumn + whyIndex;
  const legendColumn = whyColumn + 2;
  const widthOf = (column: number) =>
    column === legendColumn ? legendWidths[0] : column === legendColumn + 1 ? legendWidths[1] : defaultColumnWidth;
  let lastPrintedColumn = legendColumn + 1;
  values.forEach((row) => {
    const text = row[whyIndex];
    if (typeof text !== "string" || text === "") return;
    let column = whyColumn;
    for (let room = columnWidths[whyIndex] ?? 0; room < textWidth(text); room += widthOf(column)) column++;
    lastPrintedColumn = Math.max(lastPrintedColumn, column);
  });
  const lastPrintedRow = Math.max(lastDataRow, headerRow + legendEntries.length - 1);
  const firstPrintedRow = Math.max(0, source.firstRow - 1);
  const printArea = `${columnLetter(source.firstColumn)}${firstPrintedRow + 1}:${columnLetter(lastPrintedColumn)}${lastPrintedRow + 1}`;

  return {
    sheetName: source.sheetName,
    headerRow,
    firstDataRow,
    lastDataRow,
    firstColumn,
    headings: columns.map((c) => c.heading),
    values,
    numberFormats: columns.map((c) => c.numberFormat),
    columnWidths,
    columnStyles: columns.map(() => null),
    headingStyle,
    // No row heights: the user's rows keep theirs, however many pupils there are.
    rowHeights: [],
    // Printed for meetings and governors, sometimes in grey: the band is in words, the heading row and the
    // pupil's name repeat on every page, at full size (a 200-pupil sheet fitted to one page wide is unreadable).
    print: {
      orientation: "landscape",
      fitToPagesWide: 0,
      repeatRows: { first: headerRow, last: headerRow },
      repeatColumns: identityColumns(analysis, source),
      printArea,
      headerCentre: `${source.sheetName} – attendance bands and suggested next steps`,
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

/**
 * The sheet columns that say who a pupil is (UPN and name, as the mapping found them), from the first to
 * the last, when they all lie within the first few pasted columns; otherwise null (repeating a wide block
 * of columns on every page would leave little room for anything else).
 */
function identityColumns(analysis: Analysis, source: SourceLayout): { first: number; last: number } | null {
  const found = (["upn", "surname", "forename", "fullName"] as const)
    .map((field) => analysis.mapping.columns[field]?.column)
    .filter((column): column is number => column !== undefined && column >= 0);
  if (found.length === 0) return null;
  const first = Math.min(...found);
  const last = Math.max(...found);
  if (last >= identityColumnsWithin) return null;
  return { first: source.firstColumn + first, last: source.firstColumn + last };
}
