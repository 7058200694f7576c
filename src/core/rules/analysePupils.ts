import type { ColumnMapping, PupilRecord } from "../read/pupilRecord";
import * as bands from "./bands";
import type { BandBasis, ThresholdTenths } from "./bands";
import * as penaltyNotice from "./penaltyNotice";
import * as piasLevels from "./piasLevels";
import type { LevelDecision } from "./piasLevels";
import type { Band, PiasLevel, PupilAnalysis, Stage } from "./pupilAnalysis";
import * as reasonTexts from "./reasons";
import * as registerCodes from "./registerCodes";
import type { CodeTable, MarkCounts } from "./registerCodes";
import { continuousAbsenceReasons } from "./patterns/patternText";
import { sessionLayout, type SessionLayout } from "./patterns/sessionLayout";
import { sessionPatterns, type SessionPatterns } from "./patterns/sessionPatterns";
import * as schoolWeeks from "./schoolWeeks";
import type { SessionCalendar, WindowCount } from "./schoolWeeks";
import * as counting from "./sessionCounts";
import type { SessionCounts } from "./sessionCounts";
import * as leaving from "./sessionsToLeave";
import type { AttendanceSettings, StageDefinition } from "./settings";
import { statusDisagreement } from "./recordedStatus";
import * as stages from "./stages";
import { StageLadder } from "./stages";
import { suggestedAction } from "./suggestion";
import { addImpossibleFiguresWarning, impossibleFigures } from "./impossibleFigures";

// Per-pupil functions held in module constants: under CommonJS output (tsx, esbuild) every call of an
// imported function goes through a getter, which costs about a sixth of the run at 2,000 pupils
// (as in read/pupilRows.ts).
const { bandFromPercent, bandFromSessionTenths, isPersistentOrSevere, thresholdTenths } = bands;
const { penaltyNoticeAdvice, penaltyNoticeThresholdMet, referralClosureSchoolDays } = penaltyNotice;
const { suggestLevel } = piasLevels;
const { bandReasons, enforcementReason, levelReasons, penaltyNoticeReasons, referralClosureReason, stageReason } = reasonTexts;
const { categoriseMarks, codeTablesForSessions, countCategories, noMarkWarnings } = registerCodes;
const { buildCalendar, maxUnauthorisedInSchoolWeeks, unauthorisedInRecentSchoolDays } = schoolWeeks;
const { sessionCounts } = counting;
const { sessionsToLeavePersistentAbsence } = leaving;
const { absenceSessionsForStage, formalConcernHistory, legalEnforcementStage } = stages;

/**
 * What is worked out once per run, not once per pupil: code tables, the school-week calendar, the band
 * thresholds in tenths and the sorted stage ladder.
 */
interface SheetContext {
  mapping: ColumnMapping;
  settings: AttendanceSettings;
  tables: readonly CodeTable[] | null;
  calendar: SessionCalendar | null;
  /** Weekday, half and school week of each session column, for the patterns of docs/rules.md §10; null when off. */
  layout: SessionLayout | null;
  tenths: ThresholdTenths;
  ladder: StageLadder;
  /** The chosen framework's ladders: reasons speak only of these (docs/rules.md §4, §5). */
  withStages: boolean;
  withLevels: boolean;
  /**
   * Reasons repeat across pupils (the same missed/possible, the same stage, the same level wording), so
   * each distinct text is built once per run and shared: 100,000 pupils then hold a few thousand strings,
   * not half a million, which keeps the run fast and the memory small. Keys are numbers where possible:
   * building a string key per pupil costs more than the lookup it saves.
   */
  bandReasonCache: Map<number, readonly string[]>;
  stageReasonCache: Map<number, string>;
  levelReasonCache: Map<number | string, readonly string[]>;
  /** "Penalty notice threshold not known …": the same words for every pupil it applies to. */
  thresholdUnknownReasons: readonly string[] | null;
  /** Only a few hundred distinct suggestions can exist; indexed by suggestionKey. */
  suggestions: (string | undefined)[];
}

/** Cached texts per run stay bounded even for unusual data. */
const maxCachedReasons = 50_000;

/**
 * Classify every pupil (docs/rules.md §1–6): band, stage, PIAS level, penalty-notice threshold, reasons and a
 * suggested next step. Pure and fast: 100,000 summary rows or 2,000 × 380 register marks in well under a second.
 */
