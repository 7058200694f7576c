import { excelLimits } from "../../src/core/report/excelLimits";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellStyles } from "../../src/core/report/styles";
import { csvNumber, sourceColumnWidths, textColumns, writeWorkbookXlsx } from "../../src/xlsx/writeWorkbook";
import { bandRows, sampleGrid, samplePlan, sourceSheetName } from "./planFactory";
import { loadWorkbook as load } from "../support/xlsxFiles";
import { smallPartBytes } from "../../src/xlsx/streamedParts";

const tsmName = "TSM Autumn 2025-26";
const summaryName = "Governors summary 2025-26";
const keyName = "Pupil key (school only)";

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`No sheet "${name}" in ${workbook.worksheets.map((s) => s.name).join(", ")}`);
  return found;
}

/** ExcelJS reads conditional formats back but leaves them out of its typings. */
function conditionalFormats(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

/** Every worksheet part's XML, by sheet name. */
async function sheetXml(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const result = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)?.[1];
    result.set(m[1]!.replace(/&apos;/g, "'"), await zip.file(`xl/${target}`)!.async("string"));
  }
  return result;
}

let schoolFile: Buffer;
let school: ExcelJS.Workbook;

beforeAll(async () => {
  schoolFile = await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: sampleGrid() }, plan: samplePlan(), shareable: false });
  school = await load(schoolFile);
  // Loading ExcelJS and writing the first workbook takes seconds when the whole suite runs on two cores.
}, 30_000);

describe("the pasted data sheet", () => {
  it("comes first, then every planned sheet under its planned name", () => {
    expect(school.worksheets.map((s) => s.name)).toEqual([sourceSheetName, tsmName, summaryName, keyName]);
  });

  it("keeps every pasted value exactly: numbers as numbers, text as text, blanks blank", () => {
    const ws = sheet(school, sourceSheetName);
    sampleGrid().forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        if (value === "") expect(cell.value).toBeNull();
        else expect({ at: cell.address, value: cell.value }).toEqual({ at: cell.address, value });
      });
    });
  });

  it("writes names that look like formulas as text, never as formulas", async () => {
    const ws = sheet(school, sourceSheetName);
    for (const address of ["B4", "B5", "B6", "F4", "F9"]) {
      expect(ws.getCell(address).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(address).formula).toBeUndefined();
    }
    expect(ws.getCell("B4").value).toBe('=HYPERLINK("x")');
    expect(ws.getCell("F9").value).toBe("=1+1");
    for (const [name, xml] of await sheetXml(schoolFile)) {
      expect({ name, formulas: xml.match(/<f[\s>]/g) ?? [] }).toEqual({ name, formulas: [] });
    }
  });

  it("gives the name and code columns the text format, and leaves number columns General", () => {
    const ws = sheet(school, sourceSheetName);
    expect(ws.getColumn(1).numFmt).toBe("@"); // UPN
    expect(ws.getColumn(2).numFmt).toBe("@"); // Name, though one name is "-5"
    expect(ws.getColumn(6).numFmt).toBe("@"); // Phone
    expect(ws.getColumn(4).numFmt).toBeUndefined(); // Possible sessions
    expect(ws.getCell("D4").numFmt).toBeUndefined();
  });

  it("adds the planned columns after one empty column, with headings, values and formats", () => {
    const ws = sheet(school, sourceSheetName);
    expect(["H3", "I3", "J3"].map((a) => ws.getCell(a).value)).toEqual(["Attendance band", "Stage", "Why"]);
    expect(ws.getCell("H3").font?.bold).toBe(true);
    expect(ws.getCell("H4").value).toBe("Severe absence (SA)");
    expect(ws.getCell("I4").value).toBe(5);
    expect(ws.getCell("I4").numFmt).toBe("0");
    expect(ws.getCell("I8").value).toBeNull();
    expect(ws.getCell("J9").value).toBe("=SUM(A1)");
    expect(ws.getCell("J9").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getColumn(10).width).toBe(40);
    expect(ws.getCell("G4").value).toBeNull();
    expect(ws.getCell("H3").note).toBe("attendance-insight:highlight:v1");
  });

  it("has exactly one colour rule per band, with the planned formula and colours", () => {
    const ws = sheet(school, sourceSheetName);
    const rules = conditionalFormats(ws).flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule })));
    expect(rules).toHaveLength(bandRows.length);
    for (const band of bandRows) {
      const matching = rules.filter(({ rule }) => rule.type === "expression" && rule.formulae?.[0] === `$H4="${band.label}"`);
      expect(matching).toHaveLength(1);
      const { ref, rule } = matching[0]!;
      expect(ref).toBe("A4:J9");
      const fill = rule.style?.fill as ExcelJS.FillPattern;
      expect(fill.bgColor?.argb).toBe(`FF${band.fill.slice(1)}`);
      expect(rule.style?.font?.color?.argb).toBe(`FF${band.font.slice(1)}`);
      expect(Boolean(rule.style?.font?.bold)).toBe(band.band === "severe");
    }
  });

  it("writes the legend with each band's fill beside its meaning", () => {
    const ws = sheet(school, sourceSheetName);
    expect(ws.getCell("L3").value).toBe("Severe absence (SA)");
    expect((ws.getCell("L3").fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${cellStyles.legendSevere.fill!.slice(1)}`);
    expect(ws.getCell("M3").value).toBe("Missed 50% or more");
    expect((ws.getCell("L4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${cellStyles.legendPersistent.fill!.slice(1)}`);
  });
});

