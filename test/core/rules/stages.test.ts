import { analysePupils } from "../../../src/core/rules/analysePupils";
import { stageReason } from "../../../src/core/rules/reasons";
import { defaultSettings } from "../../../src/core/rules/settings";
import { placeOnStageLadder } from "../../../src/core/rules/stages";
import { countsRecord, settingsWith, summaryMapping } from "./helpers";

const stageFor = (missed: number | null, unauthorised: number | null = null, settings = defaultSettings) =>
  placeOnStageLadder({ missed, unauthorised }, settings).stage;

describe("stage ladder (docs/rules.md §4): days = sessions / 2, upper-inclusive bounds", () => {
  test.each([
    [0, null],
    [1, 0], // half a day
    [2, 0], // exactly 1 day
    [3, 1], // just above 1 day
    [10, 1], // exactly 5 days
    [11, 2],
    [20, 2], // exactly 10 days
    [21, 3],
    [30, 3], // exactly 15 days
    [31, 4],
    [50, 4], // exactly 25 days
    [51, 5],
    [80, 5], // exactly 40 days
    [81, 6],
    [300, 6],
  ])("%i sessions missed → stage %p", (missed, stage) => {
    expect(stageFor(missed)).toBe(stage);
  });

  test("unknown absence gives no stage", () => {
    expect(stageFor(null)).toBeNull();
  });

  test('the "unauthorised only" setting counts unauthorised sessions alone', () => {
    const unauthorisedOnly = settingsWith({ stageAbsence: "unauthorised" });
    expect(stageFor(30, 4, unauthorisedOnly)).toBe(1);
    expect(stageFor(30, 0, unauthorisedOnly)).toBeNull();
    expect(stageFor(30, null, unauthorisedOnly)).toBeNull();
    const [pupil] = analysePupils([countsRecord(150, 20, 11)], summaryMapping, unauthorisedOnly);
    expect(pupil!.stage).toBe(2); // 11 unauthorised sessions = 5.5 days
    expect(pupil!.reasons[1]).toBe(
      "5.5 days of absence (unauthorised absence only) places the pupil at stage 2, Ongoing concern (more than 5 and up to 10 days).",
    );
  });

  test("the reason names the days, the absence counted, the stage and its bounds", () => {
    const settings = defaultSettings;
    const reason = (missed: number) => stageReason(placeOnStageLadder({ missed, unauthorised: 0 }, settings), settings);
    expect(reason(15)).toBe(
      "7.5 days of absence (all absence) places the pupil at stage 2, Ongoing concern (more than 5 and up to 10 days).",
    );
    expect(reason(2)).toBe(
      "1 day of absence (all absence) places the pupil at stage 0, Welfare call (more than 0 and up to 1 day).",
    );
    expect(reason(1)).toBe(
      "0.5 days of absence (all absence) places the pupil at stage 0, Welfare call (more than 0 and up to 1 day).",
    );
    expect(reason(81)).toBe(
      "40.5 days of absence (all absence) places the pupil at stage 6, Legal enforcement (more than 40 days).",
    );
    expect(reason(0)).toBe("No absence (all absence), so no stage.");
  });

  test("a school's own bounds move the stages", () => {
    const stages = defaultSettings.stages.map((s) => (s.stage === 1 ? { ...s, maxDays: 3 } : s));
    const settings = settingsWith({ stages });
    expect(stageFor(6, null, settings)).toBe(1);
    expect(stageFor(7, null, settings)).toBe(2);
  });
});
