import { useCallback, useEffect, useState } from "react";
import type { Analysis, PupilAnalysis } from "../../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../../core/rules/settings";
import type { AnalyseOutcome, MappingOverride, SourceChoice, WorkbookGateway } from "../../excel/workbookGateway";
import { pupilCount } from "../components/BandCounts";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import type { ActivityHook } from "./useActivity";
import { rulesNote, type RulesForRun } from "./useRules";
import type { SourceHook } from "./useSource";
import type { ProgressResult } from "../../core/progress/pupilProgress";

/** One analysis as the pane shows it, with what it was made from and when (so it can say when it is out of date). */
export interface AnalysisResult {
  analysis: Analysis;
  /** Each pupil's change since the last analysis in the workbook's history (docs/rules.md §11), or null. */
  progress: ProgressResult | null;
  sheetName: string;
  /** Where the pupils were read from ("Everything on the active sheet", a table…). */
  source: SourceChoice;
  /** The rules it was made with, exactly as passed to the run. */
  settings: AttendanceSettings;
  /** The column choices it used for the sheet ({} when none). */
  columns: MappingOverride;
  madeAt: Date;
  rules: RulesForRun;
  /** The sheet's data was edited after the analysis (by this user or a co-author). */
  sheetEdited: boolean;
}

export interface AnalysisHook {
  result: AnalysisResult | null;
  analyse: (settings: AttendanceSettings, saveRules: () => Promise<RulesForRun>) => Promise<void>;
  trySample: (settings: AttendanceSettings, saveRules: () => Promise<RulesForRun>) => Promise<void>;
  choosePupil: (pupil: PupilAnalysis) => Promise<void>;
  /** Shows a message where Analyse's own go (the ribbon button's, when it could not finish). */
  showAnalyseMessage: (message: string) => void;
  /** "Remove what Analyse added" on the source sheet (docs/rules.md §15); the settings tell whose notes are whose. */
  removeAdded: (settings: AttendanceSettings) => Promise<void>;
}

/** How long after the results are drawn the pane starts watching the sheet for edits. */
const watchDelayMs = 200;

