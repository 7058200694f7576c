import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { AttendanceSummary, Band } from "../../core/rules/pupilAnalysis";
import { ukDate } from "../../core/common/dates";
import type { ProgressResult } from "../../core/progress/pupilProgress";
import { bandLabelsFor, bandOrder } from "../../core/rules/bandLabels";
import type { AttendanceSettings } from "../../core/rules/settings";
import { persistentIncludingSevere } from "../../core/report/figureTables";
import { Swatch } from "./Swatch";


const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  text: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  line: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  count: { whiteSpace: "nowrap", flexShrink: 0 },
  swatchBox: { paddingTop: "3px" },
});

/** Pupils in each band: swatch, the band's name and its count (never colour alone). */
export function BandCounts({
  summary,
  thresholds,
  labelledBy,
  progress = null,
}: {
  summary: AttendanceSummary;
  /** The change since the last analysis in the workbook's history ("PA 36 (+4)"), or null on the first. */
  progress?: ProgressResult | null;
  /** The thresholds the analysis used, so each description states the school's own line. */
  thresholds: AttendanceSettings["bands"];
  labelledBy: string;
}) {
  const styles = useStyles();
  const bandLabels = bandLabelsFor(thresholds);
  return (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {bandOrder.map((band) => (
        <li key={band} className={styles.item} data-testid={`band-${band}`}>
          <span className={styles.swatchBox}>
            <Swatch band={band} />
          </span>
          <span className={styles.text}>
            <span className={styles.line}>
              <Text weight="semibold">{bandLabels[band].long}</Text>
              <Text weight="semibold" className={styles.count}>
                {pupilCount(summary.bandCounts[band])}
                {changeText(progress, band)}
              </Text>
            </span>
            <Text size={200}>{bandLabels[band].description}</Text>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The headline PA figure as the governors' summary and the DfE give it: persistent absence with severe
 * absence included (every SA pupil is also persistently absent). Said beside the bands, which count SA apart.
 */
export function PersistentIncludingSevere({ summary }: { summary: AttendanceSummary }) {
  const count = persistentIncludingSevere(summary.bandCounts);
  return <Text size={200}>{`Persistent absence with SA included, as the governors' summary counts it: ${pupilCount(count)}.`}</Text>;
}

/** " (+4 since 07/11/2025)", " (no change since …)", or nothing without an earlier analysis. */
function changeText(progress: ProgressResult | null, band: Band): string {
  const change = progress?.bandCountChange?.[band];
  if (change === undefined || progress?.previousDate == null) return "";
  const since = `since ${ukDate(progress.previousDate)}`;
  if (change === 0) return ` (no change ${since})`;
  return ` (${change > 0 ? "+" : "−"}${Math.abs(change).toLocaleString("en-GB")} ${since})`;
}

export function pupilCount(count: number): string {
  return count === 1 ? "1 pupil" : `${count.toLocaleString("en-GB")} pupils`;
}
