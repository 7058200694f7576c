import type { Framework } from "../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../core/rules/settings";

/**
 * The rules form as the user is editing it. A number the user typed that is not a number stays as the
 * text they typed, so validateSettings (the core) can say what is wrong with it; the pane judges nothing.
 */
export interface SettingsDraft {
  framework: Framework;
  severePercent: number | string;
  persistentPercent: number | string;
  atRiskPercent: number | string;
  stageAbsence: AttendanceSettings["stageAbsence"];
  level3UnauthorisedSessions: number | string;
  penaltyNoticeSessions: number | string;
  penaltyNoticeWeeks: number | string;
}

export type NumberSetting = Exclude<keyof SettingsDraft, "framework" | "stageAbsence">;

export function draftFromSettings(settings: AttendanceSettings): SettingsDraft {
  return {
    framework: settings.framework,
    severePercent: settings.bands.severePercent,
    persistentPercent: settings.bands.persistentPercent,
    atRiskPercent: settings.bands.atRiskPercent,
    stageAbsence: settings.stageAbsence,
    level3UnauthorisedSessions: settings.level3UnauthorisedSessions,
    penaltyNoticeSessions: settings.penaltyNotice.sessions,
    penaltyNoticeWeeks: settings.penaltyNotice.schoolWeeks,
  };
}

/** The draft laid over the saved settings (which keep the stage and level wording), for validateSettings. */
export function draftToInput(draft: SettingsDraft, base: AttendanceSettings): unknown {
  return {
    ...base,
    framework: draft.framework,
    bands: {
      severePercent: draft.severePercent,
      persistentPercent: draft.persistentPercent,
      atRiskPercent: draft.atRiskPercent,
    },
    stageAbsence: draft.stageAbsence,
    level3UnauthorisedSessions: draft.level3UnauthorisedSessions,
    penaltyNotice: { sessions: draft.penaltyNoticeSessions, schoolWeeks: draft.penaltyNoticeWeeks },
  };
}

/** What the user typed: a number where it reads as one ("12", "12.5", "12%"), else the text itself. */
export function typedNumber(text: string): number | string {
  const trimmed = text.trim().replace(/\s*%$/, "");
  if (trimmed === "") return text;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : text;
}
