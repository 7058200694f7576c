import type { CellValue } from "../../../src/core/read/grid";
import { readGrid } from "../../../src/core/read/readGrid";
import { findSessionColumns, parseSessionHeading } from "../../../src/core/read/sessionColumns";

describe("register-mark headings", () => {
  test.each<[string, string, "AM" | "PM"]>([
    ["Mon 01/09/2025 AM", "2025-09-01", "AM"],
    ["01/09/2025 AM", "2025-09-01", "AM"],
    ["2025-09-01 PM", "2025-09-01", "PM"],
    ["01/09/25 am", "2025-09-01", "AM"],
    ["Tue 02/09/2025 pm", "2025-09-02", "PM"],
    ["1/9/2025 PM", "2025-09-01", "PM"],
    ["AM 03/11/2025", "2025-11-03", "AM"],
    ["Mon 1 Sep 2025 AM", "2025-09-01", "AM"],
    ["12/01/2026 AM", "2026-01-12", "AM"],
  ])("%s", (heading, date, session) => {
    expect(parseSessionHeading(heading)).toEqual({ date, session });
  });

  test("dates are British, day first — never month first", () => {
    expect(parseSessionHeading("05/09/2025 AM")!.date).toBe("2025-09-05");
    // 13th month does not exist: not a date, so not a session heading.
    expect(parseSessionHeading("09/13/2025 AM")).toBeNull();
    expect(parseSessionHeading("31/02/2025 AM")).toBeNull();
  });

  test("headings without a date or without AM/PM are not sessions", () => {
    expect(parseSessionHeading("Year 7")).toBeNull();
    expect(parseSessionHeading("01/09/2025")).toBeNull();
    expect(parseSessionHeading("01/09/2025 AM PM")).toBeNull();
  });

  test("columns are sorted by date, then AM before PM", () => {
    const header: CellValue[] = ["Name", "02/09/2025 PM", "02/09/2025 AM", "01/09/2025 PM", "01/09/2025 AM"];
    expect(findSessionColumns(header).map((s) => `${s.date} ${s.session} ${s.column}`)).toEqual([
      "2025-09-01 AM 4",
      "2025-09-01 PM 3",
      "2025-09-02 AM 2",
      "2025-09-02 PM 1",
    ]);
  });

  test("a mark grid keeps each pupil's marks as trimmed text in session order", () => {
    const grid: CellValue[][] = [
      ["Name", "02/09/2025 PM", "02/09/2025 AM", "01/09/2025 PM", "01/09/2025 AM"],
      ["Ann Lee", " / ", "N", "\\", "#"],
      ["Bo Li", "", "L", 7, "/"],
    ];
    const result = readGrid(grid);
    if (!result.ok) throw new Error(result.message);
    expect(result.pupils.map((p) => p.marks)).toEqual([
      ["#", "\\", "N", "/"],
      ["/", "7", "L", ""],
    ]);
  });
});

describe("register headings over two rows", () => {
  test("dates in the header row (merged over AM and PM) and AM/PM in the row below", () => {
    const grid: CellValue[][] = [
      ["UPN", "Name", "Mon 01/09/2025", "", "Tue 02/09/2025", ""],
      ["", "", "AM", "PM", "AM", "PM"],
      ["A1", "Ann Lee", "/", "\\", "N", "N"],
    ];
    const result = readGrid(grid);
    if (!result.ok) throw new Error(result.message);
    expect(result.mapping.sessions.map((s) => `${s.date} ${s.session}`)).toEqual([
      "2025-09-01 AM",
      "2025-09-01 PM",
      "2025-09-02 AM",
      "2025-09-02 PM",
    ]);
    expect(result.pupils.map((p) => [p.sourceRow, p.marks])).toEqual([[3, ["/", "\\", "N", "N"]]]);
    expect(result.warnings).toEqual([]);
  });

  test("Excel date numbers above a header of AM/PM cells", () => {
    const grid: CellValue[][] = [
      ["", "", 45901, "", 45902, ""], // 01/09/2025 and 02/09/2025 as Excel serial dates
      ["UPN", "Name", "AM", "PM", "am", "pm"],
      ["A1", "Ann Lee", "/", "\\", "/", "G"],
    ];
    const result = readGrid(grid);
    if (!result.ok) throw new Error(result.message);
    expect(result.mapping.headerRow).toBe(1);
    expect(result.mapping.sessions.map((s) => `${s.date} ${s.session}`)).toEqual([
      "2025-09-01 AM",
      "2025-09-01 PM",
      "2025-09-02 AM",
      "2025-09-02 PM",
    ]);
    expect(result.pupils[0]!.marks).toEqual(["/", "\\", "/", "G"]);
  });
});
