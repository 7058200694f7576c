/**
 * The engine's speed-ups must not change a single answer. Each fast path is checked here against the
 * plain rule it stands in for: the one-character mark table against the code-set Map, the precomputed
 * stage ladder against a straightforward walk up the ladder, the totals-label pre-check against the
 * regular expression alone, and the per-run caches of reasons and suggestions against pupils analysed
 * one at a time (each with empty caches).
 */
import { analyseGrid } from "../../src/core/analyse";
import { analysePupil, analysePupils } from "../../src/core/rules/analysePupils";
import { categoriseMarks, codeTable, markCategory, markCategoryNames, type CodeSet } from "../../src/core/rules/registerCodes";
import { defaultSettings, type AttendanceSettings, type StageDefinition } from "../../src/core/rules/settings";
import { placeOnStageLadder, StageLadder, type StagePlacement } from "../../src/core/rules/stages";
import { isTotalsLabel } from "../../src/core/read/rowKinds";
import { seededRandom } from "../../src/sample/random";
import { syntheticMarksGrid, syntheticSummaryGrid } from "./grids";

describe("register marks: the one-character table", () => {
  const marks: string[] = [];
  for (let code = 0; code < 160; code++) marks.push(String.fromCharCode(code));
  marks.push("C1", "c1", "Y7", "J1", " N", "N ", "\u00a0", "\u00a0N", "", "-", "ZZ", "Y", "y", "H", "h", "J", "F", "ſ");

  it.each(["2024", "pre-2024"] as CodeSet[])("gives every mark the category of the %s code set", (codeSet) => {
    const categories = categoriseMarks(marks, marks.map(() => codeTable(codeSet)));
    const names = Array.from(categories, (category) => markCategoryNames[category]);
    expect(names).toEqual(marks.map((mark) => markCategory(mark, codeSet)));
    // The table must actually decide something: present, unauthorised and not-possible marks are among them.
    expect(names).toEqual(expect.arrayContaining(["present", "unauthorised", "notPossible", "noMark"]));
  });

  it("switches code set where the register's dates cross 19 August 2024", () => {
    const tables = [codeTable("pre-2024"), codeTable("pre-2024"), codeTable("2024"), codeTable("2024")];
    const names = Array.from(categoriseMarks(["H", "J", "H", "J"], tables), (category) => markCategoryNames[category]);
    expect(names).toEqual(["authorised", "aea", "noMark", "noMark"]);
  });
});

/** docs/rules.md §4, walked rung by rung: the reference the precomputed ladder must agree with. */
function referencePlacement(sessions: number | null, stages: readonly StageDefinition[]): StagePlacement {
  if (sessions === null || !(sessions > 0)) return { stage: null, absenceSessions: sessions, definition: null, previous: null };
  const ladder = [...stages].sort((a, b) => a.stage - b.stage);
  let previous: StageDefinition | null = null;
  for (const definition of ladder) {
    if (definition.maxDays === null || sessions <= 2 * definition.maxDays) {
      return { stage: definition.stage, absenceSessions: sessions, definition, previous };
    }
    previous = definition;
  }
  const top = ladder[ladder.length - 1] ?? null;
  return { stage: top ? top.stage : null, absenceSessions: sessions, definition: top, previous: top };
}

describe("stage ladder: bounds in sessions worked out once", () => {
  const bounded: StageDefinition[] = [...defaultSettings.stages]
    .reverse()
    .map((stage, i) => (stage.maxDays === null ? { ...stage, maxDays: 30 + i } : stage));
  const ladders: [string, StageDefinition[]][] = [
    ["the default ladder", defaultSettings.stages],
    ["an unsorted ladder with a bounded top stage", bounded],
    ["an empty ladder", []],
  ];
  const sessions = [null, Number.NaN, -1, 0, 0.5, 1, 2, 3, 10, 11, 20, 21, 40, 41, 59, 60, 61, 62, 100, 1000];

  it.each(ladders)("places pupils as the rules do on %s", (_name, stages) => {
    const ladder = new StageLadder(stages);
    for (const count of sessions) {
      const expected = referencePlacement(count, stages);
      expect(ladder.place(count)).toEqual(expected);
      expect(placeOnStageLadder({ missed: count, unauthorised: null }, { stageAbsence: "all", stages })).toEqual(expected);
      expect(ladder.rung(count) < 0 ? null : ladder.rungs[ladder.rung(count)]!.stage).toBe(expected.stage);
    }
  });
});

