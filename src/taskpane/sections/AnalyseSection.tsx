import { memo, useId, useMemo } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { analysisWarnings } from "../../core/report/analysisWarnings";
import { pupilPriorityOrder, pupilsToDiscuss } from "../../core/report/pupilOrder";
import type { PupilAnalysis } from "../../core/rules/pupilAnalysis";
import { BandCounts } from "../components/BandCounts";
import { ErrorBar } from "../components/ErrorBar";
import { PupilList } from "../components/PupilList";
import type { Busy } from "../hooks/useActivity";
import type { AnalysisResult } from "../hooks/useAnalysis";
import { useSectionStyles } from "./sectionStyles";

export interface AnalyseSectionProps {
  result: AnalysisResult | null;
  analyseError: string | null;
  selectError: string | null;
  busy: Busy;
  working: boolean;
  /** Analyse cannot run: the rules form has a problem. */
  rulesInvalid: boolean;
  sourceReady: boolean;
  onAnalyse: () => void;
  onTrySample: () => void;
  onChoosePupil: (pupil: PupilAnalysis) => void;
}

/** "3. Analyse": the button, and what the last analysis found. */
export function AnalyseSection(props: AnalyseSectionProps) {
  const styles = useSectionStyles();
  const { result, busy, working } = props;
  return (
    <AccordionItem value="analyse">
      <AccordionHeader as="h2" className={styles.h2}>
        3. Analyse
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.stack}>
          <Text>
            Colours each pupil&apos;s row by band, adds a band column with the reason in words, and lists the pupils to
            discuss.
          </Text>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={working || props.rulesInvalid || !props.sourceReady} onClick={props.onAnalyse}>
              Analyse
            </Button>
            {busy === "analyse" ? <Spinner size="tiny" label="Analysing…" labelPosition="after" /> : null}
          </div>
          {props.rulesInvalid ? <Text>Fix the rules in “2. Ladder and rules” first.</Text> : null}
          {props.analyseError ? <ErrorBar title="Not analysed" message={props.analyseError} /> : null}
          {result ? (
            <AnalysisResults result={result} selectError={props.selectError} onChoosePupil={props.onChoosePupil} />
          ) : null}
          {result ? (
            <div className={styles.actions}>
              <Button appearance="secondary" disabled={working} onClick={props.onTrySample}>
                Try it with sample data
              </Button>
              {busy === "sample" ? <Spinner size="tiny" label="Adding the sample…" labelPosition="after" /> : null}
            </div>
          ) : null}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

/**
 * Band counts, the pupil list and the warnings of one analysis. Memoised: typing in the rules form re-renders
 * the pane but not this (docs: the list must stay quick at 20,000 pupils).
 */
const AnalysisResults = memo(function AnalysisResults({
  result,
  selectError,
  onChoosePupil,
}: {
  result: AnalysisResult;
  selectError: string | null;
  onChoosePupil: (pupil: PupilAnalysis) => void;
}) {
  const styles = useSectionStyles();
  const ids = { bands: useId(), pupils: useId() };
  const { analysis, sheetName } = result;
  const order = useMemo(() => pupilPriorityOrder(analysis.pupils), [analysis]);
  const toDiscuss = useMemo(() => pupilsToDiscuss(analysis.pupils).length, [analysis]);
  const warnings = useMemo(() => analysisWarnings(analysis), [analysis]);
  return (
    <>
      <h3 id={ids.bands} className={styles.h3}>
        {`Pupils in each band (${analysis.summary.pupils.toLocaleString("en-GB")} pupils)`}
      </h3>
      <BandCounts summary={analysis.summary} thresholds={analysis.settings.bands} labelledBy={ids.bands} />
      {warnings.length > 0 ? (
        <Accordion collapsible>
          <AccordionItem value="warnings">
            <AccordionHeader as="h3" size="small">
              {`Warnings (${warnings.length.toLocaleString("en-GB")})`}
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list}>
                {warnings.map((warning, index) => (
                  <li key={index}>
                    <Text size={200}>
                      {warning.sourceRow !== null && warning.pupilName
                        ? `${warning.pupilName} (row ${warning.sourceRow}): ${warning.message}`
                        : warning.message}
                    </Text>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : null}
      <h3 id={ids.pupils} className={styles.h3}>
        {`Severe and persistent absence (${toDiscuss.toLocaleString("en-GB")})`}
      </h3>
      <Text size={200}>Choose a pupil to go to their row in the sheet.</Text>
      {selectError ? <ErrorBar title="Row not selected" message={selectError} /> : null}
      {analysis.pupils.length > 0 ? (
        <PupilList analysis={analysis} order={order} sheetName={sheetName} onChoose={onChoosePupil} />
      ) : (
        <Text>No pupils were found.</Text>
      )}
    </>
  );
});
