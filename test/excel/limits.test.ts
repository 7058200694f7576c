import { excelLimits } from "../../src/core/report/excelLimits";
import { FakeExcel, type FakeContext } from "../support/fakeExcel";
import { exportGrid, meetingDetails, removeOfficeGlobals, settings, setup, snapshotSheet } from "./support";

afterEach(removeOfficeGlobals);

const details = meetingDetails();

describe("the fake refuses what Excel refuses, from the core table of limits", () => {
  test("text longer than a cell holds", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const run = fake.run(async (context: FakeContext) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x".repeat(excelLimits.cellText + 1)]];
      await context.sync();
    });
    await expect(run).rejects.toThrow(/at most 32767 characters/);
  });

  test("a header longer than 255 characters, its codes counted", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const run = fake.run(async (context: FakeContext) => {
      const hf = context.workbook.worksheets.getItem("Sheet1").pageLayout.headersFooters.defaultForAllPages;
      hf.centerHeader = "a".repeat(200);
      hf.rightHeader = "b".repeat(54);
      await context.sync();
    });
    await expect(run).rejects.toThrow(/header holds at most 255 characters; this one has 258/);
  });

  test("a validation prompt, error or typed list longer than Excel allows", async () => {
    for (const apply of [
      (dv: { prompt: unknown }) => (dv.prompt = { showPrompt: true, title: "", message: "p".repeat(256) }),
      (dv: { errorAlert: unknown }) => (dv.errorAlert = { showAlert: true, title: "t".repeat(33), message: "" }),
      (dv: { rule: unknown }) => (dv.rule = { list: { inCellDropDown: true, source: "c,".repeat(128) } }),
    ]) {
      const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
      const run = fake.run(async (context: FakeContext) => {
        apply(context.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation as never);
        await context.sync();
      });
      await expect(run).rejects.toThrow(/longer than Excel allows/);
    }
  });
});

describe("a plan beyond Excel's limits is refused before anything is written", () => {
  test("a school name too long for the printed header: a message saying how long it may be, and the workbook as it was", async () => {
    const { fake, gateway, uninstall } = setup(exportGrid(30));
    const before = snapshotSheet(fake, "Export");
    const outcome = await gateway.generateMeetingSheets({
      source: { kind: "usedRange", sheetName: "Export" },
      settings: settings(),
      details: { ...details, schoolName: "The Very Long Name Of A Federation Of Schools ".repeat(6) },
      shareable: false,
    });
    uninstall();
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/Enter at most 120 characters for the school's name/);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Export"]);
    expect(snapshotSheet(fake, "Export")).toEqual(before);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(0);
  });
});
