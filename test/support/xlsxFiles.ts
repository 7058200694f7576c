import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** An .xlsx the command line wrote, opened with ExcelJS (as a person's Excel would read it). */
export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** An .xlsx written to memory, opened with ExcelJS. */
export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Every text in the package (all its parts), to prove what a file does not contain. */
export async function packageText(file: string | Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(typeof file === "string" ? readFileSync(file) : file);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async("string")));
  return parts.join("\n");
}

/** The workbook's TSM form (its name starts "TSM "). */
export function tsmSheetOf(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.worksheets.find((candidate) => candidate.name.startsWith("TSM "));
  if (!sheet) throw new Error(`No TSM sheet in ${workbook.worksheets.map((s) => s.name).join(", ")}`);
  return sheet;
}
