import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { readExportFile, readWorkbookSheets, sheetNameFromFile } from "../../src/xlsx/readFile";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "readfile-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, contents: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, contents);
  return target;
}

async function readOk(target: string, sheet?: string) {
  const result = await readExportFile(target, sheet === undefined ? {} : { sheet });
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result;
}

async function readFail(target: string, sheet?: string): Promise<string> {
  const result = await readExportFile(target, sheet === undefined ? {} : { sheet });
  if (result.ok) throw new Error("expected the file to be refused");
  // One sentence that names the file.
  expect(result.message).toContain(path.basename(target));
  expect(result.message.trim().split(/(?<=[.!?])\s+(?=[A-Z])/).length).toBe(1);
  return result.message;
}

describe("readExportFile: CSV", () => {
  it("keeps every cell as text, including numbers, percentages and formula-looking names", async () => {
    const result = await readOk(file("export.csv", 'UPN,Name,Poss,Att %\nA1,"=HYPERLINK(""http://x"",""Click"")",150,93.2%\nA2,+44 7700,0150,\n'));
    expect(result.grid).toEqual([
      ["UPN", "Name", "Poss", "Att %"],
      ["A1", '=HYPERLINK("http://x","Click")', "150", "93.2%"],
      ["A2", "+44 7700", "0150", ""],
    ]);
    expect(result.sheetName).toBe("export");
  });

  it("reads UTF-8 with a byte-order mark and CRLF line ends, keeping accents", async () => {
    const result = await readOk(file("bom.csv", "\uFEFFSurname,Forename\r\nZieliński,Zoë\r\nNí Bhriain,Łukasz\r\n"));
    expect(result.grid).toEqual([
      ["Surname", "Forename"],
      ["Zieliński", "Zoë"],
      ["Ní Bhriain", "Łukasz"],
    ]);
  });

  it("keeps quoted commas, quotes and line breaks inside one cell, and one grid row per record", async () => {
    const result = await readOk(file("quoted.csv", 'Name,Note\n"Smith, John","said ""hi""\nthen left"\nO\'Neil,ok\n'));
    expect(result.grid).toEqual([
      ["Name", "Note"],
      ["Smith, John", 'said "hi"\nthen left'],
      ["O'Neil", "ok"],
    ]);
  });

  it("pads ragged rows with empty cells and keeps blank rows so row numbers match the file", async () => {
    const result = await readOk(file("ragged.csv", "Title only\n\nUPN,Poss,Auth,Unauth\nA1,150\nA2,150,3,4,extra\n"));
    expect(result.grid).toEqual([
      ["Title only", "", "", "", ""],
      ["", "", "", "", ""],
      ["UPN", "Poss", "Auth", "Unauth", ""],
      ["A1", "150", "", "", ""],
      ["A2", "150", "3", "4", "extra"],
    ]);
  });

  it("reads a tab-separated export saved with a .csv name", async () => {
    const result = await readOk(file("tabs.csv", "UPN\tPoss\nA1\t150\n"));
    expect(result.grid).toEqual([
      ["UPN", "Poss"],
      ["A1", "150"],
    ]);
  });

  it("reads a file that is not UTF-8 as Windows-1252 (Excel's \"CSV (Comma delimited)\") and says so", async () => {
    // "Name\nZoë O’Connor – 7" in Windows-1252: ë is 0xEB, the curly apostrophe 0x92, the en dash 0x96.
    const ansi = Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb, 0x20, 0x4f, 0x92, 0x43, 0x6f, 0x6e, 0x6e, 0x6f, 0x72, 0x20, 0x96, 0x20, 0x37, 0x0a]);
    const result = await readOk(file("ansi.csv", ansi));
    expect(result.grid.slice(0, 2)).toEqual([["Name"], ["Zoë O’Connor – 7"]]);
    expect(result.notes).toEqual([expect.stringMatching(/^ansi\.csv is not UTF-8, so it was read as Windows-1252 .*CSV UTF-8/)]);
  });

  it("reads UTF-16 with a byte-order mark, little- or big-endian (Excel's \"Unicode Text\", tab-separated)", async () => {
    const text = "Name\tPoss\nZoë O’Connor\t150\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [["le.csv", le], ["be.csv", be]] as const) {
      const result = await readOk(file(name, bytes));
      expect(result.grid.slice(0, 2)).toEqual([["Name", "Poss"], ["Zoë O’Connor", "150"]]);
      expect(result.notes).toEqual([expect.stringContaining(`${name} was read as UTF-16`)]);
    }
  });

  it("says nothing about the encoding of a UTF-8 file", async () => {
    expect((await readOk(file("plain.csv", "Name\nZoë\n"))).notes).toEqual([]);
  });

  it("refuses binary data", async () => {
    expect(await readFail(file("binary.csv", Buffer.from([1, 2, 0, 3, 0, 255, 10])))).toMatch(/binary/);
  });

  it("recognises an Excel workbook saved under a .csv name", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data").getCell("A1").value = "UPN";
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await readFail(file("really-xlsx.csv", bytes))).toMatch(/rename it to \.xlsx/);
  });

  it("explains a quote that is never closed", async () => {
    expect(await readFail(file("unclosed.csv", 'UPN,Name\nA1,"Smith\nA2,Jones\n'))).toMatch(/^Row 2, column B of unclosed\.csv opens a quote \("\) that is never closed/);
    // Counted in rows as Excel shows them: a quoted line break earlier makes one row of two lines.
    expect(await readFail(file("unclosed2.csv", 'UPN,Name\nA1,"Smith\nJr"\nA2,Jones\nA3,"Cole\n'))).toMatch(/^Row 4, column B of unclosed2\.csv/);
  });

  it("refuses empty and whitespace-only files", async () => {
    expect(await readFail(file("empty.csv", ""))).toMatch(/is empty/);
    expect(await readFail(file("blank.csv", "\n\r\n  \n"))).toMatch(/is empty/);
  });
});

