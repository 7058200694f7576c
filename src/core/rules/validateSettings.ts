import type { Framework } from "./pupilAnalysis";
import { defaultSettings, type AttendanceSettings, type LevelDefinition, type PatternSettings, type StageDefinition } from "./settings";

/**
 * Settings typed by a school or read back from a workbook (docs/rules.md: every threshold is a setting).
 * Partial input is merged over the defaults; stage and level lists replace the defaults whole.
 * Every error is one sentence naming the setting and the allowed values.
 */
export type SettingsValidation = { ok: true; settings: AttendanceSettings } | { ok: false; errors: string[] };

const frameworks: readonly Framework[] = ["stages", "levels", "both"];
const maxNameLength = 100;
const maxActionsLength = 2000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return String(value);
}

/** At most one decimal place, so thresholds compare exactly in whole numbers (docs/rules.md §2). */
function hasAtMostOneDecimal(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

export function validateSettings(input: unknown): SettingsValidation {
  const errors: string[] = [];
  if (input === undefined || input === null) return { ok: true, settings: cloneSettings(defaultSettings) };
  if (!isRecord(input)) {
    return { ok: false, errors: [`Settings must be a set of named values (an object), not ${describe(input)}.`] };
  }

  // version
  if (input.version !== undefined && input.version !== 1) {
    errors.push(`Settings version must be 1; it is ${describe(input.version)}.`);
  }

  // framework
  let framework: Framework = defaultSettings.framework;
  if (input.framework !== undefined) {
    if (typeof input.framework === "string" && (frameworks as readonly string[]).includes(input.framework)) {
      framework = input.framework as Framework;
    } else {
      errors.push(`Framework must be "stages", "levels" or "both"; it is ${describe(input.framework)}.`);
    }
  }

  // bands (docs/rules.md §2): 0 < at risk < persistent < severe ≤ 100, one decimal place at most
  const bands = { ...defaultSettings.bands };
  if (input.bands !== undefined) {
    if (!isRecord(input.bands)) {
      errors.push(`Band thresholds must be a set of named values (severePercent, persistentPercent, atRiskPercent).`);
    } else {
      const bandNames: [keyof typeof bands, string][] = [
        ["severePercent", "Severe absence threshold"],
        ["persistentPercent", "Persistent absence threshold"],
        ["atRiskPercent", "At-risk threshold"],
      ];
      for (const [key, label] of bandNames) {
        const value = input.bands[key];
        if (value === undefined) continue;
        if (typeof value !== "number" || !Number.isFinite(value)) {
          errors.push(`${label} must be a number of percent from above 0 to 100; it is ${describe(value)}.`);
        } else if (value <= 0 || value > 100) {
          errors.push(`${label} must be above 0% and at most 100%; it is ${value}%.`);
        } else if (!hasAtMostOneDecimal(value)) {
          errors.push(`${label} may have at most one decimal place (for example 10 or 7.5); it is ${value}%.`);
        } else {
          bands[key] = value;
        }
      }
      if (bands.atRiskPercent >= bands.persistentPercent) {
        errors.push(
          `At-risk threshold (${bands.atRiskPercent}%) must be below the persistent absence threshold (${bands.persistentPercent}%).`,
        );
      }
      if (bands.persistentPercent >= bands.severePercent) {
        errors.push(
          `Persistent absence threshold (${bands.persistentPercent}%) must be below the severe absence threshold (${bands.severePercent}%).`,
        );
      }
    }
  }

  // stage absence (docs/rules.md §4)
  let stageAbsence: AttendanceSettings["stageAbsence"] = defaultSettings.stageAbsence;
  if (input.stageAbsence !== undefined) {
    if (input.stageAbsence === "all" || input.stageAbsence === "unauthorised") stageAbsence = input.stageAbsence;
    else errors.push(`Absence counted for stages must be "all" or "unauthorised"; it is ${describe(input.stageAbsence)}.`);
  }

  const stages = input.stages === undefined ? defaultSettings.stages : validateStages(input.stages, errors);
  const levels = input.levels === undefined ? defaultSettings.levels : validateLevels(input.levels, errors);

  // level 3 (docs/rules.md §5)
  let level3UnauthorisedSessions = defaultSettings.level3UnauthorisedSessions;
  if (input.level3UnauthorisedSessions !== undefined) {
    const value = input.level3UnauthorisedSessions;
    if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 999) {
      level3UnauthorisedSessions = value;
    } else {
      errors.push(
        `Unauthorised sessions for level 3 must be a whole number from 1 to 999; it is ${describe(value)}.`,
      );
    }
  }

  // penalty notice (docs/rules.md §6)
  const penaltyNotice = { ...defaultSettings.penaltyNotice };
  if (input.penaltyNotice !== undefined) {
    if (!isRecord(input.penaltyNotice)) {
      errors.push("Penalty notice settings must be a set of named values (sessions, schoolWeeks).");
    } else {
      const { sessions, schoolWeeks } = input.penaltyNotice;
      if (sessions !== undefined) {
        if (typeof sessions === "number" && Number.isInteger(sessions) && sessions >= 1 && sessions <= 999) {
          penaltyNotice.sessions = sessions;
        } else {
          errors.push(
            `Unauthorised sessions for a penalty notice must be a whole number from 1 to 999; it is ${describe(sessions)}.`,
          );
        }
      }
      if (schoolWeeks !== undefined) {
        if (typeof schoolWeeks === "number" && Number.isInteger(schoolWeeks) && schoolWeeks >= 1 && schoolWeeks <= 52) {
          penaltyNotice.schoolWeeks = schoolWeeks;
        } else {
          errors.push(
            `School weeks for a penalty notice must be a whole number from 1 to 52; it is ${describe(schoolWeeks)}.`,
          );
        }
      }
    }
  }

  const progress = validateProgress(input.progress, errors);
  const patterns = input.patterns === undefined ? { ...defaultSettings.patterns } : validatePatterns(input.patterns, errors);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: cloneSettings({
      version: 1,
      framework,
      bands,
      stageAbsence,
      stages,
      levels,
      level3UnauthorisedSessions,
      penaltyNotice,
      progress,
      patterns,
    }),
  };
}

