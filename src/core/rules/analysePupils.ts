import type { ColumnMapping, PupilRecord } from "../read/pupilRecord";
import { bandFromPercent, bandFromSessions, isPersistentOrSevere, type BandBasis } from "./bands";
import { penaltyNoticeAdvice, penaltyNoticeThresholdMet, referralClosureSchoolDays } from "./penaltyNotice";
import { suggestLevel } from "./piasLevels";
import type { Band, PupilAnalysis } from "./pupilAnalysis";
import { bandReasons, levelReasons, penaltyNoticeReasons, referralClosureReason, stageReason } from "./reasons";
import {
  categoriseMarks,
  codeTablesForSessions,
  countCategories,
  noMarkWarnings,
  type CodeTable,
  type MarkCounts,
} from "./registerCodes";
import {
  buildCalendar,
  maxUnauthorisedInSchoolWeeks,
  unauthorisedInRecentSchoolDays,
  type SessionCalendar,
  type WindowCount,
} from "./schoolWeeks";
import { sessionCounts } from "./sessionCounts";
import { sessionsToLeavePersistentAbsence } from "./sessionsToLeave";
import type { AttendanceSettings } from "./settings";
import { placeOnStageLadder } from "./stages";
import { suggestedAction, type SuggestionInput } from "./suggestion";

/** What is worked out once per sheet, not once per pupil: code tables and the school-week calendar. */
interface SheetContext {
  mapping: ColumnMapping;
  settings: AttendanceSettings;
  tables: readonly CodeTable[] | null;
  calendar: SessionCalendar | null;
  suggestions: Map<string, string>;
  /**
   * Reasons repeat across pupils (the same missed/possible, the same stage, the same level wording), so
   * each distinct text is built once per sheet and shared: 100,000 pupils then hold a few thousand strings,
   * not half a million, which keeps the run fast and the memory small.
   */
  bandReasonCache: Map<number, readonly string[]>;
  stageReasonCache: Map<number, string>;
  levelReasonCache: Map<string, readonly string[]>;
}

/** Cached texts per sheet stay bounded even for unusual data. */
const maxCachedReasons = 50_000;

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size < maxCachedReasons) cache.set(key, value);
  }
  return value;
}

/**
 * Classify every pupil (rules.md §1–6): band, stage, PIAS level, penalty-notice threshold, reasons and a
 * suggested next step. Pure and fast: 100,000 summary rows or 2,000 × 380 register marks in well under a second.
 */
