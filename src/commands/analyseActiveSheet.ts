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
 * column choices the user saved for that sheet in the workbook (so a corrected mapping is kept).
 */
export async function analyseActiveSheet(gateway: WorkbookGateway): Promise<AnalyseOutcome> {
  const loaded = await gateway.loadStoredState();
  if (!loaded.ok) return loaded;
  const state = loaded.value;
  const mappings = Object.keys(state.mappings);
  if (mappings.length === 0) return gateway.analyse({ source: activeSheet, settings: state.settings });
  // Saved column choices are per sheet: find out which sheet is active before applying them.
  const preview = await gateway.preview(activeSheet, state.settings);
  if (!preview.ok) return preview;
  const mappingOverride = state.mappings[preview.value.sheetName];
  return gateway.analyse({
    source: activeSheet,
    settings: state.settings,
    ...(mappingOverride ? { mappingOverride } : {}),
  });
}

/**
 * Wraps analyseActiveSheet for Office: always calls event.completed(), whatever happens, or Excel keeps the
 * command spinning. A failure is not shown or logged here: its message can quote the sheet, and the gateway
 * writes nothing unless the whole analysis succeeded, so the pane (which shows the message) is the place to
 * find out why.
 */
export function makeAnalyseActiveSheetHandler(
  getGateway: () => WorkbookGateway,
  isSupported: () => boolean = () => true,
): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    try {
      if (isSupported()) await analyseActiveSheet(getGateway());
    } catch {
      // Deliberately silent: see above. Nothing was written.
    } finally {
      event.completed();
    }
  };
}
