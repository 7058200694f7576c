import { chmodSync, existsSync, mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { replaceFilesTogether, type FileSteps } from "../../src/cli/workbookOutput";
import type { Grid } from "../../src/core/read/grid";
import { columnOf, findTable } from "../../src/core/report/readBack";
import { readWorkbookSheets } from "../../src/xlsx/readFile";
import { runCli } from "../support/runCli";
import { saveLikeExcel } from "../support/saveLikeExcel";
import { openWorkbook, packageText } from "../support/xlsxFiles";
import { sampleExportPath } from "../support/paths";

/** --out: the workbook the command line writes, run in-process with the same code as the command. */
const sample = sampleExportPath;
const meeting = ["--date", "2026-01-14", "--school", "Oakfield Academy", "--urn", "999999", "--phase", "secondary"];

jest.setTimeout(60_000);

const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));

/** Every sheet of a written file as a grid, by name, read as the command line reads it back. */
async function sheetGrids(file: string): Promise<Map<string, Grid>> {
  const read = await readWorkbookSheets(file);
  if (!read.ok) throw new Error(read.message);
  return new Map(read.sheets.map((sheet) => [sheet.name, sheet.grid]));
}

/** UPN → reference, from a pupil key sheet. */
function keyReferences(grid: Grid | undefined): Map<string, string> {
  const table = grid ? findTable(grid, ["Reference", "UPN"]) : null;
  if (!grid || !table) throw new Error("no pupil key table");
  const result = new Map<string, string>();
  for (const row of grid.slice(table.headerRow + 1)) {
    const reference = String(row[columnOf(table, "Reference")!] ?? "");
    if (/^P\d{3}$/.test(reference)) result.set(String(row[columnOf(table, "UPN")!]), reference);
  }
  return result;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "analyse-out-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("--out", () => {
  it("writes the data sheet, the TSM form, the governors' summary and the school-only key", async () => {
    const out = path.join(dir, "full.xlsx");
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out}`);
    const workbook = await openWorkbook(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "sample-export",
      "TSM Spring 2025-26",
      "Governors summary 2025-26",
      "Pupil key (school only)",
      // Hidden: the analysis history (docs/rules.md §11).
      "Attendance history",
    ]);
    // The pasted values are untouched: the first pupil's row reads as it did in the file.
    const csvLine = readFileSync(sample, "utf8").split(/\r\n/)[4] ?? "";
    const row = workbook.getWorksheet("sample-export")!.getRow(5);
    expect(String(row.getCell(1).value)).toBe(csvLine.split(",")[0]);
    expect(String(row.getCell(2).value)).toBe(csvLine.split(",")[1]);
  });

  it("keeps a name that looks like a formula as text", async () => {
    const csv = path.join(dir, "hostile.csv");
    writeFileSync(
      csv,
      'UPN,Surname,Forename,Year,Possible Sessions,Authorised Absences,Unauthorised Absences\n' +
        'A123456789012,"=HYPERLINK(""http://x"",""Click"")",+44 7700,9,150,20,30\n' +
        "B123456789012,Smith,Ava,9,150,1,0\n",
    );
    const out = path.join(dir, "hostile.xlsx");
    expect((await run(csv, "--out", out, ...meeting)).code).toBe(0);
    const cell = (await openWorkbook(out)).getWorksheet("hostile")!.getCell("B2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","Click")');
    expect(await packageText(out)).not.toContain("<f>HYPERLINK");
  });

  it("--shareable writes the school's workbook with the key, and a copy beside it without the key, pupil rows, names or UPNs", async () => {
    const out = path.join(dir, "shareable.xlsx");
    const copy = path.join(dir, "shareable-shareable.xlsx");
    const result = await run(sample, "--out", out, "--shareable", ...meeting);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out}`);
    expect(result.stdout).toContain(`Wrote ${copy}`);
    // The school's workbook: data sheet, form and summary by reference, and the key, which stays in school.
    expect((await openWorkbook(out)).worksheets.map((sheet) => sheet.name)).toEqual([
      "sample-export",
      "TSM Spring 2025-26",
      "Governors summary 2025-26",
      "Pupil key (school only)",
      // Hidden: the analysis history (docs/rules.md §11).
      "Attendance history",
    ]);
    const rows = readFileSync(sample, "utf8").split(/\r\n/).slice(4, -2).map((line) => line.split(","));
    const school = await sheetGrids(out);
    const schoolForm = (school.get("TSM Spring 2025-26") ?? []).flat().map(String);
    expect(schoolForm.some((v) => /^P\d{3}$/.test(v))).toBe(true);
    for (const [upn] of rows) expect(schoolForm).not.toContain(upn);
    expect((school.get("Pupil key (school only)") ?? []).flat()).toContain(rows[0]?.[0]);
    // The copy that may leave the school: cover, form and summary only.
    expect((await openWorkbook(copy)).worksheets.map((sheet) => sheet.name)).toEqual([
      "About this copy",
      "TSM Spring 2025-26",
      "Governors summary 2025-26",
    ]);
    // Its cover prints on one page, its title line an ordinary line rather than a wrapped heading.
    const cover = (await openWorkbook(copy)).getWorksheet("About this copy")!;
    expect(cover.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1 });
    expect(cover.getCell("A1").alignment?.wrapText).toBeFalsy();
    const text = await packageText(copy);
    for (const [upn, surname, forename] of rows) {
      expect(text).not.toContain(upn);
      expect(text).not.toContain(`>${surname}<`);
      expect(text).not.toContain(`>${forename}<`);
    }
    expect(text).not.toContain("Pupil key");
    // The printed summary names no one either.
    expect(result.stdout).not.toContain(rows[0]?.[0] ?? "-");
    expect(result.stdout).toMatch(/Row \d+: P\d{3} \(Year \d+\)/);
  });

  it("--shareable keeps each pupil's reference across runs, in both files, when a pupil joins and another leaves", async () => {
    const lines = readFileSync(sample, "utf8").split(/\r\n/);
    const head = lines.slice(0, 4);
    const pupils = lines.slice(4, -2).filter((line) => line !== "");
    const tail = lines.slice(-2);
    const first = path.join(dir, "week1.csv");
    writeFileSync(first, [...head, ...pupils, ...tail].join("\r\n"));
    const out = path.join(dir, "stable.xlsx");
    const copy = path.join(dir, "stable-shareable.xlsx");
    expect((await run(first, "--out", out, "--shareable", ...meeting)).code).toBe(0);
    const before = keyReferences((await sheetGrids(out)).get("Pupil key (school only)"));

    // A week later, under another name: a new pupil (listed first, so numbering afresh would shift
    // everyone) and the pupil who had P004 has left.
    const leaver = [...before.entries()].find(([, reference]) => reference === "P004")?.[0];
    expect(leaver).toBeDefined();
    const joiner = "N999400099999,Newcombe,Zara,Year 9,9A,146,100,0,30,16,68.5,N,N,N,N,WBRI,N,N,";
    const second = path.join(dir, "week2.csv");
    writeFileSync(second, [...head, joiner, ...pupils.filter((line) => !line.startsWith(`${leaver},`)), ...tail].join("\r\n"));
    const again = await run(second, "--out", out, "--shareable", ...meeting);
    expect(again.code).toBe(0);

    const school = await sheetGrids(out);
    const after = keyReferences(school.get("Pupil key (school only)"));
    for (const [upn, reference] of before) expect(after.get(upn)).toBe(reference);
    expect(after.get(leaver ?? "")).toBe("P004");
    expect([...before.values()]).not.toContain(after.get("N999400099999"));

    // Every row of the shareable form is the pupil the school's key names for that reference.
    const byUpn = new Map(pupils.map((line) => line.split(",")).map((cells) => [cells[0] ?? "", cells]));
    byUpn.set("N999400099999", joiner.split(","));
    const upnOf = new Map([...after.entries()].map(([upn, reference]) => [reference, upn]));
    const form = (await sheetGrids(copy)).get("TSM Spring 2025-26") ?? [];
    const table = findTable(form, ["Reference", "Missed: authorised", "Missed: unauthorised"]);
    expect(table).not.toBeNull();
    const checked: string[] = [];
    for (const row of form.slice((table?.headerRow ?? 0) + 1)) {
      const reference = String(row[columnOf(table!, "Reference")!]);
      if (!/^P\d{3}$/.test(reference)) continue;
      const cells = byUpn.get(upnOf.get(reference) ?? "");
      expect(cells).toBeDefined();
      expect(row[columnOf(table!, "Missed: authorised")!]).toBe(Number(cells?.[8]));
      expect(row[columnOf(table!, "Missed: unauthorised")!]).toBe(Number(cells?.[9]));
      checked.push(reference);
    }
    expect(checked).toContain(after.get("N999400099999"));
    expect(checked.length).toBeGreaterThan(10);
  });

  it("replaces the data sheet it wrote from an earlier export with a different name, and says so", async () => {
    const lines = readFileSync(sample, "utf8");
    const first = path.join(dir, "autumn-week1.csv");
    const second = path.join(dir, "autumn-week2.csv");
    writeFileSync(first, lines);
    writeFileSync(second, lines);
    const out = path.join(dir, "weekly.xlsx");
    expect((await run(first, "--out", out, ...meeting)).code).toBe(0);
    const again = await run(second, "--out", out, ...meeting);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`earlier data sheet "autumn-week1" was replaced by "autumn-week2"`);
    expect((await openWorkbook(out)).worksheets.map((sheet) => sheet.name)).toEqual([
      "autumn-week2",
      "TSM Spring 2025-26",
      "Governors summary 2025-26",
      "Pupil key (school only)",
      // Hidden: the analysis history (docs/rules.md §11).
      "Attendance history",
    ]);
  });

  it("still refuses to replace a file that holds a sheet of someone's own beside the earlier data sheet", async () => {
    const first = path.join(dir, "spring-week1.csv");
    const second = path.join(dir, "spring-week2.csv");
    writeFileSync(first, readFileSync(sample));
    writeFileSync(second, readFileSync(sample));
    const out = path.join(dir, "mixed.xlsx");
    expect((await run(first, "--out", out, ...meeting)).code).toBe(0);
    const workbook = await openWorkbook(out);
    workbook.addWorksheet("Our notes").getCell("A1").value = "Call parents on Friday";
    await saveLikeExcel(workbook, out);
    const before = readFileSync(out);
    const result = await run(second, "--out", out, ...meeting);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already exists and holds "Our notes", which this run would not keep/);
    expect(result.stderr).not.toContain("spring-week1");
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("--shareable writes neither file when notes were typed only into the shareable copy's form", async () => {
    const out = path.join(dir, "typed-copy.xlsx");
    const copy = path.join(dir, "typed-copy-shareable.xlsx");
    expect((await run(sample, "--out", out, "--shareable", ...meeting)).code).toBe(0);
    const workbook = await openWorkbook(copy);
    const tsm = workbook.getWorksheet("TSM Spring 2025-26")!;
    let themes = 0;
    tsm.eachRow((row, rowNumber) => {
      if (row.getCell(1).value === "Themes raised") themes = rowNumber;
    });
    expect(themes).toBeGreaterThan(0);
    tsm.getCell(themes + 1, 1).value = "Transport from the new estate";
    await saveLikeExcel(workbook, copy);
    const [schoolBefore, copyBefore] = [readFileSync(out), readFileSync(copy)];
    const result = await run(sample, "--out", out, "--shareable", ...meeting);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has "Transport from the new estate" typed into its TSM form');
    expect(readFileSync(out).equals(schoolBefore)).toBe(true);
    expect(readFileSync(copy).equals(copyBefore)).toBe(true);
  });

  it("--shareable after the school's workbook was deleted does not take the form's own labels for typed notes", async () => {
    const out = path.join(dir, "deleted.xlsx");
    expect((await run(sample, "--out", out, "--shareable", ...meeting)).code).toBe(0);
    rmSync(out);
    const again = await run(sample, "--out", out, "--shareable", ...meeting);
    expect(again.stderr).not.toContain("Senior attendance lead");
    expect(again.code).toBe(0);
  });

  it("keeps what people typed into the TSM form when run again", async () => {
    const out = path.join(dir, "rerun.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const workbook = await openWorkbook(out);
    const tsm = workbook.getWorksheet("TSM Spring 2025-26")!;
    let typedAt: { row: number; column: number } | null = null;
    tsm.eachRow((row, rowNumber) => {
      row.eachCell((cell, column) => {
        if (!typedAt && cell.value === "Barriers") typedAt = { row: rowNumber + 1, column };
      });
    });
    expect(typedAt).not.toBeNull();
    const at = typedAt as unknown as { row: number; column: number };
    tsm.getCell(at.row, at.column).value = "Young carer; long journey to school";
    await saveLikeExcel(workbook, out);

    const again = await run(sample, "--out", out, ...meeting);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("TSM form");
    expect(await packageText(out)).toContain("Young carer; long journey to school");
  });

  it("leaves an existing file alone when replacing it would lose one of its sheets", async () => {
    const out = path.join(dir, "other.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Budget 2025").getCell("A1").value = "Not attendance";
    await saveLikeExcel(workbook, out);
    const before = statSync(out).mtimeMs;
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/already exists and was not written by this tool/);
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it("refuses to write over the export it reads", async () => {
    const copy = path.join(dir, "export.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data").addRows([["UPN", "Possible Sessions", "Authorised Absences", "Unauthorised Absences"], ["A1", 150, 20, 0]]);
    await saveLikeExcel(workbook, copy);
    const result = await run(copy, "--out", copy);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/--out names the file being read/);
  });

  it("prints only the JSON object on stdout when --json and --out are combined", async () => {
    const out = path.join(dir, "json.xlsx");
    const result = await run(sample, "--json", "--out", out, ...meeting);
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain(`Wrote ${out}`);
  });
});

