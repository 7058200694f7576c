import { defaultSettings } from "../../src/core/rules/settings";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { summaryExportGrid } from "../../src/sample/sampleExport";
import { FakeExcel } from "../support/fakeExcel";

/**
 * Analyse through the Excel adapter against the in-memory fake (test/support/fakeExcel.ts), for a small and
 * a large school: how many context.sync() calls and queued Excel operations one run makes. The sync count
 * must not grow with the number of pupils; operations grow only with chunks above the 5 MB request limit.
 */
export async function excelFigures(): Promise<{ pupils: number; syncs: number; operations: number }[]> {
  const figures: { pupils: number; syncs: number; operations: number }[] = [];
  for (const pupils of [100, 5000]) {
    const fake = new FakeExcel({ sheets: [] });
    fake.addSheet("Export", summaryExportGrid({ pupils, seed: 11 }), { textFormat: true });
    const uninstall = fake.install();
    try {
      const outcome = await createOfficeGateway().analyse({ source: { kind: "usedRange" }, settings: defaultSettings });
      if (!outcome.ok) throw new Error(`Analyse failed on the fake for ${pupils} pupils: ${outcome.message}`);
      figures.push({ pupils, syncs: fake.stats.syncs, operations: fake.stats.operations });
    } finally {
      uninstall();
    }
  }
  return figures;
}
