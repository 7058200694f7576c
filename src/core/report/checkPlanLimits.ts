import { columnLetter, parseRange } from "../common/a1";
import { excelLimits } from "./excelLimits";
import type { DataValidationPlan, HighlightPlan, PlanValue, PrintPlan, SheetPlan, WorkbookPlan } from "./plan";
import { isValidSheetName } from "./sheetNames";

/**
 * Checks a plan against Excel's limits (excelLimits.ts) BEFORE anything is written: the Excel adapter would
 * otherwise have a batch rejected half-way (sheets already added or cleared stay so), and the .xlsx writer
 * would make a file Excel "repairs". Each problem names the sheet and cell and says what to do.
 */

/** The title the Excel adapter gives every validation's error alert (the .xlsx writer gives none). */
export const validationErrorTitle = "Check this entry";

/**
 * Plan text to Excel header/footer text: "&" starts a code, so a literal one is "&&"; the plan's {page} and
 * {pages} become the page number and count codes &P and &N. Both adapters write this.
 */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, "&&").replace(/\{page\}/g, "&P").replace(/\{pages\}/g, "&N");
}

/** The whole header and footer as Excel stores them (section codes included), the text the 255 applies to. */
export function headerFooterParts(print: PrintPlan): { header: string; footer: string } {
  const section = (code: "&C" | "&R", text: string) => (text ? `${code}${headerFooterText(text)}` : "");
  return {
    header: section("&C", print.headerCentre),
    footer: section("&C", print.footerCentre) + section("&R", print.footerRight),
  };
}

/** A typed list's source as Excel stores it: choices joined by commas, quotes doubled. */
export function validationListSource(items: readonly string[]): string {
  return items.map((item) => item.replace(/"/g, '""')).join(",");
}

function n(value: number): string {
  return value.toLocaleString("en-GB");
}

function cellName(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

const tooLongAdvice = "Shorten it (or move the text elsewhere) and try again; nothing has been written.";

function checkValues(sheet: string, firstRow: number, firstColumn: number, rows: readonly (readonly PlanValue[])[], problems: string[]): void {
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  if (rows.length === 0 || width === 0) return;
  const lastRow = firstRow + rows.length - 1;
  const lastColumn = firstColumn + width - 1;
  if (firstRow < 0 || firstColumn < 0 || lastRow >= excelLimits.rows || lastColumn >= excelLimits.columns) {
    problems.push(
      `Sheet “${sheet}” would need cells up to row ${n(lastRow + 1)}, column ${n(lastColumn + 1)}; an Excel sheet has ${n(excelLimits.rows)} rows and ${n(excelLimits.columns)} columns. Analyse fewer rows or columns at a time.`,
    );
    return;
  }
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (typeof value === "string" && value.length > excelLimits.cellText) {
        problems.push(
          `Sheet “${sheet}” cell ${cellName(firstRow + r, firstColumn + c)} would hold ${n(value.length)} characters; Excel allows at most ${n(excelLimits.cellText)} in a cell. ${tooLongAdvice}`,
        );
      }
    });
  });
}

function checkPrint(sheet: string, print: PrintPlan, problems: string[]): void {
  const { header, footer } = headerFooterParts(print);
  for (const [part, text] of [
    ["header", header],
    ["footer", footer],
  ] as const) {
    if (text.length > excelLimits.headerFooter) {
      problems.push(
        `The printed ${part} of sheet “${sheet}” would be ${n(text.length)} characters long; Excel allows ${n(excelLimits.headerFooter)}. Use a shorter school name and try again; nothing has been written.`,
      );
    }
  }
}

