// The ribbon's function, registered by the task pane's page. That page is also the function file
// (manifest.xml: <FunctionFile resid="Taskpane.Url"/> and <Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/>),
// so where Excel supports SharedRuntime 1.1 the button and the pane share one runtime and the button can open
// the pane with the reason it could not finish. Older Excel loads the same page as a hidden function file and
// the reason is shown in a small dialog (ribbonMessages.ts).
import { checkRequirements } from "../excel/requirements";
import { createOfficeGateway } from "../excel/officeGateway";
import { analyseActiveSheetAction, makeAnalyseActiveSheetHandler } from "./analyseActiveSheet";
import { showReason, type OfficeForMessages } from "./ribbonMessages";

export function registerRibbonCommands(): void {
  const handler = makeAnalyseActiveSheetHandler({
    getGateway: () => createOfficeGateway(),
    checkRequirements,
    tell: (message) => (typeof Office === "undefined" ? Promise.resolve() : showReason(message, Office as unknown as OfficeForMessages)),
  });

  // Older hosts look the function up by name on the global object.
  (globalThis as unknown as Record<string, unknown>)[analyseActiveSheetAction] = handler;

  // Guarded so the page does nothing (rather than throw) if opened outside Office.
  if (typeof Office !== "undefined") {
    void Office.onReady(() => {
      Office.actions?.associate(analyseActiveSheetAction, handler);
    });
  }
}
