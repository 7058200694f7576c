import { useCallback, useEffect, useRef, useState } from "react";
import { defaultSettings } from "../../core/rules/settings";
import type { StoredState, WorkbookGateway } from "../../excel/workbookGateway";
import { unexpectedErrorMessage } from "../components/ErrorBar";

const emptyState: StoredState = { settings: defaultSettings, details: null, mappings: {} };

export interface StoredStateHook {
  /** What is saved in the workbook (the last state loaded or saved). */
  stored: StoredState;
  /** False until the saved state has been read (or failed to be): actions wait for it. */
  loaded: boolean;
  /** Why the saved state could not be read at all (defaults apply meanwhile). */
  loadError: string | null;
  /** Saves in workbook.settings; throws (for the caller to explain) when Excel refuses. */
  save: (next: StoredState) => Promise<void>;
  /** Changes what the pane uses now without saving (a choice Excel refused to keep). */
  keepUnsaved: (change: (current: StoredState) => StoredState) => void;
}

/** The add-in's saved choices (rules, column choices, meeting details, national figures) in workbook.settings. */
export function useStoredState(gateway: WorkbookGateway): StoredStateHook {
  const [stored, setStored] = useState<StoredState>(emptyState);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    gateway.loadStoredState().then(
      (answer) => {
        if (!live) return;
        setLoaded(true);
        if (!answer.ok) {
          setLoadError(`${answer.message} Until then the default rules apply.`);
          return;
        }
        setStored(answer.value);
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded(true);
        setLoadError(
          `${unexpectedErrorMessage("reading the add-in's saved choices from this workbook", error)} Until then the default rules apply.`,
        );
      },
    );
    return () => {
      live = false;
    };
  }, [gateway]);

  // What a co-author saves arrives here (Excel on the web's settingsChanged): the pane shows it.
  useEffect(() => {
    let live = true;
    let stop: (() => void) | null = null;
    gateway
      .watchStoredState((state) => {
        if (live) setStored(state);
      })
      .then(
        (unwatch) => {
          if (live) stop = unwatch;
          else unwatch();
        },
        () => undefined,
      );
    return () => {
      live = false;
      stop?.();
    };
  }, [gateway]);

  // The state this pane last showed: the base the gateway saves changes from, so only what this person
  // changed is written and a co-author's other choices stay (docs/architecture.md "Settings").
  const shown = useRef(stored);
  shown.current = stored;
  const save = useCallback(
    async (next: StoredState) => {
      const saved = await gateway.saveStoredState(next, shown.current);
      if (!saved.ok) throw new Error(saved.message);
      setStored(saved.value);
    },
    [gateway],
  );
  const keepUnsaved = useCallback((change: (current: StoredState) => StoredState) => setStored(change), []);

  return { stored, loaded, loadError, save, keepUnsaved };
}
