import { execFileSync } from "node:child_process";
import { linkSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../support/runCli";

/**
 * Careless and hostile inputs: each gets one short sentence (or a result) quickly, never a hang, a stack
 * trace or gigabytes of memory; nothing from the input reaches the terminal raw.
 */
jest.setTimeout(60_000);
const run = (...argv: string[]) => runCli(argv, new Date(Date.UTC(2026, 0, 10)));
const header = "UPN,Surname,Forename,Year,Possible Sessions,Authorised Absences,Unauthorised Absences";
const pupils = ["A100000000001,Adams,Beth,9,150,10,8", "A100000000002,Brown,Cal,9,150,20,10", "A100000000003,Cole,Dee,10,150,2,1"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hostile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

function expectOneSentence(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr.length).toBeLessThan(400);
}

describe("inputs that are not regular files", () => {
  it("refuses a FIFO instead of waiting for it forever", async () => {
    const fifo = path.join(dir, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    expectOneSentence(await run(fifo, "--json"), /is not a regular file/);
  });

  it("refuses /dev/zero behind a .csv name", async () => {
    const zero = path.join(dir, "zero.csv");
    symlinkSync("/dev/zero", zero);
    expectOneSentence(await run(zero, "--json"), /is not a regular file/);
  });
});

it("names an encrypted .xlsx as password-protected", async () => {
  const ole = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
  Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1024);
  expectOneSentence(await run(file("locked.xlsx", ole), "--json"), /locked\.xlsx is password-protected/);
});

describe("rows, columns and cells beyond Excel's limits", () => {
  it("reads a CSV whose lines end in thousands of empty fields: empty columns are not data", async () => {
    const padding = ",".repeat(16_385);
    const csv = file("padded.csv", [header + padding, ...pupils.map((line) => line + padding), padding].join("\n"));
    const result = await run(csv, "--json", "--out", path.join(dir, "padded.xlsx"));
    expect(result.stderr).toContain("Wrote");
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { pupils: unknown[] }).pupils).toHaveLength(3);
  });

  it("reads a CSV whose lines run to exactly column 16,386 with empty fields (the width that broke ExcelJS)", async () => {
    // 16,386 fields per line: two more than Excel's 16,384 columns, all of them empty.
    const pad = (line: string) => line + ",".repeat(16_386 - line.split(",").length);
    const csv = file("exact.csv", [header, ...pupils].map(pad).join("\n"));
    expect(readFileSync(csv, "utf8").split("\n")[1]!.split(",")).toHaveLength(16_386);
    const result = await run(csv, "--json", "--out", path.join(dir, "exact.xlsx"));
    expect(result.stderr).toContain("Wrote");
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { pupils: unknown[] }).pupils).toHaveLength(3);
  });

  it("takes a value in Excel's last column (XFD, 16,384) and refuses one in column 16,385", async () => {
    const valueIn = (columns: number) => `${",".repeat(columns - 1)}x`;
    const last = await run(file("last-column.csv", [header, ...pupils, valueIn(16_384)].join("\n")), "--json");
    expect(last.code).toBe(0);
    // Far from the data, so it is left out and named.
    expect(last.stdout).toContain("has a value in cell XFD5, far from the rest of the data");
    const beyond = file("beyond.csv", [header, ...pupils, valueIn(16_385)].join("\n"));
    expectOneSentence(await run(beyond, "--json"), /^Row 5 of beyond\.csv has 16,385 columns, more than the 16,384 Excel allows/);
  });

  it("reads a CSV with one line of 400,000 commas", async () => {
    const csv = file("commas.csv", [header, ...pupils, ",".repeat(400_000)].join("\n"));
    const result = await run(csv, "--json");
    expect(result.code).toBe(0);
  });

  it("refuses a line with more values than Excel has columns, naming the row", async () => {
    const csv = file("wide.csv", [header, ...pupils, "x,".repeat(20_000)].join("\n"));
    expectOneSentence(await run(csv, "--json"), /^Row 5 of wide\.csv has 20,000 columns, more than the 16,384 Excel allows/);
  });

  it("refuses a field longer than a cell can hold, quoting none of it", async () => {
    const csv = file("long.csv", [header, ...pupils, `A100000000004,${"Z".repeat(900_000)},Eve,9,150,1,1`].join("\n"));
    const result = await run(csv, "--json");
    expectOneSentence(result, /^Row 5, column B of long\.csv holds 900,000 characters, more than the 32,767 a cell can hold/);
    expect(result.stderr).not.toContain("ZZZZ");
  });

  it("refuses a CSV with more rows than Excel holds", async () => {
    const csv = file("tall.csv", `${header}\n${"A100000000001,Adams,Beth,9,150,10,8\n".repeat(1_048_576)}`);
    expectOneSentence(await run(csv, "--json"), /more than 1,048,576 rows/);
  });

  it("refuses an .xlsx that unpacks to more than it may, before reading it, suggesting CSV", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Export").addRows([header.split(","), ...pupils.map((line) => line.split(","))]);
    const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
    // 41 MB of padding compresses to a few kilobytes: the file is small, what it unpacks to is not.
    zip.file("customXml/padding.xml", " ".repeat(41 * 1024 * 1024));
    const dense = file("dense.xlsx", await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expectOneSentence(await run(dense, "--json"), /^dense\.xlsx unpacks to 42 MB, more than the 40 MB this tool reads from an \.xlsx: save the sheet as CSV UTF-8/);
  });

  it.each([
    ["XFD1048576", "far-corner.xlsx"],
    ["A1048576", "far-below.xlsx"],
    ["BZZ3", "far-right.xlsx"],
  ])("reads an .xlsx with one stray value at %s, leaving it out with a warning naming the cell", async (address, name) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Export");
    sheet.addRows([header.split(","), ...pupils.map((line) => line.split(","))]);
    sheet.getCell(address).value = "Okafor";
    const target = path.join(dir, name);
    await workbook.xlsx.writeFile(target);
    const out = path.join(dir, `out-${name}`);
    const started = Date.now();
    const result = await run(target, "--json", "--out", out);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { pupils: unknown[]; warnings: { message: string }[] };
    expect(report.pupils).toHaveLength(3);
    const warning = report.warnings.find((w) => w.message.includes(`cell ${address}`));
    expect(warning?.message).toMatch(new RegExp(`has a value in cell ${address}, far from the rest of the data, so it was not read`));
    // The cell is named, never its value (it may be a name).
    expect(result.stdout).not.toContain("Okafor");
    // The written copy ends with the data: no million empty rows, and no stray value.
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const data = written.worksheets[0]!;
    expect(data.rowCount).toBeLessThan(50);
    expect(data.getCell(address).value).toBeNull();
  });

  it("reads a CSV with a stray value far below and one far to the right, naming both", async () => {
    const lines = [header, ...pupils.slice(0, 2), `${pupils[2]}${",".repeat(2_000)}note`, ...new Array<string>(20_000).fill(""), "x"];
    const result = await run(file("strays.csv", lines.join("\n")), "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { pupils: unknown[]; warnings: { message: string }[] };
    // The pupil row with the stray is still read (the stray is not a field that shifted the row).
    expect(report.pupils).toHaveLength(3);
    expect(report.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^strays\.csv has a value in cells BYE4 and A20005, far from the rest of the data, so they were not read/),
    );
  });
});