/** Analyse and the sample ("3. Analyse"): the latest outcome, and going to a pupil's row. */
export function useAnalysis(
  gateway: WorkbookGateway,
  source: SourceHook,
  activity: ActivityHook,
  clock: () => Date = () => new Date(),
): AnalysisHook {
  const { run, setStatus, report } = activity;
  const { choicesForRun, readActiveSheet } = source;
  const [result, setResult] = useState<AnalysisResult | null>(null);

  // An edit to the analysed sheet makes the results out of date (the gateway ignores the add-in's own writes).
  const watchedSheet = result?.sheetName ?? null;
  const { watchSheet } = gateway;
  useEffect(() => {
    if (watchedSheet === null || !watchSheet) return undefined;
    let stop: (() => void) | null = null;
    let live = true;
    const start = () =>
      watchSheet(watchedSheet, () => {
        if (live) setResult((current) => (current && current.sheetName === watchedSheet && !current.sheetEdited ? { ...current, sheetEdited: true } : current));
      }).then(
        (unwatch) => {
          if (live) stop = unwatch;
          else unwatch();
        },
        () => {
          // Not knowing about edits is not worth a message: results still say when they were made.
        },
      );
    // A moment after the results are drawn: the list comes first (issue 12 §10).
    const timer = setTimeout(() => void start(), watchDelayMs);
    return () => {
      live = false;
      clearTimeout(timer);
      stop?.();
    };
  }, [watchSheet, watchedSheet]);

  const showOutcome = useCallback(
    (outcome: AnalyseOutcome, read: SourceChoice, settings: AttendanceSettings, columns: MappingOverride, rules: RulesForRun) => {
      if (!outcome.ok) {
        // The old list would look like the answer to this run: it goes, and the message says what to do.
        setResult(null);
        report("analyse", { intent: "error", title: "Not analysed", text: outcome.message, focus: true });
        setStatus("");
        return;
      }
      const { analysis, sheetName } = outcome.value;
      setResult({ analysis, progress: outcome.value.progress?.progress ?? null, sheetName, source: read, settings, columns, madeAt: clock(), rules, sheetEdited: false });
      const counts = analysis.summary.bandCounts;
      const count = (n: number) => n.toLocaleString("en-GB");
      setStatus(
        `Analysed ${pupilCount(analysis.summary.pupils)} on ${sheetName}: ${count(counts.severe)} severe absence, ${count(counts.persistent)} persistent absence, ${count(counts["at-risk"])} at risk.`,
      );
      // docs/rules.md §15: typed notes moved to Notes or kept aside, said in plain words.
      if (outcome.value.notesMessage) report("sheet", { intent: "info", title: "Your notes were kept", text: outcome.value.notesMessage });
      if (rules.kind !== "saved") {
        report("analyse", {
          intent: rules.kind === "trial" ? "warning" : "info",
          title: rules.kind === "trial" ? "Trial rules" : "Rules saved",
          text: rulesNote(rules),
        });
      }
    },
    [clock, report, setStatus],
  );

  const failure = useCallback(
    (action: string, error: unknown) => {
      setResult(null);
      report("analyse", { intent: "error", title: "Not analysed", text: unexpectedErrorMessage(action, error), focus: true });
      setStatus("");
    },
    [report, setStatus],
  );

  const analyse = useCallback(
    (settings: AttendanceSettings, saveRules: () => Promise<RulesForRun>) =>
      run("analyse", async () => {
        setStatus("Starting…");
        try {
          const rules = await saveRules();
          const choices = await choicesForRun(settings);
          const read = source.source;
          const outcome = await gateway.analyse({ source: read, settings, ...choices, onProgress: setStatus });
          showOutcome(outcome, read, settings, choices.mappingOverride ?? {}, rules);
        } catch (error) {
          failure("analysing the sheet", error);
        }
      }),
    [choicesForRun, failure, gateway, run, setStatus, showOutcome, source.source],
  );

  const trySample = useCallback(
    (settings: AttendanceSettings, saveRules: () => Promise<RulesForRun>) =>
      run("sample", async () => {
        setStatus("Adding a sheet of made-up pupils and analysing it…");
        try {
          const rules = await saveRules();
          const outcome = await gateway.insertSampleAndAnalyse(settings);
          // The sample sheet is now the active sheet: later runs read it.
          readActiveSheet();
          showOutcome(outcome, { kind: "usedRange" }, settings, {}, rules);
        } catch (error) {
          failure("adding the sample data", error);
        }
      }),
    [failure, gateway, readActiveSheet, run, setStatus, showOutcome],
  );

  const choosePupil = useCallback(
    async (pupil: PupilAnalysis) => {
      if (!result) return;
      report("select", null);
      const failed = (text: string) => report("select", { intent: "error", title: "Row not selected", text, focus: true });
      try {
        const selected = await gateway.selectPupilRow(result.sheetName, pupil.record.sourceRow);
        if (!selected.ok) failed(selected.message);
      } catch (error) {
        failed(unexpectedErrorMessage(`going to row ${pupil.record.sourceRow} on ${result.sheetName}`, error));
      }
    },
    [gateway, report, result],
  );

  const showAnalyseMessage = useCallback(
    (message: string) => report("analyse", { intent: "error", title: "Not analysed", text: message, focus: true }),
    [report],
  );

  const removeAdded = useCallback(
    (settings: AttendanceSettings) =>
      run("remove", async () => {
        setStatus("Removing what Analyse added…");
        try {
          const choices = await choicesForRun(settings);
          const outcome = await gateway.removeAdded({ source: source.source, settings, ...choices, onProgress: setStatus });
          report(
            "sheet",
            outcome.ok
              ? { intent: "success", title: "Removed what Analyse added", text: outcome.value.message, focus: true }
              : { intent: "error", title: "Not removed", text: outcome.message, focus: true },
          );
        } catch (error) {
          report("sheet", { intent: "error", title: "Not removed", text: unexpectedErrorMessage("removing what Analyse added", error), focus: true });
        }
        setStatus("");
      }),
    [choicesForRun, gateway, report, run, setStatus, source.source],
  );

  return { result, analyse, trySample, choosePupil, showAnalyseMessage, removeAdded };
}