describe("the pasted data sheet's layout", () => {
  it("sets no height on any data row (only the copy's own heading row may get one, for its wrapped headings)", async () => {
    const ws = sheet(school, sourceSheetName);
    for (let row = 4; row <= 9; row++) expect({ row, height: ws.getRow(row).height }).toEqual({ row, height: undefined });
    const xml = (await sheetXml(schoolFile)).get(sourceSheetName) ?? "";
    const custom = [...xml.matchAll(/<row [^>]*\br="(\d+)"[^>]*customHeight="1"/g)].map((m) => Number(m[1]));
    expect(custom.filter((row) => row > 3)).toEqual([]);
  });

  it("wraps none of the added cells, headings or legend, so long texts run on to the right", () => {
    const ws = sheet(school, sourceSheetName);
    for (const address of ["H3", "J3", "H4", "J4", "I4", "B4", "L3", "M3"]) {
      expect({ address, wrap: ws.getCell(address).alignment?.wrapText ?? false }).toEqual({ address, wrap: false });
    }
    expect((ws.getCell("J3").fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${cellStyles.tableHeaderSingleLine.fill!.slice(1)}`);
    expect(ws.getColumn(12).width).toBe(26);
    expect(ws.getColumn(13).width).toBe(36);
  });

  it("sizes the pasted columns of its own copy to their content, so UPNs and names are not cut", () => {
    const ws = sheet(school, sourceSheetName);
    // UPNs are 13 characters; the longest name "Ann & Bob <Smith>" 17; "Phone" holds "+44 7700 900123".
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(13);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(17);
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(15);
    // The titles above the heading row do not widen a column.
    expect(ws.getColumn(1).width).toBeLessThan("Attendance export 2025/26".length);
  });

  it("prints landscape at full size, heading row and name columns on every page, the planned area, marked and numbered", async () => {
    const ws = sheet(school, sourceSheetName);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: false, scale: 100, printTitlesRow: "3:3", printTitlesColumn: "A:B", printArea: "A1:P9" });
    expect(ws.headerFooter.oddFooter).toBe("&COFFICIAL-SENSITIVE&RPage &P of &N");
    const xml = (await sheetXml(schoolFile)).get(sourceSheetName) ?? "";
    expect(xml).not.toMatch(/fitToWidth|fitToPage="1"/);
    // Excel's absolute form, so the printed range never shifts with the active cell.
    const workbookXml = (await (await JSZip.loadAsync(schoolFile)).file("xl/workbook.xml")!.async("string")).replace(/&apos;/g, "'");
    expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'${sourceSheetName}'!$A$1:$P$9</definedName>`);
  });
});

describe("sourceColumnWidths", () => {
  it("fits the longest value from the heading row down, the heading's longest word, within bounds", () => {
    const grid = [
      ["A title much longer than any value in the column", ""],
      ["Unauthorised Absences", "x"],
      ["3", "y".repeat(80)],
    ];
    expect(sourceColumnWidths(grid, 1, 2)).toEqual(["Unauthorised".length + 2, 40]);
  });
});

describe("the planned sheets", () => {
  it("write values, number formats and styles from the plan", () => {
    const ws = sheet(school, tsmName);
    expect(ws.getCell("A1").value).toBe("Targeting Support Meeting record");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell("B4").value).toBe("Hilltop Academy & Sixth Form");
    expect((ws.getCell("B4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFDDEBF7");
    // 46000 is 9 December 2025; ExcelJS reads a date-formatted number back as a Date.
    expect(ws.getCell("B5").value).toEqual(new Date(Date.UTC(2025, 11, 9)));
    expect(ws.getCell("B5").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("C8").numFmt).toBe("0.0%");
    expect(ws.getCell("A7").border?.top?.style).toBe("thin");
    expect(ws.getCell("A7").alignment).toMatchObject({ wrapText: true, vertical: "middle" });
    // An empty input cell still gets its style, so people can see where to type.
    expect(ws.getCell("E8").value).toBeNull();
    expect(ws.getCell("E8").border?.left?.style).toBe("thin");
    expect(ws.getColumn(5).width).toBe(30);
    expect(ws.model.merges).toEqual(["A1:G1", "A2:G2"]);
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F3864" });
  });

  it("freeze the planned rows and columns", () => {
    const view = sheet(school, tsmName).views[0];
    expect(view).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 7 });
    expect(sheet(school, keyName).views[0]).toMatchObject({ state: "frozen", xSplit: 0, ySplit: 1 });
    expect((sheet(school, summaryName).views ?? [])[0]?.state).not.toBe("frozen");
  });

  it("keep the pupil table's colour rules, one per band", () => {
    const ws = sheet(school, tsmName);
    const formulas = conditionalFormats(ws).flatMap((cf) => cf.rules.map((r) => (r.type === "expression" ? r.formulae?.[0] : null)));
    expect(formulas).toEqual(bandRows.map((b) => `$D8="${b.label}"`));
  });

  it("validate typed cells: a list of choices, a date, a whole number, each with its prompt and error", () => {
    const validations = (sheet(school, tsmName) as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    expect(validations.D8).toMatchObject({
      type: "list",
      formulae: ['"Severe absence (SA),Persistent absence (PA),Say ""no"""'],
      prompt: "Pick a band.",
      error: "Choose a band from the list.",
      showErrorMessage: true,
    });
    expect(validations.D9?.type).toBe("list");
    expect(validations.F8).toMatchObject({ type: "date", operator: "greaterThanOrEqual", error: "That is not a date." });
    expect(validations.G9).toMatchObject({ type: "whole", operator: "between", formulae: [0, 999], prompt: "Sessions, 0 to 999." });
    expect(validations.E8).toBeUndefined();
  });

  it("print landscape, one page wide, repeating the table header, with a protective marking", () => {
    const ws = sheet(school, tsmName);
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "7:7",
      paperSize: 9,
    });
    expect(ws.headerFooter.oddHeader).toBe("&COFFICIAL-SENSITIVE");
    // "&" in text is doubled, so "& Sixth Form" is not read as a code; {page} and {pages} become &P and &N.
    expect(ws.headerFooter.oddFooter).toBe("&CHilltop Academy && Sixth Form: TSM Autumn 2025/26&RPrinted 14/11/2025, page &P of &N");
    expect(sheet(school, summaryName).pageSetup.orientation).toBe("portrait");
    expect(sheet(school, summaryName).headerFooter.oddFooter).toBe("&RPage &P of &N");
  });

  it("give wrapped header and pupil rows their planned heights", () => {
    const ws = sheet(school, tsmName);
    expect(ws.getRow(7).height).toBe(48);
    expect(ws.getRow(9).height).toBe(63);
    expect(ws.getRow(8).height).toBeUndefined();
  });

  it("break the printed page where the plan says, so a chart is not split", async () => {
    const xml = (await sheetXml(schoolFile)).get(summaryName) ?? "";
    // A break before 0-based row 18 is stored after 1-based row 18.
    expect(xml).toMatch(/<rowBreaks[^>]*><brk id="18"[^>]*man="1"\/><\/rowBreaks>/);
  });
});

