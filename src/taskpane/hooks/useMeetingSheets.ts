import { useCallback, useState } from "react";
import type { NationalFigureTable } from "../../core/report/nationalFigures";
import type { TsmMeetingDetails } from "../../core/report/tsmDetails";
import type { AttendanceSettings } from "../../core/rules/settings";
import type { WorkbookGateway } from "../../excel/workbookGateway";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import type { ActivityHook } from "./useActivity";
import type { SourceHook } from "./useSource";
import type { StoredStateHook } from "./useStoredState";

export interface MeetingSheetsHook {
  /** Names of the sheets made by the last Create, or null. */
  meetingResult: string[] | null;
  meetingError: string | null;
  createMeetingSheets: (settings: AttendanceSettings, details: TsmMeetingDetails, shareable: boolean) => Promise<void>;
  /** Saves the school's national figures for everyone in the workbook; null goes back to the shipped table. */
  saveNationalFigures: (table: NationalFigureTable | null) => Promise<void>;
}

/** The TSM form and governors' summary ("4. Targeting Support Meeting"). */
export function useMeetingSheets(
  gateway: WorkbookGateway,
  storedState: StoredStateHook,
  source: SourceHook,
  activity: ActivityHook,
): MeetingSheetsHook {
  const { stored, save } = storedState;
  const { run, setStatus } = activity;
  const { overrideForRun } = source;
  const [meetingResult, setMeetingResult] = useState<string[] | null>(null);
  const [meetingError, setMeetingError] = useState<string | null>(null);

  const createMeetingSheets = useCallback(
    (settings: AttendanceSettings, details: TsmMeetingDetails, shareable: boolean) =>
      run("meeting", async () => {
        setMeetingError(null);
        setMeetingResult(null);
        setStatus("Making the TSM form and governors' summary…");
        try {
          try {
            await save({ ...stored, details });
          } catch {
            // Not fatal: the sheets can still be made; the details are just not remembered.
          }
          const mappingOverride = await overrideForRun(settings);
          const outcome = await gateway.generateMeetingSheets({
            source: source.source,
            settings,
            mappingOverride,
            ...(source.headerRowNumber !== null ? { headerRowNumber: source.headerRowNumber } : {}),
            onProgress: setStatus,
            details,
            shareable,
            ...(stored.nationalFigures ? { nationalFigures: stored.nationalFigures } : {}),
          });
          if (outcome.ok) {
            setMeetingResult(outcome.value.sheetNames);
            setStatus([`Created ${outcome.value.sheetNames.join(", ")}.`, ...outcome.value.notes].join(" "));
          } else {
            setMeetingError(outcome.message);
            setStatus("");
          }
        } catch (error) {
          setMeetingError(unexpectedErrorMessage("making the meeting sheets", error));
          setStatus("");
        }
      }),
    [gateway, overrideForRun, run, save, setStatus, source.headerRowNumber, source.source, stored],
  );

  const saveNationalFigures = useCallback(
    async (table: NationalFigureTable | null) => {
      const { nationalFigures: _previous, ...rest } = stored;
      await save(table ? { ...rest, nationalFigures: table } : rest);
    },
    [save, stored],
  );

  return { meetingResult, meetingError, createMeetingSheets, saveNationalFigures };
}
