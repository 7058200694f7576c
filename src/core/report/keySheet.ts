import { bandLabels } from "../rules/bandLabels";
import type { PupilAnalysis } from "../rules/pupilAnalysis";
import type { CellBlock, PlanValue, SheetPlan } from "./plan";
import { excelDateSerial } from "../common/dates";
import { admissionNumberHeading, dateOfBirthHeading, type PupilReferenceBook, type ReferenceEntry } from "./pupilReferences";
import { tsmDateFormat } from "./tsmColumns";
import { yearGroupText } from "./pupilText";
import { estimateRowHeights } from "./rowHeights";
import { keySheetName } from "./sheetNames";

/**
 * The school-only key linking pupil references (P001 …) to pupils, so the shareable form can name no one
 * while the school still knows who is who (handbook section 25). Read back on the next run to keep the
 * references stable. Marked schoolOnly: never written to a shareable file.
 */

interface KeyColumn {
  heading: string;
  width: number;
  format: string;
  value: (entry: ReferenceEntry, pupil: PupilAnalysis | undefined) => PlanValue;
}

/**
 * The key's columns: the admission number and date of birth only where some pupil in it has one (they
 * tell apart pupils of the same name without a UPN: docs/rules.md §7), each read back by its heading.
 */
function keyColumns(book: PupilReferenceBook): KeyColumn[] {
  const withAdmission = book.entries.some((e) => e.admissionNumber);
  const withBirth = book.entries.some((e) => e.dateOfBirth);
  const text = (heading: string, width: number, value: KeyColumn["value"]): KeyColumn => ({ heading, width, format: "@", value });
  return [
    text("Reference", 11, (e) => e.reference),
    text("UPN", 16, (e) => e.upn),
    ...(withAdmission ? [text(admissionNumberHeading, 14, (e) => e.admissionNumber ?? null)] : []),
    text("Name", 30, (e) => e.name || null),
    ...(withBirth
      ? [{ heading: dateOfBirthHeading, width: 12, format: tsmDateFormat, value: (e: ReferenceEntry) => (e.dateOfBirth ? excelDateSerial(e.dateOfBirth) : null) }]
      : []),
    text("Year", 11, (e) => yearGroupText(e.yearGroup)),
    // Part of the key for pupils without a UPN (pupilIdentity.ts identityKey).
    text("Reg group", 14, (e) => e.regGroup ?? null),
    text("Band now", 26, (_e, pupil) => (pupil ? bandLabels[pupil.band].long : null)),
    text("In this export", 13, (_e, pupil) => (pupil ? "Yes" : "No")),
  ];
}

export function planKeySheet(book: PupilReferenceBook, pupils: readonly PupilAnalysis[]): SheetPlan {
  const headerRow = 3;
  const columns = keyColumns(book);
  const rows: PlanValue[][] = book.entries.map((entry) => {
    const pupil = entry.pupilIndex === null ? undefined : pupils[entry.pupilIndex];
    return columns.map((column) => column.value(entry, pupil));
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
    { row: headerRow, column: 0, values: [columns.map((c) => c.heading)], style: "tableHeader" },
  ];
  if (rows.length > 0) {
    blocks.push({
      row: headerRow + 1,
      column: 0,
      values: rows,
      numberFormats: columns.map((c) => c.format),
      style: "value",
    });
  }
  const columnWidths = columns.map((c) => c.width);
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