describe("rows written one at a time (the streaming writer)", () => {
  it("keeps a form's empty input boxes (no value, only fill and border, merged across rows) and rows after them", async () => {
    const plan = samplePlan();
    const form = plan.sheets.find((s) => s.role === "tsm")!;
    form.blocks.push(
      { row: 12, column: 0, values: [[null, null, null], [null, null, null]], style: "input" },
      { row: 15, column: 0, values: [["After the box"]], style: "label" },
    );
    form.merges.push("A13:C14");
    const ws = sheet(await load(await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: sampleGrid() }, plan, shareable: false })), form.name);
    for (const address of ["A13", "C13", "A14", "C14"]) {
      expect(ws.getCell(address).fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
      expect(ws.getCell(address).border.top?.style).toBe("thin");
    }
    expect(ws.model.merges).toContain("A13:C14");
    expect(ws.getCell("A16").value).toBe("After the box");
  });

  it("writes a pupil key of 5,000 rows in order, every row present", async () => {
    const plan = samplePlan();
    const key = plan.sheets.find((s) => s.role === "key")!;
    const rows = Array.from({ length: 5_000 }, (_v, i) => [`P${String(i + 1).padStart(5, "0")}`, `Pupil ${i + 1}`]);
    key.blocks = [{ row: 0, column: 0, values: [["Reference", "Name"], ...rows], numberFormats: ["@", "@"] }];
    const ws = sheet(await load(await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: sampleGrid() }, plan, shareable: false })), key.name);
    expect(ws.getCell("A2").value).toBe("P00001");
    expect(ws.getCell("B5001").value).toBe("Pupil 5000");
    expect(ws.getCell("B5001").numFmt).toBe("@");
    expect(ws.rowCount).toBe(5_001);
  }, 30_000);
});

