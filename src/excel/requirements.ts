/**
 * Can this copy of Excel run the add-in? Checked once when the task pane or a ribbon command starts.
 *
 * ExcelApi 1.9 is the highest set the adapter needs: page layout (orientation, fit to one page wide, margins,
 * print area and titles, headers and footers) is 1.9; freeze panes and tab colours are 1.7; data validation 1.8;
 * custom conditional formats 1.6; workbook settings, worksheet-scoped names and getUsedRangeOrNullObject
 * (valuesOnly) 1.4; ranges, tables and charts 1.1–1.2.
 */
export const requiredExcelApi = "1.9";

/**
 * `Excel.run({ delayForCellEdit: true }, …)` waits for the user to leave cell-edit mode instead of failing.
 * The reference gives the option no requirement set of its own; hosts older than ExcelApi 1.11 are not
 * documented to honour it, so it is passed only where 1.11 is supported and omitted otherwise.
 */
export const delayForCellEditApi = "1.11";

export type RequirementCheck = { ok: true } | { ok: false; message: string };

interface OfficeLike {
  context?: { host?: unknown; requirements?: { isSetSupported?: (name: string, version?: string) => boolean } };
  HostType?: { Excel?: unknown };
}

function office(): OfficeLike | undefined {
  const g = globalThis as { Office?: OfficeLike };
  return typeof g.Office === "object" && g.Office !== null ? g.Office : undefined;
}

const outsideOffice: RequirementCheck = {
  ok: false,
  message: "Attendance Insight runs inside Excel. Open the workbook in Excel (desktop or on the web) and start the add-in from the Home tab.",
};

export function checkRequirements(): RequirementCheck {
  const o = office();
  // office.js loaded in an ordinary browser tab has no host and no requirement checker.
  if (!o || !o.context) return outsideOffice;
  if ((o.context.host === undefined || o.context.host === null) && typeof o.context.requirements?.isSetSupported !== "function") {
    return outsideOffice;
  }
  const excelHost = o.HostType?.Excel ?? "Excel";
  if (o.context.host !== undefined && o.context.host !== null && o.context.host !== excelHost) {
    return { ok: false, message: "Attendance Insight works in Excel only. Open your attendance export in Excel and start the add-in there." };
  }
  const requirements = o.context.requirements;
  let supported = false;
  try {
    supported = typeof requirements?.isSetSupported === "function" && requirements.isSetSupported("ExcelApi", requiredExcelApi);
  } catch {
    supported = false;
  }
  if (!supported) {
    const has = highestExcelApi(requirements?.isSetSupported);
    return {
      ok: false,
      message:
        `This version of Excel is too old for Attendance Insight, which needs Excel JavaScript API ${requiredExcelApi} (ExcelApi ${requiredExcelApi}); ` +
        `this Excel has ${has ? `ExcelApi ${has}` : "no version of it"}. To use the add-in, please update Excel (File > Account > Update Options > Update Now), ` +
        `or open the workbook in Excel on the web. Microsoft 365 and Excel 2021 or later have what it needs.`,
    };
  }
  return { ok: true };
}

/** The highest ExcelApi 1.x the host reports (probed downwards), or null: named in the message so IT can tell. */
function highestExcelApi(isSetSupported: ((name: string, version?: string) => boolean) | undefined): string | null {
  if (typeof isSetSupported !== "function") return null;
  for (let minor = 30; minor >= 1; minor--) {
    try {
      if (isSetSupported("ExcelApi", `1.${minor}`)) return `1.${minor}`;
    } catch {
      return null;
    }
  }
  return null;
}

/** True when `Excel.run` may be given `{ delayForCellEdit: true }`. */
export function supportsDelayForCellEdit(): boolean {
  const o = office();
  const requirements = o?.context?.requirements;
  try {
    return typeof requirements?.isSetSupported === "function" && requirements.isSetSupported("ExcelApi", delayForCellEditApi);
  } catch {
    return false;
  }
}
