import { planKeySheet } from "../../../src/core/report/keySheet";
import { identityKey } from "../../../src/core/report/pupilIdentity";
import { assignReferences, indistinguishablePupils, referenceForPupil } from "../../../src/core/report/pupilReferences";
import { readTypedTsm } from "../../../src/core/report/tsmMerge";
import { makeAnalysis, planToGrid, type PupilSpec } from "./factory";

const term1: PupilSpec[] = [
  { name: "Ava Wright", upn: "A100", year: "7", possible: 100 },
  { name: "Ben Hughes", upn: "B200", year: "8", possible: 100, authorised: 20 },
  { name: "Cara Green", upn: "C300", year: "9", possible: 100 },
];

/** Run once, write the key, read it back, as the adapter does. */
function keyGridFor(specs: PupilSpec[], key?: ReturnType<typeof planToGrid>) {
  const analysis = makeAnalysis(specs);
  const book = assignReferences(analysis.pupils, key ? { key } : {});
  return { book, grid: planToGrid(planKeySheet(book, analysis.pupils)) };
}

describe("pupil references", () => {
  it("are pseudonyms in order of first appearance", () => {
    const { book } = keyGridFor(term1);
    expect(book.byPupil).toEqual(["P001", "P002", "P003"]);
    expect(book.carriedOver).toBe(false);
  });

  it("stay the same when pupils join above, leave, and the order changes", () => {
    const first = keyGridFor(term1);
    const term2: PupilSpec[] = [
      { name: "Zac Able", upn: "Z900", year: "7", possible: 100 }, // new, first in the sheet
      { name: "Cara Green", upn: "C300", year: "9", possible: 100 },
      { name: "Ava Wright", upn: "A100", year: "7", possible: 100 },
      // Ben has left
    ];
    const second = keyGridFor(term2, first.grid);
    expect(second.book.byPupil).toEqual(["P004", "P003", "P001"]);
    expect(second.book.carriedOver).toBe(true);
    // Ben stays in the key so his number is never reused, and comes back with it.
    expect(second.book.entries.map((e) => e.reference)).toEqual(["P001", "P002", "P003", "P004"]);
    expect(second.book.entries.find((e) => e.reference === "P002")?.pupilIndex).toBeNull();
    const third = keyGridFor([...term2, { name: "Ben Hughes", upn: "B200", year: "8", possible: 100 }], second.grid);
    expect(third.book.byPupil).toEqual(["P004", "P003", "P001", "P002"]);
    const fourth = keyGridFor([{ name: "New Pupil", upn: "N1", year: "7", possible: 100 }], third.grid);
    expect(fourth.book.byPupil).toEqual(["P005"]);
  });

  it("matches by name, year and reg group when the export has no UPNs, and never guesses between pupils it cannot tell apart", () => {
    const noUpn: PupilSpec[] = [
      { name: "Sam Jones", upn: null, year: "7", reg: "7A", possible: 100 },
      { name: "Sam Jones", upn: null, year: "7", reg: "7A", possible: 100 },
      { name: "Sam Jones", upn: null, year: "7", reg: "7B", possible: 100 },
      { name: "Sam Jones", upn: null, year: "9", possible: 100 },
    ];
    const first = keyGridFor(noUpn);
    expect(new Set(first.book.byPupil).size).toBe(4);
    // Listed the other way round next time: the two 7A pupils cannot keep a reference (either could be
    // either), so their old references are unmatched and they get new ones; the others keep theirs.
    const again = keyGridFor([noUpn[1]!, noUpn[0]!, noUpn[2]!, noUpn[3]!], first.grid);
    expect(again.book.byPupil.slice(2)).toEqual(first.book.byPupil.slice(2));
    expect(first.book.byPupil.slice(0, 2).some((reference) => again.book.byPupil.includes(reference))).toBe(false);
    expect([...again.book.unmatched].sort()).toEqual(first.book.byPupil.slice(0, 2).sort());
    expect(indistinguishablePupils(makeAnalysis(noUpn).pupils).map((group) => group.pupils)).toEqual([[0, 1]]);
  });

  it("does not match a duplicated UPN to either pupil", () => {
    const twice: PupilSpec[] = [
      { name: "Ava Wright", upn: "A100", year: "7", possible: 100 },
      { name: "Amy Wright", upn: "A100", year: "7", possible: 100 },
    ];
    const first = keyGridFor(twice);
    const again = keyGridFor([twice[1]!, twice[0]!], first.grid);
    expect(again.book.byPupil.some((reference) => first.book.byPupil.includes(reference))).toBe(false);
  });

  it("never gives one reference to two pupils, even from an edited key", () => {
    const edited = [
      ["Reference", "UPN", "Name", "Year"],
      ["P001", "A100", "Ava Wright", "Year 7"],
      ["P001", "B200", "Ben Hughes", "Year 8"],
    ];
    const book = assignReferences(makeAnalysis(term1).pupils, { key: edited });
    expect(book.byPupil[0]).toBe("P001");
    expect(new Set(book.byPupil).size).toBe(3);
  });

  it("can be recovered from a school-only TSM form when the key was deleted", () => {
    const form = [
      ["Targeting Support Meeting record"],
      ["Reference", "Name", "UPN", "Year", "Agreed actions"],
      ["P007", "Cara Green", "C300", "Year 9", ""],
    ];
    const book = assignReferences(makeAnalysis(term1).pupils, { tsm: form });
    expect(book.byPupil).toEqual(["P008", "P009", "P007"]);
  });

  it("finds a pupil's reference from an old row by UPN or name", () => {
    const { book } = keyGridFor(term1);
    expect(referenceForPupil(book, { upn: "b200", name: "", yearGroup: null })).toBe("P002");
    expect(referenceForPupil(book, { upn: null, name: "", yearGroup: null })).toBeNull();
    expect(identityKey({ upn: " a 100 ", name: "x", yearGroup: null })).toBe("upn:A100");
  });
});

