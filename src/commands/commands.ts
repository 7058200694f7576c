// Entry of commands.html, the ribbon's function file (manifest.xml FunctionFile).
import { checkRequirements } from "../excel/requirements";
import { createExcelGateway } from "../excel/officeGateway";
import { analyseActiveSheetAction, makeAnalyseActiveSheetHandler } from "./analyseActiveSheet";

const handler = makeAnalyseActiveSheetHandler(createExcelGateway, () => checkRequirements().ok);

// Older hosts look the function up by name on the global object.
(globalThis as unknown as Record<string, unknown>)[analyseActiveSheetAction] = handler;

// Guarded so the page does nothing (rather than throw) if opened outside Office.
if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    Office.actions?.associate(analyseActiveSheetAction, handler);
  });
}