export function analysePupils(
  records: readonly PupilRecord[],
  mapping: ColumnMapping,
  settings: AttendanceSettings,
  options: { patterns?: boolean } = {},
): PupilAnalysis[] {
  const hasMarks = mapping.sessions.length > 0;
  // A school week needs a session that took place for someone, so the calendar reads every pupil's marks.
  const calendar = hasMarks ? buildCalendar(mapping.sessions, records.map((r) => r.marks)) : null;
  const context: SheetContext = {
    mapping,
    settings,
    tables: hasMarks ? codeTablesForSessions(mapping.sessions) : null,
    calendar,
    layout: calendar && options.patterns !== false ? sessionLayout(mapping.sessions, calendar) : null,
    tenths: thresholdTenths(settings.bands),
    ladder: new StageLadder(settings.stages),
    withStages: settings.framework !== "levels",
    withLevels: settings.framework !== "stages",
    bandReasonCache: new Map(),
    stageReasonCache: new Map(),
    levelReasonCache: new Map(),
    thresholdUnknownReasons: null,
    suggestions: [],
  };
  const result: PupilAnalysis[] = new Array<PupilAnalysis>(records.length);
  for (let i = 0; i < records.length; i++) result[i] = analyseOne(records[i] as PupilRecord, context);
  return result;
}

/** One pupil on their own, e.g. for a preview. */
export function analysePupil(record: PupilRecord, mapping: ColumnMapping, settings: AttendanceSettings): PupilAnalysis {
  return analysePupils([record], mapping, settings)[0] as PupilAnalysis;
}

