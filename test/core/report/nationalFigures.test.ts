import { nationalFigureTable, nationalFiguresFor, nationalSourceNote } from "../../../src/core/report/nationalFigures";

describe("national figures (docs/rules.md §8)", () => {
  it("uses the primary figures for a primary school, with what they cover", () => {
    const primary = nationalFiguresFor("primary");
    expect(primary.overallAbsence).toEqual({ percent: 5.5, label: "State-funded primary schools, England, 2023/24" });
    expect(primary.persistentRate).toEqual({ percent: 14.6, label: "Mainstream state-funded primary schools, England, 2023/24" });
    expect(primary.severeRate?.percent).toBe(0.9);
  });

  it("falls back to all schools where the table has no phase figure, and says so", () => {
    const secondary = nationalFiguresFor("secondary");
    expect(secondary.overallAbsence?.percent).toBe(8.9);
    expect(secondary.persistentRate).toEqual({ percent: 20.0, label: "All state-funded schools, England, 2023/24" });
    expect(secondary.severeRate?.percent).toBe(2.3);
    expect(nationalFiguresFor("special").overallAbsence?.percent).toBe(13.0);
    expect(nationalFiguresFor("all-through").overallAbsence?.percent).toBe(7.1);
  });

  it("never compares with a part-year release", () => {
    const other = nationalFiguresFor("other");
    for (const figure of [other.overallAbsence, other.persistentRate, other.severeRate]) {
      expect(figure?.label).not.toMatch(/autumn/i);
    }
  });

  it("ships every row of docs/rules.md §8", () => {
    const all = nationalFigureTable.rows.filter((row) => row.phase === "all");
    expect(all.map((row) => [row.overallAbsence, row.persistentRate, row.severeRate])).toEqual([
      [7.4, 21.2, 2.0],
      [7.1, 20.0, 2.3],
      [6.6, 17.6, 2.3],
    ]);
  });

  it("says whose figures they are and when they were published or last checked", () => {
    const national = nationalFiguresFor("secondary");
    expect(national.source).toBe('DfE, "Pupil absence in schools in England"');
    expect(nationalSourceNote(national)).toBe(
      `National figures: DfE, "Pupil absence in schools in England"; figures published or last checked on ${nationalFigureTable.date.split("-").reverse().join("/")}.`,
    );
  });

  it("gives null when a table has no figure at all", () => {
    expect(nationalFiguresFor("secondary", { ...nationalFigureTable, rows: [] }).persistentRate).toBeNull();
  });
});
