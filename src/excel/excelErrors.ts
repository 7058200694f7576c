import type { SourceChoice } from "./workbookGateway";

/** A message the user sees, as opposed to an unexpected error. */
export class UserMessage extends Error {}

/** The active sheet is one the add-in made; the export analysed last is on `sheetName`. */
export class GeneratedSheetActive extends Error {
  constructor(readonly sheetName: string) {
    super(sheetName);
  }
}

/** Office.js errors carry a code ("ItemNotFound", "InvalidOperationInCellEditMode" …). */
export function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && typeof (error as { code: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return "";
}

export function sourceLabel(source: SourceChoice): string {
  if (source.kind === "selection") return "the selected cells";
  if (source.kind === "table") return `the table “${source.tableName}”`;
  return "the sheet";
}

/** Excel's errors in words a school office can act on. */
export function friendlyError(error: unknown, source: SourceChoice | null): string {
  if (error instanceof UserMessage) return error.message;
  const code = errorCode(error);
  if (code === "InvalidOperationInCellEditMode") {
    return "Excel is waiting for you to finish typing in a cell. Press Enter or Esc, then try again.";
  }
  if (code === "ItemNotFound" && source?.kind === "usedRange" && source.sheetName) {
    return `There is no sheet called “${source.sheetName}” in this workbook any more. Go to the sheet with your export, then try again.`;
  }
  if (code === "ItemNotFound" && source?.kind === "table") {
    return `There is no table called “${source.tableName}” in this workbook. Choose another table, or use the whole sheet.`;
  }
  if (code === "ItemNotFound") {
    // A sheet, chart or name went away between the add-in's read and its write (a co-author, or a person
    // deleting it while the add-in worked). The gateway names the sheet when it can (missingSheetsMessage).
    return "Something the add-in was working on (a sheet, a chart or a table) was deleted or renamed while it worked. Check the workbook, then try again.";
  }
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
    return "The data is too large for Excel to handle in one go. Try analysing a smaller range (for example one year group at a time).";
  }
  if (code === "InvalidSelection") {
    return "Select a single block of cells (not a chart, picture or several separate areas), then try again.";
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Excel could not finish the task (${code || "error"}: ${detail}). Try again; if it keeps happening, save the workbook, close it and open it again.`;
}

export function emptySourceMessage(source: SourceChoice, sheetName: string): string {
  if (source.kind === "selection") return "The selected cells are empty. Select your pasted export (or choose the whole sheet), then press Analyse again.";
  if (source.kind === "table") return `The table “${source.tableName}” is empty. Paste your export into it, or choose the whole sheet.`;
  return `The sheet “${sheetName}” is empty. Paste your attendance export into it (or try the sample data), then press Analyse again.`;
}

/** ItemNotFound explained by the sheets that were there when the run read the workbook and are gone now. */
export function missingSheetsMessage(names: readonly string[]): string {
  const list = names.map((n) => `“${n}”`).join(" or ");
  return `There is no sheet called ${list} in this workbook any more: it was deleted or renamed (perhaps by someone else editing the workbook) while the add-in was working. Check the workbook, then try again.`;
}
