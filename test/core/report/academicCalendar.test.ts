import {
  academicYear,
  easterSunday,
  excelDateSerial,
  formatUkDate,
  isoFromExcelSerial,
  meetingNumber,
  parseIsoDate,
  term,
} from "../../../src/core/report/academicCalendar";

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
  it("formats dd/MM/yyyy", () => {
    expect(formatUkDate("2025-11-04")).toBe("04/11/2025");
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
  });
});
