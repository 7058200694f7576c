import { exportGrid, settings, setup, removeOfficeGlobals } from "./support";

afterEach(removeOfficeGlobals);

describe("a used range over five million cells (Range.values comes back null)", () => {
  test("a stray value at the far corner: the data is found with bounded reads and the stray cell is named", async () => {
    const grid = exportGrid(120);
    const { fake, gateway } = setup(grid);
    fake.paste("Export", "XFD1048576", [["x"]], { textFormat: true });
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.analysis.pupils).toHaveLength(120);
    // One read, one probe, one read of the data, the rules and the write: a constant few, not thousands.
    expect(outcome.value.syncs).toBeLessThanOrEqual(6);
    const ignored = outcome.value.analysis.warnings.find((w) => /not read/.test(w.message));
    expect(ignored?.message).toMatch(/^Cells far from the data on “Export” were not read \(Export!XFD1048576, from row 1,048,576, column XFD\)\. If they belong to the export, move them next to it/);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(4);
  });

  test("a stray value far to the right of the data only", async () => {
    const grid = exportGrid(40);
    const { fake, gateway } = setup(grid);
    fake.paste("Export", "XFA3", [["stray"]], { textFormat: true });
    fake.paste("Export", "A1048000", [["stray"]], { textFormat: true });
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.analysis.pupils).toHaveLength(40);
    expect(outcome.value.analysis.warnings.some((w) => /were not read/.test(w.message))).toBe(true);
  });
});
