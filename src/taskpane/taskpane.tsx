// Entry point of the task pane page (webpack's "taskpane" entry).
import { checkRequirements } from "../excel/requirements";
import { createExcelGateway } from "../excel/officeGateway";
import { mountTaskPane, paneThemeFor, type PaneTheme } from "./index";
import { startTaskPane } from "./start";

/** The Office theme when Office.js is loaded, else light. Office's globals are read only here and in src/excel. */
function officePaneTheme(): PaneTheme {
  const theme = typeof Office === "undefined" ? undefined : (Office.context as { officeTheme?: unknown } | undefined)?.officeTheme;
  return paneThemeFor(theme && typeof theme === "object" ? theme : null);
}

void startTaskPane({
  container: document.getElementById("root"),
  office: typeof Office === "undefined" ? undefined : Office,
  checkRequirements,
  createGateway: createExcelGateway,
  mount: (container, gateway) => mountTaskPane(container, gateway, { theme: officePaneTheme() }),
  theme: officePaneTheme,
});
