import { useId, useState } from "react";
import { Button, createFocusOutlineStyle, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Framework, PupilAnalysis } from "../../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../../core/rules/settings";
import { bandLabels } from "../../core/rules/bandLabels";
import { levelText, reasonsText, stageText, yearGroupText } from "../../core/report/pupilText";
import { patternText } from "../../core/rules/patterns/patternText";
import { attendancePercentText } from "../../core/rules/reasons";
import { Swatch } from "./Swatch";

/** How many pupils to show before "Show all": the pane is narrow and long lists are slow to scan. */
const firstPage = 30;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  name: {
    appearance: "none",
    border: "none",
    background: "none",
    padding: 0,
    margin: 0,
    textAlign: "start",
    cursor: "pointer",
    color: tokens.colorBrandForegroundLink,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: "underline",
    borderRadius: tokens.borderRadiusSmall,
    ...createFocusOutlineStyle(),
  },
  band: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

/** The suggestion for the chosen ladder, in the words the sheet uses. */
function ladderText(pupil: PupilAnalysis, settings: AttendanceSettings, framework: Framework): string {
  const stage = stageText(pupil.stage, settings) ?? "No stage";
  const level = levelText(pupil.level, settings);
  if (framework === "stages") return stage;
  if (framework === "levels") return level;
  return `${stage} · ${level}`;
}

export interface PupilListProps {
  pupils: readonly PupilAnalysis[];
  settings: AttendanceSettings;
  sheetName: string;
  onChoose: (pupil: PupilAnalysis) => void;
}

/**
 * The pupils to discuss with what the core said about each (and the pattern in their marks, where the sheet
 * has them); choosing one selects their row in the sheet.
 */
export function PupilList({ pupils, settings, sheetName, onChoose }: PupilListProps) {
  const styles = useStyles();
  const baseId = useId();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? pupils : pupils.slice(0, firstPage);
  return (
    <>
      <ul className={styles.list}>
        {shown.map((pupil, index) => {
          const summaryId = `${baseId}-summary-${index}`;
          return (
            // The name is the keyboard target (a real button: Enter and Space work); the whole card is a
            // larger target for the mouse.
            <li key={pupil.record.sourceRow} className={styles.item} onClick={() => onChoose(pupil)}>
              <button
                type="button"
                className={styles.name}
                // Starts with the visible name (WCAG 2.5.3), then says what choosing it does.
                aria-label={`${pupil.record.name || `Row ${pupil.record.sourceRow}`}, go to row ${pupil.record.sourceRow} on ${sheetName}`}
                aria-describedby={summaryId}
                onClick={(event) => {
                  event.stopPropagation();
                  onChoose(pupil);
                }}
              >
                {pupil.record.name || `Row ${pupil.record.sourceRow}`}
              </button>
              <Text size={200} id={summaryId}>
                {`${yearGroupText(pupil.record.yearGroup) ?? "Year not given"} · attendance ${pupil.attendancePercent === null ? "not known" : attendancePercentText(pupil.attendancePercent)} · ${bandLabels[pupil.band].long}`}
              </Text>
              <span className={styles.band}>
                <Swatch band={pupil.band} />
                <Text size={200}>{ladderText(pupil, settings, settings.framework)}</Text>
              </span>
              <Text size={200}>
                <strong>Next step: </strong>
                {pupil.suggestedAction}
              </Text>
              {pupil.patterns ? (
                <Text size={200}>
                  <strong>Pattern: </strong>
                  {patternText(pupil.patterns, settings.patterns)}
                </Text>
              ) : null}
              <Text size={200}>
                <strong>Why: </strong>
                {reasonsText(pupil.reasons)}
              </Text>
            </li>
          );
        })}
      </ul>
      {pupils.length > shown.length ? (
        <Button appearance="secondary" onClick={() => setShowAll(true)}>
          {`Show all ${pupils.length} pupils`}
        </Button>
      ) : null}
    </>
  );
}
