import { checkRequirements, supportsDelayForCellEdit } from "../../src/excel/requirements";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { FakeExcel } from "../support/fakeExcel";
import { exportGrid, settings, removeOfficeGlobals } from "./support";

afterEach(removeOfficeGlobals);

describe("checkRequirements", () => {
  test("outside Office it says to open the add-in in Excel", () => {
    const result = checkRequirements();
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/runs inside Excel/) });
  });

  test("in another Office application it says it works in Excel only", () => {
    const fake = new FakeExcel();
    fake.host = "Word";
    fake.install();
    expect(checkRequirements()).toEqual({ ok: false, message: expect.stringMatching(/works in Excel only/) });
  });

  test("an Excel without ExcelApi 1.9 is told to update", () => {
    const fake = new FakeExcel();
    fake.requirementSets = { ExcelApi: "1.8" };
    fake.install();
    expect(checkRequirements()).toEqual({ ok: false, message: expect.stringMatching(/needs Excel JavaScript API 1\.9.*update Excel/) });
  });

  test("Excel with ExcelApi 1.9 or later is fine", () => {
    const fake = new FakeExcel();
    fake.requirementSets = { ExcelApi: "1.9" };
    fake.install();
    expect(checkRequirements()).toEqual({ ok: true });
    fake.requirementSets = { ExcelApi: "1.17" };
    expect(checkRequirements()).toEqual({ ok: true });
  });

  test("delayForCellEdit is passed to Excel.run only where ExcelApi 1.11 is supported", async () => {
    for (const [version, expected] of [["1.10", false], ["1.11", true]] as const) {
      const fake = new FakeExcel({ sheets: [{ name: "Export", grid: exportGrid(5), textFormat: true }] });
      fake.requirementSets = { ExcelApi: version };
      fake.install();
      expect(supportsDelayForCellEdit()).toBe(expected);
      await createOfficeGateway().analyse({ source: { kind: "usedRange" }, settings: settings() });
      expect(fake.runOptions).toEqual(expected ? [{ delayForCellEdit: true }] : []);
      expect(fake.stats.runs).toBe(1);
    }
  });
});

test("office.js in an ordinary browser tab (no host, no requirement checker) is treated as outside Excel", () => {
  (globalThis as Record<string, unknown>).Office = { context: {}, HostType: { Excel: "Excel" } };
  expect(checkRequirements()).toEqual({ ok: false, message: expect.stringMatching(/runs inside Excel/) });
});