function analyseOne(record: PupilRecord, context: SheetContext): PupilAnalysis {
  const { settings, mapping } = context;
  const warnings: string[] = [];

  // Register marks (docs/rules.md §3), when the sheet has them.
  let categories: Uint8Array | null = null;
  let markCounts: MarkCounts | null = null;
  if (record.marks && context.tables && context.tables.length > 0) {
    categories = categoriseMarks(record.marks, context.tables);
    markCounts = countCategories(categories);
    if (record.marks.length !== mapping.sessions.length) {
      warnings.push(
        `This row has ${record.marks.length} register marks but the sheet has ${mapping.sessions.length} session columns; only the marks under session columns are counted.`,
      );
    }
    if (markCounts.noMark > 0) {
      for (const warning of noMarkWarnings(record.marks, categories, mapping.sessions)) warnings.push(warning);
    }
  }

  // Sessions (docs/rules.md §1); its warnings go straight into the pupil's list, after the marks' ones.
  const firstFromCounts = warnings.length;
  const counts = sessionCounts(record, markCounts, warnings);
  const impossible = impossibleFigures({ possibleSessions: counts.possible, attendedSessions: counts.attended, missedSessions: counts.missed });
  if (impossible !== null) addImpossibleFiguresWarning(warnings, firstFromCounts, impossible);

  // Band (docs/rules.md §2).
  let band: Band = "no-data";
  let bandBasis: BandBasis = "none";
  if (counts.source !== "percent" && counts.source !== "none" && counts.possible !== null && counts.missed !== null) {
    band = bandFromSessionTenths(counts.missed, counts.possible, context.tenths);
    bandBasis = "sessions";
  } else if (counts.source === "percent" && counts.reportedPercent !== null) {
    const fromPercent = bandFromPercent(counts.reportedPercent, settings.bands);
    if (fromPercent) {
      band = fromPercent.band;
      bandBasis = fromPercent.basis;
    }
  } else if (counts.possible !== null || counts.missed !== null) {
    warnings.push(
      counts.possible !== null
        ? "Possible sessions are given but no absence, attendance, register marks or percentage, so this pupil could not be classified."
        : "Absence is given but no possible sessions, register marks or percentage, so this pupil could not be classified.",
    );
  } else {
    warnings.push(
      "No possible sessions, absence counts, register marks or attendance percentage for this pupil, so they could not be classified.",
    );
  }

  const attendancePercent =
    counts.possible !== null && counts.possible > 0 && counts.attended !== null && bandBasis === "sessions"
      ? (counts.attended / counts.possible) * 100
      : (counts.reportedPercent?.percent ?? null);

  // A status column ("Persistent Absence", "SA?") is checked, never counted (docs/rules.md §2).
  if (record.recordedStatus) {
    const disagreement = statusDisagreement(record, band, attendancePercent, mapping);
    if (disagreement !== null) warnings.push(disagreement);
  }

  // Rolling school-week window from marks (docs/rules.md §5, §6).
  let window: WindowCount | null = null;
  if (categories && context.calendar) {
    window = maxUnauthorisedInSchoolWeeks(categories, context.calendar, settings.penaltyNotice.schoolWeeks);
  }

  // Patterns in the marks (docs/rules.md §10).
  const patterns: SessionPatterns | null =
    categories && context.layout && record.marks ? sessionPatterns(record.marks, categories, context.layout, settings.patterns) : null;

  // Stage (docs/rules.md §4).
  const stageSessions = absenceSessionsForStage(counts, settings);
  const rung = context.ladder.rung(stageSessions);
  const stage = rung < 0 ? null : (context.ladder.rungs[rung] as StageDefinition).stage;

  // PIAS level (docs/rules.md §5).
  const decision = suggestLevel(
    {
      band,
      unauthorisedSessions: counts.unauthorised,
      unauthorisedInWindow: window ? window.count : null,
      record,
    },
    settings,
  );

  // Penalty notice (docs/rules.md §6). Advice only matters once the threshold is met.
  const thresholdMet = penaltyNoticeThresholdMet(window ? window.count : null, settings);
  const advice = thresholdMet === true ? penaltyNoticeAdvice(thresholdMet, band, record.penaltyNoticeThisYear) : null;

  // Enforcement on the stage ladder only where the sheet shows formal support was tried (docs/rules.md §4).
  const enforcementHistory = stage === legalEnforcementStage ? formalConcernHistory(record) : null;

  // Reasons: band, then the chosen ladder's own words only (docs/rules.md §4, §5: a school on stages never
  // reads of levels, nor the reverse), then penalty notice and referral where they apply.
  // Pushed in order into one array: no per-pupil intermediate arrays on this path (100,000 pupils).
  const reasons: string[] = [];
  // A continuous-absence duty (docs/rules.md §10) is said first, plainly.
  const duties = patterns && context.layout ? continuousAbsenceReasons(patterns, context.layout, settings) : null;
  if (duties) for (const duty of duties) reasons.push(duty);
  for (const reason of bandReasonsFor(band, bandBasis, counts, context)) reasons.push(reason);
  if (context.withStages) {
    reasons.push(stageReasonFor(stageSessions, context));
    if (enforcementHistory !== null) reasons.push(enforcementReason(enforcementHistory));
  }
  if (context.withLevels) for (const reason of levelReasonsFor(decision, band, counts.unauthorised, window, context)) reasons.push(reason);
  const unauthorisedOverThreshold =
    counts.unauthorised !== null && counts.unauthorised >= settings.penaltyNotice.sessions;
  if (thresholdMet === null) {
    // Without marks the wording does not depend on the pupil, so it is built once.
    if (unauthorisedOverThreshold) {
      context.thresholdUnknownReasons ??= penaltyNoticeReasons(
        penaltyNoticeAdvice(null, band, record.penaltyNoticeThisYear),
        window,
        counts.unauthorised,
        settings,
      );
      for (const reason of context.thresholdUnknownReasons) reasons.push(reason);
    }
  } else if (thresholdMet || unauthorisedOverThreshold) {
    // Otherwise penaltyNoticeReasons has nothing to say.
    const reasonAdvice = advice ?? penaltyNoticeAdvice(thresholdMet, band, record.penaltyNoticeThisYear);
    for (const reason of penaltyNoticeReasons(reasonAdvice, window, counts.unauthorised, settings)) reasons.push(reason);
  }
  // A pupil recorded at level 4 has a statutory referral: say whether it may close (needs marks).
  if (record.recordedLevel !== null && record.recordedLevel >= 4 && categories && context.calendar) {
    reasons.push(
      referralClosureReason(
        unauthorisedInRecentSchoolDays(categories, context.calendar, referralClosureSchoolDays),
        referralClosureSchoolDays,
      ),
    );
  }

  return {
    record,
    possibleSessions: counts.possible,
    attendedSessions: counts.attended,
    missedSessions: counts.missed,
    authorisedSessions: counts.authorised,
    unauthorisedSessions: counts.unauthorised,
    attendancePercent,
    band,
    bandBasis,
    stage,
    level: decision.level,
    penaltyNoticeThresholdMet: thresholdMet,
    sessionsToLeavePersistentAbsence:
      bandBasis === "sessions" && isPersistentOrSevere(band)
        ? sessionsToLeavePersistentAbsence(counts.missed, counts.possible, settings)
        : null,
    patterns,
    reasons,
    suggestedAction: suggestionFor(
      band,
      stage,
      stageSessions,
      decision.level,
      decision.considerLevel4,
      advice !== null && advice.suggest,
      enforcementHistory !== null && enforcementHistory.length > 0,
      context,
    ),
    warnings,
  };
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size < maxCachedReasons) cache.set(key, value);
  return value;
}

/** Band reasons, shared per (missed, possible) when both are whole numbers below 65,536. */
function bandReasonsFor(band: Band, basis: BandBasis, counts: SessionCounts, context: SheetContext): readonly string[] {
  const { missed, possible } = counts;
  const key =
    basis === "sessions" &&
    missed !== null &&
    possible !== null &&
    Number.isInteger(missed) &&
    Number.isInteger(possible) &&
    missed >= 0 &&
    missed < 65_536 &&
    possible >= 0 &&
    possible < 65_536
      ? missed * 65_536 + possible
      : -1;
  const cached = key >= 0 ? context.bandReasonCache.get(key) : undefined;
  if (cached !== undefined) return cached;
  const texts = bandReasons({ band, basis, missed, possible, reportedPercent: counts.reportedPercent }, context.settings.bands);
  return key >= 0 ? remember(context.bandReasonCache, key, texts) : texts;
}

