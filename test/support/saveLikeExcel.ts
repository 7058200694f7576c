import { existsSync, promises as fs } from "node:fs";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { addCustomProperties, readCustomProperties } from "../../src/xlsx/customProperties";

/**
 * Saves a workbook a test edited with ExcelJS over `file` as Excel would: Excel keeps a file's custom
 * document properties (the product's output marker among them), ExcelJS drops them, so they are put back.
 */
export async function saveLikeExcel(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  const properties = existsSync(file) ? await readCustomProperties(await JSZip.loadAsync(await fs.readFile(file))) : new Map<string, string>();
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  await addCustomProperties(
    zip,
    [...properties].map(([name, value]) => ({ name, value })),
  );
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
