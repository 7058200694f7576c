import { decideReplacement, outputRecordProperties, readOutputRecord, type OutputRecord } from "../../../src/core/report/outputRecord";

const record: OutputRecord = {
  sheets: [
    { name: "week1", role: "data" },
    { name: "TSM Spring 2025-26", role: "tsm" },
    { name: "Pupil key (school only)", role: "key" },
  ],
};
const asMap = (r: OutputRecord) => new Map(outputRecordProperties(r).map((p) => [p.name, p.value]));

describe("output record", () => {
  it("reads back what it wrote, every property short enough for Excel to keep (255 characters)", () => {
    const properties = outputRecordProperties(record);
    for (const property of properties) expect(property.value.length).toBeLessThanOrEqual(255);
    expect(readOutputRecord(asMap(record))).toEqual(record);
  });

  it("is not there without the product's own marker", () => {
    expect(readOutputRecord(new Map())).toBeNull();
    expect(readOutputRecord(new Map([["AttendanceInsight sheet 1", "data:Sheet1"]]))).toBeNull();
    expect(readOutputRecord(new Map([["AttendanceInsight", "output v9"]]))).toBeNull();
  });
});

describe("decideReplacement", () => {
  const writing = ["week2", "TSM Spring 2025-26", "Pupil key (school only)"];

  it("refuses a file the product did not write, whatever its sheets are called", () => {
    expect(decideReplacement([{ name: "Sheet1", highlighted: false }], null, ["Sheet1"], { replaceEarlierData: true })).toEqual({ ok: false, reason: "notOurs" });
  });

  it("replaces an earlier data sheet that still carries its highlight marker, and keeps the planned sheets", () => {
    const earlier = record.sheets.map((s) => ({ name: s.name, highlighted: s.role === "data" }));
    expect(decideReplacement(earlier, record, writing, { replaceEarlierData: true })).toEqual({ ok: true, replaced: ["week1"] });
    expect(decideReplacement(earlier, record, writing, { replaceEarlierData: false })).toEqual({ ok: false, reason: "lost", sheets: ["week1"] });
  });

  it("refuses to overwrite or drop a sheet it did not write, even under a name it uses", () => {
    const earlier = [
      { name: "week2", highlighted: false },
      { name: "TSM Spring 2025-26", highlighted: false },
      { name: "Our notes", highlighted: false },
    ];
    expect(decideReplacement(earlier, record, writing, { replaceEarlierData: true })).toEqual({ ok: false, reason: "lost", sheets: ["week2", "Our notes"] });
    // A data sheet that lost its marker is no longer known to be the product's.
    expect(decideReplacement([{ name: "week1", highlighted: false }], record, writing, { replaceEarlierData: true })).toEqual({
      ok: false,
      reason: "lost",
      sheets: ["week1"],
    });
  });
});
