import type { HighlightPlan, PlanValue } from "../../src/core/report/plan";
import { queueHighlight, queueValues } from "../../src/excel/applyPlans";
import { chunkRows, WriteQueue } from "../../src/excel/writeQueue";
import { FakeExcel, FakeExcelError, payloadLimitBytes, type FakeContext } from "../support/fakeExcel";

function plan(rows: number): HighlightPlan {
  const values: PlanValue[][] = [];
  for (let i = 0; i < rows; i++) {
    values.push([
      i % 7 === 0 ? "Persistent absence (PA)" : "Expected attendance",
      i % 7 === 0 ? "Stage 3 – Serious concern" : null,
      i % 7 === 0 ? "Level 2 – Facilitate support" : null,
      "Letter to parents/carers; meeting with parents/carers; consider external agencies; offer Early Help.",
      `Missed ${(i % 40) + 0.5}% of possible sessions (${i % 90} of 146). Pupil ${i}.`,
      i % 7 === 0 ? i % 30 : null,
    ]);
  }
  return {
    sheetName: "Export",
    headerRow: 0,
    firstDataRow: 1,
    lastDataRow: rows,
    firstColumn: 20,
    headings: ["Attendance band", "Stage", "PIAS level", "Suggested next step", "Why", "Sessions to leave PA"],
    values,
    numberFormats: ["@", "@", "@", "@", "@", "0"],
    columnWidths: [24, 26, 28, 60, 70, 14],
    conditionalFormats: [],
    legend: { row: 0, column: 27, entries: [] },
    marker: "test",
  };
}

async function write(fake: FakeExcel, p: HighlightPlan, budget?: number): Promise<number> {
  return fake.run(async (context: FakeContext) => {
    const sheet = context.workbook.worksheets.getItem("Export") as unknown as Excel.Worksheet;
    const queue = new WriteQueue();
    queueHighlight(queue, sheet, p);
    return queue.flush(() => context.sync(), budget);
  });
}

describe("writes under Excel on the web's 5 MB request limit", () => {
  test("text of 2-3-byte characters is measured as UTF-8: a write that is 2 million UTF-16 units but 6 MB on the wire is split", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Export" }] });
    const rows: PlanValue[][] = Array.from({ length: 400 }, (_, i) => [`${i} ` + "–".repeat(5000)]);
    const syncs = await fake.run(async (context: FakeContext) => {
      const sheet = context.workbook.worksheets.getItem("Export") as unknown as Excel.Worksheet;
      const queue = new WriteQueue();
      queueValues(queue, sheet, 0, 0, rows, ["@"]);
      return queue.flush(() => context.sync());
    });
    expect(syncs).toBeGreaterThan(1);
    expect(fake.stats.requestBytes.every((b) => b <= payloadLimitBytes)).toBe(true);
    expect(String(fake.cell("Export", "A400")?.value)).toMatch(/^399 –/);
  });

  test("the queue's estimate is never below what the fake measures on the wire (UTF-8 arguments, object path and action per call)", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Export" }] });
    const p = plan(2000);
    p.values = p.values.map((row) => row.map((v) => (typeof v === "string" ? `${v} – £5 “agreed” 😀` : v)));
    const estimate = await fake.run(async (context: FakeContext) => {
      const sheet = context.workbook.worksheets.getItem("Export") as unknown as Excel.Worksheet;
      const queue = new WriteQueue();
      queueHighlight(queue, sheet, p);
      const total = queue.totalBytes;
      await queue.flush(() => context.sync());
      return total;
    });
    const measured = fake.stats.requestBytes.reduce((sum, b) => sum + b, 0);
    expect(estimate).toBeGreaterThanOrEqual(measured);
  });

  test("a 100,000-row by 6-column write is split into several requests, each under 5 MB, and lands whole", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Export" }] });
    const syncs = await write(fake, plan(100_000));
    expect(syncs).toBeGreaterThan(1);
    expect(fake.stats.requestBytes.every((b) => b <= payloadLimitBytes)).toBe(true);
    expect(fake.grid("Export", "U1:Z1")[0]).toEqual(["Attendance band", "Stage", "PIAS level", "Suggested next step", "Why", "Sessions to leave PA"]);
    expect(fake.cell("Export", "Y100001")?.value).toBe("Missed 39.5% of possible sessions (9 of 146). Pupil 99999.");
    expect(fake.cell("Export", "U100001")?.numberFormat).toBe("@");
    expect(fake.cell("Export", "Z2")?.value).toBe(0);
    expect(fake.cell("Export", "Z2")?.numberFormat).toBe("0");
  }, 120000);

  test("the same write sent in one request is refused by the fake, as Excel on the web refuses it", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Export" }] });
    await expect(write(fake, plan(100_000), Number.POSITIVE_INFINITY)).rejects.toBeInstanceOf(FakeExcelError);
    // Refused whole: nothing was written.
    expect(fake.sheet("Export").cells.size).toBe(0);
  }, 120000);

  test("a school-sized write (5,000 rows) goes in one request", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Export" }] });
    expect(await write(fake, plan(5000))).toBe(1);
    expect(fake.stats.syncs).toBe(1);
  });

  test("strings are formatted as text before they are written; numbers keep the column's format", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    await fake.run(async (context: FakeContext) => {
      const queue = new WriteQueue();
      queueValues(queue, context.workbook.worksheets.getItem("Sheet1") as unknown as Excel.Worksheet, 0, 0, [["=1+1", 0.25, null, "-3"]], [null, "0.0%", "@", null]);
      await queue.flush(() => context.sync());
    });
    expect(fake.grid("Sheet1", "A1:D1")).toEqual([["=1+1", 0.25, "", "-3"]]);
    expect(["A1", "B1", "C1", "D1"].map((a) => fake.cell("Sheet1", a)?.numberFormat)).toEqual(["@", "0.0%", "@", "@"]);
    expect(["A1", "D1"].map((a) => fake.cell("Sheet1", a)?.formula)).toEqual([null, null]);
  });

  test("row chunks keep every row, in order, each chunk under the budget", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const chunks = chunkRows(rows, () => 100, 1050);
    expect(chunks.every((c) => c.rows.length === 10)).toBe(true);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    expect(chunks.map((c) => c.start)).toEqual(rows.filter((i) => i % 10 === 0));
    expect(chunkRows([1], () => 5000, 100)).toEqual([{ start: 0, rows: [1] }]);
  });
});
