import { useCallback, useState } from "react";

/** What the pane is doing now: one action at a time, so two writes never race. */
export type Busy = null | "preview" | "analyse" | "sample" | "meeting" | "save";

export interface ActivityHook {
  busy: Busy;
  /** The live status line (progress and outcomes in words). */
  status: string;
  setStatus: (status: string) => void;
  /**
   * Runs one action: marks the pane busy with `kind` (so the button that started it shows progress beside it)
   * and clears it afterwards, whatever happens.
   */
  run: (kind: Exclude<Busy, null>, action: () => Promise<void>) => Promise<void>;
}

export function useActivity(): ActivityHook {
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState("");
  const run = useCallback(async (kind: Exclude<Busy, null>, action: () => Promise<void>) => {
    setBusy(kind);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, status, setStatus, run };
}
