import { assignReferences } from "../../../src/core/report/pupilReferences";
import { pupilsToDiscuss } from "../../../src/core/report/pupilOrder";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import type { Analysis } from "../../../src/core/rules/pupilAnalysis";
import { allValues, columnWith, details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

const specs: PupilSpec[] = [
  { name: "Ava Wright", upn: "A100", year: "7", possible: 100, authorised: 12, pupilPremium: true }, // PA 88%
  { name: "Ben Hughes", upn: "B200", year: "8", possible: 100, authorised: 55, unauthorised: 5, pupilPremium: false }, // SA 40%
  { name: "Cara Greer", upn: "C300", year: "7", possible: 100, authorised: 3, unauthorised: 12, penalty: true, pupilPremium: true }, // PA 85%
  { name: "Dev Shah", upn: "D400", year: "8", possible: 100, authorised: 50, pupilPremium: false }, // SA 50%
  { name: "Eve Moss", upn: "E500", year: "9", possible: 100, authorised: 7, pupilPremium: false }, // at risk
  { name: "Finn Lee", upn: "F600", year: "9", possible: 100, pupilPremium: false }, // expected
  { name: "Gia Khan", upn: "G700", year: "9", possible: 100, pupilPremium: false }, // expected
  { name: "Hal Ray", upn: "H800", year: "9", possible: 100, authorised: 1, pupilPremium: false }, // expected
];

function form(analysis: Analysis, shareable: boolean, framework: "stages" | "levels" | "both" = "both") {
  const references = assignReferences(analysis.pupils);
  return planTsmForm({ analysis, details, shareable, framework, references });
}

describe("pupilsToDiscuss", () => {
  it("lists severe absence first, then persistent, each by attendance ascending; no one else", () => {
    const analysis = makeAnalysis(specs);
    expect(pupilsToDiscuss(analysis.pupils).map((i) => analysis.pupils[i]?.record.name)).toEqual([
      "Ben Hughes", // SA 40%
      "Dev Shah", // SA 50%
      "Cara Greer", // PA 85%
      "Ava Wright", // PA 88%
    ]);
  });
});

describe("planTsmForm (school-only)", () => {
  const analysis = makeAnalysis(specs);
  const plan = form(analysis, false);
  const grid = planToGrid(plan);

  it("is named by term and year and records the meeting", () => {
    expect(plan.name).toBe("TSM Autumn 2025-26");
    expect(plan.role).toBe("tsm");
    expect(plan.schoolOnly).toBe(false);
    const valueOf = (label: string) => grid[rowWith(grid, label)]?.[2];
    expect(valueOf("School")).toBe("Oakfield Academy");
    expect(valueOf("URN")).toBe("118000");
    expect(valueOf("Phase")).toBe("Secondary");
    expect(valueOf("Term")).toBe("Autumn");
    expect(valueOf("Academic year")).toBe("2025/26");
    expect(valueOf("Meeting")).toBe("Meeting 1 of 3 this academic year");
    // A real date cell: Excel's serial number with a dd/mm/yyyy format.
    expect(valueOf("Meeting date")).toBe(45975);
    const dateBlock = plan.blocks.find((b) => b.row === rowWith(grid, "Meeting date") && b.column === 2);
    expect(dateBlock?.numberFormats).toEqual(["dd/mm/yyyy"]);
  });

  it("pre-fills the attendees with the senior attendance lead and the link PIAS officer, plus empty rows", () => {
    const header = rowWith(grid, "Organisation");
    expect(grid[header + 1]?.slice(0, 3)).toEqual(["Jo Patel", "Senior attendance lead", "Oakfield Academy"]);
    expect(grid[header + 2]?.slice(0, 3)).toEqual(["Sam Green", "Link PIAS officer", "Kent PIAS"]);
    expect(grid[header + 3]?.slice(0, 3)).toEqual(["", "", ""]);
    expect(plan.inputRanges).toContain(`A${header + 2}:C${header + 7}`);
  });

  it("puts whole-school figures beside national figures for the phase, with their year", () => {
    const row = grid[rowWith(grid, "PA rate")] ?? [];
    expect(row[3]).toBe(0.5); // 4 of 8 pupils
    expect(row[4]).toBe(0.2); // national PA 2023/24
    expect(row[5]).toBe("All state-funded schools, England, 2023/24");
    const absence = grid[rowWith(grid, "Overall absence")] ?? [];
    expect(absence[4]).toBe(0.089);
    expect(absence[5]).toBe("State-funded secondary schools, England, 2023/24");
    expect(grid[rowWith(grid, "SA pupils")]?.[3]).toBe(2);
    expect(grid[rowWith(grid, "At-risk pupils")]?.[3]).toBe(1);
  });

  it("has a cohort table with PA and SA rates and the gap to the whole school in percentage points", () => {
    const row = grid[rowWith(grid, "Pupil Premium")] ?? [];
    // PP: Ava (PA) and Cara (PA): PA 100%, SA 0%, gap +50 pp.
    expect(row.slice(3, 8)).toEqual([2, 0.865, 1, 0, 50]);
    const year9 = grid[rowWith(grid, "Year 9")] ?? [];
    expect(year9.slice(3, 8)).toEqual([4, 0.98, 0, 0, -50]);
  });

  it("lists the pupils to discuss with everything the meeting needs, in priority order", () => {
    const header = rowWith(grid, "Barriers");
    const headings = grid[header] ?? [];
    expect(headings).toEqual([
      "Reference",
      "Name",
      "UPN",
      "Year",
      "Attendance",
      "Missed sessions",
      "Missed: authorised",
      "Missed: unauthorised",
      "Band",
      "Stage",
      "PIAS level",
      "Penalty-notice threshold met",
      "Suggested next step",
      "Barriers",
      "Support in place",
      "Agreed actions",
      "Lead practitioner",
      "Owner",
      "Review date",
    ]);
    const rows = grid.slice(header + 1, header + 5);
    expect(rows.map((r) => r[1])).toEqual(["Ben Hughes", "Dev Shah", "Cara Greer", "Ava Wright"]);
    expect(rows[0]?.slice(0, 13)).toEqual([
      "P002",
      "Ben Hughes",
      "B200",
      "Year 8",
      0.4,
      60,
      55,
      5,
      "Severe absence (SA)",
      "Stage 5 – Formal concern",
      "Level 2 – Facilitate support",
      "Not known",
      "Agree a support plan at the TSM.",
    ]);
    expect(rows[2]?.[11]).toBe("Yes");
    // The input columns start empty.
    expect(rows.every((r) => r.slice(13).every((c) => c === ""))).toBe(true);
    expect(grid[header + 5]?.[0]).toBe("");
  });

  it("marks input cells, validates lead practitioner and dates, and colours rows by the band column", () => {
    const header = rowWith(grid, "Barriers");
    const first = header + 2; // 1-based row of the first pupil
    const last = header + 5;
    expect(plan.inputRanges).toContain(`N${first}:S${last}`);
    const lead = plan.dataValidations.find((v) => v.kind === "list");
    expect(lead?.range).toBe(`Q${first}:Q${last}`);
    expect(lead?.list).toEqual(["School", "Early Help", "Social care", "PIAS", "Health", "Other"]);
    expect(plan.dataValidations.find((v) => v.range === `S${first}:S${last}`)?.kind).toBe("date");
    expect(plan.conditionalFormats.map((cf) => cf.formula)).toEqual([
      `=$I${first}="Severe absence (SA)"`,
      `=$I${first}="Persistent absence (PA)"`,
    ]);
  });

  it("ends with themes, actions for the school and for LA services, and the next meeting date", () => {
    const themes = rowWith(grid, "Themes raised");
    const school = rowWith(grid, "Actions for the school");
    const la = rowWith(grid, "Actions for LA services");
    const next = rowWith(grid, "Next meeting date");
    expect(themes).toBeGreaterThan(rowWith(grid, "Barriers"));
    expect(school).toBeGreaterThan(themes);
    expect(la).toBeGreaterThan(school);
    expect(next).toBeGreaterThan(la);
    expect(plan.inputRanges).toContain(`A${themes + 2}:S${themes + 6}`);
    expect(plan.merges).toContain(`A${themes + 2}:S${themes + 2}`);
    expect(plan.inputRanges).toContain(`C${next + 1}`);
    expect(plan.dataValidations.find((v) => v.range === `C${next + 1}`)?.kind).toBe("date");
  });

  it("prints landscape, one page wide, with the pupils' header repeated and an OFFICIAL-SENSITIVE footer", () => {
    const header = rowWith(grid, "Barriers");
    expect(plan.print).toEqual({
      orientation: "landscape",
      fitToPagesWide: 1,
      repeatRows: { first: header, last: header },
      headerCentre: "Oakfield Academy – Targeting Support Meeting – 14/11/2025",
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    });
    expect(plan.freeze).toEqual({ rows: 0, columns: 3 });
  });

  it("shows only the chosen framework", () => {
    const stages = planToGrid(form(analysis, false, "stages"));
    const header = stages[rowWith(stages, "Barriers")] ?? [];
    expect(header).toContain("Stage");
    expect(header).not.toContain("PIAS level");
  });

  it.each([
    ["stages", "Stages and next steps are suggestions", /PIAS level/],
    ["levels", "PIAS levels and next steps are suggestions", /\bStages?\b/],
  ] as const)("speaks of %s alone in its own words", (framework, words, otherLadder) => {
    const text = allValues(form(analysis, false, framework)).join(" ");
    expect(text).toContain(words);
    expect(text).not.toMatch(otherLadder);
  });

  it("says so when no pupil is persistently or severely absent", () => {
    const calm = planToGrid(form(makeAnalysis([{ name: "A B", possible: 100 }]), false));
    expect(rowWith(calm, "No pupils are persistently or severely absent in this export.")).toBeGreaterThan(0);
  });

  it("refuses a meeting date that is not a date, saying what to do", () => {
    const references = assignReferences(analysis.pupils);
    expect(() =>
      planTsmForm({ analysis, details: { ...details, meetingDate: "14/11/2025" }, shareable: false, framework: "both", references }),
    ).toThrow(/enter it as a date/);
  });
});

describe("planTsmForm (shareable)", () => {
  const analysis = makeAnalysis(specs);
  const plan = form(analysis, true);
  const grid = planToGrid(plan);

  it("has no pupil name or UPN in any cell", () => {
    const values = allValues(plan).map((v) => String(v ?? ""));
    expect(values.length).toBeGreaterThan(100);
    for (const spec of specs) {
      for (const secret of [spec.name, spec.upn ?? "", ...spec.name.split(" ")]) {
        const word = new RegExp(`\\b${secret}\\b`);
        expect(values.filter((v) => word.test(v))).toEqual([]);
      }
    }
    const header = grid[rowWith(grid, "Barriers")] ?? [];
    expect(header).not.toContain("Name");
    expect(header).not.toContain("UPN");
    expect(plan.freeze).toEqual({ rows: 0, columns: 1 });
  });

  it("shows pupils by reference, in the same order", () => {
    const header = rowWith(grid, "Barriers");
    expect(grid.slice(header + 1, header + 5).map((r) => r[0])).toEqual(["P002", "P004", "P003", "P001"]);
  });

  it("shows counts below 3 as <3 and suppresses the rates based on them", () => {
    expect(grid[rowWith(grid, "SA pupils")]?.[3]).toBe("<3");
    expect(grid[rowWith(grid, "SA rate")]?.[3]).toBe("n/a (<3)");
    expect(grid[rowWith(grid, "At-risk pupils")]?.[3]).toBe("<3");
    expect(grid[rowWith(grid, "PA pupils (SA included)")]?.[3]).toBe(4);
    expect(grid[rowWith(grid, "PA rate")]?.[3]).toBe(0.5);
    // Pupil Premium has 2 pupils: everything about it is suppressed.
    expect(grid[rowWith(grid, "Pupil Premium")]?.slice(3, 8)).toEqual(["<3", "n/a (<3)", "n/a (<3)", "n/a (<3)", "n/a (<3)"]);
    // Year 9 has 4 pupils, none PA: 0 is below 3, so its PA rate is not shown either.
    expect(grid[rowWith(grid, "Year 9")]?.slice(3, 8)).toEqual([4, 0.98, "n/a (<3)", "n/a (<3)", "n/a (<3)"]);
  });

  it("tells the reader why", () => {
    expect(allValues(plan).some((v) => typeof v === "string" && v.includes('shown as "<3"'))).toBe(true);
    expect(columnWith(grid, rowWith(grid, "Barriers"), "Reference")).toBe(0);
  });
});

describe("planTsmForm layout: headings and suggestions fully visible", () => {
  const analysis = makeAnalysis(specs);
  const plan = form(analysis, false);
  const grid = planToGrid(plan);
  const heights = new Map((plan.rowHeights ?? []).map((h) => [h.row, h.height]));
  const header = rowWith(grid, "Penalty-notice threshold met");

  it("gives header rows with wrapped headings the height of their longest heading", () => {
    // "Penalty-notice threshold met" in an 11-character column: at least three lines.
    expect(heights.get(header)).toBeGreaterThanOrEqual(3 * 15);
    expect(heights.get(rowWith(grid, "National figure is for"))).toBeGreaterThanOrEqual(2 * 15);
    expect(heights.get(rowWith(grid, "PA gap to whole school (percentage points)"))).toBeGreaterThanOrEqual(3 * 15);
  });

  it("wraps the suggested next step in its column and makes each pupil row tall enough for it", () => {
    const long =
      "Suggested (stage 6, Legal enforcement): Pass documentation of enforcement to the education welfare officer; continue support for the child and family.";
    const withLong = { ...analysis, pupils: analysis.pupils.map((p) => ({ ...p, suggestedAction: long })) };
    const longPlan = form(withLong, false);
    const longGrid = planToGrid(longPlan);
    const longHeights = new Map((longPlan.rowHeights ?? []).map((h) => [h.row, h.height]));
    const column = columnWith(longGrid, header, "Suggested next step");
    const width = longPlan.columnWidths[column]!;
    const block = longPlan.blocks.find((b) => b.row === header + 1 && b.column <= column && column < b.column + (b.values[0]?.length ?? 0));
    expect(block?.style).toBe("valueWrap");
    for (let row = header + 1; row <= header + 4; row++) {
      expect(longGrid[row]?.[column]).toBe(long);
      expect({ row, height: longHeights.get(row) }).toEqual({ row, height: expect.any(Number) });
      expect(longHeights.get(row)).toBeGreaterThanOrEqual(Math.ceil(long.length / width) * 15);
    }
    // Even a short suggestion leaves two lines to write in by hand.
    expect(heights.get(header + 1)).toBeGreaterThanOrEqual(2 * 15);
  });

  it("wraps the input columns people type into", () => {
    const barriers = columnWith(grid, header, "Barriers");
    const block = plan.blocks.find((b) => b.row === header + 1 && b.column === barriers);
    expect(block?.style).toBe("input");
  });
});

describe("planTsmForm without a school name (--shareable with no --school)", () => {
  it("titles and prints without a dangling dash", () => {
    const analysis = makeAnalysis([{ name: "Ava Wright", possible: 100, authorised: 60 }]);
    const references = assignReferences(analysis.pupils);
    const plan = planTsmForm({ analysis, details: { ...details, schoolName: "" }, shareable: true, framework: "both", references });
    expect(planToGrid(plan)[0]?.[0]).toBe("Targeting Support Meeting record");
    expect(plan.print?.headerCentre).toMatch(/^Targeting Support Meeting – \d{2}\/\d{2}\/\d{4}$/);
    for (const text of [...allValues(plan), plan.print?.headerCentre ?? ""].filter((v): v is string => typeof v === "string")) {
      expect(text).not.toMatch(/(^|\s)–\s*$|^\s*–/);
    }
  });
});