it("names the sheet of an export called History.csv as Excel allows (\"History\" is reserved)", async () => {
  const csv = file("History.csv", [header, ...pupils].join("\n"));
  const out = path.join(dir, "history.xlsx");
  const result = await run(csv, "--out", out);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  expect(workbook.worksheets[0]?.name).toBe("History (2)");
});

describe("an export named like a sheet the product writes", () => {
  const sheetNames = async (out: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    return workbook.worksheets.map((sheet) => sheet.name);
  };

  it.each(["Attendance history", "Pupil key (school only)", "TSM Spring 2025-26", "governors SUMMARY 2025-26"])(
    "writes %s.csv with its data sheet renamed, not a crash",
    async (name) => {
      const csv = file(`${name}.csv`, [header, ...pupils].join("\n"));
      const out = path.join(dir, `named-${name.length}.xlsx`);
      const result = await run(csv, "--out", out);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const names = await sheetNames(out);
      expect(names[0]).toBe(`${name} (2)`);
      expect(new Set(names.map((sheet) => sheet.toLowerCase())).size).toBe(names.length);
      expect(result.stdout).toContain(`the data sheet is "${name} (2)", as the workbook holds a sheet called "${name}" of its own`);
    },
  );

  it("keeps an earlier term's form when the next export is named like it", async () => {
    const out = path.join(dir, "terms.xlsx");
    const csv = file("week.csv", [header, ...pupils].join("\n"));
    expect((await runCli([csv, "--out", out, "--date", "01/06/2026"], new Date(Date.UTC(2026, 5, 1)))).code).toBe(0);
    const summer = file("TSM Summer 2025-26.csv", [header, ...pupils].join("\n"));
    const result = await runCli([summer, "--out", out, "--date", "01/12/2026"], new Date(Date.UTC(2026, 11, 1)));
    expect(result.stderr).toBe("");
    const names = await sheetNames(out);
    expect(names).toContain("TSM Summer 2025-26");
    expect(names).toContain("TSM Summer 2025-26 (2)");
    expect(names).toContain("TSM Autumn 2026-27");
  });
});