describe("a data sheet too large to hold (its XML deflated as it is written)", () => {
  it("reads back whole: every row, values, text formats and the added columns", async () => {
    const grid = [...sampleGrid()];
    const pupils = 15_000;
    for (let i = 0; i < pupils; i++) grid.push([`G${String(i).padStart(12, "0")}`, `Pupil ${i} Surname`, 7 + (i % 5), 150, i % 40, ""]);
    const buffer = await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid }, plan: samplePlan(), shareable: false });
    const xml = (await sheetXml(buffer)).get(sourceSheetName)!;
    // Over the size kept in memory as text, so this sheet went through zlib as it was written.
    expect(xml.length).toBeGreaterThan(smallPartBytes);
    const ws = sheet(await load(buffer), sourceSheetName);
    const last = grid.length;
    expect(ws.getCell(last, 1).value).toBe(`G${String(pupils - 1).padStart(12, "0")}`);
    expect(ws.getCell(last, 2).value).toBe(`Pupil ${pupils - 1} Surname`);
    expect(ws.getCell(last, 2).numFmt).toBe("@");
    expect(ws.getCell(last, 5).value).toBe((pupils - 1) % 40);
    expect(ws.getCell(4, 2).value).toBe('=HYPERLINK("x")');
    expect(ws.getCell(4, 2).formula).toBeUndefined();
    expect(ws.rowCount).toBe(last);
  }, 60_000);

  it("drops characters XML cannot carry from names, so the file still opens", async () => {
    const grid = sampleGrid().map((row) => [...row]);
    grid[4]![1] = "Ann\u0007 Lee\uFFFF";
    const ws = sheet(await load(await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid }, plan: samplePlan(), shareable: false })), sourceSheetName);
    expect(ws.getCell("B5").value).toBe("Ann Lee");
  });
});