/** docs/rules.md §11: improving threshold above 0 to 100 (one decimal place at most); review weeks 1–52. */
function validateProgress(value: unknown, errors: string[]): AttendanceSettings["progress"] {
  const progress = { ...defaultSettings.progress, reviewWeeks: { ...defaultSettings.progress.reviewWeeks } };
  if (value === undefined) return progress;
  if (!isRecord(value)) {
    errors.push("Progress settings must be a set of named values (improvingPercent, reviewWeeks).");
    return progress;
  }
  const improving = value.improvingPercent;
  if (improving !== undefined) {
    if (typeof improving !== "number" || !Number.isFinite(improving) || improving <= 0 || improving > 100) {
      errors.push(`Attendance that counts as improving must be a number of percent above 0 and at most 100; it is ${describe(improving)}.`);
    } else if (!hasAtMostOneDecimal(improving)) {
      errors.push(`Attendance that counts as improving may have at most one decimal place (for example 90 or 92.5); it is ${improving}%.`);
    } else {
      progress.improvingPercent = improving;
    }
  }
  const weeks = value.reviewWeeks;
  if (weeks !== undefined) {
    if (!isRecord(weeks)) {
      errors.push("Review weeks must be a set of named values (welfareAndStage1, stages2And3, stages4And5).");
      return progress;
    }
    const labels: [keyof typeof progress.reviewWeeks, string][] = [
      ["welfareAndStage1", "Weeks to the review of a welfare call or stage 1"],
      ["stages2And3", "Weeks to the review of stages 2 and 3"],
      ["stages4And5", "Weeks to the review of stages 4 and 5"],
    ];
    for (const [key, label] of labels) {
      const n = weeks[key];
      if (n === undefined) continue;
      if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 52) progress.reviewWeeks[key] = n;
      else errors.push(`${label} must be a whole number of school weeks from 1 to 52; it is ${describe(n)}.`);
    }
  }
  return progress;
}

/** Each pattern threshold (docs/rules.md §10): its label, its range, and whether halves/tenths are allowed. */
const patternLimits: Record<keyof PatternSettings, { label: string; min: number; max: number; step: "whole" | "tenth" | "half" }> = {
  dayShareMultiple: { label: "Day pattern: times a weekday's share of possible sessions", min: 1, max: 10, step: "tenth" },
  dayMinimumMissed: { label: "Day pattern: least missed sessions on the weekday", min: 1, max: 999, step: "whole" },
  afternoonPercent: { label: "Afternoons: share of missed sessions that are PM", min: 50, max: 100, step: "tenth" },
  afternoonMinimumMissed: { label: "Afternoons: least missed sessions", min: 1, max: 999, step: "whole" },
  continuousUnauthorisedDays: { label: "Continuous unauthorised absence to tell the local authority (school days)", min: 0.5, max: 200, step: "half" },
  continuousAbsenceDays: { label: "Continuous absence for the local authority to arrange education (school days)", min: 0.5, max: 200, step: "half" },
  recentSchoolWeeks: { label: "Recent trend: last school weeks", min: 1, max: 52, step: "whole" },
  trendPercentagePoints: { label: "Recent trend: difference in percentage points", min: 0.1, max: 100, step: "tenth" },
};

function onStep(value: number, step: "whole" | "tenth" | "half"): boolean {
  if (step === "whole") return Number.isInteger(value);
  if (step === "half") return Number.isInteger(value * 2);
  return hasAtMostOneDecimal(value);
}

const stepWords = { whole: "a whole number", half: "a whole or half number", tenth: "a number with at most one decimal place" };

