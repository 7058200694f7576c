import { useCallback } from "react";
import type { NationalFigureTable } from "../../core/report/nationalFigures";
import type { TsmMeetingDetails } from "../../core/report/tsmDetails";
import type { AttendanceSettings } from "../../core/rules/settings";
import type { StoredState, WorkbookGateway } from "../../excel/workbookGateway";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import type { ActivityHook } from "./useActivity";
import { rulesNote, type RulesForRun } from "./useRules";
import type { SourceHook } from "./useSource";
import type { StoredStateHook } from "./useStoredState";

export interface MeetingSheetsHook {
  /**
   * Makes the sheets. `saveFirst` saves changed rules (with the details) so the sheets and the ribbon agree;
   * the details are remembered for next time.
   */
  createMeetingSheets: (
    settings: AttendanceSettings,
    details: TsmMeetingDetails,
    shareable: boolean,
    saveFirst: (alsoSave: Partial<StoredState>) => Promise<RulesForRun>,
  ) => Promise<void>;
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
  const { run, setStatus, report } = activity;
  const { choicesForRun } = source;
  const failed = useCallback(
    (text: string) => {
      report("meeting", { intent: "error", title: "Meeting sheets not made", text, focus: true });
      setStatus("");
    },
    [report, setStatus],
  );

  const createMeetingSheets = useCallback(
    (settings: AttendanceSettings, details: TsmMeetingDetails, shareable: boolean, saveFirst: (alsoSave: Partial<StoredState>) => Promise<RulesForRun>) =>
      run("meeting", async () => {
        setStatus("Making the TSM form and governors' summary…");
        try {
          const rules = await saveFirst({ details });
          const choices = await choicesForRun(settings);
          const outcome = await gateway.generateMeetingSheets({
            source: source.source,
            settings,
            ...choices,
            onProgress: setStatus,
            details,
            shareable,
            ...(stored.nationalFigures ? { nationalFigures: stored.nationalFigures } : {}),
          });
          if (!outcome.ok) {
            failed(outcome.message);
            return;
          }
          const { sheetNames, notes } = outcome.value;
          report("meeting", {
            intent: rules.kind === "trial" ? "warning" : "success",
            title: "Sheets created",
            text: [rulesNote(rules), ...notes].filter((line) => line !== "").join(" "),
            items: sheetNames,
            focus: true,
          });
          setStatus([`Created ${sheetNames.join(", ")}.`, ...notes].join(" "));
        } catch (error) {
          failed(unexpectedErrorMessage("making the meeting sheets", error));
        }
      }),
    [choicesForRun, failed, gateway, report, run, setStatus, source.source, stored],
  );

  const saveNationalFigures = useCallback(
    async (table: NationalFigureTable | null) => {
      await save((current) => {
        const { nationalFigures: _previous, ...rest } = current;
        return table ? { ...rest, nationalFigures: table } : rest;
      });
    },
    [save],
  );

  return { createMeetingSheets, saveNationalFigures };
}
