import fc from "fast-check";
import {
  absoluteCellAddress,
  alwaysQuotedSheetName,
  cellAddress,
  columnCount,
  columnIndex,
  columnLetter,
  intersects,
  maxColumns,
  maxRows,
  parseAddress,
  parseCell,
  parseRange,
  quoteSheetName,
  rect,
  rectAddress,
  rowCount,
} from "../../../src/core/common/a1";

describe("column letters", () => {
  test("0-based indexes become Excel's letters and back", () => {
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(25)).toBe("Z");
    expect(columnLetter(26)).toBe("AA");
    expect(columnLetter(27)).toBe("AB");
    expect(columnLetter(701)).toBe("ZZ");
    expect(columnLetter(702)).toBe("AAA");
    expect(columnLetter(maxColumns - 1)).toBe("XFD");
    expect(columnIndex("A")).toBe(0);
    expect(columnIndex("ab")).toBe(27);
    expect(columnIndex("XFD")).toBe(maxColumns - 1);
    expect(columnIndex("A1")).toBe(-1);
    expect(columnIndex("")).toBe(-1);
  });

  test("every column of the grid round-trips", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: maxColumns - 1 }), (column) => columnIndex(columnLetter(column)) === column));
  });
});

describe("cells and rectangles", () => {
  test("a 0-based cell is written as Excel shows it", () => {
    expect(cellAddress(0, 0)).toBe("A1");
    expect(cellAddress(2, 1)).toBe("B3");
    expect(absoluteCellAddress(2, 1)).toBe("$B$3");
    expect(rectAddress(rect(0, 0, 3, 3))).toBe("A1:C3");
    expect(rectAddress(rect(4, 2, 1, 1))).toBe("C5");
  });

  test("a rectangle knows its size and what it overlaps", () => {
    const area = rect(1, 2, 10, 3);
    expect(area).toEqual({ firstRow: 1, firstColumn: 2, lastRow: 10, lastColumn: 4 });
    expect(rowCount(area)).toBe(10);
    expect(columnCount(area)).toBe(3);
    expect(intersects(area, rect(10, 4, 5, 5))).toBe(true);
    expect(intersects(area, rect(11, 0, 5, 5))).toBe(false);
    expect(intersects(area, rect(0, 5, 50, 1))).toBe(false);
  });

  test("one cell is read with or without $ signs, and only inside Excel's grid", () => {
    expect(parseCell("B3")).toEqual({ row: 2, column: 1 });
    expect(parseCell(" $b$3 ")).toEqual({ row: 2, column: 1 });
    expect(parseCell("XFD1048576")).toEqual({ row: maxRows - 1, column: maxColumns - 1 });
    expect(parseCell("XFE1")).toBeNull();
    expect(parseCell("A1048577")).toBeNull();
    expect(parseCell("A0")).toBeNull();
    expect(parseCell("B3:C4")).toBeNull();
    expect(parseCell("Name")).toBeNull();
  });

  test("a range is one rectangle, corners in either order", () => {
    expect(parseRange("A2:U201")).toEqual({ firstRow: 1, firstColumn: 0, lastRow: 200, lastColumn: 20 });
    expect(parseRange("B3")).toEqual({ firstRow: 2, firstColumn: 1, lastRow: 2, lastColumn: 1 });
    expect(parseRange("$D$9:$B$3")).toEqual({ firstRow: 2, firstColumn: 1, lastRow: 8, lastColumn: 3 });
    expect(parseRange("A1:B2:C3")).toBeNull();
    expect(parseRange("Export!A1")).toBeNull();
    expect(parseRange("")).toBeNull();
  });

  test("a written rectangle reads back as itself", () => {
    const anyRect = fc
      .record({ row: fc.integer({ min: 0, max: maxRows - 1 }), column: fc.integer({ min: 0, max: maxColumns - 1 }) })
      .chain(({ row, column }) =>
        fc.record({
          firstRow: fc.constant(row),
          firstColumn: fc.constant(column),
          lastRow: fc.integer({ min: row, max: maxRows - 1 }),
          lastColumn: fc.integer({ min: column, max: maxColumns - 1 }),
        }),
      );
    fc.assert(fc.property(anyRect, (area) => expect(parseRange(rectAddress(area))).toEqual(area)));
  });
});

describe("addresses as Excel gives them", () => {
  test("sheet-qualified addresses name their sheet, unquoted", () => {
    expect(parseAddress("Export!A1:U201")).toEqual({ sheetName: "Export", firstRow: 0, firstColumn: 0, lastRow: 200, lastColumn: 20 });
    expect(parseAddress("'My sheet'!$C$3:$E$9")).toEqual({ sheetName: "My sheet", firstRow: 2, firstColumn: 2, lastRow: 8, lastColumn: 4 });
    expect(parseAddress("'It''s'!AA10")).toMatchObject({ sheetName: "It's", firstRow: 9, firstColumn: 26, lastColumn: 26 });
    expect(parseAddress("=B2")).toMatchObject({ sheetName: null, firstRow: 1, firstColumn: 1 });
  });

  test("whole rows and whole columns span the grid", () => {
    expect(parseAddress("Sheet1!5:7")).toEqual({ sheetName: "Sheet1", firstRow: 4, lastRow: 6, firstColumn: 0, lastColumn: maxColumns - 1 });
    expect(parseAddress("$C:$A")).toEqual({ sheetName: null, firstRow: 0, lastRow: maxRows - 1, firstColumn: 0, lastColumn: 2 });
  });

  test("anything that is not one rectangle is null", () => {
    expect(parseAddress("not an address")).toBeNull();
    expect(parseAddress("A1:B2,C3")).toBeNull();
    expect(parseAddress("0:3")).toBeNull();
    expect(parseAddress("Export!")).toBeNull();
  });
});

describe("sheet names in addresses", () => {
  test("quoted only where Excel needs it", () => {
    expect(quoteSheetName("Export")).toBe("Export");
    expect(quoteSheetName("TSM_2025.26")).toBe("TSM_2025.26");
    expect(quoteSheetName("My sheet")).toBe("'My sheet'");
    expect(quoteSheetName("It's")).toBe("'It''s'");
    expect(quoteSheetName("AB12")).toBe("'AB12'");
    expect(quoteSheetName("2025")).toBe("'2025'");
  });

  test("always quoted where a file format wants it", () => {
    expect(alwaysQuotedSheetName("Export")).toBe("'Export'");
    expect(alwaysQuotedSheetName("It's")).toBe("'It''s'");
  });

  test("a quoted sheet name reads back as the name", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 31 }).filter((name) => !/[\\/?*[\]:]/.test(name)), (name) => {
        expect(parseAddress(`${quoteSheetName(name)}!B2`)?.sheetName).toBe(name);
      }),
    );
  });
});
