import { defaultSettings } from "../../src/core/rules/settings";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { FakeExcel } from "../support/fakeExcel";
import { removeOfficeGlobals } from "./support";

afterEach(removeOfficeGlobals);

// Pasted at B3 under a title, with headings the add-in does not know.
const ownHeadings = [
  ["Attendance by pupil, Autumn 2025"],
  [],
  ["Learner", "Ref", "Group", "Sessions due", "Sessions away"],
  ["Noah Adams", "A111111111111", "7", 100, 40],
  ["Lily Baker", "A222222222222", "8", 100, 5],
];

function setup() {
  const fake = new FakeExcel({ sheets: [] });
  fake.addSheet("Export", ownHeadings, { at: "B3", textFormat: true });
  fake.install();
  return { fake, gateway: createOfficeGateway() };
}

describe("the heading row the user chose, through the Excel adapter", () => {
  test("the sheet's row number is the row read as headings, wherever the data starts", async () => {
    const { gateway } = setup();
    const found = await gateway.preview({ kind: "usedRange" }, defaultSettings);
    expect(found.ok && !found.value.analysis.ok && found.value.analysis.message).toMatch(/no header row was found/);
    // Row 5 of the sheet is the third row read (the data starts on row 3).
    const chosen = await gateway.preview({ kind: "usedRange" }, defaultSettings, undefined, 5);
    if (!chosen.ok || chosen.value.analysis.ok) throw new Error("expected the read to stop at the figures");
    expect(chosen.value.analysis.message).toMatch(/headings on row 5 include no attendance figures/);
    // The dropdowns get every heading of that row, by grid column, and the pane its sheet row, worked out once.
    expect(chosen.value.headings).toEqual(["Learner", "Ref", "Group", "Sessions due", "Sessions away"]);
    expect(chosen.value.headerRowNumber).toBe(5);
    expect(found.ok && found.value.headerRowNumber).toBeUndefined();
    const columns = { fullName: 0, possibleSessions: 3, missedSessions: 4 };
    const analysed = await gateway.analyse({ source: { kind: "usedRange" }, settings: defaultSettings, mappingOverride: columns, headerRowNumber: 5 });
    expect(analysed.ok && analysed.value.analysis.pupils.map((p) => [p.record.sourceRow, p.band])).toEqual([
      [6, "persistent"],
      [7, "at-risk"],
    ]);
  });

  test("a row above the data read is refused in words", async () => {
    const { gateway } = setup();
    const answer = await gateway.preview({ kind: "usedRange" }, defaultSettings, undefined, 1);
    expect(answer.ok && !answer.value.analysis.ok && answer.value.analysis.message).toMatch(/header row chosen \(row 1\) is outside the pasted range/);
  });

  test("“use the selected row” gives the sheet and row of the active cell", async () => {
    const { fake, gateway } = setup();
    fake.select("Export", "C5");
    expect(await gateway.selectedRow()).toEqual({ ok: true, value: { sheetName: "Export", rowNumber: 5 } });
  });
});
