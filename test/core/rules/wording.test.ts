import { analysePupils } from "../../../src/core/rules/analysePupils";
import { bandLabels, bandLabelsFor } from "../../../src/core/rules/bandLabels";
import { attendancePercentText, missedPercentText, thresholdText } from "../../../src/core/rules/reasons";
import { defaultSettings } from "../../../src/core/rules/settings";
import { suggestedAction } from "../../../src/core/rules/suggestion";
import { countsRecord, makeMapping, makeRecord, settingsWith, summaryMapping } from "./helpers";

describe("band labels", () => {
  test("long labels are what the band column shows", () => {
    expect(bandLabels.severe).toEqual({
      short: "SA",
      long: "Severe absence (SA)",
      description: "Missed 50% or more of possible sessions",
    });
    expect(bandLabels.persistent.long).toBe("Persistent absence (PA)");
    expect(bandLabels["at-risk"].description).toBe("Missed 5% or more but less than 10% of possible sessions");
    expect(bandLabels.expected.short).toBe("Expected");
    expect(bandLabels["no-data"].long).toBe("No data");
  });

  test("descriptions follow a school's thresholds; labels do not change", () => {
    const labels = bandLabelsFor({ severePercent: 50, persistentPercent: 10, atRiskPercent: 7.5 });
    expect(labels["at-risk"].description).toBe("Missed 7.5% or more but less than 10% of possible sessions");
    expect(labels["at-risk"].long).toBe(bandLabels["at-risk"].long);
  });
});

describe("reason wording (plain British English, one decimal place)", () => {
  test("percentages never round up across a line", () => {
    expect(missedPercentText(15, 150)).toBe("10.0%");
    expect(missedPercentText(1992, 20000)).toBe("9.9%"); // 9.96%: at risk, so not shown as 10.0%
    expect(missedPercentText(1, 3)).toBe("33.3%");
    expect(attendancePercentText(89.96)).toBe("90.0%");
    expect(attendancePercentText(90.04)).toBe("90.1%");
    expect(thresholdText(10)).toBe("10%");
    expect(thresholdText(7.5)).toBe("7.5%");
  });

  test("reasons come in order: band, stage, level", () => {
    const [pupil] = analysePupils([countsRecord(150, 3, 12)], summaryMapping, settingsWith({ framework: "both" }));
    expect(pupil!.reasons).toEqual([
      "Missed 15 of 150 possible sessions (10.0%): persistent absence starts at 10%. Attending the next session would bring absence below 10%.",
      "7.5 days of absence (all absence) places the pupil at stage 2, Ongoing concern (more than 5 and up to 10 days).",
      "Level 3, Formalise support: persistent absence with 12 unauthorised sessions (10 or more).",
      "Consider level 4 if formal support is not engaged with.",
      "Penalty notice threshold not known: the sheet has no session marks to check for 10 unauthorised sessions within 10 school weeks.",
    ]);
  });

  test.each([
    [
      countsRecord(120, 30, 30),
      // 481 sessions is more than the 260 a school year has left after 120: said plainly (issue 12 §4).
      "Missed 60 of 120 possible sessions (50.0%): severe absence starts at 50%. Attendance alone cannot bring absence below 10% this academic year: it would take 481 sessions in a row, and a school year has 260 sessions left after these 120 (380 in a year).",
    ],
    [
      countsRecord(146, 8, 7),
      "Missed 15 of 146 possible sessions (10.2%): persistent absence starts at 10%. Attending the next 5 sessions in a row (under a school week) would bring absence below 10%.",
    ],
    [
      countsRecord(146, 17, 4),
      "Missed 21 of 146 possible sessions (14.3%): persistent absence starts at 10%. Attending the next 65 sessions in a row (about 7 school weeks) would bring absence below 10%.",
    ],
    [
      countsRecord(100, 10, 1),
      "Missed 11 of 100 possible sessions (11.0%): persistent absence starts at 10%. Attending the next 11 sessions in a row (about a school week) would bring absence below 10%.",
    ],
    [countsRecord(140, 7, 0), "Missed 7 of 140 possible sessions (5.0%): at risk from 5%; persistent absence starts at 10%."],
    [countsRecord(135, 3, 1), "Missed 4 of 135 possible sessions (2.9%): below the 5% at-risk line."],
    [countsRecord(0, 0, 0), "No possible sessions recorded, so there is no band: check the pupil is on roll for this period."],
  ])("band reason %#", (record, reason) => {
    expect(analysePupils([record], summaryMapping, defaultSettings)[0]!.reasons[0]).toBe(reason);
  });

  test("percentage-only reasons", () => {
    const mapping = makeMapping(["attendancePercent"]);
    const atRisk = analysePupils([makeRecord({ attendancePercent: { percent: 93.2, decimals: 1 } })], mapping, defaultSettings)[0]!;
    expect(atRisk.reasons.slice(0, 3)).toEqual([
      "Attendance of 93.2%: at risk is attendance of 95% or below; persistent absence is 90% or below.",
      "Classified from a rounded percentage (93.2%).",
      "Stage not known: the sheet does not give sessions missed.",
    ]);
    const fraction = analysePupils([makeRecord({ attendancePercent: { percent: 89.96, decimals: null } })], mapping, defaultSettings)[0]!;
    expect(fraction.bandBasis).toBe("percent");
    expect(fraction.reasons[1]).toBe(
      "Classified from the attendance percentage alone (90.0%); the sheet gives no session counts.",
    );
  });

  test("a pupil with nothing to classify is warned", () => {
    const [pupil] = analysePupils([makeRecord()], makeMapping(["upn"]), defaultSettings);
    expect(pupil!.band).toBe("no-data");
    expect(pupil!.bandBasis).toBe("none");
    expect(pupil!.warnings).toEqual([
      "No possible sessions, absence counts, register marks or attendance percentage for this pupil, so they could not be classified.",
    ]);
  });
});