describe("totals rows: the two-letter pre-check", () => {
  const totals =
    /^(?:grand\s+|school\s+|sub-?\s*|overall\s+|whole[-\s]school\s+|year\s+\w+\s+|group\s+)?(?:totals?|average|averages|mean|median|summary|count|all\s+(?:pupils|students))\b/i;
  const byExpression = (text: string) => text.length > 0 && text.length < 80 && totals.test(text);

  it("agrees with the regular expression on labels and near-misses", () => {
    const labels = ["Total", "TOTALS", "Grand total", "School Total", "Sub-total", "subtotal", "Overall average", "Whole-school mean"];
    labels.push("Year 7 total", "Group total", "Median", "Summary", "Count", "All pupils", "ALL STUDENTS", "Smith", "Chen", "Green");
    labels.push("Totally", "t", "", "Me", "Countess", " Total", "ſum", "Ŧotal", "Avery", "Alleyne", "Mensah", "Cole");
    for (const label of labels) expect([label, isTotalsLabel(label)]).toEqual([label, byExpression(label)]);

    const random = seededRandom(5);
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -7ſK";
    for (let i = 0; i < 20_000; i++) {
      let label = random.next() < 0.5 ? random.pick(labels) : "";
      const edits = Math.floor(random.next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random.next() * (label.length + 1));
        label = label.slice(0, at) + random.pick([...letters]) + label.slice(at + (random.next() < 0.5 ? 1 : 0));
      }
      if (isTotalsLabel(label) !== byExpression(label)) expect([label, isTotalsLabel(label)]).toEqual([label, byExpression(label)]);
    }
  });
});

describe("per-run caches of reasons and suggestions", () => {
  // Each variant with a wording its caches share, which the comparison must then cover.
  const settingsVariants: [string, AttendanceSettings, RegExp][] = [
    ["default settings, both ladders", { ...defaultSettings, framework: "both" }, /Level 4/],
    // Stage 6 advice depends on recorded formal support (docs/rules.md §4): the suggestion cache keys it.
    ["default settings, stages only", defaultSettings, /Formal support is recorded/],
    [
      "a school's own thresholds",
      {
        ...defaultSettings,
        framework: "both",
        stageAbsence: "unauthorised",
        level3UnauthorisedSessions: 6,
        penaltyNotice: { sessions: 6, schoolWeeks: 4 },
        bands: { severePercent: 40, persistentPercent: 7.5, atRiskPercent: 3.3 },
      },
      /Level 3/,
    ],
  ];

  /** A register with recorded levels, contracts and notices, so level 4, referrals and penalty notices occur. */
  function variedMarksGrid(): (string | number | boolean)[][] {
    const random = seededRandom(42);
    return syntheticMarksGrid(150, 200, 9).map((row, i) =>
      i === 0
        ? [...row, "Current PIAS level", "Parenting contract", "Penalty notice"]
        : [...row, random.pick(["", "3", "4", "2"]), random.pick(["", "Y", "N"]), random.pick(["", "Y", "N"])],
    );
  }

  it.each(settingsVariants)("give each pupil the same analysis as analysing them alone (%s)", (_name, settings, shared) => {
    const allReasons: string[] = [];
    for (const grid of [variedMarksGrid(), syntheticSummaryGrid(600, 3)]) {
      const result = analyseGrid(grid, { settings });
      if (!result.ok) throw new Error(result.message);
      const { pupils, mapping } = result.analysis;
      const together = analysePupils(
        pupils.map((pupil) => pupil.record),
        mapping,
        settings,
      );
      expect(together).toEqual(pupils.map((pupil) => analysePupil(pupil.record, mapping, settings)));
      allReasons.push(...together.flatMap((pupil) => pupil.reasons));
    }
    // The comparison covers the wordings the caches share.
    expect(allReasons.join("\n")).toMatch(shared);
  });
});
