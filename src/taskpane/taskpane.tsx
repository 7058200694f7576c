// Entry point of the task pane page (webpack's "taskpane" entry).
import { registerRibbonCommands } from "../commands/commands";
import { onRibbonMessage } from "../commands/ribbonMessages";
import { checkRequirements } from "../excel/requirements";
import { createOfficeGateway } from "../excel/officeGateway";
import { mountTaskPane, paneThemeFor, type PaneTheme } from "./index";
import { startTaskPane } from "./start";

/** The Office theme when Office.js is loaded, else light. Office's globals are read only here and in src/excel. */
function officePaneTheme(): PaneTheme {
  const theme = typeof Office === "undefined" ? undefined : (Office.context as { officeTheme?: unknown } | undefined)?.officeTheme;
  return paneThemeFor(theme && typeof theme === "object" ? theme : null);
}

// This page is also the ribbon's function file (one shared runtime, manifest.xml <Runtimes>).
registerRibbonCommands();

void startTaskPane({
  container: document.getElementById("root"),
  office: typeof Office === "undefined" ? undefined : Office,
  checkRequirements,
  createGateway: () => createOfficeGateway(),
  mount: (container, gateway) => mountTaskPane(container, gateway, { theme: officePaneTheme(), onRibbonMessage }),
  theme: officePaneTheme,
});
