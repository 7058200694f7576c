import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { defaultSettings, type AttendanceSettings } from "../../core/rules/settings";
import { validateSettings, type SettingsValidation } from "../../core/rules/validateSettings";
import { unexpectedErrorMessage } from "../components/ErrorBar";
import { draftFromSettings, draftToInput, type SettingsDraft } from "../settingsDraft";
import type { ActivityHook } from "./useActivity";
import type { StoredStateHook } from "./useStoredState";

export interface RulesMessage {
  intent: "success" | "error";
  text: string;
}

export interface RulesHook {
  draft: SettingsDraft;
  validation: SettingsValidation;
  /** The rules as the form stands, or null while the form has a problem. */
  settings: AttendanceSettings | null;
  /** The form differs from the rules saved in the workbook. */
  rulesChanged: boolean;
  rulesMessage: RulesMessage | null;
  changeDraft: (next: SettingsDraft) => void;
  saveRules: () => Promise<void>;
  restoreDefaults: () => void;
}

/** The ladder and rules form ("2. Ladder and rules"): a draft the core validates, saved for everyone. */
export function useRules(storedState: StoredStateHook, activity: ActivityHook): RulesHook {
  const { stored, loaded, save } = storedState;
  const { run } = activity;
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(defaultSettings));
  const [rulesMessage, setRulesMessage] = useState<RulesMessage | null>(null);
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

  const changeDraft = useCallback((next: SettingsDraft) => {
    touched.current = true;
    setRulesMessage(null);
    setDraft(next);
  }, []);

  const saveRules = useCallback(
    () =>
      run("save", async () => {
        if (!settings) return;
        try {
          await save({ ...stored, settings });
          setRulesMessage({ intent: "success", text: "Saved. Everyone who opens this workbook gets these rules." });
        } catch (error) {
          setRulesMessage({ intent: "error", text: unexpectedErrorMessage("saving the rules in this workbook", error) });
        }
      }),
    [run, save, settings, stored],
  );

  const restoreDefaults = useCallback(() => {
    changeDraft(draftFromSettings(defaultSettings));
    setRulesMessage({
      intent: "success",
      text: "Defaults restored in the form. Choose “Save for everyone in this workbook” to keep them.",
    });
  }, [changeDraft]);

  return { draft, validation, settings, rulesChanged, rulesMessage, changeDraft, saveRules, restoreDefaults };
}
