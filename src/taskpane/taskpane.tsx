// Entry point of the task pane page (webpack's "taskpane" entry).
import { checkRequirements } from "../excel/requirements";
import { createExcelGateway } from "../excel/officeGateway";
import { mountTaskPane, officePaneTheme } from "./index";
import { startTaskPane } from "./start";

void startTaskPane({
  container: document.getElementById("root"),
  office: typeof Office === "undefined" ? undefined : Office,
  checkRequirements,
  createGateway: createExcelGateway,
  mount: (container, gateway) => mountTaskPane(container, gateway),
  theme: officePaneTheme,
});