describe("a shareable file", () => {
  it("contains no school-only sheet and none of its contents", async () => {
    const buffer = await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: sampleGrid() }, plan: samplePlan(), shareable: true });
    const workbook = await load(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([sourceSheetName, tsmName, summaryName]);
    const zip = await JSZip.loadAsync(buffer);
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).not.toContain("school only");
    expect(Object.keys(zip.files).filter((f) => f.startsWith("xl/worksheets/sheet"))).toHaveLength(3);
  });
});

describe("refusing a plan that would damage data or the file", () => {
  const write = (changes: (plan: ReturnType<typeof samplePlan>) => void, sheetName = sourceSheetName) => {
    const plan = samplePlan();
    changes(plan);
    plan.highlight.sheetName = plan.highlight.sheetName === sourceSheetName ? sheetName : plan.highlight.sheetName;
    return writeWorkbookXlsx({ source: { sheetName, grid: sampleGrid() }, plan, shareable: false });
  };

  it("never writes an added column over pasted data", async () => {
    await expect(write((plan) => (plan.highlight.firstColumn = 5))).rejects.toThrow(
      /would overwrite F3 on sheet "Export", which holds pasted data/,
    );
  });

  it("names the sheet when a name is not allowed or is taken twice", async () => {
    await expect(write(() => undefined, "Export [2025]")).rejects.toThrow(/"Export \[2025\]" cannot be a worksheet name/);
    await expect(write((plan) => (plan.sheets[1]!.name = tsmName.toUpperCase()))).rejects.toThrow(/Two sheets would both be called/);
  });

  it("refuses a list validation Excel could not open", async () => {
    await expect(write((plan) => (plan.sheets[0]!.dataValidations[0]!.list = ["Yes, agreed", "No"]))).rejects.toThrow(
      /cells D8:D9 of sheet “TSM Autumn 2025-26” include “Yes, agreed”; a choice cannot contain a comma/,
    );
  });

  it("refuses a cell, header or validation longer than Excel allows, from the one core table of limits", async () => {
    await expect(write((plan) => (plan.highlight.values[0]![5] = "x".repeat(excelLimits.cellText + 1)))).rejects.toThrow(
      /cell \w+\d+ would hold 32,768 characters; Excel allows at most 32,767/,
    );
    await expect(write((plan) => (plan.sheets[0]!.print!.headerCentre = "S".repeat(300)))).rejects.toThrow(/printed header .* Excel allows 255/);
    await expect(write((plan) => (plan.sheets[0]!.dataValidations[0]!.prompt = "p".repeat(256)))).rejects.toThrow(/prompt of 256 characters; Excel allows 255/);
  });
});

describe("csvNumber: which CSV values Excel would open as numbers", () => {
  it("reads plain decimals as numbers", () => {
    expect(["150", "0", "0.5", "93.2", "-5", "-0.25", "146.0", "123456789012345", "1.50000000000000000"].map(csvNumber)).toEqual([
      150, 0, 0.5, 93.2, -5, -0.25, 146, 123456789012345, 1.5,
    ]);
    expect(Object.is(csvNumber("-0"), 0)).toBe(true);
  });

  it("leaves codes, formatted numbers and anything else as text", () => {
    const text = ["007", "0150", "00.5", "1,234", "1e5", "93.2%", " 150", "150 ", "+5", "150.", ".5", "1234567890123456",
      "A123456789012", "14/11/2025", "2025-11-14", "£5", "Ahmed", '=HYPERLINK("x")', "=1+1", "@x", "+44 7700 900123", "", "-", "NaN", "Infinity"];
    expect(text.filter((value) => csvNumber(value) !== null)).toEqual([]);
  });
});

