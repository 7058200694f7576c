import type { CellValue } from "../../src/core/read/grid";
import type { TsmMeetingDetails } from "../../src/core/report/tsmDetails";
import { defaultSettings, type AttendanceSettings } from "../../src/core/rules/settings";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { summaryExportGrid } from "../../src/sample/sampleExport";
import { FakeExcel, type Value } from "../support/fakeExcel";

/** A SIMS-like summary export of `pupils` pupils (title rows, header on row 4, totals row). */
export function exportGrid(pupils: number, seed = 7): Value[][] {
  return summaryExportGrid({ pupils, seed }).map((row) => row.map((v: CellValue) => v));
}

export function settings(overrides: Partial<AttendanceSettings> = {}): AttendanceSettings {
  return { ...JSON.parse(JSON.stringify(defaultSettings)), ...overrides } as AttendanceSettings;
}

/** What FakeExcel.install() put on globalThis, removed after each test (`afterEach(removeOfficeGlobals)`). */
export function removeOfficeGlobals(): void {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
}

/** The meeting details a TSM form is made with in these tests. */
export function meetingDetails(overrides: Partial<TsmMeetingDetails> = {}): TsmMeetingDetails {
  return {
    schoolName: "Oakfield Academy",
    urn: "999999",
    phase: "secondary",
    meetingDate: "2025-11-14",
    seniorAttendanceLead: "Ms A Khan",
    linkPiasOfficer: "Mr B Jones",
    ...overrides,
  };
}

/** A fake Excel with the export on the active sheet "Export", pasted as text-safe values, and a gateway on it. */
export function setup(grid: Value[][], options: { textFormat?: boolean } = {}) {
  const fake = new FakeExcel({ sheets: [] });
  fake.addSheet("Export", grid, { textFormat: options.textFormat ?? true });
  const uninstall = fake.install();
  const gateway = createOfficeGateway();
  return { fake, gateway, uninstall };
}

/** Every cell of every sheet that holds a formula. */
export function formulaCells(fake: FakeExcel): string[] {
  const found: string[] = [];
  for (const sheet of fake.sheets) {
    for (const [k, cell] of sheet.cells) if (cell.formula !== null) found.push(`${sheet.name}!${k}:${cell.formula}`);
  }
  return found;
}

export function snapshotSheet(fake: FakeExcel, name: string) {
  const sheet = fake.sheet(name);
  return [...sheet.cells.entries()].map(([k, c]) => [k, c.value, c.formula, c.numberFormat]);
}
