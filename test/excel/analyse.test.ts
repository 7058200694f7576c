import { planHighlight } from "../../src/core/report/highlightPlan";
import { bandLabels } from "../../src/core/rules/bandLabels";
import { columnLetter, rectAddress } from "../../src/core/common/a1";
import { bandColours } from "../../src/core/report/styles";
import { highlightRangeName } from "../../src/core/report/highlightPlan";
import { exportGrid, removeOfficeGlobals, settings, setup } from "./support";

// The sample export has 19 columns (A–S) with the header on row 4: the added columns start at U (T is the gap).
const header = 4;

afterEach(removeOfficeGlobals);

function pupilRowOf(grid: (string | number | boolean)[][], band: "severe" | "expected"): number {
  // Possible in F, % attendance in K: pick a pupil clearly in the band.
  const index = grid.findIndex((row, i) => i >= header && typeof row[5] === "number" && (row[5] as number) > 0 && typeof row[10] === "number" && (band === "severe" ? (row[10] as number) < 40 : (row[10] as number) > 97));
  if (index < 0) throw new Error(`no ${band} pupil in the fixture`);
  return index + 1;
}

describe("Analyse through the Excel adapter", () => {
  test("leaves every pasted value and format untouched and adds headed columns to the right", async () => {
    const grid = exportGrid(120);
    const { fake, gateway } = setup(grid);
    const before = fake.grid("Export", `A1:S${grid.length}`);
    const formatsBefore = [...fake.sheet("Export").cells.entries()].map(([k, c]) => [k, c.numberFormat]);

    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(outcome.ok).toBe(true);

    expect(fake.grid("Export", `A1:S${grid.length}`)).toEqual(before);
    const sheet = fake.sheet("Export");
    for (const [k, format] of formatsBefore) expect(sheet.cells.get(k as number)?.numberFormat).toBe(format);
    // The gap column stays empty; headings start at U on the header row.
    expect(fake.grid("Export", `T1:T${grid.length}`).flat().every((v) => v === "")).toBe(true);
    expect(fake.cell("Export", `U${header}`)?.value).toBe("Attendance band");
    const severeRow = pupilRowOf(grid, "severe");
    expect(fake.cell("Export", `U${severeRow}`)?.value).toBe(bandLabels.severe.long);
    // The band colour reaches the pupil's own cells through the rule, not through per-cell fills.
    expect(fake.effectiveFill("Export", `A${severeRow}`)).toBe(bandColours.severe.fill);
    expect(fake.cell("Export", `A${severeRow}`)?.fill ?? null).toBeNull();
    expect(fake.effectiveFill("Export", `A${pupilRowOf(grid, "expected")}`)).toBeNull();
  });

  test("adds one custom rule per highlighted band, keyed on the band column", async () => {
    const grid = exportGrid(60);
    const { fake, gateway } = setup(grid);
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!outcome.ok) throw new Error(outcome.message);
    const rules = fake.sheet("Export").conditionalFormats;
    // Exactly the plan's rules, translated one to one.
    const plan = planHighlight(outcome.value.analysis, { sheetName: "Export", firstRow: 0, firstColumn: 0, lastColumn: 18, rowCount: grid.length }, "stages", outcome.value.progress?.progress);
    expect(rules.map((r) => [rectAddress(r.rect), r.formula, r.fill, r.fontColor, r.bold])).toEqual(
      plan.conditionalFormats.map((p) => [p.range, p.formula, p.fill, p.fontColor, p.bold]),
    );
    expect(rules).toHaveLength(4);
    const lastRow = grid.length;
    for (const rule of rules) {
      expect(rule.type).toBe("Custom");
      expect(rule.formula).toMatch(new RegExp(`^=\\$U${header + 1}="`));
      expect(rule.rect).toEqual({ firstRow: header, lastRow: lastRow - 1, firstColumn: 0, lastColumn: 20 + plan.headings.length - 1 });
    }
    const labels = rules.map((r) => /="(.*)"$/.exec(r.formula)?.[1]);
    expect(labels).toEqual([bandLabels.severe.long, bandLabels.persistent.long, bandLabels["at-risk"].long, bandLabels["no-data"].long]);
    expect(rules.map((r) => r.fill)).toEqual([bandColours.severe.fill, bandColours.persistent.fill, bandColours["at-risk"].fill, bandColours["no-data"].fill]);
  });

  test("a re-run replaces its own columns and rules, and keeps the user's own rule", async () => {
    const grid = exportGrid(80);
    const { fake, gateway } = setup(grid);
    const sheet = fake.sheet("Export");
    sheet.conditionalFormats.push({ id: "mine", rect: { firstRow: 4, lastRow: 80, firstColumn: 5, lastColumn: 5 }, type: "Custom", formula: "=$F5>140", fill: "#00FF00", fontColor: null, bold: null });

    const first = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    const afterFirst = fake.grid("Export");
    const rulesAfterFirst = sheet.conditionalFormats.map((r) => [r.formula, r.rect]);
    const second = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });

    expect(first.ok && second.ok).toBe(true);
    expect(fake.grid("Export")).toEqual(afterFirst);
    expect(sheet.conditionalFormats.map((r) => [r.formula, r.rect])).toEqual(expect.arrayContaining(rulesAfterFirst));
    expect(sheet.conditionalFormats).toHaveLength(5);
    expect(sheet.conditionalFormats.find((r) => r.id === "mine")).toBeDefined();
    expect(fake.names.filter((n) => n.name === highlightRangeName)).toHaveLength(1);
    if (second.ok) expect(second.value.analysis.pupils).toHaveLength(80);
  });

  test("a re-run after switching framework replaces the columns instead of adding more", async () => {
    const grid = exportGrid(40);
    const { fake, gateway } = setup(grid);
    await gateway.analyse({ source: { kind: "usedRange" }, settings: settings({ framework: "both" }) });
    const wide = fake.grid("Export")[header - 1]?.length ?? 0;
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings({ framework: "stages" }) });
    if (!outcome.ok) throw new Error(outcome.message);
    const plan = planHighlight(outcome.value.analysis, { sheetName: "Export", firstRow: 0, firstColumn: 0, lastColumn: 18, rowCount: grid.length }, "stages", outcome.value.progress?.progress);
    expect(plan.headings).toContain("Stage");
    expect(plan.headings).not.toContain("PIAS level");
    const headings = fake.grid("Export", `U${header}:${columnLetter(20 + plan.headings.length)}${header}`)[0];
    expect(headings).toEqual([...plan.headings, ""]);
    expect(fake.grid("Export")[header - 1]?.length ?? 0).toBeLessThanOrEqual(wide);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(4);
    // Exactly what a first run with "stages" writes: the old columns (Why moved left) and legend are gone.
    const fresh = setup(grid);
    await fresh.gateway.analyse({ source: { kind: "usedRange" }, settings: settings({ framework: "stages" }) });
    expect(fake.grid("Export")).toEqual(fresh.fake.grid("Export"));
    fresh.uninstall();
  });

  test("wraps the suggested next step but sets no row height on the user's sheet, even where the plan has heights", async () => {
    const grid = exportGrid(60);
    const { fake, gateway } = setup(grid);
    fake.sheet("Export").rowHeights.set(2, 33); // the user's own tall title row
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings({ framework: "both" }) });
    if (!outcome.ok) throw new Error(outcome.message);
    const plan = planHighlight(outcome.value.analysis, { sheetName: "Export", firstRow: 0, firstColumn: 0, lastColumn: 18, rowCount: grid.length }, "both", outcome.value.progress?.progress);
    // The plan carries heights for wrapped suggestions (for the command line's copy)...
    expect(plan.rowHeights?.length ?? 0).toBeGreaterThan(0);
    // ...which the Excel adapter leaves to Excel: only the user's own height is there.
    expect([...fake.sheet("Export").rowHeights.entries()]).toEqual([[2, 33]]);
    const column = (heading: string) => columnLetter(20 + plan.headings.indexOf(heading));
    // (The heading row's height, for its wrapped "Sessions to leave PA", is left to Excel too.)
    for (const { row } of plan.rowHeights!.filter((h) => h.row > plan.headerRow).slice(0, 5)) {
      expect(fake.cell("Export", `${column("Suggested next step")}${row + 1}`)?.wrap).toBe(true);
      expect(fake.cell("Export", `${column("Why")}${row + 1}`)?.wrap).toBeFalsy();
    }
    expect(fake.grid("Export", `U${header}:X${header}`)[0]).toEqual(["Attendance band", "Stage", "PIAS level", "Sessions to leave PA"]);
    // A first analysis has nothing earlier to compare with, so no progress columns (docs/rules.md §11):
    // the suggestion and Why come next, Why last.
    expect(plan.headings.slice(4, -4)).toEqual([]);
    expect(plan.headings.slice(-4)).toEqual(["Suggested next step", "Row check (Attendance Insight)", "Notes", "Why"]);
  });

  test("the number of syncs does not depend on the number of pupils", async () => {
    const counts: number[][] = [];
    for (const pupils of [100, 5000]) {
      const { fake, gateway } = setup(exportGrid(pupils));
      const first = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
      const firstSyncs = fake.stats.syncs;
      const firstOperations = fake.stats.operations;
      fake.resetStats();
      const again = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
      counts.push([firstSyncs, fake.stats.syncs, first.ok ? first.value.syncs : -1, again.ok ? again.value.syncs : -1, firstOperations]);
    }
    // Same syncs and the same number of Excel calls: nothing is done per pupil row.
    expect(counts[0]).toEqual(counts[1]);
    // 1 read, 1 read of what the first run changes (the column widths and page setup as they were, so "Remove
    // what Analyse added" can put them back: docs/rules.md §15), 1 write; a re-run reads the sheet's custom rule
    // formulas and the attendance history (docs/rules.md §11) in that second sync instead.
    expect(counts[0]?.slice(0, 4)).toEqual([3, 3, 3, 3]);
  }, 60000);

  test("refuses, changing nothing, when the cells it would write to hold the user's data", async () => {
    const grid = exportGrid(30);
    const { fake, gateway } = setup(grid);
    // With the whole sheet as the source a note there would simply be more data; with a selection it is in the way.
    fake.paste("Export", "W10", [["my own note"]], { textFormat: true });
    fake.select("Export", `A1:S${grid.length}`);
    const before = fake.grid("Export");
    const outcome = await gateway.analyse({ source: { kind: "selection" }, settings: settings() });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/W10.*Export.*not empty/);
    expect(fake.grid("Export")).toEqual(before);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(0);
    expect(fake.settings.size).toBe(0);
  });

  test("gives a clear message for an empty sheet, a missing table and an unreadable sheet", async () => {
    const { fake, gateway } = setup([]);
    const empty = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(empty).toEqual({ ok: false, message: expect.stringMatching(/“Export” is empty/) });
    const table = await gateway.analyse({ source: { kind: "table", tableName: "Pupils" }, settings: settings() });
    expect(table).toEqual({ ok: false, message: expect.stringMatching(/no table called “Pupils”/) });
    fake.paste("Export", "A1", [["Shopping list"], ["Milk"], ["Eggs"]], { textFormat: true });
    const junk = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(junk.ok).toBe(false);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(0);
  });

  test("reads a selection or a named table, and names the real rows in its results", async () => {
    const grid = exportGrid(25);
    const { fake, gateway } = setup([]);
    fake.paste("Export", "C3", grid, { textFormat: true });
    const lastRow = 2 + grid.length;
    fake.addTable("Pupils", "Export", `C${3 + header - 1}:U${lastRow}`);
    const viaTable = await gateway.preview({ kind: "table", tableName: "Pupils" }, settings());
    expect(viaTable.ok).toBe(true);
    if (viaTable.ok) {
      expect(viaTable.value.tables).toEqual(["Pupils"]);
      expect(viaTable.value.address).toBe(`Export!C${3 + header - 1}:U${lastRow}`);
      expect(viaTable.value.analysis.ok && viaTable.value.analysis.analysis.pupils[0]?.record.sourceRow).toBe(3 + header);
      // Every heading of the header row, so the pane's dropdowns can name columns the engine did not match.
      expect(viaTable.value.headings?.slice(0, 3)).toEqual(grid[header - 1]?.slice(0, 3).map(String));
    }
    fake.select("Export", `C1:U${lastRow}`);
    const outcome = await gateway.analyse({ source: { kind: "selection" }, settings: settings() });
    expect(outcome.ok).toBe(true);
    // Source ends in U, gap in V, band column W on the sheet's header row.
    expect(fake.cell("Export", `W${2 + header}`)?.value).toBe("Attendance band");
  });

  test("reports progress in short British-English messages", async () => {
    const { gateway } = setup(exportGrid(10));
    const messages: string[] = [];
    await gateway.analyse({ source: { kind: "usedRange" }, settings: settings(), onProgress: (m) => messages.push(m) });
    expect(messages[0]).toBe("Reading the sheet…");
    expect(messages).toContain("Colouring the rows and adding the results columns…");
    expect(messages[messages.length - 1]).toBe("Done: 10 pupils analysed.");
  });

  test("selectPupilRow activates the sheet and selects the pupil's row", async () => {
    const { fake, gateway } = setup(exportGrid(10));
    fake.addSheet("Other");
    fake.setActive("Other");
    await gateway.selectPupilRow("Export", 7);
    expect(fake.activeSheetId).toBe(fake.sheet("Export").id);
    expect(fake.selection?.rect).toEqual({ firstRow: 6, lastRow: 6, firstColumn: 0, lastColumn: 16383 });
    expect(await gateway.selectPupilRow("Gone", 3)).toEqual({ ok: false, message: "The sheet “Gone” is no longer in this workbook." });
  });

  test("insertSampleAndAnalyse adds the sample sheet and analyses it; a second press replaces it, never a user's sheet", async () => {
    const { fake, gateway } = setup([]);
    const first = await gateway.insertSampleAndAnalyse(settings());
    expect(first.ok && first.value.sheetName).toBe("Sample export");
    if (first.ok) expect(first.value.analysis.pupils.length).toBeGreaterThan(150);
    expect(fake.sheet("Sample export").conditionalFormats).toHaveLength(4);
    // The percentage column stays as the export wrote it, not re-interpreted by Excel.
    const again = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(again.ok && first.ok && again.value.analysis.pupils.map((p) => p.band)).toEqual(first.ok && first.value.analysis.pupils.map((p) => p.band));

    // Issue 12 (smaller): the second press reuses the add-in's sample sheet, not "Sample export (2)".
    const firstId = fake.sheet("Sample export").id;
    const second = await gateway.insertSampleAndAnalyse(settings());
    expect(second.ok && second.value.sheetName).toBe("Sample export");
    const names = fake.sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith("Sample export"))).toEqual(["Sample export"]);
    expect(fake.sheet("Sample export").id).not.toBe(firstId);
    expect(fake.activeSheetId).toBe(fake.sheet("Sample export").id);
    expect(fake.sheet("Sample export").conditionalFormats).toHaveLength(4);
    // The earlier sample's records went with it: one highlight record, for the sheet there now.
    const highlights = [...fake.settings.keys()].filter((k) => k.startsWith("AttendanceInsight.highlight."));
    expect(highlights).toEqual([`AttendanceInsight.highlight.${fake.sheet("Sample export").id}`]);
  });

  test("a user's own sheet called Sample export is never replaced by the sample", async () => {
    const { fake, gateway } = setup([]);
    fake.addSheet("Sample export", [["My own notes"]]);
    const outcome = await gateway.insertSampleAndAnalyse(settings());
    expect(outcome.ok && outcome.value.sheetName).toBe("Sample export (2)");
    expect(fake.grid("Sample export")).toEqual([["My own notes"]]);
    // Pressed again: the add-in's sample is replaced, the user's sheet is still theirs.
    const again = await gateway.insertSampleAndAnalyse(settings());
    expect(again.ok && again.value.sheetName).toBe("Sample export (2)");
    expect(fake.grid("Sample export")).toEqual([["My own notes"]]);
    expect(fake.sheets.map((s) => s.name).filter((n) => n.startsWith("Sample export")).sort()).toEqual(["Sample export", "Sample export (2)"]);
  });
});

describe("Analyse edge cases", () => {
  test("a sheet too large to read in one response is read in row chunks", async () => {
    const grid = exportGrid(600);
    const { fake } = setup(grid);
    fake.responseLimitBytes = 40_000;
    const { createOfficeGateway } = await import("../../src/excel/officeGateway");
    const outcome = await createOfficeGateway({ readChunkCells: 1_500 }).analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.value.analysis.pupils).toHaveLength(600);
      expect(outcome.value.syncs).toBeGreaterThan(3);
    }
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(4);
  });

  test("without the record in workbook settings, a re-run still recognises its own columns by the named range", async () => {
    const grid = exportGrid(30);
    const { fake, gateway } = setup(grid);
    await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    const afterFirst = fake.grid("Export");
    fake.settings.clear();
    const again = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(again.ok).toBe(true);
    expect(fake.grid("Export")).toEqual(afterFirst);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(4);
  });
});