describe("the data sheet of a CSV", () => {
  // As read from a CSV: every cell text. Poss and Pres are plain numbers; Name is a column of words.
  const csvGrid = [
    ["Attendance export", "", "", "", "", "", ""],
    ["UPN", "Name", "Poss", "Pres", "Att %", "Code", "Phone"],
    ["A123456789012", '=HYPERLINK("x")', "150", "146", "97.3%", "007", "+44 7700 900123"],
    ["B123456789012", "-5", "148", "0", "0.0%", "12", "01234 567890"],
    ["C123456789012", "Ann", "-2", "1.5", "93.2%", "013", ""],
  ];
  const highlight = { ...samplePlan().highlight, headerRow: 1, firstDataRow: 2, lastDataRow: 4, firstColumn: 8 };
  const plan = () => ({ ...samplePlan(), highlight: { ...highlight, values: highlight.values.slice(0, 3), rowHeights: [] } });

  async function written(readFromCsv: boolean): Promise<ExcelJS.Worksheet> {
    const file = await writeWorkbookXlsx({ source: { sheetName: sourceSheetName, grid: csvGrid, readFromCsv }, plan: plan(), shareable: false });
    return sheet(await load(file), sourceSheetName);
  }

  it("holds plain numbers as numbers, as Excel shows a CSV, so sums work", async () => {
    const ws = await written(true);
    for (const [address, value] of [["C3", 150], ["D3", 146], ["C4", 148], ["D4", 0], ["C5", -2], ["D5", 1.5], ["F4", 12]] as const) {
      expect({ address, type: ws.getCell(address).type, value: ws.getCell(address).value }).toEqual({ address, type: ExcelJS.ValueType.Number, value });
    }
    // Number columns keep General, so nothing turns them back into text.
    for (const column of [3, 4]) expect(ws.getColumn(column).numFmt).toBeUndefined();
  });

  it("keeps UPNs, codes with leading zeros, percentages, phone numbers and formula-looking names as text", async () => {
    const ws = await written(true);
    for (const [address, value] of [
      ["A3", "A123456789012"],
      ["B3", '=HYPERLINK("x")'],
      ["E3", "97.3%"],
      ["F3", "007"],
      ["F5", "013"],
      ["G3", "+44 7700 900123"],
      ["G4", "01234 567890"],
      ["C2", "Poss"],
    ] as const) {
      expect({ address, type: ws.getCell(address).type, value: ws.getCell(address).value }).toEqual({ address, type: ExcelJS.ValueType.String, value });
      expect(ws.getCell(address).formula).toBeUndefined();
    }
    // A pupil named "-5" in the column of names stays a name, in a text column.
    expect(ws.getCell("B4").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("B4").value).toBe("-5");
    expect(ws.getColumn(2).numFmt).toBe("@");
  });

  it("writes every value exactly as given when the grid did not come from a CSV", async () => {
    const ws = await written(false);
    csvGrid.forEach((row, r) =>
      row.forEach((value, c) => expect(ws.getCell(r + 1, c + 1).value).toBe(value === "" ? null : value)),
    );
  });
});

describe("textColumns", () => {
  it("picks columns of words, not columns of numbers or numeric text", () => {
    const grid = [
      ["Name", "Possible", "Att %", "Year"],
      ["Ann", "150", "93.2%", 7],
      ["-5", "148", "88.0%", 8],
      ["Bo", "", "", 9],
    ];
    expect(textColumns(grid, 1, 3)).toEqual([0]);
  });
});