describe("readExportFile: files it cannot read", () => {
  it("names a missing file and says to check the path", async () => {
    const message = await readFail(path.join(dir, "nowhere", "missing.csv"));
    expect(message).toMatch(/Cannot find the file .*missing\.csv: check the path/);
  });

  it("refuses an unknown extension, and explains the old .xls format", async () => {
    expect(await readFail(file("report.pdf", "%PDF-1.4"))).toMatch(/not a CSV or \.xlsx file/);
    expect(await readFail(file("report.xls", "whatever"))).toMatch(/save it as \.xlsx/);
  });

  it("refuses a corrupt .xlsx", async () => {
    expect(await readFail(file("garbage.xlsx", "this is not a zip file at all"))).toMatch(/not a valid \.xlsx/);
    const truncated = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    expect(await readFail(file("truncated.xlsx", truncated))).toMatch(/damaged/);
  });

  it("refuses a folder", async () => {
    const folder = path.join(dir, "folder.csv");
    mkdirSync(folder);
    expect(await readFail(folder)).toMatch(/is a folder/);
  });
});

describe("readExportFile: XLSX", () => {
  async function writeXlsx(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    const target = path.join(dir, name);
    await workbook.xlsx.writeFile(target);
    return target;
  }

  it("gives values as Range.values would: numbers, fractions for percentages, cached formula results, errors, text", async () => {
    const target = await writeXlsx("values.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("Export");
      sheet.addRow(["UPN", "Name", "Poss", "Att %", "Link", "Flag", "Total", "Error", "Date"]);
      const row = sheet.addRow([
        "A1",
        { richText: [{ text: "O'" , font: { bold: true } }, { text: "Neil" }] },
        150,
        0.932,
        { text: "Profile", hyperlink: "https://example.invalid/pupil/1" },
        true,
        { formula: "C2-10", result: 140 },
        { error: "#N/A" },
        new Date(Date.UTC(2025, 8, 3)),
      ]);
      row.getCell(4).numFmt = "0.0%";
    });
    const result = await readOk(target);
    expect(result.sheetName).toBe("Export");
    // An error cell is its text, as Range.values gives it.
    expect(result.grid[1]).toEqual(["A1", "O'Neil", 150, 0.932, "Profile", true, 140, "#N/A", "03/09/2025"]);
  });

  it("starts the grid at A1 so rows keep their sheet numbers, and trims trailing empty rows and columns", async () => {
    const target = await writeXlsx("offset.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("Data");
      sheet.getCell("B3").value = "UPN";
      sheet.getCell("C4").value = 5;
      sheet.getCell("F20").value = null;
    });
    const result = await readOk(target);
    expect(result.grid).toEqual([
      ["", "", ""],
      ["", "", ""],
      ["", "UPN", ""],
      ["", "", 5],
    ]);
  });

  it("gives a merged area's value in its top-left cell only", async () => {
    const target = await writeXlsx("merged.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("Data");
      sheet.getCell("A1").value = "Oakfield Academy – Attendance";
      sheet.mergeCells("A1:C1");
      sheet.getCell("A2").value = "UPN";
      sheet.getCell("B2").value = "Poss";
      sheet.getCell("C2").value = "Auth";
    });
    const result = await readOk(target);
    expect(result.grid[0]).toEqual(["Oakfield Academy – Attendance", "", ""]);
  });

  it("reads the first sheet by default, a named sheet with --sheet, and lists the sheets when the name is wrong", async () => {
    const target = await writeXlsx("sheets.xlsx", (workbook) => {
      workbook.addWorksheet("Cover").getCell("A1").value = "cover";
      workbook.addWorksheet("Attendance").getCell("A1").value = "UPN";
    });
    expect((await readOk(target)).grid).toEqual([["cover"]]);
    const named = await readOk(target, "attendance");
    expect(named.sheetName).toBe("Attendance");
    expect(named.grid).toEqual([["UPN"]]);
    const message = await readFail(target, "Pupils");
    expect(message).toContain('no sheet named "Pupils"');
    expect(message).toContain('"Cover", "Attendance"');
  });

  it("reads the one sheet with pupils when the first has none, says so, and asks which when several have", async () => {
    const pupils = [["Name", "Poss", "Pres"], ["Ann Smith", 150, 140]];
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Cover").getCell("A1").value = "Attendance workbook for the officer";
    workbook.addWorksheet("Autumn").addRows(pupils);
    const one = await readOk(file("second-sheet.xlsx", Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(one.sheetName).toBe("Autumn");
    expect(one.notes).toEqual(['second-sheet.xlsx: its first sheet "Cover" holds no pupil table, so the sheet "Autumn" was read (choose another with --sheet).']);
    workbook.addWorksheet("Spring").addRows(pupils);
    const two = await readFail(file("two-sheets.xlsx", Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(two).toBe(
      'two-sheets.xlsx: its first sheet "Cover" holds no pupil table, and the sheets "Autumn" and "Spring" both hold pupils: choose one with --sheet, for example --sheet "Autumn".',
    );
  });

  it("skips a hidden first sheet by default", async () => {
    const target = await writeXlsx("hidden.xlsx", (workbook) => {
      workbook.addWorksheet("Lookup", { state: "hidden" }).getCell("A1").value = "codes";
      workbook.addWorksheet("Export").getCell("A1").value = "UPN";
    });
    expect((await readOk(target)).sheetName).toBe("Export");
    expect((await readOk(target, "Lookup")).grid).toEqual([["codes"]]);
  });

  it("refuses an empty sheet and names it", async () => {
    const target = await writeXlsx("emptysheet.xlsx", (workbook) => {
      workbook.addWorksheet("Blank");
    });
    expect(await readFail(target)).toMatch(/sheet "Blank" .* is empty/);
  });
});

describe("readWorkbookSheets: reading back a workbook the command line wrote", () => {
  /** A TSM-like sheet with dates typed in as Excel stores them: serial numbers in date-formatted cells. */
  async function writeDates(name: string, date1904: boolean): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = date1904;
    const sheet = workbook.addWorksheet("TSM Autumn 2025-26");
    sheet.addRow(["Review date", "Met at", "Next meeting date", "Worked out", "Early serials"]);
    sheet.addRow([
      new Date(Date.UTC(2025, 10, 14)),
      new Date(Date.UTC(2025, 10, 14, 12)),
      new Date(Date.UTC(2026, 0, 20)),
      { formula: "A2+7", result: new Date(Date.UTC(2025, 10, 21)) },
      "text typed in a date cell",
    ]);
    sheet.getCell("B2").numFmt = "dd/mm/yyyy hh:mm";
    for (const address of ["A2", "C2", "D2"]) sheet.getCell(address).numFmt = "dd/mm/yyyy";
    // Excel's first days, either side of its phantom 29/02/1900 (serial 60): stored numbers, date-formatted.
    [1, 59, 61].forEach((serial, i) => {
      const cell = sheet.getCell(3, i + 1);
      cell.value = serial;
      cell.numFmt = "dd/mm/yyyy";
    });
    const target = path.join(dir, name);
    await workbook.xlsx.writeFile(target);
    return target;
  }

  async function gridOf(target: string) {
    const read = await readWorkbookSheets(target);
    if (!read.ok) throw new Error(read.message);
    return read.sheets[0]!.grid;
  }

  it("gives date cells as the Excel serial numbers Range.values gives, so they are written back as dates", async () => {
    const grid = await gridOf(await writeDates("dates.xlsx", false));
    // 14/11/2025 is serial 45975, 20/01/2026 is 46042; midday is half a day.
    expect(grid[1]).toEqual([45975, 45975.5, 46042, 45982, "text typed in a date cell"]);
    expect(grid[2]).toEqual([1, 59, 61, "", ""]);
  });

  it("gives a 1904-system workbook's dates as 1900-system serials, the system of the file it writes", async () => {
    const grid = await gridOf(await writeDates("dates-1904.xlsx", true));
    expect(grid[1]?.slice(0, 4)).toEqual([45975, 45975.5, 46042, 45982]);
  });

  it("gives a formula's cached result even when it is 0 or FALSE (typed =B2-B2 is 0, not an empty cell)", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("TSM Autumn 2025-26");
    sheet.addRow(["Sessions made up", "Agreed", "Weeks"]);
    sheet.addRow([{ formula: "C2-C2", result: 0 }, { formula: "1=2", result: false }, { formula: "2*3", result: 6 }]);
    const target = path.join(dir, "zero-results.xlsx");
    await workbook.xlsx.writeFile(target);
    expect((await gridOf(target))[1]).toEqual([0, false, 6]);
  });

  it("leaves the export path as it was: an export's date cells still read as dd/MM/yyyy text", async () => {
    const read = await readOk(await writeDates("dates-export.xlsx", false));
    expect(read.grid[1]?.slice(0, 4)).toEqual(["14/11/2025", "14/11/2025", "20/01/2026", "21/11/2025"]);
  });
});

describe("sheetNameFromFile", () => {
  it("follows Excel's naming of a CSV's sheet: the file name, within Excel's rules", () => {
    expect(sheetNameFromFile("bromcom-export.csv")).toBe("bromcom-export");
    expect(sheetNameFromFile("a[1]:b.csv")).toBe("a_1__b");
    expect(sheetNameFromFile("an export name that is far too long for a sheet.csv")).toHaveLength(31);
  });
});
