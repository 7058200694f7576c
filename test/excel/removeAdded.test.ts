import { columnLetter } from "../../src/core/common/a1";
import { notesHeading } from "../../src/core/report/sheetNotes";
import { settingKeys } from "../../src/excel/storedState";
import type { FakeExcel } from "../support/fakeExcel";
import { exportGrid, removeOfficeGlobals, settings, setup } from "./support";

// "Remove what Analyse added" (issue 12 item 7, docs/rules.md §15).
const headerIndex = 3;

afterEach(removeOfficeGlobals);

/** Everything about the sheet that Analyse may touch: every cell whole, widths, hidden columns, rules, names, page setup. */
function sheetState(fake: FakeExcel, name: string) {
  const sheet = fake.sheet(name);
  return {
    cells: [...sheet.cells.entries()].sort(([a], [b]) => a - b).map(([k, cell]) => [k, { ...cell }]),
    columnWidths: [...sheet.columnWidths.entries()].sort(([a], [b]) => a - b),
    hiddenColumns: [...sheet.hiddenColumns],
    rowHeights: [...sheet.rowHeights.entries()],
    conditionalFormats: sheet.conditionalFormats.length,
    names: fake.names.filter((n) => n.scope === sheet.id || n.sheetId === sheet.id).map((n) => n.name),
    orientation: sheet.pageLayout.orientation,
    zoom: sheet.pageLayout.zoom,
    // Excel's "Normal" 0.7 inch (50.4 pt) until someone sets them.
    margins: [sheet.pageLayout.leftMargin ?? 50.4, sheet.pageLayout.rightMargin ?? 50.4],
    // An empty section is no section (Excel stores none).
    headerFooter: Object.fromEntries(Object.entries(sheet.pageLayout.headerFooter).filter(([, v]) => v !== "")),
  };
}

function addedColumn(fake: FakeExcel, heading: string): number {
  const row = fake.grid("Export", `A${headerIndex + 1}:AZ${headerIndex + 1}`)[0] ?? [];
  return row.indexOf(heading);
}

describe("Remove what Analyse added", () => {
  test("leaves the sheet value for value and format for format as pasted, keeps typed notes on a new sheet, and is safe to run again", async () => {
    const grid = exportGrid(60);
    const { fake, gateway } = setup(grid);
    const sheet = fake.sheet("Export");
    // The school's own layout before any Analyse: a wide column where the added ones will go, portrait, a header.
    sheet.columnWidths.set(0, 70);
    sheet.columnWidths.set(21, 90);
    sheet.pageLayout.orientation = "Portrait";
    sheet.pageLayout.zoom = { scale: 85 };
    sheet.pageLayout.leftMargin = 36;
    sheet.pageLayout.headerFooter.centerHeader = "Oakfield weekly export";
    const pasted = sheetState(fake, "Export");

    const request = { source: { kind: "usedRange" as const }, settings: settings() };
    const first = await gateway.analyse(request);
    if (!first.ok) throw new Error(first.message);
    // Analyse changed the page setup and widths, and added columns, rules, a name and a hidden column.
    expect(sheet.pageLayout.orientation).toBe("Landscape");
    expect([sheet.pageLayout.leftMargin, sheet.pageLayout.rightMargin]).toEqual([18, 18]);
    expect(sheet.conditionalFormats.length).toBeGreaterThan(0);
    expect(sheet.hiddenColumns.size).toBe(1);
    const harry = 6; // the pupil on sheet row 6
    const pupil = grid[harry - 1]!;
    fake.paste("Export", `${columnLetter(addedColumn(fake, notesHeading))}${harry}`, [["Met mum 3/11"]], { textFormat: true });
    const again = await gateway.analyse(request);
    if (!again.ok) throw new Error(again.message);

    fake.resetStats();
    const removed = await gateway.removeAdded(request);
    if (!removed.ok) throw new Error(removed.message);
    const syncs = fake.stats.syncs;

    const after = sheetState(fake, "Export");
    expect(after).toEqual(pasted);
    expect(removed.value.message).toContain("Removed from “Export”");
    expect(removed.value.message).toContain("put back the column widths and page setup as they were before the first Analyse");
    expect(removed.value.message).toContain("1 note typed in Analyse's columns was kept on the new sheet “Notes from Export”.");
    // Excel's API cannot clear a print area: said, with how to do it.
    expect(removed.value.message).toContain("Page Layout > Print Area > Clear Print Area");
    // The note is kept with its pupil's name, never dropped.
    expect(fake.grid("Notes from Export", "A1:D2")).toEqual([
      ["Pupil", "UPN", "Row on the sheet", "Notes"],
      [`${String(pupil[2])} ${String(pupil[1])}`, pupil[0], harry, "Met mum 3/11"],
    ]);
    // The sheet's record is gone from the settings.
    expect([...fake.settings.keys()].some((k) => k.startsWith(settingKeys.highlight("")))).toBe(false);
    // Read, the rules' formulas, one write, and removing the record (its own sync, as every run removes settings).
    expect(syncs).toBeLessThanOrEqual(4);

    // Idempotent: again, nothing changes and it says so.
    const twice = await gateway.removeAdded(request);
    if (!twice.ok) throw new Error(twice.message);
    expect(twice.value.message).toBe("Analyse has added nothing to “Export” that is still there, so nothing was changed.");
    expect(sheetState(fake, "Export")).toEqual(pasted);
    expect(fake.sheets.map((s) => s.name).filter((n) => n.startsWith("Notes from"))).toEqual(["Notes from Export"]);

    // And Analyse works again afterwards.
    const third = await gateway.analyse(request);
    expect(third.ok).toBe(true);
  });

  test("the number of syncs does not depend on the number of pupils", async () => {
    const counts: number[] = [];
    for (const pupils of [100, 3000]) {
      const { fake, gateway } = setup(exportGrid(pupils));
      const request = { source: { kind: "usedRange" as const }, settings: settings() };
      await gateway.analyse(request);
      fake.resetStats();
      const removed = await gateway.removeAdded(request);
      expect(removed.ok).toBe(true);
      counts.push(fake.stats.syncs);
      removeOfficeGlobals();
    }
    expect(counts[0]).toBe(counts[1]);
  }, 60_000);

  test("says what it could not put back when the sheet was edited and the record is gone", async () => {
    const grid = exportGrid(20);
    const { fake, gateway } = setup(grid);
    const request = { source: { kind: "usedRange" as const }, settings: settings() };
    await gateway.analyse(request);
    // The record went (the sheet copied into another workbook, say); the add-in's name and columns are still there.
    for (const key of [...fake.settings.keys()]) if (key.startsWith(settingKeys.highlight(""))) fake.settings.delete(key);
    fake.primary.refresh();
    const removed = await gateway.removeAdded(request);
    if (!removed.ok) throw new Error(removed.message);
    expect(removed.value.message).toContain("Removed from “Export”");
    expect(removed.value.message).toContain("were not recorded");
    expect(fake.grid("Export", `U1:AZ${grid.length}`).flat().every((v) => v === "")).toBe(true);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(0);
  });
});
