import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { gridToCsv } from "./csv";
import { sampleExportGrid } from "./sampleExport";

/** `npm run sample`: writes the bundled sample export that `npm run demo` analyses. */
export const sampleCsvPath = path.resolve(__dirname, "../../assets/sample/sample-export.csv");

export function writeSampleCsv(target: string = sampleCsvPath): string {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, gridToCsv(sampleExportGrid()), "utf8");
  return target;
}

if (require.main === module) {
  const written = writeSampleCsv();
  process.stdout.write(`Wrote the sample export to ${path.relative(process.cwd(), written)}.\n`);
}
