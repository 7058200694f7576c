import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkNationalFigureTable, nationalTableToJson, type NationalTableProblem } from "../../../src/core/report/checkNationalFigures";
import { nationalFigureTable } from "../../../src/core/report/nationalFigures";

const goodRow = { year: "2024/25", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.4, persistentRate: 24.1, severeRate: 3.2 };
const good = { source: 'DfE, "Pupil absence in schools in England"', date: "2026-03-19", rows: [goodRow] };

function problems(input: unknown): NationalTableProblem[] {
  const check = checkNationalFigureTable(input);
  if (check.ok) throw new Error("expected the table to be refused");
  return check.problems;
}

function onlyProblem(input: unknown): NationalTableProblem {
  const found = problems(input);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const withRow = (row: Record<string, unknown>) => ({ ...good, rows: [goodRow, row] });

describe("checkNationalFigureTable: a good table", () => {
  it("accepts the shipped table in its JSON shape and gives it back unchanged", () => {
    const check = checkNationalFigureTable(JSON.parse(JSON.stringify(nationalTableToJson(nationalFigureTable))));
    expect(check).toEqual({ ok: true, table: nationalFigureTable });
  });

  it("ships an example file equal to the shipped table", () => {
    const example = JSON.parse(readFileSync(join(__dirname, "../../../assets/national-figures.example.json"), "utf8")) as unknown;
    expect(example).toEqual(nationalTableToJson(nationalFigureTable));
    expect(checkNationalFigureTable(example)).toEqual({ ok: true, table: nationalFigureTable });
  });

  it("takes figures as typed: text with or without %, empty as no figure, a British date, a part-year note", () => {
    const check = checkNationalFigureTable({
      source: "  DfE  ",
      date: "19/03/2026",
      rows: [{ year: "2025/26  autumn term", coverage: " All state-funded schools ", phase: "All", overallAbsence: "6.1%", persistentRate: " 16.0 ", severeRate: "" }],
    });
    expect(check).toEqual({
      ok: true,
      table: {
        source: "DfE",
        date: "2026-03-19",
        rows: [{ year: "2025/26 autumn term", coverage: "All state-funded schools", phase: "all", overallAbsence: 6.1, persistentRate: 16, severeRate: null, partYear: true }],
      },
    });
  });

  it("accepts 0 and 100 as percentages", () => {
    expect(checkNationalFigureTable(withRow({ ...goodRow, overallAbsence: 0, persistentRate: 100 })).ok).toBe(true);
  });
});

describe("checkNationalFigureTable: each bad field names its row and field", () => {
  it("a percentage above 100", () => {
    expect(onlyProblem(withRow({ ...goodRow, persistentRate: 120 }))).toEqual({
      row: 2,
      field: "persistentRate",
      text: "120 is more than 100; enter a percentage from 0 to 100 (for example 7.4 for 7.4%), or leave it empty.",
      message:
        "Row 2 (2024/25, State-funded secondary schools), PA rate: 120 is more than 100; enter a percentage from 0 to 100 (for example 7.4 for 7.4%), or leave it empty.",
    });
  });

  it("a negative percentage and one that is not a number", () => {
    expect(onlyProblem(withRow({ ...goodRow, severeRate: -1 })).message).toBe(
      "Row 2 (2024/25, State-funded secondary schools), SA rate: -1 is below 0; enter a percentage from 0 to 100 (for example 7.4 for 7.4%), or leave it empty.",
    );
    const notNumber = onlyProblem(withRow({ ...goodRow, overallAbsence: "seven" }));
    expect(notNumber.field).toBe("overallAbsence");
    expect(notNumber.message).toMatch(/^Row 2 \(2024\/25, State-funded secondary schools\), Overall absence: "seven" is not a number;/);
    expect(onlyProblem(withRow({ ...goodRow, overallAbsence: true })).message).toMatch(/Overall absence: it is true; enter a percentage/);
  });

  it("a row with no figure at all", () => {
    const problem = onlyProblem(withRow({ ...goodRow, overallAbsence: null, persistentRate: "", severeRate: null }));
    expect(problem.field).toBe("overallAbsence");
    expect(problem.message).toBe(
      "Row 2 (2024/25, State-funded secondary schools), Overall absence: the row gives no figure; enter at least one of overall absence, PA rate and SA rate, or remove the row.",
    );
  });

  it("a year that is not an academic year", () => {
    for (const year of ["2024", "2024/26", "24/25", 2024]) {
      const problem = onlyProblem(withRow({ ...goodRow, year }));
      expect(problem).toMatchObject({ row: 2, field: "year" });
      expect(problem.message).toContain("is not an academic year; write it like 2023/24, adding the terms for a part-year release");
    }
    expect(onlyProblem(withRow({ ...goodRow, year: "" })).message).toBe(
      "Row 2 (State-funded secondary schools), Year: it is missing; write it like 2023/24, adding the terms for a part-year release (for example 2024/25 autumn and spring terms).",
    );
  });

  it("a phase that is not all, primary, secondary or special", () => {
    const problem = onlyProblem(withRow({ ...goodRow, phase: "all-through" }));
    expect(problem).toMatchObject({ row: 2, field: "phase" });
    expect(problem.message).toBe(
      'Row 2 (2024/25, State-funded secondary schools), Phase: "all-through" is not a phase; choose all, primary, secondary or special.',
    );
  });

  it("coverage missing or too long", () => {
    expect(onlyProblem(withRow({ ...goodRow, coverage: " " })).message).toBe(
      "Row 2 (2024/25), Covers: say which pupils the figures cover, for example State-funded secondary schools.",
    );
    expect(onlyProblem(withRow({ ...goodRow, coverage: "x".repeat(201) })).field).toBe("coverage");
  });

  it("source missing", () => {
    expect(onlyProblem({ ...good, source: "" })).toEqual({
      row: null,
      field: "source",
      text: 'Say who published the figures, for example DfE, "Pupil absence in schools in England".',
      message: 'Source: say who published the figures, for example DfE, "Pupil absence in schools in England".',
    });
  });

  it("a date that is not a real date, or none", () => {
    expect(onlyProblem({ ...good, date: "2026-02-30" }).message).toBe(
      'Date published or last checked: "2026-02-30" is not a date; enter the date the figures were published or last checked, for example 2025-06-12 or 12/06/2025.',
    );
    const missing = { source: good.source, rows: good.rows };
    expect(onlyProblem(missing)).toMatchObject({ row: null, field: "date" });
    expect(onlyProblem(missing).text).toMatch(/^It is missing; enter the date/);
  });

  it("a misspelt field is not silently ignored", () => {
    const problem = onlyProblem(withRow({ ...goodRow, persistantRate: 20 }));
    expect(problem.message).toMatch(/^Row 2 \(2024\/25, State-funded secondary schools\), Year: the row has a field "persistantRate" the table does not use/);
    expect(onlyProblem({ ...good, notes: "x" }).message).toMatch(/^The table has a field "notes" it does not use/);
  });

  it("no rows, too many rows, or not a table at all", () => {
    expect(onlyProblem({ ...good, rows: [] }).message).toBe("The table has no rows: add at least one row of figures.");
    expect(onlyProblem({ ...good, rows: Array.from({ length: 51 }, () => goodRow) }).message).toBe(
      "The table has 51 rows; it can have at most 50.",
    );
    expect(onlyProblem([goodRow]).message).toBe(
      'The national figures must be a set of named values with "source", "date" and "rows", not a list.',
    );
    expect(onlyProblem({ ...good, rows: [goodRow, "2024/25"] })).toMatchObject({ row: 2, field: "year" });
  });

  it("reports every problem, in row order", () => {
    const found = problems({ ...good, date: "soon", rows: [{ ...goodRow, phase: "x" }, { ...goodRow, severeRate: 101 }] });
    expect(found.map((p) => [p.row, p.field])).toEqual([
      [null, "date"],
      [1, "phase"],
      [2, "severeRate"],
    ]);
  });
});
