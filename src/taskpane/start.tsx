import { createRoot, type Root } from "react-dom/client";
import { FluentProvider, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { WorkbookGateway } from "../excel/workbookGateway";
import { privacyLine } from "./privacyLine";
import type { PaneTheme } from "./theme";

/** The little of Office.js the start-up needs (a parameter so tests can pass a stand-in). */
export interface OfficeStartup {
  onReady(callback?: (info: { host: unknown; platform: unknown }) => unknown): Promise<unknown>;
  HostType: { Excel: unknown };
}

export interface StartDependencies {
  container: HTMLElement | null;
  /** The Office global, or undefined when office.js did not load (the page opened outside Office). */
  office: OfficeStartup | undefined;
  checkRequirements: () => { ok: true } | { ok: false; message: string };
  createGateway: () => WorkbookGateway;
  mount: (container: HTMLElement, gateway: WorkbookGateway) => unknown;
  theme?: () => PaneTheme;
  /** How long to wait for Office.onReady before saying what to check (default 20 seconds). */
  readyTimeoutMs?: number;
}

/** The hosts Office.js is loaded from (src/taskpane/taskpane.html), for the messages that name them. */
export const officeJsHosts = ["officeapis.public.onecdn.static.microsoft", "appsforoffice.microsoft.com"] as const;

export const officeDidNotLoadMessage =
  `Office.js, the part of Excel that lets the pane reach the workbook, did not load. If your school filters web traffic, ask IT to allow ${officeJsHosts[0]} and ${officeJsHosts[1]}, then close the pane and open it again. On a slow connection, wait a moment and reopen the pane.`;

export const notInOfficeMessage =
  `Open this pane from the Attendance Insight button in Excel. Opened in a browser on its own, it cannot reach a workbook. If you did open it from Excel, your network may be blocking Office.js: ask IT to allow officeapis.public.onecdn.static.microsoft and appsforoffice.microsoft.com.`;
export const notExcelMessage = "This add-in works in Excel only. Open it from Excel on Windows, Mac or the web.";

const useStyles = makeStyles({
  root: { minHeight: "100vh", padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/** A plain page with one message instead of the pane, for when the pane cannot run. */
export function StartupMessage({ title, message, theme }: { title: string; message: string; theme: PaneTheme }) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme} className={styles.root}>
      <main>
        <h1 className={styles.h1}>Attendance Insight</h1>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{title}</MessageBarTitle>
            {message}
          </MessageBarBody>
        </MessageBar>
        <Text>{privacyLine}</Text>
      </main>
    </FluentProvider>
  );
}

function showMessage(container: HTMLElement, title: string, message: string, theme: PaneTheme): Root {
  const root = createRoot(container);
  root.render(<StartupMessage title={title} message={message} theme={theme} />);
  return root;
}

/**
 * Waits for Office, checks the host and the API requirement sets, then mounts the pane.
 * Every way it can fail ends in a plain message on the page, never a blank pane or a crash.
 * Resolves when the page shows either the pane or the message.
 */
export async function startTaskPane(deps: StartDependencies): Promise<"mounted" | "message" | "no-container"> {
  const { container } = deps;
  if (!container) return "no-container";
  const theme = () => {
    try {
      return deps.theme?.() ?? "light";
    } catch {
      return "light";
    }
  };
  if (!deps.office) {
    showMessage(container, "Office is not available", notInOfficeMessage, "light");
    return "message";
  }
  let host: unknown;
  try {
    // Office.onReady can wait for ever (Office.js half-loaded behind a web filter): give up with a message.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const info = await new Promise<{ host: unknown } | "timeout">((resolve, reject) => {
      timer = setTimeout(() => resolve("timeout"), deps.readyTimeoutMs ?? 20_000);
      deps.office?.onReady((ready) => resolve(ready)).catch(reject);
    }).finally(() => clearTimeout(timer));
    if (info === "timeout") {
      showMessage(container, "Office did not start", officeDidNotLoadMessage, "light");
      return "message";
    }
    host = info.host;
  } catch (error) {
    showMessage(container, "Office did not start", startFailure(error), theme());
    return "message";
  }
  if (host !== deps.office.HostType.Excel) {
    showMessage(container, "Excel only", notExcelMessage, theme());
    return "message";
  }
  try {
    const requirements = deps.checkRequirements();
    if (!requirements.ok) {
      showMessage(container, "Attendance Insight cannot start here", requirements.message, theme());
      return "message";
    }
    deps.mount(container, deps.createGateway());
    return "mounted";
  } catch (error) {
    showMessage(container, "The add-in could not start", startFailure(error), theme());
    return "message";
  }
}

function startFailure(error: unknown): string {
  const detail = error instanceof Error ? ` (${error.message})` : "";
  return `The add-in could not start${detail}. Close the pane and open it again; if that does not help, restart Excel.`;
}
