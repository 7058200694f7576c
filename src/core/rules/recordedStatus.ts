import type { ColumnMapping, PupilRecord } from "../read/pupilRecord";
import { bandLabels } from "./bandLabels";
import type { Band } from "./pupilAnalysis";
import { attendancePercentText } from "./reasons";


/**
 * A status column in the export ("Persistent Absence" 1/blank, "SA?" Y/N) that disagrees with the band
 * worked out from the figures (docs/rules.md §2; docs/architecture.md "What must never happen"). The band always
 * comes from the figures; the disagreement is one warning that names the pupil, so that the school
 * checks the figures and the columns rather than a pupil quietly dropping out of the list.
 * Null when the export has no status column, the cell cannot be read, or the two agree.
 */
export function statusDisagreement(
  record: PupilRecord,
  band: Band,
  attendancePercent: number | null,
  mapping: ColumnMapping,
): string | null {
  const status = record.recordedStatus;
  if (!status) return null;
  const persistent = band === "persistent" || band === "severe";
  const severe = band === "severe";
  let field: "persistentAbsenceFlag" | "severeAbsenceFlag" | null = null;
  let says: boolean | null = null;
  if (status.persistent !== null && (band === "no-data" ? status.persistent : status.persistent !== persistent)) {
    field = "persistentAbsenceFlag";
    says = status.persistent;
  } else if (status.severe !== null && (band === "no-data" ? status.severe : status.severe !== severe)) {
    field = "severeAbsenceFlag";
    says = status.severe;
  }
  if (field === null) return null;
  const heading = mapping.columns[field]?.heading.replace(/\s+/g, " ").trim() || (field === "severeAbsenceFlag" ? "SA" : "PA");
  const bandWords = field === "severeAbsenceFlag" ? "severely absent" : "persistently absent";
  const figures =
    band === "no-data"
      ? "the export gives no attendance figures for this pupil"
      : `the figures give ${attendancePercent !== null ? `${attendancePercentText(attendancePercent)} attendance, ` : ""}${bandLabels[band].long.replace(/\s*\(.*\)$/, "").toLowerCase()}`;
  const who = record.name !== "" ? `${record.name}: t` : "T";
  return `${who}he export's "${heading}" column ${says ? "marks this pupil as" : "does not mark this pupil as"} ${bandWords}, but ${figures}. The band shown comes from the figures: check this pupil's figures and the columns chosen.`;
}
