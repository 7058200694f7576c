import type { CellValue } from "../../../src/core/read/grid";
import { assignReferences } from "../../../src/core/report/pupilReferences";
import { planSummarySheet } from "../../../src/core/report/summarySheet";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import type { Analysis, AttendanceSummary } from "../../../src/core/rules/pupilAnalysis";
import { allValues, details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

/**
 * docs/rules.md §7 / issue #4: in a shareable copy a count below 3 shows as "<3", and no such count may be
 * recovered by adding or taking away the figures that are shown (secondary suppression, "[c]").
 */

const sa = (name: string, year: string): PupilSpec => ({ name, year, possible: 100, authorised: 60 });
const pa = (name: string, year: string): PupilSpec => ({ name, year, possible: 100, authorised: 12 });
const atRisk = (name: string, year: string): PupilSpec => ({ name, year, possible: 100, authorised: 6 });
const expected = (name: string, year: string): PupilSpec => ({ name, year, possible: 100 });
const noData = (name: string, year: string): PupilSpec => ({ name, year, possible: 0 });

/** 15 pupils: Reception 1, Year 7 14; SA 2, PA 4 more (PA 6 with SA), at risk 3, expected 5, no data 1. */
const smallSchool: PupilSpec[] = [
  expected("Rae Reception", "R"),
  sa("Ava Wright", "7"),
  sa("Ben Hughes", "7"),
  pa("Cara Greer", "7"),
  pa("Dev Shah", "7"),
  pa("Eve Moss", "7"),
  pa("Finn Lee", "7"),
  atRisk("Gia Khan", "7"),
  atRisk("Hal Ray", "7"),
  atRisk("Ida Cole", "7"),
  expected("Jon Best", "7"),
  expected("Kit Ames", "7"),
  expected("Lou Park", "7"),
  expected("Max Dale", "7"),
  noData("Ned Fox", "7"),
];

/** Year 8's 2 PA pupils would be 17 minus the other years' PA counts (as in the Bromcom sample). */
const yearsSchool: PupilSpec[] = [
  ...["7", "9", "10"].flatMap((year) => [
    sa(`S${year}`, year),
    pa(`A${year}`, year),
    pa(`B${year}`, year),
    pa(`C${year}`, year),
    expected(`D${year}`, year),
    expected(`E${year}`, year),
    atRisk(`F${year}`, year),
  ]),
  pa("G8", "8"),
  pa("H8", "8"),
  ...["I8", "J8", "K8", "L8", "M8"].map((name) => expected(name, "8")),
];

/** How a hidden count shows: as a count, or through its rate. */
const hiddenMarks = new Set<CellValue>(["<3", "[c]", "n/a (<3)"]);

interface Figure {
  /** What the sheet shows. */
  shown: CellValue;
  /** The true count behind it. */
  value: number;
}

/** A way the figures add up: total = sum of parts. */
interface Sum {
  name: string;
  total: Figure;
  parts: Figure[];
}

/**
 * The check of issue #4, written generally: where the figures of a sum hide exactly one count, the shown
 * total minus the shown parts (or the shown parts added up) gives that count, so it must not be 1 or 2.
 */
function recoverable(sums: readonly Sum[]): string[] {
  const found: string[] = [];
  for (const sum of sums) {
    const figures = [sum.total, ...sum.parts];
    // A figure that is neither a number nor hidden ("Not known") leaves the sum open.
    if (figures.some((f) => !hiddenMarks.has(f.shown) && typeof f.shown !== "number")) continue;
    const hidden = figures.filter((f) => hiddenMarks.has(f.shown));
    if (hidden.length !== 1) continue;
    const shownParts = sum.parts.filter((f) => typeof f.shown === "number").reduce((s, f) => s + (f.shown as number), 0);
    const worked = hidden[0] === sum.total ? shownParts : (sum.total.shown as number) - shownParts;
    if (worked === 1 || worked === 2) found.push(`${sum.name}: a hidden count works out as ${worked}`);
  }
  return found;
}

/** The sums a reader can form from the governors' summary (whole school, bands, year groups). */
function summarySums(grid: CellValue[][], summary: AttendanceSummary): Sum[] {
  const at = (label: string, column = 1) => grid[rowWith(grid, label)]?.[column] ?? "";
  const bands = summary.bandCounts;
  const n = { shown: at("Pupils in the export"), value: summary.pupils };
  const w = { shown: at("Pupils with attendance data"), value: summary.withData };
  const paTotal = { shown: at("PA pupils (SA included)"), value: bands.severe + bands.persistent };
  const saTotal = { shown: at("SA pupils"), value: bands.severe };
  const atRiskTotal = { shown: at("At-risk pupils"), value: bands["at-risk"] };
  const band = (label: string, value: number) => ({ shown: at(label), value });
  const sev = band("Severe absence (SA)", bands.severe);
  const pers = band("Persistent absence (PA)", bands.persistent);
  const risk = band("At risk of persistent absence", bands["at-risk"]);
  const exp = band("Expected attendance", bands.expected);
  const none = band("No data", bands["no-data"]);
  // Year-group counts: pupils as shown; PA and SA counts as a reader gets them from rate × pupils with data.
  const yearRow = (label: string) => grid[rowWith(grid, label, rowWith(grid, "Year groups"))] ?? [];
  const fromRate = (shown: CellValue, withData: number) =>
    typeof shown === "number" ? Math.round(shown * withData) : shown;
  const years = summary.byYearGroup.map((cohort) => {
    const row = yearRow(cohort.label);
    return {
      pupils: { shown: row[1] ?? "", value: cohort.pupils },
      pa: { shown: fromRate(row[3] ?? "", cohort.withData), value: cohort.severe + cohort.persistent },
      sa: { shown: fromRate(row[4] ?? "", cohort.withData), value: cohort.severe },
    };
  });
  return [
    { name: "band rows add up to all pupils", total: n, parts: [sev, pers, risk, exp, none] },
    { name: "PA pupils are SA plus PA band rows", total: paTotal, parts: [sev, pers] },
    { name: "pupils with data plus no data is all pupils", total: n, parts: [w, none] },
    { name: "pupils with data are the four bands with data", total: w, parts: [sev, pers, risk, exp] },
    { name: "all pupils are PA pupils, at risk, expected and no data", total: n, parts: [paTotal, risk, exp, none] },
    { name: "pupils with data are PA pupils, at risk and expected", total: w, parts: [paTotal, risk, exp] },
    { name: "SA pupils shown twice", total: saTotal, parts: [sev] },
    { name: "at-risk pupils shown twice", total: atRiskTotal, parts: [risk] },
    { name: "year groups add up to all pupils", total: n, parts: years.map((y) => y.pupils) },
    { name: "year groups' PA pupils add up to PA pupils", total: paTotal, parts: years.map((y) => y.pa) },
    { name: "year groups' SA pupils add up to SA pupils", total: saTotal, parts: years.map((y) => y.sa) },
  ];
}

function sheets(analysis: Analysis, shareable: boolean) {
  const summary = planSummarySheet({ analysis, details, shareable, today: "2025-11-20" });
  const tsm = planTsmForm({ analysis, details, shareable, framework: "both", references: assignReferences(analysis.pupils) });
  return { summary, tsm, summaryGrid: planToGrid(summary), tsmGrid: planToGrid(tsm) };
}

describe("shareable copy: no count below 3 can be worked out from the shown figures", () => {
  it.each([
    ["a small school with one Reception pupil, 2 SA and 1 without data", smallSchool],
    ["year groups whose PA counts add up to the whole school's", yearsSchool],
  ])("%s", (_, specs) => {
    const analysis = makeAnalysis(specs);
    const { summaryGrid } = sheets(analysis, true);
    expect(recoverable(summarySums(summaryGrid, analysis.summary))).toEqual([]);
  });

  it("the brief's cases: SA from PA pupils minus the PA row, Reception from the total, no data from pupils with data", () => {
    const analysis = makeAnalysis(smallSchool);
    const { summaryGrid: g } = sheets(analysis, true);
    const at = (label: string, from = 0) => g[rowWith(g, label, from)]?.slice(1, 3);
    // SA stays "<3"; PA pupils (17 in the issue) stays, so the persistent-only row is withheld, with its share.
    expect(at("SA pupils")?.[0]).toBe("<3");
    expect(at("PA pupils (SA included)")?.[0]).toBe(6);
    expect(at("Persistent absence (PA)")).toEqual(["[c]", "[c]"]);
    // One pupil without data: "Pupils with attendance data" would give it away beside the total.
    expect(at("Pupils in the export")?.[0]).toBe(15);
    expect(at("Pupils with attendance data")?.[0]).toBe("[c]");
    // Reception has 1 pupil: Year 7's 14 would give it away beside the total of 15.
    const years = rowWith(g, "Year groups");
    expect(at("Year R", years)?.[0]).toBe("<3");
    expect(at("Year 7", years)?.[0]).toBe("[c]");
    // The sheet says what "[c]" means, in words.
    expect(allValues(sheets(analysis, true).summary).some((v) => typeof v === "string" && v.includes('A figure shown as "[c]" is held back'))).toBe(true);
  });

  it("a withheld year-group PA count also withholds its rate, its gap and its chart bar", () => {
    const analysis = makeAnalysis(yearsSchool);
    const { summaryGrid: g } = sheets(analysis, true);
    const years = rowWith(g, "Year groups");
    const withheld = analysis.summary.byYearGroup.filter((c) => g[rowWith(g, c.label, years)]?.[3] === "[c]");
    expect(withheld.length).toBeGreaterThan(0);
    for (const cohort of withheld) {
      expect(g[rowWith(g, cohort.label, years)]?.[5]).toBe("[c]");
      const chart = rowWith(g, "Whole-school PA rate");
      expect(g[rowWith(g, cohort.label, chart)]?.[1]).toBe("");
    }
  });

  it("the TSM form shows the same figures as the summary, so the two cannot be played off against each other", () => {
    const analysis = makeAnalysis(smallSchool);
    const { summaryGrid, tsmGrid } = sheets(analysis, true);
    for (const label of ["Pupils in the export", "Pupils with attendance data", "PA pupils (SA included)", "PA rate", "SA pupils", "At-risk pupils"]) {
      expect([label, tsmGrid[rowWith(tsmGrid, label)]?.[3]]).toEqual([label, summaryGrid[rowWith(summaryGrid, label)]?.[1]]);
    }
    for (const cohort of analysis.summary.byYearGroup) {
      const tsmRow = tsmGrid[rowWith(tsmGrid, cohort.label, rowWith(tsmGrid, "Cohorts"))];
      const summaryRow = summaryGrid[rowWith(summaryGrid, cohort.label, rowWith(summaryGrid, "Year groups"))];
      expect(tsmRow?.slice(3, 8)).toEqual(summaryRow?.slice(1, 6));
    }
  });
});

describe("the school's own view is unchanged", () => {
  it("shows every count in full and nothing withheld", () => {
    const analysis = makeAnalysis(smallSchool);
    const { summary, tsm, summaryGrid: g } = sheets(analysis, false);
    for (const plan of [summary, tsm]) expect(allValues(plan).filter((v) => v === "[c]" || v === "<3")).toEqual([]);
    const header = rowWith(g, "What it means");
    expect(g.slice(header + 1, header + 6).map((r) => r[1])).toEqual([2, 4, 3, 5, 1]);
    expect(g[rowWith(g, "Pupils with attendance data")]?.[1]).toBe(14);
    expect(g[rowWith(g, "Year R")]?.[1]).toBe(1);
    expect(g[rowWith(g, "Year 7", rowWith(g, "Year groups"))]?.[1]).toBe(14);
  });
});

describe("the governors' summary names what the sheet lacks", () => {
  it("year groups shown but no characteristics: it says only characteristics are missing", () => {
    const { summaryGrid: g } = sheets(makeAnalysis(smallSchool), false);
    expect(rowWith(g, "The sheet has no characteristics to group pupils by.")).toBeGreaterThan(rowWith(g, "Groups of pupils"));
    expect(rowWith(g, "The sheet has no year groups or characteristics to group pupils by.")).toBe(-1);
  });
});
