import { FakeExcel, type FakeContext } from "../support/fakeExcel";
import { exportGrid, meetingDetails, removeOfficeGlobals, settings, setup } from "./support";

afterEach(removeOfficeGlobals);

const details = meetingDetails({ seniorAttendanceLead: "", linkPiasOfficer: "" });

describe("charts from text", () => {
  test("the fake, like Excel, finds no series in a column of text such as \"<3\" and \"[c]\"", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const run = fake.run(async (context: FakeContext) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const data = sheet.getRange("A1:B3");
      data.numberFormat = [["@", "@"], ["@", "@"], ["@", "@"]];
      data.values = [["Band", "Pupils"], ["Severe", "<3"], ["Persistent", "[c]"]];
      sheet.charts.add("ColumnClustered", data, "Columns");
      await context.sync();
    });
    await expect(run).rejects.toMatchObject({ code: "EmptyChartSeries" });
  });

  test("a shareable summary of a small school: every chart drawn has numbers, suppressed figures are blanks, and the run completes", async () => {
    const { fake, gateway } = setup(exportGrid(5));
    const outcome = await gateway.generateMeetingSheets({ source: { kind: "usedRange", sheetName: "Export" }, settings: settings(), details, shareable: true });
    if (!outcome.ok) throw new Error(outcome.message);
    const summary = fake.sheet("Governors summary 2025-26");
    for (const chart of summary.charts) {
      const cells = fake.grid("Governors summary 2025-26", `${String.fromCharCode(65 + chart.source.firstColumn + 1)}${chart.source.firstRow + 2}:${String.fromCharCode(65 + chart.source.lastColumn)}${chart.source.lastRow + 1}`).flat();
      expect(cells.some((v) => typeof v === "number")).toBe(true);
      expect(cells.filter((v) => typeof v === "string" && v !== "")).toEqual([]);
    }
  });
});
