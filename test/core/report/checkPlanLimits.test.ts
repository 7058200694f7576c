import {
  checkHighlightLimits,
  checkWorkbookLimits,
  headerFooterParts,
  limitsMessage,
} from "../../../src/core/report/checkPlanLimits";
import { excelLimits, typedTextLimits, utf8Bytes } from "../../../src/core/report/excelLimits";
import type { SourceLayout } from "../../../src/core/report/workbookPlan";
import { buildWorkbookPlan } from "../../../src/core/report/workbookPlan";
import { checkTsmDetails } from "../../../src/core/report/tsmDetails";
import { details, makeAnalysis, type PupilSpec } from "./factory";

const specs: PupilSpec[] = [
  { name: "Ava Long", upn: "A100", year: "7", possible: 100, authorised: 60 },
  { name: "Ben Hughes", upn: "B200", year: "8", possible: 100, authorised: 12 },
];
const source: SourceLayout = { sheetName: "Export", lastColumn: 5, firstRow: 0, firstColumn: 0, rowCount: 3 };

function plan(schoolName = details.schoolName) {
  return buildWorkbookPlan(makeAnalysis(specs), source, { details: { ...details, schoolName }, shareable: false, framework: "stages" });
}

describe("Excel's limits, checked before anything is written", () => {
  it("passes an ordinary plan, and one for the longest school name the pane accepts", () => {
    expect(checkWorkbookLimits(plan())).toEqual([]);
    const longest = "Saint ".repeat(40).slice(0, typedTextLimits.schoolName);
    expect(checkTsmDetails({ ...details, schoolName: longest })).toEqual([]);
    expect(checkWorkbookLimits(plan(longest))).toEqual([]);
  });

  it("refuses a school name longer than the pane accepts, saying how long it may be", () => {
    const problems = checkTsmDetails({ ...details, schoolName: "S".repeat(typedTextLimits.schoolName + 1) });
    expect(problems).toEqual([`Enter at most ${typedTextLimits.schoolName} characters for the school's name (this has ${typedTextLimits.schoolName + 1}).`]);
  });

  it("names the sheet and cell of text longer than a cell holds", () => {
    const p = plan();
    p.highlight.values[1]![5] = "why ".repeat(9000);
    const problems = checkHighlightLimits(p.highlight);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Sheet “Export” cell [A-Z]+3 would hold 36,000 characters; Excel allows at most 32,767 in a cell\./);
  });

  it("measures a header as Excel stores it, codes and doubled ampersands included", () => {
    const p = plan();
    const tsm = p.sheets[0]!;
    tsm.print!.headerCentre = "&".repeat(128);
    expect(headerFooterParts(tsm.print!).header).toHaveLength(2 + 256);
    expect(checkWorkbookLimits(p).join(" ")).toMatch(/printed header of sheet “TSM Autumn 2025-26” would be 258 characters long; Excel allows 255/);
  });

  it("refuses validations Excel would refuse, and rows or columns beyond the sheet", () => {
    const p = plan();
    const tsm = p.sheets[0]!;
    const validation = tsm.dataValidations[0]!;
    validation.error = "e".repeat(excelLimits.validationErrorMessage + 1);
    validation.kind = "list";
    validation.list = Array.from({ length: 60 }, (_, i) => `Choice ${i}`);
    p.highlight.firstColumn = excelLimits.columns - 2;
    const text = checkWorkbookLimits(p).join(" ");
    expect(text).toMatch(/error message of 226 characters; Excel allows 225/);
    expect(text).toMatch(/list \d{3} characters of choices; Excel allows 255/);
    expect(text).toMatch(/an Excel sheet has 1,048,576 rows and 16,384 columns/);
  });

  it("refuses two planned sheets with one name and a name Excel keeps for itself", () => {
    const p = plan();
    p.sheets[1]!.name = p.sheets[0]!.name.toUpperCase();
    p.sheets[2]!.name = "history";
    const text = checkWorkbookLimits(p).join(" ");
    expect(text).toMatch(/Two sheets would both be called/);
    expect(text).toMatch(/“history” cannot be a worksheet name/);
  });

  it("keeps a message about thousands of problems readable", () => {
    const message = limitsMessage(Array.from({ length: 5000 }, (_, i) => `Problem ${i}.`));
    expect(message).toBe("Problem 0. Problem 1. Problem 2. (4,997 more like this.)");
  });

  it("counts UTF-8 bytes as the wire does", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("£")).toBe(2);
    expect(utf8Bytes("–")).toBe(3);
    expect(utf8Bytes("😀")).toBe(4);
    expect(utf8Bytes("Zoë – £5 😀")).toBe(new TextEncoder().encode("Zoë – £5 😀").length);
  });
});
