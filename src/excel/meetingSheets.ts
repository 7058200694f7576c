import { historyMarker, historySheetName } from "../core/report/historySheet";
import type { CellValue } from "../core/read/grid";
import { checkWorkbookLimits, limitsMessage } from "../core/report/checkPlanLimits";
import type { SheetRole } from "../core/report/plan";
import { keySheetName, lastMeetingSheet, makeSheetName, summarySheetName, tsmSheetName } from "../core/report/sheetNames";
import { buildWorkbookPlan, type ExistingSheets } from "../core/report/workbookPlan";
import { queueSheetPlan } from "./applyPlans";
import { UserMessage } from "./excelErrors";
import { previousAddedColumns, queueHighlightRun } from "./highlightRun";
import { queueOriginalsRead, withTouched } from "./sheetOriginals";
import { sheetNotesMessage } from "../core/report/sheetNotes";
import type { Prepared, Sync } from "./readSource";
import { historyCandidates, readExisting } from "./readSource";
import { targetProblem } from "./sourceGeometry";
import { type GeneratedSheetRecord, type WrittenRecord } from "./storedState";
import type { MeetingSheetsDone, MeetingSheetsRequest } from "./workbookGateway";
import { WriteQueue } from "./writeQueue";

/**
 * The meeting sheets: the TSM form, the governors' summary and the school-only pupil key, written after the
 * highlight in the same batch. A sheet written before for the same meeting is regenerated in place (typed
 * cells kept) only when it still carries the add-in's own marker; an id in the workbook's settings alone
 * never decides that a sheet may be cleared (ids have been reported to change between sessions).
 */

/** Sheet-scoped name the add-in puts on every sheet it makes; its comment names the sheet's role. */
export const sheetMarkerName = "AttendanceInsight_Sheet";

/** What the first cell of a sheet written before the marker name existed starts with, by role. */
const legacyTitles: Record<SheetRole, string> = {
  tsm: "Targeting Support Meeting record",
  summary: "Attendance summary for governors",
  key: "Pupil key (school only)",
  history: historyMarker,
};

function isMarked(role: SheetRole, marker: { isNullObject: boolean; comment: string } | null, firstCell: CellValue | undefined): boolean {
  if (marker && !marker.isNullObject) return marker.comment === role;
  return typeof firstCell === "string" && firstCell.startsWith(legacyTitles[role]);
}

