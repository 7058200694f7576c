import type { Framework } from "./pupilAnalysis";

/**
 * Every threshold and wording the engine applies, with the defaults of docs/rules.md.
 * Saved in the workbook (workbook.settings) so co-editors share one set of rules.
 */
export interface StageDefinition {
  stage: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  name: string;
  /** Upper-inclusive bound in days of absence (docs/rules.md §4); null for the top stage. */
  maxDays: number | null;
  actions: string;
}

export interface LevelDefinition {
  level: 1 | 2 | 3 | 4;
  name: string;
  actions: string;
}

export interface AttendanceSettings {
  /** Version of the settings shape, for migrations of saved workbooks. */
  version: 1;
  framework: Framework;
  bands: {
    /** Missed ≥ this % of possible is severe (docs/rules.md §2). */
    severePercent: number;
    /** Missed ≥ this % is persistent. */
    persistentPercent: number;
    /** Missed ≥ this % (and below persistent) is at risk. */
    atRiskPercent: number;
  };
  /** Which absence places a pupil on the stage ladder (docs/rules.md §4). */
  stageAbsence: "all" | "unauthorised";
  stages: StageDefinition[];
  levels: LevelDefinition[];
  /** Level 3 when PA and at least this many unauthorised sessions (docs/rules.md §5). */
  level3UnauthorisedSessions: number;
  penaltyNotice: {
    /** Unauthorised sessions that make a notice worth considering (docs/rules.md §6). */
    sessions: number;
    /** Within any rolling this many school weeks. */
    schoolWeeks: number;
  };
  /** Progress across analyses (docs/rules.md §11). */
  progress: ProgressSettings;
  /** Patterns in session marks (docs/rules.md §10); only used where the sheet has register marks. */
  patterns: PatternSettings;
}

/** docs/rules.md §11: what counts as improving, and when a stage's review falls. Advice, never decisions. */
export interface ProgressSettings {
  /** Attendance since the last snapshot at least this % is "improving" (not at PA pace); below it, "no real improvement". */
  improvingPercent: number;
  /** School weeks after a stage began until its review, then repeating: welfare call and stage 1, stages 2–3, stages 4–5 (stage 6: at the next TSM). */
  reviewWeeks: { welfareAndStage1: number; stages2And3: number; stages4And5: number };
}

/** docs/rules.md §10: every threshold of the patterns in session marks. */
export interface PatternSettings {
  /** A weekday's share of missed sessions at least this many times its share of possible sessions (one decimal place). */
  dayShareMultiple: number;
  /** …with at least this many missed sessions on that weekday (or day-set). */
  dayMinimumMissed: number;
  /** "Afternoons": at least this % of missed sessions are PM (one decimal place)… */
  afternoonPercent: number;
  /** …with at least this many missed sessions. */
  afternoonMinimumMissed: number;
  /** Continuous unauthorised absence (G, N, O, U) of at least this many school days: the school must tell the LA. */
  continuousUnauthorisedDays: number;
  /** Continuous absence of any kind of at least this many school days: the LA may need to arrange education. */
  continuousAbsenceDays: number;
  /** Recent trend: the last this many school weeks… */
  recentSchoolWeeks: number;
  /** …against the whole period, differing by at least this many percentage points (one decimal place). */
  trendPercentagePoints: number;
}

/** The defaults of docs/rules.md. Wording shortened from the PIAS levels (§5) and the stage ladder (§4); sources in docs/rules.md. */
export const defaultSettings: AttendanceSettings = {
  version: 1,
  framework: "stages",
  // docs/rules.md §2
  bands: { severePercent: 50, persistentPercent: 10, atRiskPercent: 5 },
  // docs/rules.md §4: all absence by default; a school can count unauthorised only
  stageAbsence: "all",
  // docs/rules.md §4: upper-inclusive bounds in days
  stages: [
    {
      stage: 0,
      name: "Welfare call",
      maxDays: 1,
      actions: "Call to ensure safety; understand the reason; record whether the absence is authorised.",
    },
    {
      stage: 1,
      name: "Concern",
      maxDays: 5,
      actions: "Daily welfare calls; share at staff briefing; log for the weekly attendance meeting.",
    },
    {
      stage: 2,
      name: "Ongoing concern",
      maxDays: 10,
      actions:
        "Email parents/carers; arrange a welfare visit; highlight in the weekly meeting; put a programme of support in place.",
    },
    {
      stage: 3,
      name: "Serious concern",
      maxDays: 15,
      actions:
        "Letter to parents/carers; meeting with parents/carers; consider external agencies; offer Early Help.",
    },
    {
      stage: 4,
      name: "Formal concern",
      maxDays: 25,
      actions:
        "Formal warning notice; inform the education welfare officer; parent/carer contract; multi-agency approach.",
    },
    {
      stage: 5,
      name: "Formal concern",
      maxDays: 40,
      actions:
        "Work closely with the education welfare officer; if all avenues are exhausted, prepare statutory intervention.",
    },
    {
      stage: 6,
      name: "Legal enforcement",
      maxDays: null,
      actions:
        "Pass documentation of enforcement to the education welfare officer; continue support for the child and family.",
    },
  ],
  // docs/rules.md §5
  levels: [
    {
      level: 1,
      name: "Analyse, identify",
      actions:
        "Address absence rapidly with day-to-day processes (calls, letters); request evidence where appropriate.",
    },
    {
      level: 2,
      name: "Facilitate support",
      actions:
        "Meet the family to understand barriers; home visit if needed; district conversation with Open Access; informal advice from the link PIAS officer; Front Door referral where support levels 3–4 may be met. Discuss at the termly TSM.",
    },
    {
      level: 3,
      name: "Formalise support",
      actions:
        "Consider a parenting contract; formal attendance meeting with the link PIAS officer; fixed penalty notice if eligible.",
    },
    {
      level: 4,
      name: "Legal intervention",
      actions:
        "Consider a request for statutory attendance intervention; the LA may hold an Attendance Improvement Meeting, seek an education supervision order or prosecute (Education Act 1996 s444).",
    },
  ],
  level3UnauthorisedSessions: 10,
  // docs/rules.md §6
  penaltyNotice: { sessions: 10, schoolWeeks: 10 },
  // docs/rules.md §11: improving = at least 90% since the last snapshot; reviews 1 week (welfare call, stages
  // 1–3, a further week each time there is no real improvement), by the 5th week (stages 4–5).
  progress: { improvingPercent: 90, reviewWeeks: { welfareAndStage1: 1, stages2And3: 1, stages4And5: 5 } },
  // docs/rules.md §10
  patterns: {
    dayShareMultiple: 2,
    dayMinimumMissed: 3,
    afternoonPercent: 75,
    afternoonMinimumMissed: 6,
    continuousUnauthorisedDays: 10,
    continuousAbsenceDays: 15,
    recentSchoolWeeks: 4,
    trendPercentagePoints: 5,
  },
};