/** docs/rules.md §10: partial input merged over the defaults, each value within its range. */
function validatePatterns(value: unknown, errors: string[]): PatternSettings {
  const patterns = { ...defaultSettings.patterns };
  if (!isRecord(value)) {
    errors.push(`Pattern settings must be a set of named values (${Object.keys(patternLimits).join(", ")}).`);
    return patterns;
  }
  for (const key of Object.keys(patternLimits) as (keyof PatternSettings)[]) {
    const entry = value[key];
    if (entry === undefined) continue;
    const { label, min, max, step } = patternLimits[key];
    if (typeof entry === "number" && Number.isFinite(entry) && entry >= min && entry <= max && onStep(entry, step)) {
      patterns[key] = entry;
    } else {
      errors.push(`${label} must be ${stepWords[step]} from ${min} to ${max}; it is ${describe(entry)}.`);
    }
  }
  return patterns;
}

function textField(
  value: unknown,
  label: string,
  maxLength: number,
  errors: string[],
  allowEmpty: boolean,
): string | null {
  if (typeof value !== "string" || (!allowEmpty && value.trim() === "")) {
    errors.push(`${label} must be ${allowEmpty ? "text" : "text that is not empty"}; it is ${describe(value)}.`);
    return null;
  }
  if (value.length > maxLength) {
    errors.push(`${label} must be at most ${maxLength} characters; it has ${value.length}.`);
    return null;
  }
  return value;
}

/** docs/rules.md §4: stages in increasing order (0–6), bounds increasing, only the top stage open-ended. */
function validateStages(value: unknown, errors: string[]): StageDefinition[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 7) {
    errors.push("Stages must be a list of 1 to 7 stages, numbered from 0 to 6 in order.");
    return defaultSettings.stages;
  }
  const stages: StageDefinition[] = [];
  let previousStage = -1;
  let previousBound = 0;
  value.forEach((entry: unknown, index) => {
    const position = `Stage ${index + 1} in the list`;
    if (!isRecord(entry)) {
      errors.push(`${position} must have a stage number, name, upper bound in days and actions.`);
      return;
    }
    const stage = entry.stage;
    if (typeof stage !== "number" || !Number.isInteger(stage) || stage < 0 || stage > 6 || stage <= previousStage) {
      errors.push(
        `${position} must have a stage number from 0 to 6, higher than the stage before it (${previousStage < 0 ? "none" : previousStage}); it is ${describe(stage)}.`,
      );
      return;
    }
    previousStage = stage;
    const label = `Stage ${stage}`;
    const name = textField(entry.name, `${label} name`, maxNameLength, errors, false);
    const actions = textField(entry.actions, `${label} actions`, maxActionsLength, errors, true);
    const isTop = index === value.length - 1;
    const maxDays = entry.maxDays;
    let bound: number | null = null;
    if (isTop) {
      if (maxDays !== null && maxDays !== undefined) {
        errors.push(`${label} is the top stage, so its upper bound in days must be empty (no upper limit); it is ${describe(maxDays)}.`);
      }
    } else if (typeof maxDays !== "number" || !Number.isFinite(maxDays)) {
      errors.push(`${label} upper bound must be a number of days above ${previousBound}; it is ${describe(maxDays)}.`);
    } else if (maxDays <= previousBound) {
      errors.push(
        `${label} upper bound (${maxDays} days) must be more than the bound of the stage before it (${previousBound} days): bounds must increase.`,
      );
    } else if (!Number.isInteger(maxDays * 2)) {
      errors.push(`${label} upper bound must be a whole or half number of days (for example 5 or 7.5); it is ${maxDays}.`);
    } else {
      bound = maxDays;
      previousBound = maxDays;
    }
    if (name !== null && actions !== null) {
      stages.push({ stage: stage as StageDefinition["stage"], name, maxDays: bound, actions });
    }
  });
  return stages;
}

/** docs/rules.md §5: exactly the four levels, 1 to 4 in order. */
function validateLevels(value: unknown, errors: string[]): LevelDefinition[] {
  if (!Array.isArray(value) || value.length !== 4) {
    errors.push("Levels must be a list of exactly 4 levels, numbered 1 to 4 in order.");
    return defaultSettings.levels;
  }
  const levels: LevelDefinition[] = [];
  value.forEach((entry: unknown, index) => {
    const expected = (index + 1) as LevelDefinition["level"];
    if (!isRecord(entry) || entry.level !== expected) {
      errors.push(`Level ${expected} must come in position ${expected} of the list, with level number ${expected}.`);
      return;
    }
    const name = textField(entry.name, `Level ${expected} name`, maxNameLength, errors, false);
    const actions = textField(entry.actions, `Level ${expected} actions`, maxActionsLength, errors, true);
    if (name !== null && actions !== null) levels.push({ level: expected, name, actions });
  });
  return levels;
}

function cloneSettings(settings: AttendanceSettings): AttendanceSettings {
  return {
    ...settings,
    bands: { ...settings.bands },
    stages: settings.stages.map((s) => ({ ...s })),
    levels: settings.levels.map((l) => ({ ...l })),
    penaltyNotice: { ...settings.penaltyNotice },
    progress: { ...settings.progress, reviewWeeks: { ...settings.progress.reviewWeeks } },
    patterns: { ...settings.patterns },
  };
}
