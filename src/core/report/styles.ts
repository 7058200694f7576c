import type { Band } from "../rules/pupilAnalysis";
import type { CellStyle, StyleName } from "./plan";

/**
 * One palette for both adapters, so the add-in and the command line look alike.
 *
 * Band colours are chosen so the meaning survives colour-blindness and grey printing:
 * each step is a clearly different lightness (severe darkest, then persistent, then at risk;
 * expected has no fill), and text on every fill reaches WCAG AA contrast (4.5:1).
 * The band is always written as text beside the colour (docs/architecture.md), so colour is never the only cue.
 */
export const bandColours: Record<Band, { fill: string; font: string }> = {
  // Deep burgundy with white text: darkest step.
  severe: { fill: "#800020", font: "#FFFFFF" },
  // Strong orange (Okabe–Ito style, safe for red–green colour-blindness against burgundy and amber).
  persistent: { fill: "#E66100", font: "#000000" },
  // Amber: clearly lighter than orange, clearly darker than white paper.
  "at-risk": { fill: "#F5C518", font: "#000000" },
  // No fill: most pupils, and the eye should go to the others.
  expected: { fill: "#FFFFFF", font: "#000000" },
  // Pale grey with dark grey text: "nothing to judge", distinct in hue from the warm band colours.
  "no-data": { fill: "#E7E6E6", font: "#404040" },
};

/** Chart bars need a visible colour for every band, including expected (which has no cell fill). */
export const bandChartColours: Record<Band, string> = {
  severe: bandColours.severe.fill,
  persistent: bandColours.persistent.fill,
  "at-risk": bandColours["at-risk"].fill,
  expected: "#A6A6A6",
  "no-data": bandColours["no-data"].fill,
};

/** The legend style that shows each band's colour. */
export const bandLegendStyle: Record<Band, StyleName> = {
  severe: "legendSevere",
  persistent: "legendPersistent",
  "at-risk": "legendAtRisk",
  expected: "legendExpected",
  "no-data": "legendNoData",
};

function legend(band: Band): CellStyle {
  return { fill: bandColours[band].fill, fontColor: bandColours[band].font, bold: true, border: true, vertical: "top" };
}

/** Default text colour when a style does not set one (Excel's automatic colour on white). */
export const defaultFontColour = "#000000";
/** Default fill when a style does not set one. */
export const defaultFillColour = "#FFFFFF";

export const cellStyles: Record<StyleName, CellStyle> = {
  title: { bold: true, fontSize: 16, fontColor: "#1F3864" },
  subtitle: { italic: true, fontSize: 11, fontColor: "#404040", wrap: false },
  heading: { bold: true, fontSize: 13, fontColor: "#1F3864" },
  tableHeader: { bold: true, fill: "#1F3864", fontColor: "#FFFFFF", wrap: true, border: true, vertical: "center" },
  tableHeaderSingleLine: { bold: true, fill: "#1F3864", fontColor: "#FFFFFF", wrap: false, border: true, vertical: "center" },
  label: { bold: true, vertical: "top" },
  value: { vertical: "top", border: true },
  // Cells people type into: a pale blue so they stand out on screen, still readable in grey print.
  input: { fill: "#DDEBF7", fontColor: "#000000", wrap: true, border: true, vertical: "top" },
  note: { italic: true, fontColor: "#595959", wrap: false },
  warning: { bold: true, fontColor: "#9C0006" },
  legendSevere: legend("severe"),
  legendPersistent: legend("persistent"),
  legendAtRisk: legend("at-risk"),
  legendExpected: { ...legend("expected"), bold: false },
  legendNoData: legend("no-data"),
  valueWrap: { vertical: "top", border: true, wrap: true },
  noteWrap: { italic: true, fontColor: "#595959", wrap: true, vertical: "top" },
  // Bottom, as Excel's default: the added text ends on the same line as the pupil's own data.
  textWrap: { vertical: "bottom", wrap: true },
  figureCentred: { vertical: "bottom", horizontal: "center" },
};
