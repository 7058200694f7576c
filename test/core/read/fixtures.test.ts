import { readFileSync } from "fs";
import { join } from "path";
import type { Grid } from "../../../src/core/read/grid";
import { readGrid } from "../../../src/core/read/readGrid";
import { fixturesDir } from "../../support/paths";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require("csv-parse/sync") as { parse: (text: string, options: object) => string[][] };

const fixtures = fixturesDir;
const expected = JSON.parse(readFileSync(join(fixtures, "expected.json"), "utf8")) as Record<
  string,
  { sourceRow: number; possibleSessions?: number; authorisedSessions?: number; unauthorisedSessions?: number }[]
>;

function load(file: string): Grid {
  return parse(readFileSync(join(fixtures, file), "utf8"), { bom: true, relax_column_count: true });
}

describe("bromcom-export.csv", () => {
  const result = readGrid(load("bromcom-export.csv"), { sheetName: "bromcom-export" });
  if (!result.ok) throw new Error(result.message);

  test("reads exactly the expected pupil rows", () => {
    expect(result.pupils.map((p) => p.sourceRow)).toEqual(expected["bromcom-export.csv"]!.map((p) => p.sourceRow));
  });

  test("session counts match the expected values", () => {
    const bySourceRow = new Map(result.pupils.map((p) => [p.sourceRow, p]));
    for (const want of expected["bromcom-export.csv"]!) {
      const got = bySourceRow.get(want.sourceRow)!;
      expect({ row: want.sourceRow, possible: got.possibleSessions, auth: got.authorisedSessions, unauth: got.unauthorisedSessions }).toEqual({
        row: want.sourceRow,
        possible: want.possibleSessions,
        auth: want.authorisedSessions,
        unauth: want.unauthorisedSessions,
      });
    }
  });

  test("short Bromcom headings, percentages, year groups and characteristics", () => {
    expect(result.mapping.headerRow).toBe(0);
    expect(result.mapping.percentScale).toBe("percent");
    expect(result.warnings).toEqual([]);
    const first = result.pupils[0]!;
    expect(first).toMatchObject({
      name: "Oliver Smith-Jones",
      upn: "K820001583800",
      yearGroup: "11",
      regGroup: "11X",
      presentSessions: 135,
      aeaSessions: 0,
      attendancePercent: { percent: 90, decimals: 1 },
      marks: null,
    });
    expect(first.characteristics).toMatchObject({ pupilPremium: false, ehcp: true, senSupport: false, eal: false, grt: false, ethnicity: "WOTH" });
    // Row 7: Ward, Aisha — SEN K, EAL Y, ethnicity WIRT (Irish Traveller).
    const ward = result.pupils.find((p) => p.sourceRow === 7)!;
    expect(ward.characteristics).toMatchObject({ senSupport: true, ehcp: false, eal: true, grt: true });
    // Row 8: no percentage given for a pupil with no possible sessions.
    expect(result.pupils.find((p) => p.sourceRow === 8)!.attendancePercent).toBeNull();
    // Recorded PIAS level: row 6 records 3, row 2 records nothing.
    expect(result.pupils.find((p) => p.sourceRow === 6)!.recordedLevel).toBe(3);
    expect(first.recordedLevel).toBeNull();
  });
});

describe("register-marks.csv", () => {
  const grid = load("register-marks.csv");
  const result = readGrid(grid, { sheetName: "register-marks" });
  if (!result.ok) throw new Error(result.message);

  test("reads exactly the expected 25 pupil rows", () => {
    expect(result.pupils).toHaveLength(25);
    expect(result.pupils.map((p) => p.sourceRow)).toEqual(expected["register-marks.csv"]!.map((p) => p.sourceRow));
  });

  test("one session column per mark heading, in date order, with no columns in half-term", () => {
    const sessions = result.mapping.sessions;
    expect(sessions).toHaveLength(140);
    expect(sessions[0]).toEqual({ column: 4, date: "2025-09-01", session: "AM", heading: "Mon 01/09/2025 AM" });
    expect(sessions[1]).toMatchObject({ date: "2025-09-01", session: "PM" });
    expect(sessions[139]).toMatchObject({ date: "2025-12-12", session: "PM" });
    const dates = new Set(sessions.map((s) => s.date));
    expect(dates.size).toBe(70);
    // Half-term: 27–31 October 2025 has no columns; the register resumes on Monday 3 November.
    expect([...dates].filter((d) => d >= "2025-10-25" && d <= "2025-11-02")).toEqual([]);
    expect(dates.has("2025-10-24") && dates.has("2025-11-03")).toBe(true);
    expect(result.mapping.columns).toEqual(
      expect.objectContaining({ upn: expect.objectContaining({ column: 0 }), yearGroup: expect.objectContaining({ column: 3 }) }),
    );
  });

  test("marks are kept as trimmed text per pupil, in session order, closure marks included", () => {
    for (const pupil of result.pupils) {
      expect(pupil.marks).toHaveLength(140);
      const row = grid[pupil.sourceRow - 1]!;
      expect(pupil.marks).toEqual(result.mapping.sessions.map((s) => String(row[s.column]).trim()));
    }
    const first = result.pupils[0]!;
    const closure = first.marks!.map((m, i) => (m === "#" ? result.mapping.sessions[i]!.date : null)).filter(Boolean);
    expect(closure.length).toBeGreaterThan(0);
    // A closure is a whole-school event: every pupil has "#" on the same sessions.
    for (const pupil of result.pupils) {
      expect(pupil.marks!.map((m, i) => (m === "#" ? result.mapping.sessions[i]!.date : null)).filter(Boolean)).toEqual(closure);
    }
    expect(first.possibleSessions).toBeNull();
    expect(first.name).toBe("Oliver Smith");
  });
});
