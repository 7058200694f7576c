import {
  anyValue,
  bandFilter,
  filterPupils,
  filtersFor,
  initialFilterValues,
  pupilFilters,
  searchIndexFor,
  type PupilFilter,
} from "../../src/taskpane/pupilFilters";
import { pupilPriorityOrder } from "../../src/core/report/pupilOrder";
import { makeAnalysis } from "../core/report/factory";

const analysis = makeAnalysis([
  { name: "Ava Wright", year: "7", possible: 100, authorised: 12 },
  { name: "Ben Hughes", year: "8", possible: 100, authorised: 55 },
  { name: "Cara Greer", year: "7", possible: 100, authorised: 7 },
  { name: "Dev Shah", year: "R", possible: 100, authorised: 1 },
]);
const order = pupilPriorityOrder(analysis.pupils);
const index = searchIndexFor(analysis);
const names = (indices: number[]) => indices.map((i) => analysis.pupils[i]?.record.name);

describe("pupil list filters", () => {
  it("start on the pupils to discuss, and 'All bands' shows everyone in priority order", () => {
    const values = initialFilterValues(analysis);
    expect(names(filterPupils(analysis, order, values, "", index))).toEqual(["Ben Hughes", "Ava Wright"]);
    expect(names(filterPupils(analysis, order, { ...values, band: anyValue }, "", index))).toEqual([
      "Ben Hughes",
      "Ava Wright",
      "Cara Greer",
      "Dev Shah",
    ]);
  });

  it("combine year group, band and search", () => {
    const all = { band: anyValue, year: "7" };
    expect(names(filterPupils(analysis, order, all, "", index))).toEqual(["Ava Wright", "Cara Greer"]);
    expect(names(filterPupils(analysis, order, { ...all, band: "at-risk" }, "", index))).toEqual(["Cara Greer"]);
    expect(names(filterPupils(analysis, order, { band: anyValue }, "  greer ", index))).toEqual(["Cara Greer"]);
  });

  it("finds a pupil by admission number, for a school whose export has no UPNs", () => {
    const noUpns = makeAnalysis([
      { name: "Sam Jones", year: "7", possible: 100, authorised: 12, admissionNumber: "004512" },
      { name: "Sam Jones", year: "7", possible: 100, authorised: 15, admissionNumber: "004513" },
    ]);
    const found = filterPupils(noUpns, [0, 1], { band: anyValue }, "4513", searchIndexFor(noUpns));
    expect(found.map((i) => noUpns.pupils[i]?.record.admissionNumber)).toEqual(["004513"]);
  });

  it("offers year groups in school order, in words", () => {
    const year = filtersFor(analysis).find(({ filter }) => filter.id === "year");
    expect(year?.options.map((o) => o.label)).toEqual(["Reception", "Year 7", "Year 8"]);
  });

  it("hides the stage filter under PIAS levels and the level filter under school stages", () => {
    const ids = (framework: "stages" | "levels" | "both") =>
      filtersFor({ ...analysis, settings: { ...analysis.settings, framework } }).map(({ filter }) => filter.id);
    expect(ids("stages")).not.toContain("level");
    expect(ids("levels")).not.toContain("stage");
  });

  it("takes a new filter by adding it to the list (how pattern and progress filters join)", () => {
    const initialFilter: PupilFilter = {
      id: "initial",
      label: "Initial",
      options: () => [
        { value: "A", label: "A" },
        { value: "B", label: "B" },
      ],
      matches: (pupil, value) => pupil.record.name.startsWith(value),
    };
    const filters = [...pupilFilters, initialFilter];
    expect(filtersFor(analysis, filters).map(({ filter }) => filter.id)).toContain("initial");
    const values = { ...initialFilterValues(analysis, filters), band: anyValue, initial: "B" };
    expect(names(filterPupils(analysis, order, values, "", index, filters))).toEqual(["Ben Hughes"]);
    expect(bandFilter.initial?.(analysis)).toBe("discuss");
  });
});
