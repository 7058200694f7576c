import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanValue } from "../../src/core/report/plan";
import { queueValues } from "../../src/excel/applyPlans";
import { WriteQueue } from "../../src/excel/writeQueue";
import type { FakeContext } from "../support/fakeExcel";
import { exportGrid, meetingDetails, settings, setup, removeOfficeGlobals } from "./support";

/** Excel behaviours the adapter must survive: selections that are not one block, locale-neutral writes, vanished sheets. */

const details = meetingDetails();

afterEach(removeOfficeGlobals);

describe("a selection that is not one block of cells", () => {
  test.each([
    ["several separate areas", (f: ReturnType<typeof setup>["fake"]) => f.selectAreas("Export", "A1:C10,E1:E10")],
    ["a chart, shape or picture", (f: ReturnType<typeof setup>["fake"]) => f.selectObject("Export")],
  ])("%s: a plain message saying what to select, nothing written", async (_what, select) => {
    const { fake, gateway } = setup(exportGrid(20));
    select(fake);
    const before = fake.grid("Export");
    for (const outcome of [
      await gateway.analyse({ source: { kind: "selection" }, settings: settings() }),
      await gateway.preview({ kind: "selection" }, settings()),
      await gateway.generateMeetingSheets({ source: { kind: "selection" }, settings: settings(), details, shareable: false }),
    ]) {
      expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^Select a single block of cells \(not a chart, picture or several separate areas\)/) });
      if (!outcome.ok) expect(outcome.message).not.toMatch(/InvalidSelection/);
    }
    expect(fake.grid("Export")).toEqual(before);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Export"]);
    expect(fake.settings.size).toBe(0);
  });
});

describe("values are written locale-neutrally", () => {
  test("strings stay exactly as planned and numbers, dates and percentages go as numbers, whatever Excel would parse", async () => {
    const { fake } = setup([["x"]]);
    const rows: PlanValue[][] = [
      ["01/09/2025", 45901, "12", 0.932, "93.2%", true, "=SUM(A1)", null, "1,5"],
      ["13/09/2025", 45913.5, "-3", 0, "+44 7700 900123", false, "", 1e-7, "2025-09-01"],
    ];
    await fake.run(async (context: FakeContext) => {
      const queue = new WriteQueue();
      const sheet = context.workbook.worksheets.getItem("Export") as unknown as Excel.Worksheet;
      queueValues(queue, sheet, 4, 0, rows, [null, "dd/mm/yyyy", null, "0.0%", null, null, null, null, null]);
      await queue.flush(() => context.sync());
    });
    expect(fake.grid("Export", "A5:I6")).toEqual(rows.map((row) => row.map((v) => (v === null ? "" : v))));
    expect(fake.cell("Export", "B5")?.numberFormat).toBe("dd/mm/yyyy");
  });

  test("every date on the generated sheets is a number with a date format, and every string cell is text", async () => {
    const { fake, gateway } = setup(exportGrid(60));
    const outcome = await gateway.generateMeetingSheets({ source: { kind: "usedRange", sheetName: "Export" }, settings: settings(), details, shareable: false });
    expect(outcome.ok).toBe(true);
    let dates = 0;
    for (const sheet of fake.sheets.filter((s) => s.name !== "Export")) {
      for (const cell of sheet.cells.values()) {
        if (/d.*m.*y/i.test(cell.numberFormat)) {
          if (cell.value !== "") {
            expect(typeof cell.value).toBe("number");
            dates++;
          }
        }
        if (typeof cell.value === "string" && cell.value !== "") expect(cell.numberFormat).toBe("@");
      }
    }
    expect(dates).toBeGreaterThan(0);
  });

  test("the adapter never uses the locale-dependent properties (numberFormatLocal, formulasLocal, formulaLocal)", () => {
    const folder = join(__dirname, "../../src/excel");
    for (const file of readdirSync(folder)) {
      const text = readFileSync(join(folder, file), "utf8");
      expect({ file, uses: /\b(numberFormatLocal|formulasLocal|formulaLocal|valuesAsJsonLocal|textLocal)\b/.test(text) }).toEqual({ file, uses: false });
    }
  });
});

describe("a sheet deleted while the add-in works", () => {
  test("Excel's ItemNotFound becomes a message naming the sheet that went, not Excel's code", async () => {
    const { fake, gateway } = setup(exportGrid(60));
    const request = { source: { kind: "usedRange" as const, sheetName: "Export" }, settings: settings(), details, shareable: false };
    expect((await gateway.generateMeetingSheets(request)).ok).toBe(true);
    const summary = fake.sheets.find((s) => s.name.startsWith("Governors summary"))!.name;
    // A co-author deletes the governors' summary (and its charts) after the add-in read it, before it writes.
    const reads = fake.stats.syncs;
    fake.betweenSyncs = (n) => {
      if (n === reads + 3) {
        fake.deleteSheet(summary);
        fake.betweenSyncs = null;
      }
    };
    const outcome = await gateway.generateMeetingSheets(request);
    expect(fake.findSheet(summary)).toBeUndefined();
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(`There is no sheet called “${summary}” in this workbook any more`) });
    if (!outcome.ok) expect(outcome.message).not.toMatch(/ItemNotFound/);
  });
});
