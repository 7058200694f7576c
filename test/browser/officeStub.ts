// Stands in for https://officeapis.public.onecdn.static.microsoft/1/office.js in the browser test: the Office and
// Excel globals over the in-memory fake workbook (test/support/fakeExcel.ts), bundled by esbuild into one
// script (harness.ts bundleOfficeStub). The test reads the fake workbook through window.__attendanceTest.
import { sampleExportGrid } from "../../src/sample/sampleExport";
import { FakeExcel, type Value } from "../support/fakeExcel";

type Action = (event: { completed: () => void }) => unknown;

const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
fake.install();
const actions = new Map<string, Action>();
const ready = { host: "Excel", platform: "OfficeOnline" };

const office = (globalThis as unknown as { Office: Record<string, unknown> }).Office;
Object.assign(office, {
  PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
  actions: { associate: (name: string, action: Action) => actions.set(name, action) },
  onReady(callback?: (info: typeof ready) => unknown) {
    // Like office.js: resolves after the page's scripts have run, never synchronously.
    return new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
      callback?.(ready);
      return ready;
    });
  },
});
Object.assign(office.context as object, {
  displayLanguage: "en-GB",
  platform: "OfficeOnline",
  diagnostics: { platform: "OfficeOnline" },
  // Office's theme colours; a test sets window.__officeTheme before the page loads to try the dark theme.
  officeTheme: (globalThis as { __officeTheme?: unknown }).__officeTheme,
});

const testing = {
  fake,
  /** Pastes the sample export into a new active sheet, as a user pasting an MIS export would. */
  pasteSample(sheetName: string): void {
    fake.addSheet(sheetName, sampleExportGrid() as Value[][]);
    fake.setActive(sheetName);
  },
  associatedActions: (): string[] => [...actions.keys()],
  /** Runs a ribbon command the way Excel does; resolves with how many times it called event.completed(). */
  async runAction(name: string): Promise<number> {
    const action = actions.get(name);
    if (!action) throw new Error(`No action "${name}" was associated.`);
    let completed = 0;
    await new Promise<void>((resolve) => {
      void action({
        completed: () => {
          completed += 1;
          resolve();
        },
      });
    });
    return completed;
  },
  /** Plain-data view of the workbook for assertions from Node. */
  snapshot() {
    return fake.sheets.map((sheet) => ({
      name: sheet.name,
      visibility: sheet.visibility ?? "Visible",
      conditionalFormats: sheet.conditionalFormats.length,
      grid: fake.grid(sheet.name),
    }));
  },
  settings: (): Record<string, unknown> => Object.fromEntries(fake.settings),
  /** How many Excel.run batches the add-in has made (each Analyse makes at least one). */
  runs: (): number => fake.stats.runs,
};

(globalThis as unknown as { __attendanceTest: typeof testing }).__attendanceTest = testing;