it("says an --out name longer than the disk allows is too long, and writes nothing", async () => {
  const csv = file("named.csv", [header, ...pupils].join("\n"));
  const result = await run(csv, "--out", path.join(dir, `${"a".repeat(300)}.xlsx`));
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/: the name is longer than the disk allows; choose a shorter --out name\.\n$/);
});

describe("a workbook this tool wrote, given back as the export", () => {
  it("refuses the shareable copy, whose summary's cohort rows would read as pupils without names", async () => {
    const csv = file("given-back.csv", [header, ...pupils].join("\n"));
    const out = path.join(dir, "given-back.xlsx");
    expect((await run(csv, "--out", out, "--shareable", "--school", "Oakfield")).code).toBe(0);
    const copy = await run(path.join(dir, "given-back-shareable.xlsx"), "--json");
    expectOneSentence(copy, /^given-back-shareable\.xlsx was written by this tool and holds no export, only its own sheets/);
    // The school's workbook is read from its data sheet, and --sheet cannot pick one of the tool's own.
    const school = await run(out, "--json");
    expect(school.code).toBe(0);
    expect((JSON.parse(school.stdout) as { pupils: unknown[] }).pupils).toHaveLength(pupils.length);
    expectOneSentence(await run(out, "--json", "--sheet", "Pupil key (school only)"), /^The sheet "Pupil key \(school only\)" in given-back\.xlsx is the pupil key this tool wrote, not an export/);
  });
});

describe("--out given as a link", () => {
  it("refuses a symbolic or hard link to the export being read", async () => {
    const csv = file("linked.csv", [header, ...pupils].join("\n"));
    const before = readFileSync(csv);
    symlinkSync(csv, path.join(dir, "soft-link.xlsx"));
    linkSync(csv, path.join(dir, "hard-link.xlsx"));
    for (const link of ["soft-link.xlsx", "hard-link.xlsx"]) {
      const result = await run(csv, "--out", path.join(dir, link));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--out names the file being read/);
    }
    expect(readFileSync(csv)).toEqual(before);
  });

  it("writes through a symbolic link to an earlier output, keeping the link", async () => {
    const csv = file("through.csv", [header, ...pupils].join("\n"));
    const real = path.join(dir, "real-output.xlsx");
    expect((await run(csv, "--out", real)).code).toBe(0);
    const link = path.join(dir, "output-link.xlsx");
    symlinkSync(real, link);
    const before = statSync(real).mtimeMs;
    const result = await run(csv, "--out", link);
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mtimeMs).toBeGreaterThanOrEqual(before);
    expect(result.stdout).toContain(`Wrote ${real}`);
  });
});

it("quotes at most a short excerpt of a --national field, with a NUL shown escaped", async () => {
  const national = JSON.parse(readFileSync(path.join(__dirname, "../../assets/national-figures.example.json"), "utf8")) as {
    rows: Record<string, unknown>[];
  };
  national.rows[0] = { ...national.rows[0], [`x\u0000${"y".repeat(900_000)}`]: 1 };
  const json = file("national.json", JSON.stringify(national));
  const csv = file("small.csv", [header, ...pupils].join("\n"));
  const result = await run(csv, "--national", json);
  expectOneSentence(result, /has a field "x\\u0000y+…"/);
  expect(result.stderr).not.toContain("\u0000");
});

it("shows control characters in names escaped in the text summary, so they cannot drive the terminal", async () => {
  const csv = file("controls.csv", [header, "A100000000001,Adams\u001b[2J,Beth\u0007,9,150,40,30", ...pupils.slice(1)].join("\n"));
  const result = await run(csv);
  expect(result.code).toBe(0);
  // eslint-disable-next-line no-control-regex
  expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  expect(result.stdout).toContain("Adams\\u001B[2J");
});
