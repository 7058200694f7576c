import { useCallback, useState } from "react";
import type { Analysis, PupilAnalysis } from "../../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../../core/rules/settings";
import type { AnalyseOutcome, WorkbookGateway } from "../../excel/workbookGateway";
import { pupilCount } from "../components/BandCounts";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import type { ActivityHook } from "./useActivity";
import type { SourceHook } from "./useSource";

export interface AnalysisResult {
  analysis: Analysis;
  sheetName: string;
}

export interface AnalysisHook {
  result: AnalysisResult | null;
  analyseError: string | null;
  selectError: string | null;
  analyse: (settings: AttendanceSettings) => Promise<void>;
  trySample: (settings: AttendanceSettings) => Promise<void>;
  choosePupil: (pupil: PupilAnalysis) => Promise<void>;
  /** Shows a message where Analyse's own go (the ribbon button's, when it could not finish). */
  showAnalyseMessage: (message: string) => void;
}

/** Analyse and the sample ("3. Analyse"): the latest outcome, and going to a pupil's row. */
export function useAnalysis(gateway: WorkbookGateway, source: SourceHook, activity: ActivityHook): AnalysisHook {
  const { run, setStatus } = activity;
  const { overrideForRun, readActiveSheet } = source;
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [analyseError, setAnalyseError] = useState<string | null>(null);
  const [selectError, setSelectError] = useState<string | null>(null);

  const showOutcome = useCallback(
    (outcome: AnalyseOutcome) => {
      if (!outcome.ok) {
        setAnalyseError(outcome.message);
        setStatus("");
        return;
      }
      const { analysis, sheetName } = outcome.value;
      setResult({ analysis, sheetName });
      const counts = analysis.summary.bandCounts;
      setStatus(
        `Analysed ${pupilCount(analysis.summary.pupils)} on ${sheetName}: ${counts.severe} severe absence, ${counts.persistent} persistent absence, ${counts["at-risk"]} at risk.`,
      );
    },
    [setStatus],
  );

  const analyse = useCallback(
    (settings: AttendanceSettings) =>
      run("analyse", async () => {
        setAnalyseError(null);
        setSelectError(null);
        setStatus("Starting…");
        try {
          const mappingOverride = await overrideForRun(settings);
          const headerRow = source.headerRowNumber !== null ? { headerRowNumber: source.headerRowNumber } : {};
          showOutcome(await gateway.analyse({ source: source.source, settings, mappingOverride, ...headerRow, onProgress: setStatus }));
        } catch (error) {
          setAnalyseError(unexpectedErrorMessage("analysing the sheet", error));
          setStatus("");
        }
      }),
    [gateway, overrideForRun, run, setStatus, showOutcome, source.headerRowNumber, source.source],
  );

  const trySample = useCallback(
    (settings: AttendanceSettings) =>
      run("sample", async () => {
        setAnalyseError(null);
        setSelectError(null);
        setStatus("Adding a sheet of made-up pupils and analysing it…");
        try {
          const outcome = await gateway.insertSampleAndAnalyse(settings);
          // The sample sheet is now the active sheet: later runs read it.
          readActiveSheet();
          showOutcome(outcome);
        } catch (error) {
          setAnalyseError(unexpectedErrorMessage("adding the sample data", error));
          setStatus("");
        }
      }),
    [gateway, readActiveSheet, run, setStatus, showOutcome],
  );

  const choosePupil = useCallback(
    async (pupil: PupilAnalysis) => {
      if (!result) return;
      setSelectError(null);
      try {
        const selected = await gateway.selectPupilRow(result.sheetName, pupil.record.sourceRow);
        if (!selected.ok) setSelectError(selected.message);
      } catch (error) {
        setSelectError(unexpectedErrorMessage(`going to row ${pupil.record.sourceRow} on ${result.sheetName}`, error));
      }
    },
    [gateway, result],
  );

  return { result, analyseError, selectError, analyse, trySample, choosePupil, showAnalyseMessage: setAnalyseError };
}
