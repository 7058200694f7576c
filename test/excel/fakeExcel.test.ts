import { FakeExcel, FakeExcelError, type FakeContext } from "../support/fakeExcel";

/** The fake must behave like Excel where the adapter's promises depend on it, or the adapter's tests mean nothing. */
describe("the in-memory Excel fake", () => {
  test("values are readable only after load and sync", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", grid: [["a", 1]] }] });
    await fake.run(async (context: FakeContext) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      expect(() => range.values).toThrow(/not available/);
      range.load("values,address");
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([["a", 1]]);
      expect(range.address).toBe("Sheet1!A1:B1");
    });
  });

  test("writes happen at sync, in order, and a failing operation stops the batch with earlier ones applied", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const run = fake.run(async (context: FakeContext) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["first"]];
      expect(fake.cell("Sheet1", "A1")).toBeUndefined();
      context.workbook.worksheets.getItem("Missing").getRange("A1").values = [["x"]];
      sheet.getRange("A2").values = [["never"]];
      await context.sync();
    });
    await expect(run).rejects.toBeInstanceOf(FakeExcelError);
    expect(fake.cell("Sheet1", "A1")?.value).toBe("first");
    expect(fake.cell("Sheet1", "A2")).toBeUndefined();
  });

  test("null objects report isNullObject after sync", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    await fake.run(async (context: FakeContext) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      missing.load("name");
      const used = context.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject(true);
      used.load("address");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
    });
  });

  test("strings written to General cells are interpreted as Excel does; text-formatted cells keep them", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    await fake.run(async (context: FakeContext) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:E1").values = [["=1+1", "+44 7700 900123", "12", "93.2%", "01/09/2025"]];
      const text = sheet.getRange("A2:E2");
      text.numberFormat = [["@", "@", "@", "@", "@"]];
      text.values = [["=1+1", "+44 7700 900123", "12", "93.2%", "01/09/2025"]];
      await context.sync();
    });
    expect(["A1", "B1"].map((a) => fake.cell("Sheet1", a)?.formula)).toEqual(["=1+1", "=+44 7700 900123"]);
    expect(["C1", "D1", "E1"].map((a) => fake.cell("Sheet1", a)?.value)).toEqual([12, 0.932, 45901]);
    expect(fake.grid("Sheet1", "A2:E2")).toEqual([["=1+1", "+44 7700 900123", "12", "93.2%", "01/09/2025"]]);
  });

  test("a request over 5 MB is refused whole and counted as a sync", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const big = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    await expect(
      fake.run(async (context: FakeContext) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.sheet("Sheet1").cells.size).toBe(0);
    expect(fake.stats.syncs).toBe(1);
  });

  test("a values array that does not match the range is rejected", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    await expect(
      fake.run(async (context: FakeContext) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [["only one row", "x"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
