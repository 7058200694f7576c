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
    // Range.values is parsed locale-neutrally (month first), whatever the user's regional settings.
    expect(["C1", "D1", "E1"].map((a) => fake.cell("Sheet1", a)?.value)).toEqual([12, 0.932, 45666]);
    expect(fake.grid("Sheet1", "A2:E2")).toEqual([["=1+1", "+44 7700 900123", "12", "93.2%", "01/09/2025"]]);
  });

  test("a UK date typed by a person is day first; the same string written through the API is month first or text", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", grid: [["01/09/2025", "13/09/2025"]] }] });
    expect(fake.grid("Sheet1", "A1:B1")).toEqual([[45901, 45913]]);
    await fake.run(async (context: FakeContext) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2:B2").values = [["01/09/2025", "13/09/2025"]];
      await context.sync();
    });
    expect(fake.grid("Sheet1", "A2:B2")).toEqual([[45666, "13/09/2025"]]);
  });

  test("getSelectedRange fails with InvalidSelection when several areas, or a chart or picture, are selected", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", grid: [["a"]] }] });
    const address = () =>
      fake.run(async (context: FakeContext) => {
        const range = context.workbook.getSelectedRange();
        range.load("address");
        await context.sync();
        return range.address;
      });
    fake.select("Sheet1", "A1:B2");
    await expect(address()).resolves.toBe("Sheet1!A1:B2");
    fake.selectAreas("Sheet1", "A1:B2,D1:D4");
    await expect(address()).rejects.toMatchObject({ code: "InvalidSelection" });
    fake.selectObject("Sheet1");
    await expect(address()).rejects.toMatchObject({ code: "InvalidSelection" });
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

describe("settings in a co-authored workbook", () => {
  const read = (run: (batch: (c: FakeContext) => Promise<unknown>) => Promise<unknown>, key: string) =>
    run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(key);
      setting.load("value");
      await context.sync();
      return setting.isNullObject ? null : setting.value;
    });
  const write = (run: (batch: (c: FakeContext) => Promise<unknown>) => Promise<unknown>, key: string, value: unknown) =>
    run(async (context) => {
      context.workbook.settings.add(key, value);
      await context.sync();
    });

  test("each session sees its own copy, brought up to date when its next batch starts", async () => {
    const fake = new FakeExcel();
    const other = fake.coauthor();
    await write(fake.run.bind(fake), "a", "mine");
    await expect(read(other.run, "a")).resolves.toBe("mine");
    // Inside one batch the copy does not move: a co-author's write between two syncs is not seen.
    const seen = await fake.run(async (context: FakeContext) => {
      const first = context.workbook.settings.getItemOrNullObject("b");
      first.load("value");
      await context.sync();
      await write(other.run, "b", "theirs");
      const again = context.workbook.settings.getItemOrNullObject("b");
      again.load("value");
      await context.sync();
      return [first.isNullObject, again.isNullObject];
    });
    expect(seen).toEqual([true, true]);
    await expect(read(fake.run.bind(fake), "b")).resolves.toBe("theirs");
  });

  test("a setting written by one person raises onSettingsChanged for the other, not for the writer", async () => {
    const fake = new FakeExcel();
    const other = fake.coauthor();
    const heard: string[] = [];
    await fake.run(async (context: FakeContext) => {
      context.workbook.settings.onSettingsChanged.add(() => {
        heard.push("me");
      });
      await context.sync();
    });
    await other.run(async (context: FakeContext) => {
      context.workbook.settings.onSettingsChanged.add(() => {
        heard.push("other");
      });
      await context.sync();
    });
    await write(other.run, "k", "v");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual(["me"]);
  });

  test("settings over 2 MB in all are refused", async () => {
    const fake = new FakeExcel();
    await write(fake.run.bind(fake), "one", "x".repeat(1_500_000));
    await expect(write(fake.run.bind(fake), "two", "y".repeat(700_000))).rejects.toBeInstanceOf(FakeExcelError);
    expect(fake.settings.has("two")).toBe(false);
    // Replacing a value counts the new value, not both.
    await expect(write(fake.run.bind(fake), "one", "z".repeat(1_900_000))).resolves.toBeUndefined();
  });

  test("all settings can be loaded at once, with their keys", async () => {
    const fake = new FakeExcel();
    fake.settings.set("a", "1");
    fake.settings.set("b", "2");
    const all = await fake.run(async (context: FakeContext) => {
      const settings = context.workbook.settings;
      settings.load("items/key,items/value");
      await context.sync();
      return settings.items.map((s) => [s.key, s.value]);
    });
    expect(all).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
  });
});