describe("--out recognises an earlier output by the marker it wrote, never by sheet names", () => {
  /** A CSV export whose sheet takes the file's name, and someone's workbook with only a sheet of that name. */
  async function strangerWorkbook(sheetName: string, file: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRows([["Item", "Cost"], ["Minibus hire", 450], ["Supply cover", 1200]]);
    await workbook.xlsx.writeFile(file);
    return readFileSync(file);
  }

  it.each([
    ["Sheet1", "budget.xlsx"],
    ["Attendance", "tracker.xlsx"],
  ])("leaves a workbook whose only sheet is \"%s\" byte-identical and says it was not written by this tool", async (sheetName, outName) => {
    const csv = path.join(dir, `${sheetName}.csv`);
    writeFileSync(csv, readFileSync(sample));
    const out = path.join(dir, outName);
    const before = await strangerWorkbook(sheetName, out);
    const result = await run(csv, "--out", out, ...meeting);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${outName} already exists and was not written by this tool, so it was left as it is: choose another --out file name.\n`);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("leaves someone's workbook at the shareable copy's name alone, and writes neither file", async () => {
    const out = path.join(dir, "meeting.xlsx");
    const copy = path.join(dir, "meeting-shareable.xlsx");
    const workbook = new ExcelJS.Workbook();
    for (const name of ["About this copy", "TSM Spring 2025-26", "Governors summary 2025-26"]) workbook.addWorksheet(name).getCell("A1").value = "Ours";
    await workbook.xlsx.writeFile(copy);
    const before = readFileSync(copy);
    const result = await run(sample, "--out", out, "--shareable", ...meeting);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("meeting-shareable.xlsx already exists and was not written by this tool");
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an earlier output in which someone's own sheet now has the data sheet's name", async () => {
    const out = path.join(dir, "reused.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    const workbook = await openWorkbook(out);
    workbook.removeWorksheet(workbook.getWorksheet("sample-export")!.id);
    workbook.addWorksheet("sample-export").getCell("A1").value = "Our own list";
    await saveLikeExcel(workbook, out);
    const before = readFileSync(out);
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('reused.xlsx already exists and holds "sample-export", which this run would not keep');
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("writes its marker into every file, so a second run recognises the first one's output", async () => {
    const out = path.join(dir, "marked.xlsx");
    expect((await run(sample, "--out", out, "--shareable", ...meeting)).code).toBe(0);
    for (const file of [out, path.join(dir, "marked-shareable.xlsx")]) {
      expect(await packageText(file)).toContain('name="AttendanceInsight"');
    }
    expect((await run(sample, "--out", out, "--shareable", ...meeting)).code).toBe(0);
  });
});

describe("--out keeps a file's permissions, respects read-only files, and one run at a time", () => {
  it("keeps an earlier output's mode (0600 stays private)", async () => {
    const out = path.join(dir, "private.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    chmodSync(out, 0o600);
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it("refuses a read-only output and leaves it byte-identical", async () => {
    const out = path.join(dir, "locked-down.xlsx");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    chmodSync(out, 0o444);
    const before = readFileSync(out);
    const result = await run(sample, "--out", out, ...meeting);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("locked-down.xlsx is read-only, so it was left as it is: make it writable, or choose another --out file, and try again.\n");
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o444);
  });

  it("refuses to write while another live run holds the file's lock, and takes over a lock left by a killed run", async () => {
    const out = path.join(dir, "busy.xlsx");
    const lock = path.join(dir, ".busy.xlsx.lock");
    // A live process (this one's parent) holds it.
    writeFileSync(lock, String(process.ppid));
    const busy = await run(sample, "--out", out, ...meeting);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^Another run is writing busy\.xlsx now, so this one wrote nothing/);
    expect(existsSync(out)).toBe(false);
    // Left by a process that no longer exists.
    writeFileSync(lock, "999999999");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("removes the temporary and kept-aside files a killed run left beside the output", async () => {
    const out = path.join(dir, "orphans.xlsx");
    const orphans = [".orphans.xlsx.999999999.0badf00d.bak", ".orphans.xlsx.999999999.deadbeef.tmp"].map((name) => path.join(dir, name));
    for (const orphan of orphans) writeFileSync(orphan, "left by kill -9");
    expect((await run(sample, "--out", out, ...meeting)).code).toBe(0);
    for (const orphan of orphans) expect(existsSync(orphan)).toBe(false);
  });
});

describe("replaceFilesTogether", () => {
  const real: FileSteps = {
    writeNew: (file, data) => fs.writeFile(file, data, { flag: "wx" }),
    keepCopy: (from, to) => fs.copyFile(from, to),
    rename: (from, to) => fs.rename(from, to),
    remove: (file) => fs.rm(file, { force: true }),
  };

  it("puts the first file back as it was when the second cannot be put in place, and leaves no temporary files", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "together-"));
    try {
      const school = path.join(folder, "r.xlsx");
      const copy = path.join(folder, "r-shareable.xlsx");
      writeFileSync(school, "earlier school workbook");
      const failing: FileSteps = {
        ...real,
        rename: async (from, to) => {
          if (to === copy) throw Object.assign(new Error("busy"), { code: "EBUSY" });
          await real.rename(from, to);
        },
      };
      await expect(
        replaceFilesTogether(
          [
            { target: school, buffer: Buffer.from("new school workbook") },
            { target: copy, buffer: Buffer.from("new copy") },
          ],
          failing,
        ),
      ).rejects.toMatchObject({ code: "EBUSY", target: copy });
      expect(readFileSync(school, "utf8")).toBe("earlier school workbook");
      expect(readdirSync(folder).sort()).toEqual(["r.xlsx"]);

      await replaceFilesTogether(
        [
          { target: school, buffer: Buffer.from("new school workbook") },
          { target: copy, buffer: Buffer.from("new copy") },
        ],
        real,
      );
      expect(readFileSync(school, "utf8")).toBe("new school workbook");
      expect(readFileSync(copy, "utf8")).toBe("new copy");
      expect(readdirSync(folder).sort()).toEqual(["r-shareable.xlsx", "r.xlsx"]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
