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
  /**
   * Saves in workbook.settings; throws (for the caller to explain) when Excel refuses. Saves go one at a
   * time, and `change` is applied to the state as it is when this save's turn comes (after every earlier
   * save), so two quick saves never write the same concern from the same stale copy and lose one.
   */
  save: (change: (current: StoredState) => StoredState) => Promise<void>;
  /** Changes what the pane uses now without saving (a choice Excel refused to keep). */
  keepUnsaved: (change: (current: StoredState) => StoredState) => void;
}

/** The add-in's saved choices (rules, column choices, meeting details, national figures) in workbook.settings. */
export function useStoredState(gateway: WorkbookGateway): StoredStateHook {
  const [stored, setStored] = useState<StoredState>(emptyState);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The state as of the last load or save, updated at once (not at the next render): each queued save
  // starts from it.
  const latest = useRef(stored);
  const show = useCallback((state: StoredState) => {
    latest.current = state;
    setStored(state);
  }, []);
  // Saves in flight, and whether a co-author's save was reported meanwhile (read again once ours are done,
  // so an event read before our write never puts back what we just wrote).
  const saving = useRef(0);
  const missedWhileSaving = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

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
        show(answer.value);
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
  }, [gateway, show]);

  // What a co-author saves arrives here (Excel on the web's settingsChanged): the pane shows it.
  useEffect(() => {
    let live = true;
    let stop: (() => void) | null = null;
    gateway
      .watchStoredState((state) => {
        if (!live) return;
        if (saving.current > 0) missedWhileSaving.current = true;
        else show(state);
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
  }, [gateway, show]);

  // Each save is planned from the state this pane last had (the base the gateway saves changes from), so
  // only what this person changed is written and a co-author's other choices stay (docs/architecture.md
  // "Settings"); one at a time, each from the state the one before left.
  const save = useCallback(
    async (change: (current: StoredState) => StoredState) => {
      saving.current += 1;
      const turn = queue.current.then(async () => {
        const base = latest.current;
        const saved = await gateway.saveStoredState(change(base), base);
        if (!saved.ok) throw new Error(saved.message);
        show(saved.value);
      });
      queue.current = turn.catch(() => undefined);
      try {
        await turn;
      } finally {
        saving.current -= 1;
        if (saving.current === 0 && missedWhileSaving.current) {
          missedWhileSaving.current = false;
          void gateway.loadStoredState().then(
            (answer) => {
              if (answer.ok && saving.current === 0) show(answer.value);
            },
            () => undefined,
          );
        }
      }
    },
    [gateway, show],
  );
  const keepUnsaved = useCallback((change: (current: StoredState) => StoredState) => show(change(latest.current)), [show]);

  return { stored, loaded, loadError, save, keepUnsaved };
}
