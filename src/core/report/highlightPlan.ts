import { columnLetter } from "../read/grid";
import { bandLabels, bandLabelsFor } from "../rules/bandLabels";
import type { Analysis, Band, Framework } from "../rules/pupilAnalysis";
import type { ConditionalFormatPlan, HighlightPlan, PlanValue, RowHeightPlan, StyleName } from "./plan";
import { levelText, reasonsText, stageText } from "./pupilText";
import { cellHeight, defaultRowHeight } from "./rowHeights";
import { bandColours, bandLegendStyle, cellStyles } from "./styles";
import type { SourceLayout } from "./workbookPlan";

/** Written with the added columns so a re-run recognises (and replaces) what it wrote, never duplicating it. */
export const highlightMarker = "attendance-insight:highlight:v1";

/** Bands that get a colour rule; expected has no fill (most pupils; the eye should go to the others). */
export const highlightedBands: readonly Band[] = ["severe", "persistent", "at-risk", "no-data"];
/** Legend order: most serious first. */
const legendBands: readonly Band[] = ["severe", "persistent", "at-risk", "expected", "no-data"];

interface AddedColumn {
  heading: string;
  width: number;
  numberFormat: string | null;
  style: StyleName | null;
}

/**
 * Every text column wraps, so no text runs over its neighbours or the legend, and every reason can be
 * read on screen and on paper; the long texts get wide columns so rows stay a few lines tall.
 */
function addedColumns(framework: Framework): AddedColumn[] {
  return [
    { heading: "Attendance band", width: 18, numberFormat: "@", style: "textWrap" },
    ...(framework !== "levels" ? [{ heading: "Stage", width: 18, numberFormat: "@", style: "textWrap" as const }] : []),
    ...(framework !== "stages" ? [{ heading: "PIAS level", width: 20, numberFormat: "@", style: "textWrap" as const }] : []),
    { heading: "Suggested next step", width: 45, numberFormat: "@", style: "textWrap" },
    { heading: "Why", width: 55, numberFormat: "@", style: "textWrap" },
    { heading: "Sessions to leave PA", width: 10, numberFormat: "0", style: null },
  ];
}

/** Legend columns: the band's name in its colour, and what it means (wrapped). */
const legendWidths: [number, number] = [32, 36];
const legendMeaningStyle: StyleName = "valueWrap";

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

  const legendColumn = lastAddedColumn + 2;
  const legendEntries = legendBands.map((band) => ({
    style: bandLegendStyle[band],
    label: labels[band].long,
    meaning: band === "expected" ? `${labels[band].description} (no colour)` : labels[band].description,
  }));

  // Heights for the heading row and every data row, from the tallest wrapped cell (legend included).
  const heightByRow = new Map<number, number>();
  const raise = (row: number, height: number | null) => {
    if (height !== null && height > defaultRowHeight) heightByRow.set(row, Math.max(heightByRow.get(row) ?? 0, height));
  };
  columns.forEach((column) => raise(headerRow, cellHeight(column.heading, column.width, cellStyles.tableHeader)));
  values.forEach((rowValues, i) =>
    rowValues.forEach((value, j) => {
      const column = columns[j];
      if (column) raise(firstDataRow + i, cellHeight(value, column.width, column.style ? cellStyles[column.style] : {}));
    }),
  );
  legendEntries.forEach((entry, i) => {
    raise(headerRow + i, cellHeight(entry.label, legendWidths[0], cellStyles[entry.style]));
    raise(headerRow + i, cellHeight(entry.meaning, legendWidths[1], cellStyles[legendMeaningStyle]));
  });
  const rowHeights: RowHeightPlan[] = [...heightByRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));

  return {
    sheetName: source.sheetName,
    headerRow,
    firstDataRow,
    lastDataRow,
    firstColumn,
    headings: columns.map((c) => c.heading),
    values,
    numberFormats: columns.map((c) => c.numberFormat),
    columnWidths: columns.map((c) => c.width),
    columnStyles: columns.map((c) => c.style),
    rowHeights,
    // Printed for meetings and governors, sometimes in grey: the band is in words, the heading row repeats.
    print: {
      orientation: "landscape",
      fitToPagesWide: 1,
      repeatRows: { first: headerRow, last: headerRow },
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