/** The stage reason, shared per whole number of absence sessions. */
function stageReasonFor(stageSessions: number | null, context: SheetContext): string {
  const cacheable = stageSessions !== null && Number.isInteger(stageSessions) && stageSessions >= 0;
  const cached = cacheable ? context.stageReasonCache.get(stageSessions) : undefined;
  if (cached !== undefined) return cached;
  const text = stageReason(context.ladder.place(stageSessions), context.settings);
  return cacheable ? remember(context.stageReasonCache, stageSessions, text) : text;
}

/** Largest unauthorised count (plus one) and window length that fit the numeric level key. */
const comparedKeyLimit = 1 << 20;
const weeksKeyLimit = 64;

/**
 * Level reasons, shared per distinct wording. Without recorded formal support the wording depends only on
 * the level, the band, the count compared and (with marks) the window's length, which pack into one number;
 * with recorded support (level 4, the history list) a string key says everything the text uses.
 */
function levelReasonsFor(
  decision: LevelDecision,
  band: Band,
  unauthorised: number | null,
  window: WindowCount | null,
  context: SheetContext,
): readonly string[] {
  const windowWeeks = window ? window.weeks : null;
  const compared = decision.unauthorisedCompared;
  const comparedKey = compared === null ? 0 : compared + 1;
  const weeksKey = decision.fromWindow ? (windowWeeks ?? 0) : 0;
  let key: number | string;
  if (
    decision.history.length === 0 &&
    Number.isInteger(comparedKey) &&
    comparedKey >= 0 &&
    comparedKey < comparedKeyLimit &&
    Number.isInteger(weeksKey) &&
    weeksKey >= 0 &&
    weeksKey < weeksKeyLimit &&
    (!decision.fromWindow || windowWeeks !== null)
  ) {
    key = (((comparedKey * weeksKeyLimit + weeksKey) * 2 + (decision.fromWindow ? 1 : 0)) * 8 + bandNumber(band)) * 4 + decision.level - 1;
  } else {
    key = `${decision.level}|${band}|${decision.unauthorisedCompared}|${decision.fromWindow ? windowWeeks : "-"}|${decision.history.join(",")}|${decision.level === 4 ? unauthorised : ""}`;
  }
  const cached = context.levelReasonCache.get(key);
  if (cached !== undefined) return cached;
  return remember(
    context.levelReasonCache,
    key,
    levelReasons(decision, { band, unauthorisedSessions: unauthorised, windowWeeks }, context.settings),
  );
}

function bandNumber(band: Band): number {
  switch (band) {
    case "severe":
      return 0;
    case "persistent":
      return 1;
    case "at-risk":
      return 2;
    case "expected":
      return 3;
    default:
      return 4;
  }
}

/**
 * The suggested next step, shared per distinct input: the suggestion reads only the stage, whether
 * absence for the ladder is unknown, zero or some, whether there is no data, the level and the two
 * "consider" flags and whether formal support is recorded, which pack into a number below 1,536.
 */
function suggestionFor(
  band: Band,
  stage: Stage | null,
  stageAbsenceSessions: number | null,
  level: PiasLevel,
  considerLevel4: boolean,
  considerPenaltyNotice: boolean,
  formalSupportTried: boolean,
  context: SheetContext,
): string {
  const stageKey = stage === null ? 0 : stage + 1;
  const cacheable = Number.isInteger(stageKey) && stageKey >= 0 && stageKey <= 7 && Number.isInteger(level) && level >= 1 && level <= 4;
  const absenceKey = stageAbsenceSessions === null ? 0 : stageAbsenceSessions > 0 ? 1 : 2;
  const key = cacheable
    ? (((((stageKey * 3 + absenceKey) * 2 + (band === "no-data" ? 1 : 0)) * 4 + level - 1) * 2 + (considerLevel4 ? 1 : 0)) * 2 +
        (considerPenaltyNotice ? 1 : 0)) *
        2 +
      (formalSupportTried ? 1 : 0)
    : -1;
  const cached = key >= 0 ? context.suggestions[key] : undefined;
  if (cached !== undefined) return cached;
  const input = { band, stage, stageAbsenceSessions, level, considerLevel4, considerPenaltyNotice, formalSupportTried };
  const text = suggestedAction(input, context.settings, context.settings.framework);
  if (key >= 0) context.suggestions[key] = text;
  return text;
}
