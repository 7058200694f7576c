import { useCallback, useState } from "react";
import type { PaneMessage } from "../components/OutcomeBar";

/** What the pane is doing now: one action at a time, so two writes never race. */
export type Busy = null | "preview" | "columns" | "analyse" | "sample" | "meeting" | "save" | "remove";

/** Where a message shows: beside the control whose action it reports. */
/** "sheet": what Analyse (or "Remove what Analyse added") did to the sheet beyond its colours: notes moved, things restored. */
export type MessageKey = "source" | "rules" | "analyse" | "select" | "meeting" | "sheet";

export type PaneMessages = Partial<Record<MessageKey, PaneMessage>>;

export interface ActivityHook {
  busy: Busy;
  /** The live status line (progress and outcomes in words). */
  status: string;
  setStatus: (status: string) => void;
  /** The latest action's messages: a new action clears the old ones, so an old error never sits above a new result. */
  messages: PaneMessages;
  report: (key: MessageKey, message: PaneMessage | null) => void;
  /**
   * Runs one action: clears earlier messages, marks the pane busy with `kind` (so the button that started it
   * shows progress beside it) and clears that afterwards, whatever happens.
   */
  run: (kind: Exclude<Busy, null>, action: () => Promise<void>) => Promise<void>;
}

export function useActivity(): ActivityHook {
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState("");
  const [messages, setMessages] = useState<PaneMessages>({});
  const report = useCallback((key: MessageKey, message: PaneMessage | null) => {
    setMessages((current) => {
      const next = { ...current };
      if (message) next[key] = message;
      else delete next[key];
      return next;
    });
  }, []);
  const run = useCallback(async (kind: Exclude<Busy, null>, action: () => Promise<void>) => {
    setBusy(kind);
    setMessages({});
    try {
      await action();
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, status, setStatus, messages, report, run };
}