describe("matching a school-only form's rows to the key", () => {
  it("reads each key entry a few times, not once per form row (a trust's 100,000 pupils re-run in seconds)", () => {
    const pupils: PupilSpec[] = Array.from({ length: 400 }, (_, i) => ({ name: `Pupil ${i}`, upn: `U${1000 + i}`, year: "7", possible: 100 }));
    const book = assignReferences(makeAnalysis(pupils).pupils);
    const form = [
      ["Pupils discussed"],
      ["Reference", "Name", "UPN", "Year", "Agreed actions"],
      ...book.entries.map((entry) => [entry.reference, entry.name, entry.upn ?? "", "Year 7", `Call home ${entry.reference}`]),
    ];
    let reads = 0;
    const counted = new Proxy(book.entries, {
      get(target, property, receiver) {
        if (typeof property === "string" && /^\d+$/.test(property)) reads++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const typed = readTypedTsm(form, { ...book, entries: counted });
    // Every row still finds its own pupil by identity.
    expect(typed.pupilRows).toHaveLength(400);
    expect(typed.pupilRows.every((row) => row.matchedBy === "identity" && row.inputs["Agreed actions"] === `Call home ${row.reference}`)).toBe(true);
    // Matching each row by a pass over the whole key read it 400 × 400 times.
    expect(reads).toBeLessThanOrEqual(3 * 400);
  });
});

describe("the pupil key sheet", () => {
  it("is school-only and lists reference, UPN, name and year", () => {
    const analysis = makeAnalysis(term1);
    const book = assignReferences(analysis.pupils);
    const plan = planKeySheet(book, analysis.pupils);
    expect(plan.schoolOnly).toBe(true);
    expect(plan.role).toBe("key");
    expect(plan.name).toBe("Pupil key (school only)");
    const grid = planToGrid(plan);
    const header = grid.findIndex((r) => r[0] === "Reference");
    expect(grid[header]?.slice(0, 5)).toEqual(["Reference", "UPN", "Name", "Year", "Reg group"]);
    expect(grid[header + 2]?.slice(0, 7)).toEqual(["P002", "B200", "Ben Hughes", "Year 8", "", "Persistent absence (PA)", "Yes"]);
  });
});
