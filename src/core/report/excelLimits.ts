import { maxColumns, maxRows } from "../common/a1";

/**
 * Excel's limits: the ONE table both adapters (src/excel, src/xlsx), the readers and the pane use.
 * A plan is checked against it (checkPlanLimits.ts) before anything is written, so Excel never rejects a
 * batch half-way and the .xlsx writer never makes a file Excel has to "repair".
 *
 * Sources:
 * - "Excel specifications and limits" (support.microsoft.com, c13798fc / 1672b34d): 32,767 characters in a
 *   cell; 255 characters in a header or footer; 1,048,576 rows by 16,384 columns; 8,192 characters in a formula.
 * - Worksheet names (Excel's rename dialog): 1-31 characters, none of \ / ? * [ ] :, not beginning or ending
 *   with an apostrophe, and not "History" (Excel keeps it for the change history).
 * - Data validation (Excel's Data Validation dialog and ECMA-376 §18.3.1.32): input-message and error-alert
 *   titles 32 characters; input message 255; error message 225; a typed list source ("a,b,c") 255 characters
 *   including the separators.
 * - "Excel JavaScript API performance optimization" (learn.microsoft.com, docs/excel/performance.md, PR
 *   OfficeDev/office-js-docs-pr#2846 and #5333): Excel on the web limits each request and each response to
 *   5 MB; on every platform a range read is limited to five million cells (Range.values may come back null).
 * - "Persist add-in state and settings" (learn.microsoft.com): settings are stored in the document; we keep
 *   the add-in's settings under 2 MB in total, the size documented for the settings store.
 */
export const excelLimits = {
  /** Characters one cell can hold. */
  cellText: 32_767,
  /** Characters in a header or in a footer, codes ("&C", "&P", "&&") included. */
  headerFooter: 255,
  /** Characters in a formula (conditional-format rules included). */
  formula: 8_192,
  validationPromptTitle: 32,
  validationPromptMessage: 255,
  validationErrorTitle: 32,
  validationErrorMessage: 225,
  /** Characters in a typed list of choices, commas included. */
  validationListSource: 255,
  sheetNameLength: 31,
  /** Characters a sheet name may not contain. */
  sheetNameForbidden: "\\/?*[]:",
  /** Names Excel keeps for itself (compared without regard to case). */
  sheetNameReserved: ["History"] as readonly string[],
  rows: maxRows,
  columns: maxColumns,
  /** Excel on the web: bytes in one request (the serialised batch sent by context.sync()). */
  requestBytes: 5 * 1024 * 1024,
  /** Excel on the web: bytes in one response. */
  responseBytes: 5 * 1024 * 1024,
  /** Cells one range read may return on any platform; above it Range.values can be null. */
  readCells: 5_000_000,
  /** Bytes of the add-in's workbook settings, all keys together. */
  settingsBytes: 2 * 1024 * 1024,
} as const;

/** Bytes of a string as UTF-8 (what goes over the wire), without Node's Buffer or the DOM's TextEncoder. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Free text people type that ends up in one cell or a header (school name, meeting notes): the most
 * characters the pane and the command line accept, with a message saying so. The school name is printed in
 * the form's header beside the sheet title and page numbers, so it is kept well under the header's 255.
 */
export const typedTextLimits = {
  schoolName: 120,
  personName: 120,
  /** A note typed into one cell of the TSM form. */
  note: 2_000,
} as const;

/** "Enter at most 120 characters for the school's name (this has 134)." or null when within the limit. */
export function typedTextProblem(label: string, text: string, limit: number): string | null {
  if (text.length <= limit) return null;
  return `Enter at most ${limit.toLocaleString("en-GB")} characters for ${label} (this has ${text.length.toLocaleString("en-GB")}).`;
}
