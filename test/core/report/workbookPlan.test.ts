import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { analyseGrid } from "../../../src/core/analyse";
import type { Grid } from "../../../src/core/read/grid";
import type { SheetPlan, WorkbookPlan } from "../../../src/core/report/plan";
import { isValidSheetName } from "../../../src/core/report/sheetNames";
import { planHighlight } from "../../../src/core/report/highlightPlan";
import { buildWorkbookPlan, type SourceLayout } from "../../../src/core/report/workbookPlan";
import { fixturePath } from "../../support/paths";
import { details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

const specs: PupilSpec[] = [
  { name: '=HYPERLINK("http://example.com","Click")', upn: "+44123", year: "7", possible: 100, authorised: 60 },
  { name: "Ben Hughes", upn: "B200", year: "8", possible: 100, authorised: 12, pupilPremium: true },
  { name: "Cara Greer", upn: "C300", year: "9", possible: 100, unauthorised: 11, pupilPremium: false },
  { name: "Dev Shah", upn: "D400", year: "9", possible: 100, pupilPremium: false },
];
const source: SourceLayout = { sheetName: "Export", lastColumn: 5, firstRow: 0, firstColumn: 0, rowCount: 5 };

function everyString(plan: WorkbookPlan): string[] {
  const fromSheet = (sheet: SheetPlan) => [
    sheet.name,
    ...sheet.blocks.flatMap((b) => b.values.flat()),
    ...sheet.charts.flatMap((c) => [c.title, c.xAxisTitle, c.yAxisTitle]),
    ...sheet.dataValidations.flatMap((v) => [v.prompt, v.error, ...(v.list ?? [])]),
    ...(sheet.print ? [sheet.print.headerCentre, sheet.print.footerCentre, sheet.print.footerRight] : []),
  ];
  return [
    ...plan.highlight.headings,
    ...plan.highlight.values.flat(),
    ...plan.highlight.legend.entries.flatMap((e) => [e.label, e.meaning]),
    ...plan.sheets.flatMap(fromSheet),
  ].filter((v): v is string => typeof v === "string");
}

describe("buildWorkbookPlan", () => {
  const analysis = makeAnalysis(specs);

  it("plans the TSM form, the governors' summary and the school-only key", () => {
    const plan = buildWorkbookPlan(analysis, source, { details, shareable: false, framework: "stages" });
    expect(plan.sheets.map((s) => [s.role, s.name, s.schoolOnly])).toEqual([
      ["tsm", "TSM Autumn 2025-26", false],
      ["summary", "Governors summary 2025-26", false],
      ["key", "Pupil key (school only)", true],
      // The hidden analysis history (docs/rules.md §11), never shared.
      ["history", "Attendance history", true],
    ]);
    expect(plan.highlight).toEqual(planHighlight(analysis, source, "stages", plan.progress?.progress));
    for (const sheet of plan.sheets) expect(isValidSheetName(sheet.name)).toBe(true);
  });

  it("keeps the school-only key when shareable, and names no pupil on the form or the summary", () => {
    const plan = buildWorkbookPlan(analysis, source, { details, shareable: true, framework: "both" });
    // The key stays in the school's workbook (docs/rules.md §7); only the sheets that may be shared drop names.
    expect(plan.sheets.map((s) => [s.role, s.schoolOnly])).toEqual([
      ["tsm", false],
      ["summary", false],
      ["key", true],
      ["history", true],
    ]);
    const key = planToGrid(plan.sheets[2] as SheetPlan).flat();
    expect(key).toContain("Ben Hughes");
    const shared = plan.sheets
      .filter((sheet) => !sheet.schoolOnly)
      .flatMap((sheet) => sheet.blocks.flatMap((b) => b.values.flat()))
      .map(String);
    for (const spec of specs) {
      for (const secret of [spec.name, spec.upn ?? ""]) expect(shared.filter((v) => v.includes(secret))).toEqual([]);
    }
  });

  it("writes nothing that starts like a formula, except text taken from the sheet, kept as plain text", () => {
    const plan = buildWorkbookPlan(analysis, source, { details, shareable: false, framework: "both" });
    const fromSheet = new Set(specs.flatMap((s) => [s.name, s.upn ?? ""]));
    const formulaLike = everyString(plan).filter((s) => /^[=+\-@]/.test(s));
    expect(formulaLike.length).toBeGreaterThan(0); // the odd name and UPN are in the school-only sheets…
    for (const s of formulaLike) expect(fromSheet.has(s)).toBe(true); // …exactly as given, and nothing else
    // Only conditional formats hold formulas.
    for (const cf of plan.highlight.conditionalFormats) expect(cf.formula.startsWith("=$")).toBe(true);
  });

  it("is pure: the same input gives the same plan", () => {
    const options = { details, shareable: false, framework: "both" as const, today: "2025-11-20" };
    expect(buildWorkbookPlan(analysis, source, options)).toEqual(buildWorkbookPlan(analysis, source, options));
  });

  it("keeps references and typed notes through the existing sheets an adapter reads back", () => {
    const first = buildWorkbookPlan(analysis, source, { details, shareable: false, framework: "both" });
    const tsm = planToGrid(first.sheets[0] as SheetPlan);
    const key = planToGrid(first.sheets[2] as SheetPlan);
    const header = rowWith(tsm, "Barriers");
    const benRow = tsm.findIndex((r) => r[1] === "Ben Hughes");
    (tsm[benRow] as (string | number | boolean)[])[(tsm[header] ?? []).indexOf("Barriers")] = "Caring for a parent";
    const joined = makeAnalysis([{ name: "New Pupil", upn: "N1", year: "7", possible: 100, authorised: 50 }, ...specs]);
    const second = buildWorkbookPlan(joined, source, {
      details,
      shareable: true,
      framework: "both",
      existing: { tsm, key },
    });
    const grid = planToGrid(second.sheets[0] as SheetPlan);
    const h = rowWith(grid, "Barriers");
    const row = grid.find((r) => r[0] === "P002");
    expect(row?.[(grid[h] ?? []).indexOf("Barriers")]).toBe("Caring for a parent");
    expect(grid.some((r) => r[0] === "P005")).toBe(true);
  });
});

describe("with the real engine on a sample export", () => {
  const csv = readFileSync(fixturePath("bromcom-export.csv"), "utf8");
  const grid = parse(csv, { relax_column_count: true }) as Grid;
  const result = analyseGrid(grid, { sheetName: "Export" });

  it("plans sheets whose pupils and figures agree with the analysis", () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const layout: SourceLayout = {
      sheetName: "Export",
      lastColumn: (grid[0]?.length ?? 1) - 1,
      firstRow: 0,
      firstColumn: 0,
      rowCount: grid.length,
    };
    const plan = buildWorkbookPlan(result.analysis, layout, { details, shareable: false, framework: "levels" });
    const listed = result.analysis.pupils.filter((p) => p.band === "severe" || p.band === "persistent");
    const tsm = planToGrid(plan.sheets[0] as SheetPlan);
    const header = rowWith(tsm, "Barriers");
    const rows = tsm.slice(header + 1, header + 1 + listed.length);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(listed.map((p) => p.record.name)));
    // Severe first.
    const bands = rows.map((r) => r[(tsm[header] ?? []).indexOf("Band")]);
    const firstPa = bands.indexOf("Persistent absence (PA)");
    expect(bands).toContain("Severe absence (SA)");
    expect(firstPa).toBeGreaterThan(0);
    expect(bands.slice(firstPa)).not.toContain("Severe absence (SA)");
    // Every pupil row of the highlight carries its band in words.
    const bandColumn = plan.highlight.values.map((v) => v[0]);
    for (const pupil of result.analysis.pupils) {
      expect(bandColumn[pupil.record.sourceRow - 1 - plan.highlight.firstDataRow]).toBeTruthy();
    }
  });
});
