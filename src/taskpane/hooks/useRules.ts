import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { defaultSettings, type AttendanceSettings } from "../../core/rules/settings";
import { validateSettings, type SettingsValidation } from "../../core/rules/validateSettings";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import { draftFromSettings, draftToInput, type SettingsDraft } from "../settingsDraft";
import type { StoredState } from "../../excel/workbookGateway";
import type { ActivityHook } from "./useActivity";
import type { StoredStateHook } from "./useStoredState";

/** The rules a run used: the saved ones, changes saved just now, or (when Excel refused) a trial with unsaved rules. */
export type RulesForRun = { kind: "saved" } | { kind: "saved-now" } | { kind: "trial"; problem: string };

export interface RulesHook {
  draft: SettingsDraft;
  validation: SettingsValidation;
  /** The rules as the form stands, or null while the form has a problem. */
  settings: AttendanceSettings | null;
  /** The form differs from the rules saved in the workbook. */
  rulesChanged: boolean;
  changeDraft: (next: SettingsDraft) => void;
  saveRules: () => Promise<void>;
  /**
   * Before Analyse or Create: saves rules changed in the form, so the ribbon's Analyse sheet (which reads the
   * saved rules) colours the sheet the same way. One source of truth; a refused save makes the run a trial.
   */
  saveBeforeRun: (alsoSave?: Partial<StoredState>) => Promise<RulesForRun>;
  restoreDefaults: () => void;
}

/** What a run's message says about the rules it used (nothing when they were the saved ones). */
export function rulesNote(rules: RulesForRun): string {
  switch (rules.kind) {
    case "saved-now":
      return "Your rule changes were saved for everyone in this workbook first, so the ribbon's Analyse sheet uses them too.";
    case "trial":
      return `This is a trial with rules not saved in the workbook: the ribbon's Analyse sheet still uses the saved rules. ${rules.problem}`;
    default:
      return "";
  }
}

/** The ladder and rules form ("2. Ladder and rules"): a draft the core validates, saved for everyone. */
export function useRules(storedState: StoredStateHook, activity: ActivityHook): RulesHook {
  const { stored, loaded, save } = storedState;
  const { run, report } = activity;
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(defaultSettings));
  const touched = useRef(false);

  // The saved rules fill the form once they load, and again whenever the workbook's rules change (a
  // co-author saved theirs), unless the user has unsaved changes in the form: what they type is never reset.
  const draftNow = useRef(draft);
  draftNow.current = draft;
  const shown = useRef<AttendanceSettings | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const previous = shown.current;
    shown.current = stored.settings;
    const unsaved = touched.current && (previous === null || JSON.stringify(draftNow.current) !== JSON.stringify(draftFromSettings(previous)));
    if (!unsaved) setDraft(draftFromSettings(stored.settings));
  }, [loaded, stored.settings]);

  const validation = useMemo(() => validateSettings(draftToInput(draft, stored.settings)), [draft, stored.settings]);
  const settings = validation.ok ? validation.settings : null;
  const rulesChanged = useMemo(
    () => settings !== null && JSON.stringify(settings) !== JSON.stringify(stored.settings),
    [settings, stored.settings],
  );

  const changeDraft = useCallback(
    (next: SettingsDraft) => {
      touched.current = true;
      report("rules", null);
      setDraft(next);
    },
    [report],
  );

  const saveRules = useCallback(
    () =>
      run("save", async () => {
        if (!settings) return;
        try {
          await save((current) => ({ ...current, settings }));
          report("rules", {
            intent: "success",
            title: "Rules saved",
            text: "Everyone who opens this workbook gets these rules, in the pane and from the ribbon.",
            focus: true,
          });
        } catch (error) {
          report("rules", {
            intent: "error",
            title: "Rules not saved",
            text: unexpectedErrorMessage("saving the rules in this workbook", error),
            focus: true,
          });
        }
      }),
    [report, run, save, settings],
  );

  const saveBeforeRun = useCallback(
    async (alsoSave: Partial<StoredState> = {}): Promise<RulesForRun> => {
      if (!settings || !rulesChanged) {
        if (Object.keys(alsoSave).length > 0) {
          try {
            await save((current) => ({ ...current, ...alsoSave }));
          } catch {
            // Not fatal (the meeting details, say): the run goes ahead; they are just not remembered.
          }
        }
        return { kind: "saved" };
      }
      // One write, so the rules and anything saved with them never overwrite each other.
      try {
        await save((current) => ({ ...current, ...alsoSave, settings }));
        return { kind: "saved-now" };
      } catch (error) {
        return { kind: "trial", problem: unexpectedErrorMessage("saving the changed rules", error) };
      }
    },
    [rulesChanged, save, settings],
  );

  const restoreDefaults = useCallback(() => {
    changeDraft(draftFromSettings(defaultSettings));
    report("rules", {
      intent: "info",
      title: "Defaults in the form",
      text: "Choose “Save the rules for everyone” to keep them; Analyse and Create also save them.",
    });
  }, [changeDraft, report]);

  return { draft, validation, settings, rulesChanged, changeDraft, saveRules, saveBeforeRun, restoreDefaults };
}