describe("one vocabulary: the reasons speak only of the chosen framework's ladder (issue 12 §4)", () => {
  // PA, stage 2 and level 3: both ladders have something to say about this pupil.
  const record = countsRecord(150, 3, 12);
  const reasonsFor = (framework: "stages" | "levels" | "both") =>
    analysePupils([record], summaryMapping, settingsWith({ framework }))[0]!.reasons.join(" ");

  test("a school on stages never reads of PIAS levels in Why", () => {
    const why = reasonsFor("stages");
    expect(why).toContain("places the pupil at stage 2");
    expect(why).not.toMatch(/\blevel\b/i);
  });

  test("a school on PIAS levels never reads of stages in Why", () => {
    const why = reasonsFor("levels");
    expect(why).toContain("Level 3, Formalise support");
    expect(why).not.toMatch(/\bstage\b/i);
  });

  test("a school on both reads of both", () => {
    const why = reasonsFor("both");
    expect(why).toContain("places the pupil at stage 2");
    expect(why).toContain("Level 3, Formalise support");
  });
});

describe("support first on the stage ladder: enforcement only where formal support was tried (docs/rules.md §4)", () => {
  // 90 sessions missed, 45 days: stage 6 (more than 40 days) by days alone.
  const onTopRung = (overrides = {}) =>
    analysePupils([countsRecord(200, 40, 50, overrides)], summaryMapping, settingsWith({ framework: "stages" }))[0]!;

  test("days alone place the pupil at stage 6, but the advice is the formal steps, not enforcement", () => {
    const pupil = onTopRung();
    expect(pupil.stage).toBe(6);
    expect(pupil.suggestedAction).toContain("legal enforcement is not suggested yet");
    expect(pupil.suggestedAction).toContain("Formal warning notice");
    expect(pupil.suggestedAction).not.toContain("Pass documentation of enforcement");
    expect(pupil.reasons).toContain(
      "Legal enforcement is not suggested: the sheet does not show that formal support was tried (a recorded stage 4 or above, PIAS level 3 or above, a parenting contract, or a penalty notice this academic year).",
    );
  });

  test.each([
    [{ recordedStage: 5 }, "the sheet records stage 5"],
    [{ recordedLevel: 3 }, "the sheet records level 3"],
    [{ parentingContract: true }, "a parenting contract is recorded"],
    [{ penaltyNoticeThisYear: true }, "a penalty notice is recorded this academic year"],
  ])("with recorded formal support (%j) the stage 6 actions are suggested, as advice", (overrides, evidence) => {
    const pupil = onTopRung(overrides);
    expect(pupil.suggestedAction).toBe(
      "Suggested (stage 6, Legal enforcement): Pass documentation of enforcement to the education welfare officer; continue support for the child and family.",
    );
    expect(pupil.reasons.join(" ")).toContain(`Formal support is recorded (${evidence})`);
    expect(pupil.reasons.join(" ")).toContain("not a decision");
  });

  test("a recorded stage below formal concern is not evidence", () => {
    expect(onTopRung({ recordedStage: 3 }).suggestedAction).toContain("legal enforcement is not suggested yet");
  });

  test("two pupils on the top rung, one with evidence, get their own advice (shared wording never crosses)", () => {
    const [without, withEvidence] = analysePupils(
      [countsRecord(200, 40, 50), countsRecord(200, 40, 50, { parentingContract: true })],
      summaryMapping,
      settingsWith({ framework: "stages" }),
    );
    expect(without!.suggestedAction).toContain("not suggested yet");
    expect(withEvidence!.suggestedAction).toContain("Pass documentation of enforcement");
  });
});

