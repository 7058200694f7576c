import fc from "fast-check";
import { analyseGrid } from "../../../src/core/analyse";
import type { CellValue, Grid } from "../../../src/core/read/grid";

/**
 * docs/rules.md §2 and docs/architecture.md "What must never happen": a status column (a "PA" flag) is read as a
 * status, never as a count, so adding one to any export, at any position, changes no pupil's band.
 */

const statusHeadings = [
  "Persistent Absence", "PA", "PA?", "PA flag", "Severe absence", "SA", "SA?", "Below 90%", "Persistent absentee", "Is PA",
  "Persistent Absence %", "PA (Y/N)", "Severely absent", "Persistently absent", "Absence flag", "Absence indicator",
  "PA Status", "SA flag", "90% or below", "Attendance concern", "Severe absentee", "Persistent absence count",
];

interface Pupil {
  possible: number;
  authorised: number;
  unauthorised: number;
}

const pupil: fc.Arbitrary<Pupil> = fc
  .record({ possible: fc.integer({ min: 20, max: 380 }), missedShare: fc.double({ min: 0, max: 1, noNaN: true }), authShare: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ possible, missedShare, authShare }) => {
    const missed = Math.round(possible * missedShare * missedShare);
    const authorised = Math.round(missed * authShare);
    return { possible, authorised, unauthorised: missed - authorised };
  });

type Layout = "split" | "missed" | "attended" | "percent" | "two-row";
const layouts: readonly Layout[] = ["split", "missed", "attended", "percent", "two-row"];

function percent(p: Pupil): string {
  return `${(((p.possible - p.authorised - p.unauthorised) / p.possible) * 100).toFixed(1)}%`;
}

/** An export in one of several layouts: the heading rows, then one row per pupil. */
function exportGrid(layout: Layout, pupils: readonly Pupil[]): { headings: CellValue[][]; rows: CellValue[][] } {
  const name = (i: number): string => `Pupil${i}, Test`;
  switch (layout) {
    case "split":
      return {
        headings: [["Name", "Possible", "Present", "Authorised absences", "Unauthorised absences"]],
        rows: pupils.map((p, i) => [name(i), p.possible, p.possible - p.authorised - p.unauthorised, p.authorised, p.unauthorised]),
      };
    case "missed":
      return {
        headings: [["Student", "Sessions possible", "Total absence"]],
        rows: pupils.map((p, i) => [name(i), String(p.possible), String(p.authorised + p.unauthorised)]),
      };
    case "attended":
      return {
        headings: [["Surname", "Forename", "Poss", "Attended"]],
        rows: pupils.map((p, i) => [`Pupil${i}`, "Test", p.possible, p.possible - p.authorised - p.unauthorised]),
      };
    case "percent":
      return { headings: [["Name", "% Attendance"]], rows: pupils.map((p, i) => [name(i), percent(p)]) };
    case "two-row":
      return {
        headings: [
          ["Student", "Possible Sessions", "", "Authorised Absence", "", "Unauthorised Absence", ""],
          ["", "Count", "%", "Count", "%", "Count", "%"],
        ],
        rows: pupils.map((p, i) => [
          name(i),
          String(p.possible),
          "100.00",
          String(p.authorised),
          ((p.authorised / p.possible) * 100).toFixed(2),
          String(p.unauthorised),
          ((p.unauthorised / p.possible) * 100).toFixed(2),
        ]),
      };
  }
}

const statusValue: fc.Arbitrary<(p: Pupil) => CellValue> = fc.constantFrom(
  () => 1,
  () => "",
  () => "1",
  () => "100.00",
  () => "Y",
  () => "N",
  () => "Yes",
  () => true,
  () => 0,
  // Agreeing and disagreeing flags alike: the band comes from the figures either way.
  (p: Pupil) => ((p.authorised + p.unauthorised) * 10 >= p.possible ? "1" : ""),
  (p: Pupil) => ((p.authorised + p.unauthorised) * 10 >= p.possible ? "" : "100.00"),
);

function insertColumn(rows: readonly CellValue[][], position: number, cells: readonly CellValue[]): CellValue[][] {
  return rows.map((row, r) => {
    const at = Math.min(position, row.length);
    return [...row.slice(0, at), cells[r]!, ...row.slice(at)];
  });
}

function bands(grid: Grid): string[] {
  const result = analyseGrid(grid, { sheetName: "Export", referenceDate: "2025-12-01" });
  if (!result.ok) return [`refused: ${result.message}`];
  return result.analysis.pupils.map((p) => `${p.record.sourceRow}:${p.band}:${p.missedSessions}:${p.possibleSessions}`);
}

describe("a status column never changes a band", () => {
  test("any status heading, any values, at any position, in any layout", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.array(pupil, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...statusHeadings),
        fc.array(statusValue, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.boolean(),
        (layout, pupils, heading, values, position, title) => {
          const { headings, rows } = exportGrid(layout, pupils);
          const top: CellValue[][] = title ? [["Attendance report"], []] : [];
          const base: CellValue[][] = [...top, ...headings, ...rows];
          const width = headings[0]!.length;
          const at = position % (width + 1);
          const column: CellValue[] = [
            ...top.map(() => ""),
            heading,
            ...headings.slice(1).map(() => ""),
            ...pupils.map((p, i) => values[i % values.length]!(p)),
          ];
          const withStatus = [...top, ...insertColumn([...headings, ...rows], at, column.slice(top.length))];
          expect(bands(withStatus)).toEqual(bands(base));
        },
      ),
      { numRuns: 400 },
    );
  });

  test("the status column is read as a status: a disagreement is one warning naming the pupil", () => {
    const grid: CellValue[][] = [
      ["Name", "Possible", "Authorised", "Unauthorised", "Persistent Absence"],
      ["Abbott, Maya", 140, 10, 4, 1], // 14/140: PA, flagged
      ["Fisher, Lily", 140, 10, 0, 1], // 10/140: at risk, flagged
      ["Green, Amir", 130, 3, 10, ""], // 13/130: PA, not flagged
    ];
    const result = analyseGrid(grid, { sheetName: "Export", referenceDate: "2025-12-01" });
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.pupils.map((p) => p.band)).toEqual(["persistent", "at-risk", "persistent"]);
    expect(result.analysis.pupils.map((p) => p.record.recordedStatus?.persistent)).toEqual([true, true, false]);
    const status = result.analysis.warnings.filter((w) => w.message.includes('"Persistent Absence" column'));
    expect(status.map((w) => w.sourceRow)).toEqual([3, 4]);
    expect(status[0]!.message).toMatch(/^Lily Fisher: .* marks this pupil as persistently absent, but the figures give 92\.9% attendance, at risk/);
    expect(status[1]!.message).toMatch(/^Amir Green: .* does not mark this pupil as persistently absent, but the figures give 90\.0% attendance, persistent absence/);
  });
});
