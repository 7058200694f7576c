import fc from "fast-check";
import {
  academicYear,
  academicYearForSheetName,
  academicYearLabel,
  ukDateInWords,
  academicYearStart,
  calendarDate,
  dateFromExcelSerial,
  easterSunday,
  excelDateSerial,
  excelSerialOfUtc,
  findDateInText,
  isIsoDate,
  isoDate,
  isoFromExcelSerial,
  localIsoDate,
  meetingNumber,
  parseIsoDate,
  parseUkDate,
  parseUkOrIsoDate,
  term,
  ukDate,
  utcIsoDate,
} from "../../../src/core/common/dates";

describe("academic year", () => {
  it("changes between 31 August and 1 September", () => {
    expect(academicYear("2025-08-31")).toBe("2024/25");
    expect(academicYear("2025-09-01")).toBe("2025/26");
  });

  it("does not change at New Year", () => {
    expect(academicYear("2025-12-31")).toBe("2025/26");
    expect(academicYear("2026-01-01")).toBe("2025/26");
  });

  it("writes the century change as 2099/00", () => {
    expect(academicYear("2099-10-01")).toBe("2099/00");
  });

  it("is one rule for every caller: August belongs to the year that is ending", () => {
    expect(academicYearStart({ year: 2026, month: 8, day: 15 })).toBe(2025);
    expect(academicYearStart({ year: 2026, month: 9, day: 1 })).toBe(2026);
    expect(academicYearStart("2026-03-15")).toBe(2025);
    expect(academicYearLabel(2025)).toBe("2025/26");
    expect(academicYearForSheetName("2025-11-14")).toBe("2025-26");
  });
});

describe("term", () => {
  it("is Autumn from 1 September to 31 December", () => {
    expect(term("2025-08-31")).toBe("Summer");
    expect(term("2025-09-01")).toBe("Autumn");
    expect(term("2025-12-31")).toBe("Autumn");
  });

  it("is Spring from 1 January to Easter Sunday, Summer after", () => {
    expect(term("2026-01-01")).toBe("Spring");
    // Easter Sunday 2026 is 5 April.
    expect(term("2026-04-05")).toBe("Spring");
    expect(term("2026-04-06")).toBe("Summer");
    // Easter Sunday 2025 is 20 April: a meeting on 2 April 2025 is before the Easter holiday.
    expect(term("2025-04-02")).toBe("Spring");
    expect(term("2025-04-22")).toBe("Summer");
  });

  it("numbers the meetings 1, 2, 3 by term", () => {
    expect(meetingNumber("2025-10-01")).toBe(1);
    expect(meetingNumber("2026-02-01")).toBe(2);
    expect(meetingNumber("2026-07-01")).toBe(3);
  });
});

describe("Easter Sunday", () => {
  it.each([
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
  ])("%i is %i/%i", (year, month, day) => {
    expect(easterSunday(year)).toEqual({ year, month, day });
  });
});

describe("dates", () => {
  it("formats dd/MM/yyyy, and leaves text that is not an ISO date as it was", () => {
    expect(ukDate("2025-11-04")).toBe("04/11/2025");
    expect(ukDate("2025-12-04")).toBe("04/12/2025");
    expect(ukDate("not a date")).toBe("not a date");
    expect(ukDate("2025-02-30")).toBe("2025-02-30");
  });

  it("reads dates typed dd/MM/yyyy and carries them as ISO", () => {
    expect(parseUkDate("04/12/2025")).toBe("2025-12-04");
    expect(parseUkDate(" 4/9/2025 ")).toBe("2025-09-04");
    expect(parseUkDate("31/02/2025")).toBeNull();
    expect(parseUkDate("2025-12-04")).toBeNull();
    expect(parseUkDate("12/04")).toBeNull();
    expect(parseUkOrIsoDate("12/06/2025")).toBe("2025-06-12");
    expect(parseUkOrIsoDate(" 2025-06-12 ")).toBe("2025-06-12");
    expect(parseUkOrIsoDate("2025-06-31")).toBeNull();
  });

  it("round-trips every real date through ISO and dd/MM/yyyy", () => {
    const day = fc.record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) });
    fc.assert(
      fc.property(day, ({ year, month, day }) => {
        const date = calendarDate(year, month, day);
        if (!date) return;
        expect(parseIsoDate(isoDate(date))).toEqual(date);
        expect(parseUkDate(ukDate(isoDate(date)))).toBe(isoDate(date));
        expect(isoFromExcelSerial(excelDateSerial(isoDate(date)))).toBe(isoDate(date));
      }),
    );
  });

  it("accepts only exact real ISO dates where a command-line date is expected", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("2025-1-1")).toBe(false);
    expect(isIsoDate(" 2025-01-01")).toBe(false);
  });

  it("takes today from the caller's clock reading, in the user's own day", () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 30))).toBe("2026-01-05");
    expect(localIsoDate(new Date(2026, 0, 5, 0, 5))).toBe("2026-01-05");
    expect(utcIsoDate(new Date(Date.UTC(2025, 8, 1)))).toBe("2025-09-01");
  });

  it("finds the date in an export's heading, day first", () => {
    expect(findDateInText("Mon 01/09/2025 AM")?.date).toEqual({ year: 2025, month: 9, day: 1 });
    expect(findDateInText("2025-09-01 PM")?.date).toEqual({ year: 2025, month: 9, day: 1 });
    expect(findDateInText("1.9.25")?.date).toEqual({ year: 2025, month: 9, day: 1 });
    expect(findDateInText("3rd Sept 2025")?.date).toEqual({ year: 2025, month: 9, day: 3 });
    expect(findDateInText("31/02/2025")).toBeNull();
    expect(findDateInText("Possible sessions")).toBeNull();
  });

  it("reads only real ISO dates", () => {
    expect(parseIsoDate("2025-02-29")).toBeNull();
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("14/11/2025")).toBeNull();
    expect(parseIsoDate("")).toBeNull();
  });

  it("says what to do with a bad date", () => {
    expect(() => term("2025-13-01")).toThrow(/yyyy-MM-dd/);
  });

  it("gives Excel's serial numbers", () => {
    expect(excelDateSerial("1900-03-01")).toBe(61);
    expect(excelDateSerial("2024-01-01")).toBe(45292);
    expect(excelDateSerial("2025-11-14")).toBe(45975);
    expect(isoFromExcelSerial(45975)).toBe("2025-11-14");
    expect(isoFromExcelSerial(-1)).toBeNull();
    expect(isoFromExcelSerial(45975.75)).toBe("2025-11-14");
    expect(dateFromExcelSerial(2_958_466)).toBeNull();
    expect(dateFromExcelSerial(61)).toEqual({ year: 1900, month: 3, day: 1 });
  });

  it("gives back the serial ExcelJS read from a file, time of day included", () => {
    for (const serial of [45975, 45975.5, 45975.123456789, 61]) {
      const moment = new Date(Math.round((serial - 25569) * 86_400_000));
      expect(excelSerialOfUtc(moment)).toBeCloseTo(serial, 8);
    }
    expect(excelSerialOfUtc(new Date(Number.NaN))).toBeNull();
  });
});

describe("ukDateInWords", () => {
  test("says the day, the month in words and the British dd/MM/yyyy", () => {
    expect(ukDateInWords("2025-12-04")).toBe("Thursday 4 December 2025 (04/12/2025)");
    expect(ukDateInWords("2028-02-29")).toBe("Tuesday 29 February 2028 (29/02/2028)");
    expect(ukDateInWords("not a date")).toBe("not a date");
  });
});
