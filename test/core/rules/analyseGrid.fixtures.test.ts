/**
 * The shared sample exports through the whole engine (reader + rules): analyseGrid on the CSV cells as text,
 * as the command-line tool sees them. Every expected field of expected.json must match.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { analyseGrid } from "../../../src/core/analyse";
import type { Grid } from "../../../src/core/read/grid";
import { fixturesDir } from "../../support/paths";
import { compareWithExpected, expected } from "./fixtureRecords";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require("csv-parse/sync") as { parse: (text: string) => string[][] };

describe.each(["bromcom-export.csv", "register-marks.csv"])("analyseGrid on %s", (file) => {
  const grid: Grid = parse(readFileSync(join(fixturesDir, file), "utf8"));
  const result = analyseGrid(grid, { sheetName: "Export" });

  test("reads the file", () => {
    expect(result.ok).toBe(true);
  });

  test("every expected pupil field matches", () => {
    if (!result.ok) throw new Error(result.message);
    expect(result.analysis.pupils).toHaveLength(expected[file]!.length);
    expect(compareWithExpected(result.analysis.pupils, expected[file]!)).toEqual([]);
  });
});
