import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CellValue } from "../core/read/grid";
import { gridToCsv } from "./csv";
import { seededRandom } from "./random";
import { sampleExportGrid, sampleHeadings, summaryExportGrid, upnCheckLetter } from "./sampleExport";

const grid = sampleExportGrid();
const header = 3;
const pupilRows = grid.slice(header + 1, -1);
const column = (heading: (typeof sampleHeadings)[number]): number => sampleHeadings.indexOf(heading);
const num = (row: readonly CellValue[], heading: (typeof sampleHeadings)[number]): number => row[column(heading)] as number;

function band(row: readonly CellValue[]): string {
  const possible = num(row, "Possible Sessions");
  const missed = num(row, "Authorised Absences") + num(row, "Unauthorised Absences");
  if (possible === 0) return "no-data";
  // docs/rules.md §2, in whole numbers
  if (2 * missed >= possible) return "severe";
  if (10 * missed >= possible) return "persistent";
  if (20 * missed >= possible) return "at-risk";
  return "expected";
}

describe("sampleExportGrid", () => {
  it("is the same on every call and never uses Math.random", () => {
    const spy = jest.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random must not be used");
    });
    try {
      expect(sampleExportGrid()).toEqual(grid);
    } finally {
      spy.mockRestore();
    }
  });

  it("is shaped like a SIMS export: two title rows, a blank row, the header, pupils, a totals row", () => {
    const width = sampleHeadings.length;
    expect(grid.every((row) => row.length === width)).toBe(true);
    expect(grid[0]?.[0]).toBe("Oakfield Academy – Attendance summary");
    expect(grid[1]?.[0]).toBe("01/09/2025 – 19/12/2025");
    expect(grid[2]?.every((cell) => cell === "")).toBe(true);
    expect(grid[header]).toEqual([...sampleHeadings]);
    expect(grid[grid.length - 1]?.[0]).toBe("Total");
    expect(pupilRows).toHaveLength(200);
  });

  it("has about 18% persistent absence, 1–3% severe, about 10% at risk, a few without data", () => {
    const counts: Record<string, number> = {};
    for (const row of pupilRows) counts[band(row)] = (counts[band(row)] ?? 0) + 1;
    const pa = (counts.severe ?? 0) + (counts.persistent ?? 0);
    expect(pa / 200).toBeGreaterThanOrEqual(0.15);
    expect(pa / 200).toBeLessThanOrEqual(0.2);
    expect(counts.severe! / 200).toBeGreaterThanOrEqual(0.01);
    expect(counts.severe! / 200).toBeLessThanOrEqual(0.03);
    expect(counts["at-risk"]! / 200).toBeGreaterThanOrEqual(0.08);
    expect(counts["at-risk"]! / 200).toBeLessThanOrEqual(0.13);
    expect(counts["no-data"]).toBeGreaterThanOrEqual(1);
    expect(counts.expected).toBeGreaterThan(100);
  });

  it("has counts that add up and a percentage that matches them", () => {
    for (const row of pupilRows) {
      const possible = num(row, "Possible Sessions");
      const attended = num(row, "Present") + num(row, "AEA");
      expect(attended + num(row, "Authorised Absences") + num(row, "Unauthorised Absences")).toBe(possible);
      expect(num(row, "Present")).toBeGreaterThanOrEqual(0);
      const percent = row[column("% Attendance")];
      if (possible === 0) expect(percent).toBe("");
      else expect(percent).toBeCloseTo((attended / possible) * 100, 1);
    }
    const totals = grid[grid.length - 1]!;
    expect(totals[column("Possible Sessions")]).toBe(pupilRows.reduce((sum, row) => sum + num(row, "Possible Sessions"), 0));
  });

  it("covers Years 7–11, and records PIAS levels 2–3 only for persistently absent pupils", () => {
    expect(new Set(pupilRows.map((row) => row[column("Year")]))).toEqual(new Set(["Year 7", "Year 8", "Year 9", "Year 10", "Year 11"]));
    const withLevel = pupilRows.filter((row) => row[column("Current PIAS level")] !== "");
    expect(withLevel.length).toBeGreaterThanOrEqual(3);
    for (const row of withLevel) {
      expect([2, 3]).toContain(row[column("Current PIAS level")]);
      expect(["severe", "persistent"]).toContain(band(row));
    }
    expect(withLevel.some((row) => row[column("Current PIAS level")] === 3)).toBe(true);
  });

  it("uses well-formed, distinct UPNs", () => {
    const upns = pupilRows.map((row) => String(row[column("UPN")]));
    expect(new Set(upns).size).toBe(upns.length);
    for (const upn of upns) {
      expect(upn).toMatch(/^[A-HJ-NP-RT-Z]\d{12}$/);
      expect(upn[0]).toBe(upnCheckLetter(upn.slice(1)));
    }
  });

  it("has realistic British names with apostrophes, hyphens and accents, and nothing a spreadsheet would run as a formula", () => {
    const names = pupilRows.flatMap((row) => [String(row[column("Legal Surname")]), String(row[column("Legal Forename")])]);
    expect(names.some((name) => name.includes("'"))).toBe(true);
    expect(names.some((name) => name.includes("-"))).toBe(true);
    expect(names.some((name) => /[À-ž]/.test(name))).toBe(true);
    for (const row of grid) for (const cell of row) expect(String(cell)).not.toMatch(/^[=+\-@]/);
  });
});

describe("summaryExportGrid", () => {
  it("scales to other sizes with unique UPNs", () => {
    const big = summaryExportGrid({ pupils: 5000, seed: 7, decorations: false });
    expect(big).toHaveLength(5001);
    expect(new Set(big.slice(1).map((row) => row[0])).size).toBe(5000);
  });
});

describe("assets/sample/sample-export.csv", () => {
  it("is exactly what `npm run sample` writes from the generator", () => {
    const file = readFileSync(path.resolve(__dirname, "../../assets/sample/sample-export.csv"), "utf8");
    // Line ends may be converted by a git checkout; everything else must match.
    expect(file.replace(/\r\n/g, "\n")).toBe(gridToCsv(grid).replace(/\r\n/g, "\n"));
  });
});

describe("gridToCsv", () => {
  it("quotes only fields that need it, as Excel does", () => {
    expect(gridToCsv([["a", 'say "hi"', "x,y", 93.2, true], ["line\nbreak", " lead", "", 0, false]])).toBe(
      '\uFEFFa,"say ""hi""","x,y",93.2,TRUE\r\n"line\nbreak"," lead",,0,FALSE\r\n',
    );
  });
});

describe("seededRandom", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(c.next()).not.toBe(first[0]);
    for (let i = 0; i < 1000; i += 1) {
      const n = a.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});
