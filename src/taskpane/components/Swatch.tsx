import { makeStyles, tokens } from "@fluentui/react-components";
import type { Band } from "../../core/rules/pupilAnalysis";
import { bandColours } from "../../core/report/styles";

const useStyles = makeStyles({
  swatch: {
    display: "inline-block",
    flexShrink: 0,
    width: "14px",
    height: "14px",
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    verticalAlign: "middle",
  },
});

/** The band's colour as in the sheet. Decorative: the band's name is always written beside it. */
export function Swatch({ band }: { band: Band }) {
  const styles = useStyles();
  return (
    <span
      aria-hidden="true"
      data-band={band}
      className={styles.swatch}
      style={{ backgroundColor: bandColours[band].fill }}
    />
  );
}