export function analysePupils(
  records: readonly PupilRecord[],
  mapping: ColumnMapping,
  settings: AttendanceSettings,
): PupilAnalysis[] {
  const hasMarks = mapping.sessions.length > 0;
  const context: SheetContext = {
    mapping,
    settings,
    tables: hasMarks ? codeTablesForSessions(mapping.sessions) : null,
    calendar: hasMarks ? buildCalendar(mapping.sessions) : null,
    suggestions: new Map(),
    bandReasonCache: new Map(),
    stageReasonCache: new Map(),
    levelReasonCache: new Map(),
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

  // Register marks (rules.md §3), when the sheet has them.
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
    if (markCounts.noMark > 0) warnings.push(...noMarkWarnings(record.marks, categories, mapping.sessions));
  }

  // Sessions (rules.md §1).
  const counts = sessionCounts(record, markCounts);
  warnings.push(...counts.warnings);

  // Band (rules.md §2).
  let band: Band = "no-data";
  let bandBasis: BandBasis = "none";
  if (counts.source !== "percent" && counts.source !== "none" && counts.possible !== null && counts.missed !== null) {
    band = bandFromSessions(counts.missed, counts.possible, settings.bands);
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

  // Rolling school-week window from marks (rules.md §5, §6).
  let window: WindowCount | null = null;
  if (categories && context.calendar) {
    window = maxUnauthorisedInSchoolWeeks(categories, context.calendar, settings.penaltyNotice.schoolWeeks);
  }

  // Stage (rules.md §4).
  const placement = placeOnStageLadder({ missed: counts.missed, unauthorised: counts.unauthorised }, settings);

  // PIAS level (rules.md §5).
  const decision = suggestLevel(
    {
      band,
      unauthorisedSessions: counts.unauthorised,
      unauthorisedInWindow: window ? window.count : null,
      record,
    },
    settings,
  );

  // Penalty notice (rules.md §6).
  const thresholdMet = penaltyNoticeThresholdMet(window ? window.count : null, settings);
  const advice = penaltyNoticeAdvice(thresholdMet, band, record.penaltyNoticeThisYear);

  const bandInput = {
    band,
    basis: bandBasis,
    missed: counts.missed,
    possible: counts.possible,
    reportedPercent: counts.reportedPercent,
  };
  const bandKey =
    bandBasis === "sessions" &&
    counts.missed !== null &&
    counts.possible !== null &&
    Number.isInteger(counts.missed) &&
    Number.isInteger(counts.possible) &&
    counts.missed >= 0 &&
    counts.missed < 65_536 &&
    counts.possible >= 0 &&
    counts.possible < 65_536
      ? counts.missed * 65_536 + counts.possible
      : null;
  const reasons: string[] =
    bandKey === null
      ? bandReasons(bandInput, settings.bands)
      : [...remember(context.bandReasonCache, bandKey, () => bandReasons(bandInput, settings.bands))];
  const stageKey = placement.absenceSessions;
  reasons.push(
    stageKey !== null && Number.isInteger(stageKey) && stageKey >= 0
      ? remember(context.stageReasonCache, stageKey, () => stageReason(placement, settings))
      : stageReason(placement, settings),
  );
  const levelInput = { band, unauthorisedSessions: counts.unauthorised, windowWeeks: window ? window.weeks : null };
  const levelKey =
    decision.history.length === 0 && !decision.fromWindow
      ? `${decision.level}|${band}|${decision.unauthorisedCompared}`
      : `${decision.level}|${band}|${decision.unauthorisedCompared}|${decision.fromWindow ? levelInput.windowWeeks : "-"}|${decision.history.join(",")}|${decision.level === 4 ? counts.unauthorised : ""}`;
  for (const reason of remember(context.levelReasonCache, levelKey, () => levelReasons(decision, levelInput, settings))) {
    reasons.push(reason);
  }
  for (const reason of penaltyNoticeReasons(advice, window, counts.unauthorised, settings)) reasons.push(reason);
  // A pupil recorded at level 4 has a statutory referral: say whether it may close (needs marks).
  if (record.recordedLevel !== null && record.recordedLevel >= 4 && categories && context.calendar) {
    reasons.push(
      referralClosureReason(
        unauthorisedInRecentSchoolDays(categories, context.calendar, referralClosureSchoolDays),
        referralClosureSchoolDays,
      ),
    );
  }

  const suggestionInput: SuggestionInput = {
    band,
    stage: placement.stage,
    stageAbsenceSessions: placement.absenceSessions,
    level: decision.level,
    considerLevel4: decision.considerLevel4,
    considerPenaltyNotice: advice.suggest,
  };

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
    stage: placement.stage,
    level: decision.level,
    penaltyNoticeThresholdMet: thresholdMet,
    sessionsToLeavePersistentAbsence:
      bandBasis === "sessions" && isPersistentOrSevere(band)
        ? sessionsToLeavePersistentAbsence(counts.missed, counts.possible, settings)
        : null,
    reasons,
    suggestedAction: cachedSuggestion(suggestionInput, context),
    warnings,
  };
}

/** Only a few dozen distinct suggestions exist, so build each once per sheet. */
function cachedSuggestion(input: SuggestionInput, context: SheetContext): string {
  const noData = input.band === "no-data" ? 1 : 0;
  const key = `${input.stage}|${input.stageAbsenceSessions === null ? "u" : input.stageAbsenceSessions > 0 ? "p" : "z"}|${noData}|${input.level}|${input.considerLevel4 ? 1 : 0}|${input.considerPenaltyNotice ? 1 : 0}`;
  let text = context.suggestions.get(key);
  if (text === undefined) {
    text = suggestedAction(input, context.settings, context.settings.framework);
    context.suggestions.set(key, text);
  }
  return text;
}
