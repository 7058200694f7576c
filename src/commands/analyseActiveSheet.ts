import type { AnalyseOutcome, SourceChoice, WorkbookGateway } from "../excel/workbookGateway";

/** The ExecuteFunction name in manifest.xml (test/manifest/manifest.test.ts checks they match). */
export const analyseActiveSheetAction = "analyseActiveSheet";

/** What Office passes to a function command; completed() tells Office the command has finished. */
export interface CommandEvent {
  completed(): void;
}

const activeSheet: SourceChoice = { kind: "usedRange" };

/**
 * The ribbon's "Analyse sheet": the same Analyse as the pane's, on the active sheet, with the settings and the
 * column choices and heading row the user saved for that sheet in the workbook (so a corrected mapping is kept).
 */
export async function analyseActiveSheet(gateway: WorkbookGateway): Promise<AnalyseOutcome> {
  const loaded = await gateway.loadStoredState();
  if (!loaded.ok) return loaded;
  const state = loaded.value;
  const headerRows = state.headerRows ?? {};
  if (Object.keys(state.mappings).length === 0 && Object.keys(headerRows).length === 0) {
    return gateway.analyse({ source: activeSheet, settings: state.settings });
  }
  // Saved column choices and heading rows are per sheet: find out which sheet is active before applying them.
  const preview = await gateway.preview(activeSheet, state.settings);
  if (!preview.ok) return preview;
  const mappingOverride = state.mappings[preview.value.sheetName];
  const headerRowNumber = headerRows[preview.value.sheetName];
  return gateway.analyse({
    source: activeSheet,
    settings: state.settings,
    ...(mappingOverride ? { mappingOverride } : {}),
    ...(headerRowNumber !== undefined ? { headerRowNumber } : {}),
  });
}

/** What the ribbon command needs from its page (parameters, so tests can give stand-ins). */
export interface RibbonDependencies {
  getGateway: () => WorkbookGateway;
  /** The requirement sets the add-in needs (src/excel/requirements.ts). */
  checkRequirements: () => { ok: true } | { ok: false; message: string };
  /** Shows the user why the button could not finish: the pane (shared runtime) or a small dialog (ribbonMessages.ts). */
  tell: (message: string) => Promise<void>;
}

const unexpected =
  "Analyse sheet could not finish because Excel reported an unexpected problem. Open the Attendance pane and press Analyse there to see more; nothing in the workbook was changed.";

/**
 * Wraps analyseActiveSheet for Office. Never silent: a refusal (a full target area, an empty sheet, an Excel
 * too old for the add-in) or an unexpected error is shown to the user through `tell`. Always calls
 * event.completed(), whatever happens, or Excel keeps the command spinning. Nothing is logged: a message can
 * quote a sheet name, and the console is no place for it.
 */
export function makeAnalyseActiveSheetHandler(deps: RibbonDependencies): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    try {
      const supported = deps.checkRequirements();
      const outcome = supported.ok ? await analyseActiveSheet(deps.getGateway()) : supported;
      if (!outcome.ok) await deps.tell(outcome.message).catch(() => undefined);
    } catch {
      try {
        await deps.tell(unexpected);
      } catch {
        // Nothing more can be done: Office is told the command finished below.
      }
    } finally {
      event.completed();
    }
  };
}