export async function writeMeetingSheets(
  context: Excel.RequestContext,
  prepared: Prepared,
  request: MeetingSheetsRequest,
  today: string,
  sync: Sync,
  progress: (message: string) => void,
): Promise<{ done: MeetingSheetsDone; written: WrittenRecord }> {
  const { read, analysis, layout } = prepared;
  const wanted: Record<SheetRole, string> = {
    tsm: tsmSheetName(request.details.meetingDate),
    summary: summarySheetName(request.details.meetingDate),
    key: keySheetName,
    history: historySheetName,
  };
  const byId = new Map(read.sheets.map((s) => [s.id, s]));
  const candidates = new Map<SheetRole, { sheetId: string; name: string }>();
  for (const record of read.written.sheets) {
    const current = byId.get(record.sheetId);
    if (current && record.role !== "history" && record.name === wanted[record.role] && !candidates.has(record.role)) candidates.set(record.role, { sheetId: record.sheetId, name: current.name });
  }

  // Each candidate's marker is read with its values (sync 2), before anything is cleared.
  const markers = new Map<SheetRole, Excel.NamedItem>();
  for (const [role, c] of candidates) {
    const marker = context.workbook.worksheets.getItem(c.sheetId).names.getItemOrNullObject(sheetMarkerName);
    marker.load("comment");
    markers.set(role, marker);
  }
  // The last meeting's form, an earlier term's, read in the same sync for "Pupils from the last meeting"
  // (docs/rules.md §11) and only if its marker says the add-in made it as a TSM form. It is never written:
  // each term's form stays beside the others.
  const lastMeetingName = lastMeetingSheet(
    read.sheets.map((s) => s.name),
    request.details.meetingDate,
  );
  const lastMeeting = read.sheets.find((s) => s.name === lastMeetingName && ![...candidates.values()].some((c) => c.sheetId === s.id));
  let lastMeetingMarker: Excel.NamedItem | null = null;
  if (lastMeeting) {
    lastMeetingMarker = context.workbook.worksheets.getItem(lastMeeting.id).names.getItemOrNullObject(sheetMarkerName);
    lastMeetingMarker.load("comment");
  }
  const regenerate = [...candidates.entries()].map(([role, c]) => ({ role, sheetId: c.sheetId }));
  // The history is one sheet for every meeting, found as Analyse finds it (its marker in A1 decides).
  const histories = historyCandidates(read);
  // The widths and page setup the highlight is about to change, as they were before (docs/rules.md §15).
  const originals = queueOriginalsRead(read, layout.lastColumn + 2);
  const { ownRules, existing: found, charts, grids } = await readExisting(
    context,
    read,
    [...regenerate, ...histories, ...(lastMeeting ? [{ role: "tsm" as const, sheetId: lastMeeting.id, readOnly: true }] : [])],
    sync,
    originals.queued,
  );
  const history = found.history ? histories.find((h) => grids.get(h.sheetId) === found.history) : undefined;
  const historySheet = history ? read.sheets.find((s) => s.id === history.sheetId) : undefined;
  if (historySheet) candidates.set("history", { sheetId: historySheet.id, name: historySheet.name });

  const notes: string[] = [];
  const reuse = new Map<SheetRole, { sheetId: string; name: string }>();
  const existing: ExistingSheets = {};
  for (const [role, c] of candidates) {
    const grid = role === "tsm" ? found.tsm : role === "key" ? found.key : role === "history" ? found.history : undefined;
    const marker = markers.get(role) ?? null;
    const firstCell = grid?.[0]?.[0];
    if (isMarked(role, marker ? { isNullObject: marker.isNullObject, comment: marker.isNullObject ? "" : marker.comment } : null, firstCell)) {
      reuse.set(role, c);
      if (role === "tsm" && found.tsm) existing.tsm = found.tsm;
      if (role === "key" && found.key) existing.key = found.key;
      if (role === "history" && found.history) existing.history = found.history;
    } else {
      notes.push(`“${c.name}” no longer looks like the sheet the add-in made, so it was left as it is and a new sheet was written beside it.`);
    }
  }

  const lastMeetingGrid = lastMeeting ? grids.get(lastMeeting.id) : undefined;
  if (lastMeeting && lastMeetingGrid && lastMeetingMarker) {
    const marker = { isNullObject: lastMeetingMarker.isNullObject, comment: lastMeetingMarker.isNullObject ? "" : lastMeetingMarker.comment };
    if (isMarked("tsm", marker, lastMeetingGrid[0]?.[0])) existing.lastMeeting = { sheetName: lastMeeting.name, grid: lastMeetingGrid };
  }

  const added = previousAddedColumns(read);
  if (added) existing.addedColumns = [added];
  const plan = buildWorkbookPlan(analysis, layout, {
    details: request.details,
    shareable: request.shareable,
    framework: request.settings.framework,
    existing,
    today,
    analysisDate: today,
    ...(request.nationalFigures ? { nationalFigures: request.nationalFigures } : {}),
  });
  const blocked = targetProblem(read.used, read.previous, plan.highlight, read.sheetName);
  if (blocked) throw new UserMessage(blocked);
  const problems = checkWorkbookLimits(plan);
  if (problems.length > 0) throw new UserMessage(limitsMessage(problems));
  // Every planned sheet is written, the school-only key included even when the form is shareable: this
  // workbook is the school's, and the key keeps references stable; only the form and summary are for sharing.

  progress("Writing the meeting sheets…");
  const queue = new WriteQueue();
  const highlightWritten = queueHighlightRun(queue, { sheet: read.sheet, previous: read.previous, nameExists: read.nameExists, ownRules }, plan.highlight, read.sheetName);
  const original = withTouched(originals.result(), plan.highlight);
  const highlight = original ? { ...highlightWritten, original } : highlightWritten;
  const taken = read.sheets.map((s) => s.name);
  const created: { role: SheetRole; sheet: Excel.Worksheet; name: string }[] = [];
  const names: string[] = [];
  const hiddenNames = new Set<string>();
  let first: Excel.Worksheet | null = null;
  for (const sheetPlan of plan.sheets) {
    const again = reuse.get(sheetPlan.role);
    let sheet: Excel.Worksheet;
    if (again) {
      sheet = context.workbook.worksheets.getItem(again.sheetId);
      names.push(again.name);
      queueSheetPlan(queue, sheet, sheetPlan, { charts: charts.get(again.sheetId) ?? [] });
    } else {
      const name = makeSheetName(sheetPlan.name, [...taken, ...names]);
      // Queued now, so the new sheet exists before anything is written to it (first request).
      sheet = context.workbook.worksheets.add(name);
      sheet.load("id");
      created.push({ role: sheetPlan.role, sheet, name });
      names.push(name);
      const marked = sheet;
      const role = sheetPlan.role;
      queue.add(120, () => {
        marked.names.add(sheetMarkerName, marked.getRange("A1"), role);
      });
      queueSheetPlan(queue, sheet, sheetPlan, null);
    }
    // The hidden history is the add-in's own record, not a sheet to show or activate.
    if (sheetPlan.hidden) hiddenNames.add(names[names.length - 1] ?? "");
    else first ??= sheet;
  }
  const activate = first;
  if (activate) queue.add(50, () => activate.activate());
  await queue.flush(sync);

  // One record per role: the latest sheet. Older terms' TSM sheets stay in the workbook untouched.
  const written = read.written;
  const latest = new Map<SheetRole, GeneratedSheetRecord>();
  for (const record of written.sheets) if (byId.has(record.sheetId)) latest.set(record.role, record);
  for (const [role, r] of reuse) latest.set(role, { role, sheetId: r.sheetId, name: wanted[role] });
  for (const c of created) latest.set(c.role, { role: c.role, sheetId: c.sheet.id, name: c.name });
  const next: WrittenRecord = {
    ...written,
    highlights: { ...written.highlights, [read.sheetId]: highlight },
    lastSourceSheetId: read.sheetId,
    sheets: [...latest.values()],
  };
  const notesMessage = plan.notes ? sheetNotesMessage(plan.notes) : null;
  if (notesMessage) notes.push(notesMessage);
  return { done: { sheetNames: names.filter((name) => !hiddenNames.has(name)), notes }, written: next };
}
