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

describe("a stray value far from the data in a used range small enough to read whole", () => {
  test("a name typed at A20000 of a 40-pupil export is left out and named by its cell, as the command line does", async () => {
    const grid = exportGrid(40);
    const { fake, gateway } = setup(grid);
    fake.paste("Export", "A20000", [["Zed Stray"]], { textFormat: true });
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.analysis.pupils).toHaveLength(40);
    expect(outcome.value.analysis.pupils.some((p) => p.record.name.includes("Stray"))).toBe(false);
    const stray = outcome.value.analysis.warnings.filter((w) => /far from the rest of the data/.test(w.message));
    expect(stray).toHaveLength(1);
    expect(stray[0]?.message).toMatch(/^The sheet “Export” has a value in cell A20000, far from the rest of the data, so it was not read/);
    // Named by its cell, never by its value (warnings reach the shareable outputs).
    expect(stray[0]?.message).not.toContain("Zed");
  });
});
