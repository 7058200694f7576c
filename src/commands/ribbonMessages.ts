/**
 * Why the ribbon's "Analyse sheet" could not finish, passed to the task pane. With the shared runtime
 * (SharedRuntime 1.1, manifest <Runtimes>) the ribbon command and the pane run in one JavaScript context, so
 * this module's state is the pane's too: the command records the reason here, then opens the pane
 * (Office.addin.showAsTaskpane), which shows it. Without the shared runtime (Excel 2019, Microsoft 365 before
 * Version 2002) the command runs in a runtime of its own and shows the reason in a small dialog instead.
 *
 * Docs: "Configure your Office Add-in to use a shared runtime" and "Show or hide the task pane of your Office
 * Add-in" (learn.microsoft.com/office/dev/add-ins/develop/…); Office.context.ui.displayDialogAsync
 * (DialogApi 1.1) for the dialog.
 */

export interface RibbonMessage {
  message: string;
  /** Increases with each message, so the pane can tell a new message from one it has shown. */
  serial: number;
}

type Listener = (message: RibbonMessage) => void;

let latest: RibbonMessage | null = null;
let serial = 0;
const listeners = new Set<Listener>();

export function latestRibbonMessage(): RibbonMessage | null {
  return latest;
}

export function clearRibbonMessage(): void {
  latest = null;
}

export function publishRibbonMessage(message: string): RibbonMessage {
  serial += 1;
  latest = { message, serial };
  for (const listener of listeners) {
    try {
      listener(latest);
    } catch {
      // A pane that fails to show it must not stop the command.
    }
  }
  return latest;
}

/** Calls `listener` with each new message (and at once with the latest, if any); returns the unsubscribe. */
export function onRibbonMessage(listener: Listener): () => void {
  listeners.add(listener);
  if (latest) listener(latest);
  return () => listeners.delete(listener);
}

/** The little of Office.js telling the user needs (a parameter, so tests can pass the fake's stand-in). */
export interface OfficeForMessages {
  context: {
    requirements: { isSetSupported(name: string, version?: string): boolean };
    ui?: {
      displayDialogAsync(url: string, options: { height: number; width: number; displayInIframe?: boolean }, callback?: (result: unknown) => void): void;
    };
  };
  addin?: { showAsTaskpane(): Promise<void> };
}

/** The dialog page, beside the pane's page (webpack builds dialog.html next to taskpane.html). */
export function dialogUrl(pageUrl: string, message: string): string {
  // The message goes in the fragment, which browsers never send to a server.
  return `${new URL("dialog.html", pageUrl).toString()}#${encodeURIComponent(message)}`;
}

/**
 * Shows the user why the button could not finish: in the pane where the shared runtime is supported, else in
 * a small dialog. Resolves when it has been shown (or could not be).
 */
export async function showReason(message: string, office: OfficeForMessages, pageUrl = globalThis.location?.href ?? ""): Promise<void> {
  if (office.context.requirements.isSetSupported("SharedRuntime", "1.1") && office.addin) {
    publishRibbonMessage(message);
    await office.addin.showAsTaskpane();
    return;
  }
  const ui = office.context.ui;
  if (!ui || pageUrl === "") return;
  await new Promise<void>((resolve) => {
    ui.displayDialogAsync(dialogUrl(pageUrl, message), { height: 30, width: 30, displayInIframe: true }, () => resolve());
  });
}
