import { createRoot, type Root } from "react-dom/client";
import type { WorkbookGateway } from "../excel/workbookGateway";
import { TaskPane } from "./TaskPaneApp";
import { paneThemeFor, type PaneTheme } from "./theme";

export { TaskPane, privacyLine } from "./TaskPaneApp";
export type { TaskPaneProps } from "./TaskPaneApp";
export { paneThemeFor } from "./theme";
export type { PaneTheme } from "./theme";
export { startTaskPane } from "./start";

/**
 * Renders the task pane into `container`, talking to the workbook only through `gateway`.
 * The entry file (taskpane.tsx) passes Office's theme; light when none is given. Returns the React root
 * (call `unmount()` to remove it).
 */
export function mountTaskPane(container: HTMLElement, gateway: WorkbookGateway, options: { theme?: PaneTheme } = {}): Root {
  const root = createRoot(container);
  root.render(<TaskPane gateway={gateway} theme={options.theme ?? paneThemeFor(null)} />);
  return root;
}
