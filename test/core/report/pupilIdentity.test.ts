import fc from "fast-check";
import type { CellValue } from "../../../src/core/read/grid";
import { readLastMeeting, readTypedOutcomes } from "../../../src/core/report/lastMeeting";
import { recordProgress } from "../../../src/core/report/progressRecord";
import { planTsmForm } from "../../../src/core/report/tsmForm";
import { readTypedTsm, unmatchedRowMarker } from "../../../src/core/report/tsmMerge";
import { buildWorkbookPlan } from "../../../src/core/report/workbookPlan";
import { planHistorySheet } from "../../../src/core/report/historySheet";
import { identityKey, recordedFields } from "../../../src/core/report/pupilIdentity";
import { planKeySheet } from "../../../src/core/report/keySheet";
import { assignReferences, indistinguishablePupils } from "../../../src/core/report/pupilReferences";
import { redactText } from "../../../src/core/report/shareableAnalysis";
import { details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

/** docs/rules.md §7: UPN, else admission number, else name and date of birth, else name, year and reg group. */
const samA: PupilSpec = { name: "Sam Jones", upn: null, year: "7", reg: "7A", admissionNumber: "001234", dateOfBirth: "2014-03-14", possible: 100, authorised: 30 };
const samB: PupilSpec = { name: "Sam Jones", upn: null, year: "7", reg: "7A", admissionNumber: "001235", dateOfBirth: "2013-11-02", possible: 100, authorised: 12 };
const beth: PupilSpec = { name: "Beth Adams", upn: null, year: "7", reg: "7A", admissionNumber: "001236", dateOfBirth: "2014-01-05", possible: 100 };
const without = (spec: PupilSpec, ...fields: ("admissionNumber" | "dateOfBirth")[]): PupilSpec => {
  const copy = { ...spec };
  for (const field of fields) delete copy[field];
  return copy;
};

/** Run once, write the key, read it back, as the adapters do. */
function keyGridFor(specs: PupilSpec[], key?: ReturnType<typeof planToGrid>) {
  const analysis = makeAnalysis(specs);
  const book = assignReferences(analysis.pupils, key ? { key } : {});
  return { book, grid: planToGrid(planKeySheet(book, analysis.pupils)) };
}

describe("the identity key", () => {
  it("takes the strongest field both sides record", () => {
    const all = { admissionNumber: true, dateOfBirth: true, regGroup: true };
    const pupil = { upn: null, admissionNumber: " 001234 ", dateOfBirth: "2014-03-14", name: "Sam  Jones", yearGroup: "7", regGroup: "7A" };
    expect(identityKey({ ...pupil, upn: "a 100" }, all)).toBe("upn:A100");
    // Excel drops leading zeros of an all-digit admission number: 001234 and 1234 are one pupil.
    expect(identityKey(pupil, all)).toBe("adno:1234");
    expect(identityKey({ ...pupil, admissionNumber: "1234" }, all)).toBe("adno:1234");
    expect(identityKey({ ...pupil, admissionNumber: null }, all)).toBe("name:sam jones|dob:2014-03-14");
    expect(identityKey(pupil, { ...all, admissionNumber: false, dateOfBirth: false })).toBe("name:sam jones|7|7a");
    expect(identityKey(pupil)).toBe("name:sam jones|7");
    expect(identityKey({ ...pupil, name: "" }, { ...all, admissionNumber: false })).toBeNull();
  });

  it("counts a field as recorded where any pupil has a value for it", () => {
    expect(recordedFields([{ upn: null, name: "A", yearGroup: null, admissionNumber: null, regGroup: "" }])).toEqual({ admissionNumber: false, dateOfBirth: false, regGroup: false });
    expect(recordedFields([{ upn: null, name: "A", yearGroup: null }, { upn: null, name: "B", yearGroup: null, dateOfBirth: "2014-01-01" }]).dateOfBirth).toBe(true);
  });
});

describe("references for pupils of the same name without a UPN", () => {
  it("follow each Sam Jones by admission number when the rows swap, and the key shows the numbers", () => {
    const first = keyGridFor([samA, samB, beth]);
    expect(indistinguishablePupils(makeAnalysis([samA, samB, beth]).pupils)).toEqual([]);
    const header = first.grid.find((row) => row[0] === "Reference");
    expect(header).toEqual(["Reference", "UPN", "Admission number", "Name", "Date of birth", "Year", "Reg group", "Band now", "In this export"]);
    const again = keyGridFor([samB, beth, samA], first.grid);
    expect(again.book.byPupil).toEqual([first.book.byPupil[1], first.book.byPupil[2], first.book.byPupil[0]]);
    expect(again.book.unmatched.size).toBe(0);
  });

  it("follow each Sam Jones by name and date of birth where there are no admission numbers", () => {
    const [a, b, c] = [samA, samB, beth].map((spec) => without(spec, "admissionNumber"));
    const first = keyGridFor([a!, b!, c!]);
    expect(first.grid.find((row) => row[0] === "Reference")).not.toContain("Admission number");
    const again = keyGridFor([b!, c!, a!], first.grid);
    expect(again.book.byPupil).toEqual([first.book.byPupil[1], first.book.byPupil[2], first.book.byPupil[0]]);
  });

  it("still match an older key written without the new columns, as they did before", () => {
    const older = keyGridFor([samA, beth].map((spec) => without(spec, "admissionNumber", "dateOfBirth")));
    expect(older.grid.find((row) => row[0] === "Reference")).toEqual(["Reference", "UPN", "Name", "Year", "Reg group", "Band now", "In this export"]);
    const now = keyGridFor([beth, samA], older.grid);
    expect(now.book.byPupil).toEqual([older.book.byPupil[1], older.book.byPupil[0]]);
    // The key written now records the admission numbers, so the next run can use them.
    expect(now.grid.flat()).toContain("001234");
  });

  it("never guess between two pupils an older key cannot tell apart, even though this export can", () => {
    const older = keyGridFor([samA, samB].map((spec) => without(spec, "admissionNumber", "dateOfBirth")));
    const now = keyGridFor([samB, samA], older.grid);
    expect(now.book.byPupil.some((reference) => older.book.byPupil.includes(reference))).toBe(false);
    expect([...now.book.unmatched].sort()).toEqual([...older.book.byPupil].sort());
  });

  it("warn about two pupils with the same admission number and match neither", () => {
    const twice = { ...samB, admissionNumber: "1234" };
    const groups = indistinguishablePupils(makeAnalysis([samA, twice]).pupils);
    expect(groups.map((g) => g.pupils)).toEqual([[0, 1]]);
    const first = keyGridFor([samA, twice]);
    const again = keyGridFor([twice, samA], first.grid);
    expect(again.book.byPupil.some((reference) => first.book.byPupil.includes(reference))).toBe(false);
  });

  it("keep a field the key knew when this export does not have the column", () => {
    const first = keyGridFor([samA, beth]);
    const again = keyGridFor([without(samA, "admissionNumber"), without(beth, "admissionNumber")], first.grid);
    expect(again.book.byPupil).toEqual(first.book.byPupil);
    expect(again.grid.flat()).toContain("001234");
  });
});

describe("the school's form, term after term", () => {
  const source = { sheetName: "Export", lastColumn: 6, firstRow: 0, firstColumn: 0, rowCount: 4 };
  const autumnAnalysis = makeAnalysis([samA, samB]);
  const autumn = buildWorkbookPlan(autumnAnalysis, source, { details, shareable: false, framework: "stages" });
  const autumnForm = planToGrid(autumn.sheets.find((s) => s.role === "tsm")!);
  const key = planToGrid(autumn.sheets.find((s) => s.role === "key")!);
  const spring = makeAnalysis([samB, samA]);

  function springForm(tsm?: CellValue[][]) {
    const references = assignReferences(spring.pupils, { key });
    const lastMeeting = { sheetName: "TSM Autumn 2025-26", pupils: readLastMeeting(autumnForm, references, spring.pupils), outcomes: readTypedOutcomes(tsm) };
    const plan = planTsmForm({ analysis: spring, details: { ...details, meetingDate: "2026-01-14" }, shareable: false, framework: "stages", references, typed: readTypedTsm(tsm, references), lastMeeting });
    return { references, grid: planToGrid(plan) };
  }

  it("shows the admission number and date of birth in the last meeting's table where the pupils table has them, in the same columns", () => {
    const { grid } = springForm();
    const last = rowWith(grid, "Reference", rowWith(grid, "Pupils from the last meeting"));
    const pupils = rowWith(grid, "Reference", rowWith(grid, "Pupils to discuss"));
    expect(grid[last]?.slice(0, 6)).toEqual(["Reference", "Name", "UPN", "Admission number", "Date of birth", "Year"]);
    expect(grid[pupils]?.slice(0, 6)).toEqual(grid[last]?.slice(0, 6));
    // Each Sam keeps his reference on both tables.
    expect(grid.filter((row) => row[3] === "001234").map((row) => row[0])).toEqual(["P001", "P001"]);
  });

  it("gives back each Sam's reference from the school's form alone when the key was deleted", () => {
    const { references, grid } = springForm();
    expect(assignReferences(spring.pupils, { tsm: grid }).byPupil).toEqual(references.byPupil);
  });
});

describe("progress across snapshots", () => {
  const week1 = { ...samA, possible: 100, authorised: 30 };
  const week2 = { ...samA, possible: 110, authorised: 30 };
  const otherWeek1 = { ...samB, possible: 100, authorised: 12 };
  const otherWeek2 = { ...samB, possible: 110, authorised: 22 };

  it("follows each Sam Jones by admission number, in whichever order the rows come", () => {
    const first = recordProgress(makeAnalysis([week1, otherWeek1]), undefined, "2025-10-03");
    const grid = planToGrid(planHistorySheet(first.history));
    expect(grid.find((row) => row[0] === "Snapshot date")).toEqual(expect.arrayContaining(["Admission number", "Date of birth"]));
    const second = recordProgress(makeAnalysis([otherWeek2, week2]), grid, "2025-10-10");
    // The pupil who attended all 10 new sessions improved; the other missed all 10.
    expect(second.progress.pupils.map((p) => p.recentAttendancePercent)).toEqual([0, 100]);
    expect(second.progress.leftSince).toEqual([]);
  });

  it("matches a history written before the columns existed on name and year, as it did", () => {
    const older = recordProgress(makeAnalysis([without(week1, "admissionNumber", "dateOfBirth"), beth]), undefined, "2025-10-03");
    const grid = planToGrid(planHistorySheet(older.history));
    const second = recordProgress(makeAnalysis([beth, week2]), grid, "2025-10-10");
    expect(second.progress.pupils.map((p) => p.since)).toEqual(["2025-10-03", "2025-10-03"]);
  });
});

describe("shareable text", () => {
  it("withholds a pupil's date of birth however it is written, and leaves other dates", () => {
    const identities = new Set(["2014-03-14"]);
    expect(redactText("Born 14/03/2014, 14-03-2014 or 2014-03-14; seen 15/03/2014.", identities)).toBe(
      "Born [withheld], [withheld] or [withheld]; seen 15/03/2014.",
    );
  });
});

describe("typed notes for pupils of the same name (property)", () => {
  // Eight pupils called Sam Jones in 7A, no UPN. 1–4 can be told apart (an admission number, or a date of
  // birth); 0 and 7 share an admission number, and 5 and 6 have neither: those pairs cannot be, and come and
  // go together (one alone would be the one Sam Jones with no number, matched by name as ever). Pupil 1 is
  // in every export, so both sides record admission numbers and dates of birth.
  const pool: PupilSpec[] = Array.from({ length: 8 }, (_, i) => ({
    name: "Sam Jones",
    upn: null,
    year: "7",
    reg: "7A",
    possible: 100,
    // Each pupil's own missed sessions, so a row shows whose it is.
    authorised: 10 + 3 * i,
    ...(i <= 2 || i === 7 ? { admissionNumber: i === 7 ? "A100" : `A10${i}` } : {}),
    ...(i <= 4 ? { dateOfBirth: `2014-0${i + 1}-1${i}` } : {}),
  }));
  const distinct = new Set([1, 2, 3, 4]);
  const units = [[0, 7], [2], [3], [4], [5, 6]];
  // The pupils of one export, in any order.
  const run = fc.subarray(units).chain((chosen) => {
    const pupils = [[1], ...chosen].flat();
    return fc.shuffledSubarray(pupils, { minLength: pupils.length });
  });
  const source = { sheetName: "Export", lastColumn: 6, firstRow: 0, firstColumn: 0, rowCount: 9 };
  const generate = (specs: PupilSpec[], existing?: { tsm: CellValue[][]; key: CellValue[][] }) => {
    const plan = buildWorkbookPlan(makeAnalysis(specs), source, { details, shareable: false, framework: "both", ...(existing ? { existing } : {}) });
    return { tsm: planToGrid(plan.sheets.find((s) => s.role === "tsm")!), key: planToGrid(plan.sheets.find((s) => s.role === "key")!) };
  };

  it("never puts a note on another child, whatever the order and whoever joins or leaves, and keeps each pupil the key can tell apart", () => {
    fc.assert(
      fc.property(run, run, (firstRun, secondRun) => {
        const first = generate(firstRun.map((i) => pool[i]!));
        const header = rowWith(first.tsm, "Barriers");
        const barriers = (first.tsm[header] ?? []).indexOf("Barriers");
        const missed = (first.tsm[header] ?? []).indexOf("Missed sessions");
        const notes = new Map<string, number>();
        for (let r = header + 1; r < first.tsm.length && /^P\d+$/.test(String(first.tsm[r]?.[0])); r++) {
          const pupil = pool.findIndex((p) => p.authorised === first.tsm[r]?.[missed]);
          const note = `note for pupil ${pupil}`;
          (first.tsm[r] as CellValue[])[barriers] = note;
          notes.set(note, pupil);
        }
        const second = generate(secondRun.map((i) => pool[i]!), first);
        const secondMissed = (second.tsm[rowWith(second.tsm, "Barriers")] ?? []).indexOf("Missed sessions");
        for (const [note, pupil] of notes) {
          const rows = second.tsm.filter((row) => row.includes(note));
          expect(rows).toHaveLength(1);
          const row = rows[0]!;
          if (!row.includes(unmatchedRowMarker)) expect(row[secondMissed]).toBe(pool[pupil]!.authorised);
          if (distinct.has(pupil) && secondRun.includes(pupil)) expect(row).not.toContain(unmatchedRowMarker);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
