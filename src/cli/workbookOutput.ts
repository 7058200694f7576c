import { existsSync } from "node:fs";
import * as path from "node:path";
import type { Grid } from "../core/read/grid";
import { keySheetName, tsmSheetName } from "../core/report/sheetNames";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import { buildWorkbookPlan, type ExistingSheets } from "../core/report/workbookPlan";
import type { Analysis, Framework } from "../core/rules/pupilAnalysis";
import type { HighlightPlan, WorkbookPlan } from "../core/report/plan";
import { assignReferences } from "../core/report/pupilReferences";
import { readWorkbookSheets } from "../xlsx/readFile";
import { sheetsToWrite, sourceColumnWidths, writeWorkbookFile } from "../xlsx/writeWorkbook";

export interface WorkbookOutputRequest {
  analysis: Analysis;
  grid: Grid;
  sheetName: string;
  outPath: string;
  details: TsmMeetingDetails;
  shareable: boolean;
  framework: Framework;
  /** ISO yyyy-MM-dd. */
  today: string;
}

export type WorkbookOutputResult =
  | {
      ok: true;
      path: string;
      /** True when the file existed and its TSM form was read back, so typed cells were kept. */
      keptTypedCells: boolean;
      /** The pupil references (P001 …) the workbook uses, aligned with analysis.pupils. */
      references: string[];
    }
  | { ok: false; message: string };

/**
 * Builds the same plan the add-in applies (highlighted sheet, TSM form, governors' summary and — unless
 * shareable — the school-only pupil key) and writes it as one .xlsx, whole or not at all.
 * When the output file exists already, its TSM form and pupil key are read back first so that what people
 * typed into the form is kept and pupils keep their references (design.md "What must never happen").
 */
export async function writeAnalysisWorkbook(request: WorkbookOutputRequest): Promise<WorkbookOutputResult> {
  const previous = await readPreviousOutput(request.outPath);
  if ("message" in previous) return { ok: false, message: previous.message };

  const existing: ExistingSheets = {};
  const tsm = findSheet(previous.sheets, tsmSheetName(request.details.meetingDate));
  const key = findSheet(previous.sheets, keySheetName);
  if (tsm) existing.tsm = tsm.grid;
  if (key) existing.key = key.grid;

  const width = request.grid.reduce((max, row) => Math.max(max, row.length), 0);
  let plan: WorkbookPlan;
  try {
    plan = buildWorkbookPlan(
      request.analysis,
      {
        sheetName: request.sheetName,
        lastColumn: Math.max(0, width - 1),
        firstRow: 1,
        firstColumn: 0,
        rowCount: request.grid.length,
        // The widths this copy's pasted columns get (writeWorkbook), so the print fits them.
        columnWidths: sourceColumnWidths(request.grid, request.analysis.mapping.headerRow, request.grid.length - 1),
      },
      { details: request.details, shareable: request.shareable, framework: request.framework, existing, today: request.today },
    );
  } catch (error) {
    return { ok: false, message: writeFailure(request.outPath, error) };
  }

  // A shareable copy leaves the school: it carries the form and the summary but not the pasted pupil rows
  // (rules.md §7), so its first sheet says what it is instead of holding the export.
  const source = request.shareable ? shareableCover(request.details.schoolName) : { sheetName: request.sheetName, grid: request.grid };
  if (request.shareable) plan = { ...plan, highlight: emptyHighlight(source.sheetName) };

  // Replacing the file must not lose a sheet people may have worked in (an earlier term's form, the key).
  const kept = new Set([source.sheetName, ...sheetsToWrite(plan, request.shareable).map((sheet) => sheet.name)].map((n) => n.toLowerCase()));
  const dropped = previous.sheets.map((sheet) => sheet.name).filter((n) => !kept.has(n.toLowerCase()));
  if (dropped.length > 0) {
    return {
      ok: false,
      message: `${path.basename(request.outPath)} already exists and holds ${dropped.map((n) => `"${n}"`).join(", ")}, which this run would not keep, so it was left as it is: choose another --out file.`,
    };
  }

  try {
    await writeWorkbookFile(request.outPath, { source, plan, shareable: request.shareable });
  } catch (error) {
    return { ok: false, message: writeFailure(request.outPath, error) };
  }
  return {
    ok: true,
    path: path.resolve(request.outPath),
    keptTypedCells: existing.tsm !== undefined,
    // The same pure assignment the plan made, so the printed references match the file's.
    references: assignReferences(request.analysis.pupils, existing).byPupil,
  };
}

export const shareableCoverSheetName = "About this copy";

function shareableCover(schoolName: string): { sheetName: string; grid: Grid } {
  const school = schoolName.trim() === "" ? "the school" : schoolName.trim();
  return {
    sheetName: shareableCoverSheetName,
    grid: [
      [`Shareable copy for the Targeting Support Meeting of ${school}`],
      ["It holds the meeting form, with pupils shown by reference only, and the cohort summary."],
      ["It holds no pupil names, UPNs or pupil-level export: the school keeps those, with the key to the references."],
    ],
  };
}

/** Nothing added to the cover sheet: no columns, colour rules or legend. */
function emptyHighlight(sheetName: string): HighlightPlan {
  return {
    sheetName,
    headerRow: 0,
    firstDataRow: 1,
    lastDataRow: 0,
    firstColumn: 1,
    headings: [],
    values: [],
    numberFormats: [],
    columnWidths: [],
    conditionalFormats: [],
    legend: { row: 0, column: 1, entries: [] },
    marker: "",
  };
}

async function readPreviousOutput(outPath: string): Promise<{ sheets: { name: string; grid: Grid }[] } | { message: string }> {
  if (!existsSync(outPath)) return { sheets: [] };
  const read = await readWorkbookSheets(outPath);
  if (!read.ok) {
    return {
      message: `${path.basename(outPath)} already exists and cannot be read back to keep what was typed into it, so it was left as it is: choose another --out file.`,
    };
  }
  return { sheets: read.sheets };
}

function findSheet(sheets: readonly { name: string; grid: Grid }[], name: string): { name: string; grid: Grid } | undefined {
  return sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase() && sheet.grid.length > 0);
}

function writeFailure(outPath: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EBUSY" || code === "EPERM" || code === "EACCES") {
    return `Cannot write ${outPath}: it is open in Excel or the folder is read-only; close it or choose another --out file.`;
  }
  if (code === "ENOENT") return `Cannot write ${outPath}: the folder does not exist; create it or choose another --out file.`;
  if (code === "ENOSPC") return `Cannot write ${outPath}: the disk is full; free some space and try again.`;
  if (typeof code === "string") return `Cannot write ${outPath} (${code}): check the folder and try again.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `Could not build the workbook, so nothing was written (${detail.replace(/\.$/, "")}); please report this with the export's layout.`;
}
