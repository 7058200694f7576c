import { bandLabels } from "../rules/bandLabels";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import type { CellBlock, PlanValue, SheetPlan } from "./plan";
import type { PupilReferenceBook } from "./pupilReferences";
import { yearGroupText } from "./pupilText";
import { estimateRowHeights } from "./rowHeights";
import { keySheetName } from "./sheetNames";

/**
 * The school-only key linking pupil references (P001 …) to pupils, so the shareable form can name no one
 * while the school still knows who is who (handbook section 25). Read back on the next run to keep the
 * references stable. Marked schoolOnly: never written to a shareable file.
 */
export const keyHeadings = ["Reference", "UPN", "Name", "Year", "Reg group", "Band now", "In this export"];

export function planKeySheet(book: PupilReferenceBook, pupils: readonly PupilAnalysis[]): SheetPlan {
  const headerRow = 3;
  const rows: PlanValue[][] = book.entries.map((entry) => {
    const pupil = entry.pupilIndex === null ? undefined : pupils[entry.pupilIndex];
    return [
      entry.reference,
      entry.upn,
      entry.name || null,
      yearGroupText(entry.yearGroup),
      // Part of the key for pupils without a UPN (pupilReferences.ts identityKey).
      entry.regGroup ?? null,
      pupil ? bandLabels[pupil.band].long : null,
      pupil ? "Yes" : "No",
    ];
  });
  const blocks: CellBlock[] = [
    { row: 0, column: 0, values: [["Pupil key (school only)"]], style: "title" },
    {
      row: 1,
      column: 0,
      values: [
        [
          "Keep this sheet in school. It links the references on the Targeting Support Meeting form to pupils; never share or send it. References stay the same from one meeting to the next.",
        ],
      ],
      style: "warning",
    },
    { row: headerRow, column: 0, values: [keyHeadings], style: "tableHeader" },
  ];
  if (rows.length > 0) {
    blocks.push({
      row: headerRow + 1,
      column: 0,
      values: rows,
      numberFormats: keyHeadings.map(() => "@"),
      style: "value",
    });
  }
  const columnWidths = [11, 16, 30, 11, 24, 13];
  return {
    role: "key",
    name: keySheetName,
    tabColour: "#800020",
    blocks,
    columnWidths,
    merges: [],
    freeze: { rows: headerRow + 1, columns: 1 },
    conditionalFormats: [],
    dataValidations: [],
    print: {
      orientation: "portrait",
      fitToPagesWide: 1,
      repeatRows: { first: headerRow, last: headerRow },
      headerCentre: "Pupil key (school only)",
      footerCentre: "OFFICIAL-SENSITIVE",
      footerRight: "Page {page} of {pages}",
    },
    charts: [],
    inputRanges: [],
    schoolOnly: true,
    rowHeights: estimateRowHeights(blocks, columnWidths),
  };
}