function checkValidation(sheet: string, plan: DataValidationPlan, problems: string[]): void {
  const where = `The choices in cells ${plan.range} of sheet “${sheet}”`;
  if (!parseRange(plan.range)) problems.push(`${where} have a range that is not an A1 range.`);
  if (plan.prompt.length > excelLimits.validationPromptMessage) {
    problems.push(`${where} have a prompt of ${n(plan.prompt.length)} characters; Excel allows ${n(excelLimits.validationPromptMessage)}.`);
  }
  if (plan.error.length > excelLimits.validationErrorMessage) {
    problems.push(`${where} have an error message of ${n(plan.error.length)} characters; Excel allows ${n(excelLimits.validationErrorMessage)}.`);
  }
  if (plan.kind === "list") {
    const items = plan.list ?? [];
    if (items.length === 0) problems.push(`${where} are a list with no choices.`);
    const withComma = items.find((item) => item.includes(","));
    if (withComma !== undefined) problems.push(`${where} include “${withComma}”; a choice cannot contain a comma.`);
    const source = validationListSource(items);
    if (source.length > excelLimits.validationListSource) {
      problems.push(`${where} list ${n(source.length)} characters of choices; Excel allows ${n(excelLimits.validationListSource)}.`);
    }
  }
}

function checkSheetName(name: string, problems: string[]): void {
  if (!isValidSheetName(name)) {
    problems.push(
      `“${name}” cannot be a worksheet name: use 1 to ${excelLimits.sheetNameLength} characters, none of ${excelLimits.sheetNameForbidden.split("").join(" ")}, not starting or ending with an apostrophe, and not “History”.`,
    );
  }
}

function checkFormula(sheet: string, range: string, formula: string, problems: string[]): void {
  if (!parseRange(range)) problems.push(`A colour rule on sheet “${sheet}” has a range “${range}” that is not an A1 range.`);
  if (formula.length > excelLimits.formula) {
    problems.push(`A colour rule on sheet “${sheet}” has a formula of ${n(formula.length)} characters; Excel allows ${n(excelLimits.formula)}.`);
  }
}

/** Problems with what Analyse adds to the user's sheet. */
export function checkHighlightLimits(plan: HighlightPlan): string[] {
  const problems: string[] = [];
  const sheet = plan.sheetName;
  checkValues(sheet, plan.headerRow, plan.firstColumn, [plan.headings], problems);
  if (plan.lastDataRow >= plan.firstDataRow) checkValues(sheet, plan.firstDataRow, plan.firstColumn, plan.values, problems);
  checkValues(
    sheet,
    plan.legend.row,
    plan.legend.column,
    plan.legend.entries.map((e) => [e.label, e.meaning]),
    problems,
  );
  for (const rule of plan.conditionalFormats) checkFormula(sheet, rule.range, rule.formula, problems);
  if (plan.print) checkPrint(sheet, plan.print, problems);
  return problems;
}

/** Problems with one planned sheet (TSM form, summary, key). */
export function checkSheetLimits(plan: SheetPlan): string[] {
  const problems: string[] = [];
  checkSheetName(plan.name, problems);
  for (const block of plan.blocks) checkValues(plan.name, block.row, block.column, block.values, problems);
  for (const rule of plan.conditionalFormats) checkFormula(plan.name, rule.range, rule.formula, problems);
  for (const validation of plan.dataValidations) checkValidation(plan.name, validation, problems);
  if (plan.print) checkPrint(plan.name, plan.print, problems);
  return problems;
}

/** Every problem in a workbook plan, the sheet names' uniqueness included; empty when it can be written. */
export function checkWorkbookLimits(plan: WorkbookPlan, otherSheetNames: readonly string[] = []): string[] {
  const problems = checkHighlightLimits(plan.highlight);
  const seen = new Set(otherSheetNames.map((name) => name.toLowerCase()));
  for (const sheet of plan.sheets) {
    problems.push(...checkSheetLimits(sheet));
    const key = sheet.name.toLowerCase();
    if (seen.has(key)) problems.push(`Two sheets would both be called “${sheet.name}”; each sheet needs its own name.`);
    seen.add(key);
  }
  return problems;
}

/** At most a few problems in one message, so a plan with thousands of long cells still gives a readable message. */
export function limitsMessage(problems: readonly string[], shown = 3): string {
  const first = problems.slice(0, shown).join(" ");
  const more = problems.length - shown;
  return more > 0 ? `${first} (${n(more)} more like this.)` : first;
}
