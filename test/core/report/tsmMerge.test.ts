import fc from "fast-check";
import type { CellValue } from "../../../src/core/read/grid";
import { pupilDataHeadings, pupilInputHeadings } from "../../../src/core/report/tsmColumns";
import { keptRowMarker } from "../../../src/core/report/tsmMerge";
import { buildWorkbookPlan, type ExistingSheets } from "../../../src/core/report/workbookPlan";
import { allValues, details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

const source = { sheetName: "Export", lastColumn: 5, firstRow: 0, firstColumn: 0, rowCount: 20 };

function generate(specs: PupilSpec[], shareable: boolean, existing?: ExistingSheets) {
  const plan = buildWorkbookPlan(makeAnalysis(specs), source, {
    details,
    shareable,
    framework: "both",
    ...(existing ? { existing } : {}),
  });
  const tsm = plan.sheets.find((s) => s.role === "tsm");
  const key = plan.sheets.find((s) => s.role === "key");
  if (!tsm) throw new Error("no TSM sheet");
  return { tsm, grid: planToGrid(tsm), key: key ? planToGrid(key) : undefined };
}

function headerRow(grid: CellValue[][]): number {
  return rowWith(grid, "Barriers");
}

function col(grid: CellValue[][], heading: string): number {
  return (grid[headerRow(grid)] ?? []).indexOf(heading);
}

function pupilRow(grid: CellValue[][], reference: string): number {
  const h = headerRow(grid);
  for (let r = h + 1; r < grid.length; r++) if (grid[r]?.[0] === reference) return r;
  return -1;
}

/** Types into a pupil's input cell, as a person would. */
function type(grid: CellValue[][], reference: string, heading: string, value: CellValue): void {
  const r = pupilRow(grid, reference);
  const c = col(grid, heading);
  if (r < 0 || c < 0) throw new Error(`no cell for ${reference} / ${heading}`);
  (grid[r] as CellValue[])[c] = value;
}

function cellOf(grid: CellValue[][], reference: string, heading: string): CellValue | undefined {
  return grid[pupilRow(grid, reference)]?.[col(grid, heading)];
}

function typeLine(grid: CellValue[][], heading: string, line: number, value: CellValue): void {
  const r = rowWith(grid, heading) + 1 + line;
  (grid[r] as CellValue[])[0] = value;
}

const ava: PupilSpec = { name: "Ava Wright", upn: "A100", year: "7", possible: 100, authorised: 12 }; // PA 88%
const ben: PupilSpec = { name: "Ben Hughes", upn: "B200", year: "8", possible: 100, authorised: 60 }; // SA 40%
const cara: PupilSpec = { name: "Cara Greer", upn: "C300", year: "9", possible: 100, unauthorised: 15 }; // PA 85%
const dev: PupilSpec = { name: "Dev Shah", upn: "D400", year: "9", possible: 100 }; // expected

describe("regenerating the TSM form keeps what people typed", () => {
  it("keeps each pupil's notes on the same pupil when the rows move", () => {
    const first = generate([ava, ben, cara, dev], false);
    // Order: Ben (SA) P002, Cara (PA 85%) P003, Ava (PA 88%) P001.
    expect([pupilRow(first.grid, "P002"), pupilRow(first.grid, "P003"), pupilRow(first.grid, "P001")]).toEqual(
      [0, 1, 2].map((i) => headerRow(first.grid) + 1 + i),
    );
    type(first.grid, "P001", "Barriers", "Anxiety about maths");
    type(first.grid, "P001", "Agreed actions", "Weekly check-in");
    type(first.grid, "P002", "Lead practitioner", "Early Help");
    type(first.grid, "P002", "Review date", 46000);
    type(first.grid, "P003", "Owner", "Mr Khan");

    // Next run: a new severely absent pupil joins above everyone; Ava's attendance falls below Cara's.
    const eli: PupilSpec = { name: "Eli Moss", upn: "E500", year: "10", possible: 100, authorised: 70 };
    const worseAva = { ...ava, authorised: 20 };
    const second = generate([eli, worseAva, ben, cara, dev], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    expect(second.grid.slice(headerRow(second.grid) + 1, headerRow(second.grid) + 5).map((r) => r[1])).toEqual([
      "Eli Moss",
      "Ben Hughes",
      "Ava Wright",
      "Cara Greer",
    ]);
    expect(cellOf(second.grid, "P001", "Barriers")).toBe("Anxiety about maths");
    expect(cellOf(second.grid, "P001", "Agreed actions")).toBe("Weekly check-in");
    expect(cellOf(second.grid, "P002", "Lead practitioner")).toBe("Early Help");
    expect(cellOf(second.grid, "P002", "Review date")).toBe(46000);
    expect(cellOf(second.grid, "P003", "Owner")).toBe("Mr Khan");
    expect(cellOf(second.grid, "P005", "Barriers")).toBe("");
    expect(second.grid.some((r) => r.includes(keptRowMarker))).toBe(false);
  });

  it("keeps a pupil who has left the list, with their notes, at the end and marked", () => {
    const first = generate([ava, ben, cara, dev], false);
    type(first.grid, "P001", "Agreed actions", "Mentor from January");
    type(first.grid, "P003", "Barriers", "Young carer");
    const existing = { tsm: first.grid, ...(first.key ? { key: first.key } : {}) };
    // Ava's attendance recovers (no longer PA); Cara has left the school; Ben has no notes.
    const second = generate([{ ...ava, authorised: 2 }, ben, dev], false, existing);
    const g = second.grid;
    const h = headerRow(g);
    expect(g[h + 1]?.[0]).toBe("P002");
    // Kept rows follow the listed pupils, in their old order.
    expect(g[h + 2]?.[0]).toBe("P003");
    expect(g[h + 3]?.[0]).toBe("P001");
    expect(cellOf(g, "P003", "Band")).toBe(keptRowMarker);
    expect(cellOf(g, "P003", "Barriers")).toBe("Young carer");
    // Cara is not in the export any more: her old row's details are kept as they were.
    expect(cellOf(g, "P003", "Name")).toBe("Cara Greer");
    expect(cellOf(g, "P003", "Attendance")).toBe(0.85);
    // Ava is still in the export: her current figures are shown.
    expect(cellOf(g, "P001", "Band")).toBe(keptRowMarker);
    expect(cellOf(g, "P001", "Attendance")).toBe(0.98);
    expect(cellOf(g, "P001", "Agreed actions")).toBe("Mentor from January");
    // The kept rows are input rows too (validated and kept next time).
    const last = h + 3 + 1;
    expect(second.tsm.inputRanges).toContain(`N${h + 2}:S${last}`);
  });

  it("drops a pupil who left the list with nothing typed", () => {
    const first = generate([ava, ben, cara, dev], false);
    const second = generate([ben, dev], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    expect(pupilRow(second.grid, "P001")).toBe(-1);
    expect(pupilRow(second.grid, "P003")).toBe(-1);
  });

  it("is stable: regenerating again changes nothing and duplicates nothing", () => {
    const first = generate([ava, ben, cara, dev], false);
    type(first.grid, "P001", "Support in place", "Breakfast club");
    type(first.grid, "P003", "Barriers", "Transport");
    typeLine(first.grid, "Themes raised", 0, "Year 9 absence on Fridays");
    const second = generate([ben, dev, { ...cara }], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    const third = generate([ben, dev, { ...cara }], false, { tsm: second.grid, ...(second.key ? { key: second.key } : {}) });
    expect(third.grid).toEqual(second.grid);
    expect(third.grid.filter((r) => r.includes("Breakfast club"))).toHaveLength(1);
  });

  it("keeps attendees, themes, actions and the next meeting date, however many lines were used", () => {
    const first = generate([ava, ben], false);
    const attendeesHeader = rowWith(first.grid, "Organisation");
    (first.grid[attendeesHeader + 3] as CellValue[]).splice(0, 3, "Priya Shah", "Head of Year 8", "Oakfield Academy");
    (first.grid[attendeesHeader + 2] as CellValue[])[0] = "Sam Green-Smith";
    for (let i = 0; i < 5; i++) typeLine(first.grid, "Themes raised", i, `Theme ${i + 1}`);
    typeLine(first.grid, "Actions for the school", 1, "Review the late-gate process");
    typeLine(first.grid, "Actions for LA services", 0, "PIAS to share EBSA resources");
    const nextRow = rowWith(first.grid, "Next meeting date");
    (first.grid[nextRow] as CellValue[])[2] = 46050;

    const second = generate([ava, ben, cara], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    const g = second.grid;
    const header = rowWith(g, "Organisation");
    const attendees = g.slice(header + 1, header + 9).map((r) => r.slice(0, 3));
    expect(attendees).toContainEqual(["Jo Patel", "Senior attendance lead", "Oakfield Academy"]);
    expect(attendees).toContainEqual(["Sam Green-Smith", "Link PIAS officer", "Kent PIAS"]);
    expect(attendees).toContainEqual(["Priya Shah", "Head of Year 8", "Oakfield Academy"]);
    // The officer's name was edited: the edit stands, and the details' name is offered again beside it.
    expect(attendees).toContainEqual(["Sam Green", "Link PIAS officer", "Kent PIAS"]);
    const themes = rowWith(g, "Themes raised");
    expect(g.slice(themes + 1, themes + 6).map((r) => r[0])).toEqual(["Theme 1", "Theme 2", "Theme 3", "Theme 4", "Theme 5"]);
    // Room to write more: two empty lines after the kept ones.
    expect(g.slice(themes + 6, themes + 8).map((r) => r[0])).toEqual(["", ""]);
    expect(rowWith(g, "Review the late-gate process")).toBeGreaterThan(rowWith(g, "Actions for the school"));
    expect(rowWith(g, "PIAS to share EBSA resources")).toBeGreaterThan(rowWith(g, "Actions for LA services"));
    expect(g[rowWith(g, "Next meeting date")]?.[2]).toBe(46050);
  });

  it("finds everything by its heading after people insert rows and columns", () => {
    const first = generate([ava, ben, cara], false);
    type(first.grid, "P001", "Agreed actions", "Attendance panel");
    // Someone inserts two rows above the table and a column of their own inside it.
    const h = headerRow(first.grid);
    const widen = (r: CellValue[], value: CellValue) => r.splice(14, 0, value);
    first.grid.forEach((r, i) => widen(r, i === h ? "My column" : ""));
    (first.grid[pupilRow(first.grid, "P002")] as CellValue[])[14] = "Sibling at Oak Primary";
    first.grid.splice(h - 1, 0, ["Added by hand", ""], ["", ""]);
    const second = generate([ava, ben, cara], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    expect(cellOf(second.grid, "P001", "Agreed actions")).toBe("Attendance panel");
    expect(cellOf(second.grid, "P002", "Other notes (kept from the earlier form)")).toBe("My column: Sibling at Oak Primary");
    // And again, unchanged (the notes column is itself kept, without piling up prefixes).
    const third = generate([ava, ben, cara], false, { tsm: second.grid, ...(second.key ? { key: second.key } : {}) });
    expect(third.grid).toEqual(second.grid);
  });

  it("keeps notes when the form is regenerated as shareable, without the names", () => {
    const first = generate([ava, ben, cara], false);
    type(first.grid, "P003", "Barriers", "Bullying reported");
    const second = generate([ava, ben, { ...cara, unauthorised: 2 }], true, {
      tsm: first.grid,
      ...(first.key ? { key: first.key } : {}),
    });
    // The key still goes to the school's workbook (school only); the form itself names nobody.
    expect(second.key).toBeDefined();
    expect(cellOf(second.grid, "P003", "Barriers")).toBe("Bullying reported");
    expect(cellOf(second.grid, "P003", "Band")).toBe(keptRowMarker);
    const values = allValues(second.tsm).map(String);
    for (const secret of ["Ava Wright", "Ben Hughes", "Cara Greer", "A100", "B200", "C300"]) {
      expect(values.filter((v) => v.includes(secret))).toEqual([]);
    }
  });

  it("never puts notes on the wrong child when references could not be carried over", () => {
    // Shareable both times and no key: references are assigned afresh each time.
    const first = generate([ava, ben], true);
    type(first.grid, "P002", "Barriers", "Ben's note"); // Ben is P002 (second in the sheet)
    const zed: PupilSpec = { name: "Zed Able", upn: "Z900", year: "7", possible: 100, authorised: 30 };
    // Zed joins first in the sheet, so Ava becomes P002 this time; the note must not move to her.
    const second = generate([zed, ava, ben], true, { tsm: first.grid });
    expect(cellOf(second.grid, "P002", "Barriers")).toBe("");
    const kept = second.grid.filter((r) => r.includes("Ben's note"));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toContain(keptRowMarker);
  });

  it("is not fooled by a note that reads like a section heading", () => {
    const first = generate([ava, ben, cara], false);
    type(first.grid, "P002", "Barriers", "Themes raised");
    type(first.grid, "P003", "Barriers", "Attendees");
    type(first.grid, "P001", "Barriers", "Last row's note");
    const second = generate([ava, ben, cara], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    expect(cellOf(second.grid, "P002", "Barriers")).toBe("Themes raised");
    expect(cellOf(second.grid, "P003", "Barriers")).toBe("Attendees");
    expect(cellOf(second.grid, "P001", "Barriers")).toBe("Last row's note");
    const themes = rowWith(second.grid, "Themes raised", headerRow(second.grid) + 4);
    expect(second.grid[themes + 1]?.[0]).toBe("");
  });

  it("keeps a row someone typed in by hand with no reference", () => {
    const first = generate([ava, ben], false);
    const h = headerRow(first.grid);
    const row = Array.from({ length: (first.grid[h] ?? []).length }, () => "" as CellValue);
    row[col(first.grid, "Name")] = "Pupil from another list";
    row[col(first.grid, "Agreed actions")] = "Call family";
    first.grid.splice(h + 3, 0, row);
    const second = generate([ava, ben], false, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
    const kept = second.grid.find((r) => r.includes("Call family"));
    expect(kept).toBeDefined();
    expect(kept).toContain("Pupil from another list");
  });

  it("loses nothing typed, whatever changes between runs (property)", () => {
    const pool: PupilSpec[] = Array.from({ length: 12 }, (_, i) => ({
      name: `Pupil ${String.fromCharCode(65 + i)}`,
      upn: `U${100 + i}`,
      year: String(7 + (i % 5)),
      possible: 100,
    }));
    const absence = fc.array(fc.integer({ min: 0, max: 70 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(
        absence,
        absence,
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (before, after, inFirst, inSecond, shareableSecond) => {
          const firstSpecs = pool.map((p, i) => ({ ...p, authorised: before[i] ?? 0 })).filter((_, i) => inFirst[i]);
          const secondSpecs = pool.map((p, i) => ({ ...p, authorised: after[i] ?? 0 })).filter((_, i) => inSecond[i]);
          const first = generate(firstSpecs, false);
          const h = headerRow(first.grid);
          const typed: string[] = [];
          for (let r = h + 1; r < first.grid.length && /^P\d+$/.test(String(first.grid[r]?.[0])); r++) {
            const text = `note for ${String(first.grid[r]?.[0])}`;
            (first.grid[r] as CellValue[])[col(first.grid, "Agreed actions")] = text;
            typed.push(text);
          }
          const second = generate(secondSpecs, shareableSecond, { tsm: first.grid, ...(first.key ? { key: first.key } : {}) });
          for (const text of typed) {
            const rows = second.grid.filter((r) => r.includes(text));
            expect(rows).toHaveLength(1);
            // …and on the same pupil's row.
            expect(rows[0]?.[0]).toBe(text.replace("note for ", ""));
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe("the merge knows the form's columns", () => {
  it("treats exactly the form's own data columns as data, and every other column as typed", () => {
    const { grid } = generate([ava, ben], false);
    const headings = (grid[headerRow(grid)] ?? []).map(String);
    expect(headings.filter((h) => !pupilDataHeadings.includes(h))).toEqual([...pupilInputHeadings]);
  });
});