describe("suggested action (advice for the chosen framework)", () => {
  const record = countsRecord(150, 3, 12); // PA, stage 2, level 3

  test("stages", () => {
    const [pupil] = analysePupils([record], summaryMapping, settingsWith({ framework: "stages" }));
    expect(pupil!.suggestedAction).toBe(
      "Suggested (stage 2, Ongoing concern): Email parents/carers; arrange a welfare visit; highlight in the weekly meeting; put a programme of support in place.",
    );
  });

  test("levels, with the level 4 advice where level 3 is suggested", () => {
    const [pupil] = analysePupils([record], summaryMapping, settingsWith({ framework: "levels" }));
    expect(pupil!.suggestedAction).toBe(
      "Suggested (level 3, Formalise support): Consider a parenting contract; formal attendance meeting with the link PIAS officer; fixed penalty notice if eligible. Consider level 4 if formal support is not engaged with.",
    );
  });

  test("both", () => {
    const [pupil] = analysePupils([record], summaryMapping, settingsWith({ framework: "both" }));
    expect(pupil!.suggestedAction.startsWith("Suggested (stage 2, Ongoing concern):")).toBe(true);
    expect(pupil!.suggestedAction).toContain("Suggested (level 3, Formalise support):");
  });

  test("uses the school's own wording from settings", () => {
    const levels = defaultSettings.levels.map((l) => (l.level === 1 ? { ...l, name: "Universal", actions: "Monitor" } : l));
    const [pupil] = analysePupils([countsRecord(150, 1, 0)], summaryMapping, settingsWith({ framework: "levels", levels }));
    expect(pupil!.suggestedAction).toBe("Suggested (level 1, Universal): Monitor.");
  });

  test("no absence and no data", () => {
    const settings = settingsWith({ framework: "stages" });
    const [none, noData] = analysePupils([countsRecord(150, 0, 0), makeRecord()], summaryMapping, settings);
    expect(none!.suggestedAction).toBe("No stage action suggested: no absence counted for the stage ladder.");
    expect(noData!.suggestedAction).toContain("check the pupil's register in the MIS");
  });

  test("suggestedAction on its own adds the penalty-notice advice when the gate passes", () => {
    const text = suggestedAction(
      { band: "at-risk", stage: 2, stageAbsenceSessions: 12, level: 1, considerLevel4: false, considerPenaltyNotice: true, formalSupportTried: false },
      defaultSettings,
      "stages",
    );
    expect(text.endsWith("Consider a notice to improve or a penalty notice.")).toBe(true);
  });
});

describe("pupils that cannot be classified say what is missing", () => {
  test("possible sessions only", () => {
    const [pupil] = analysePupils([makeRecord({ possibleSessions: 150 })], makeMapping(["possibleSessions"]), defaultSettings);
    expect(pupil!.band).toBe("no-data");
    expect(pupil!.warnings).toEqual([
      "Possible sessions are given but no absence, attendance, register marks or percentage, so this pupil could not be classified.",
    ]);
  });

  test("absence only: no band, but the stage ladder still places the pupil", () => {
    const [pupil] = analysePupils(
      [makeRecord({ authorisedSessions: 6, unauthorisedSessions: 6 })],
      makeMapping(["authorisedSessions", "unauthorisedSessions"]),
      defaultSettings,
    );
    expect(pupil!.band).toBe("no-data");
    expect(pupil!.missedSessions).toBe(12);
    expect(pupil!.possibleSessions).toBeNull();
    expect(pupil!.stage).toBe(2);
    expect(pupil!.warnings[0]).toContain("Absence is given but no possible sessions");
  });
});
