import { memo, useEffect, useId, useMemo, useRef } from "react";
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
import { countToDiscuss } from "../../core/report/pupilOrder";
import type { PupilAnalysis } from "../../core/rules/pupilAnalysis";
import { BandCounts, PersistentIncludingSevere } from "../components/BandCounts";
import { OutcomeBar, type PaneMessage } from "../components/OutcomeBar";
import { PupilList } from "../components/PupilList";
import { localIsoDate, ukDate } from "../../core/common/dates";
import type { SourceChoice } from "../../excel/workbookGateway";
import type { Busy, PaneMessages } from "../hooks/useActivity";
import type { AnalysisResult } from "../hooks/useAnalysis";
import { useAfterPaint } from "../hooks/useAfterPaint";
import { useSectionStyles } from "./sectionStyles";

export interface AnalyseSectionProps {
  result: AnalysisResult | null;
  messages: PaneMessages;
  /** Why the results no longer match the sheet or the rules (empty: up to date). */
  staleReasons: readonly string[];
  busy: Busy;
  working: boolean;
  /** Analyse cannot run: the rules form has a problem. */
  rulesInvalid: boolean;
  sourceReady: boolean;
  onAnalyse: () => void;
  onTrySample: () => void;
  onChoosePupil: (pupil: PupilAnalysis) => void;
  /** "Remove what Analyse added" (docs/rules.md §15). */
  onRemoveAdded: () => void;
}

/** "3. Analyse": the button, and what the last analysis found. */
export function AnalyseSection(props: AnalyseSectionProps) {
  const styles = useSectionStyles();
  const { result, busy, working, messages } = props;
  const analyseOff = working || props.rulesInvalid || !props.sourceReady;
  const removeHelpId = useId();
  return (
    <AccordionItem value="analyse">
      <AccordionHeader as="h2" className={styles.h2}>
        3. Analyse
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.stack}>
          <Text>
            Colours each pupil&apos;s row by band, adds a band column with the reason in words, and lists the pupils to
            discuss. Changed rules are saved for everyone first, so the ribbon&apos;s Analyse sheet agrees.
          </Text>
          <Text size={200}>
            On the sheet, Analyse adds columns to the right of your data (with a Notes column for your own notes, kept
            with each pupil), colours rows with conditional formats, and sets the page setup (landscape, print area and
            titles) and the added columns&apos; widths. Your pasted data is not changed.
          </Text>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={analyseOff} onClick={props.onAnalyse}>
              Analyse
            </Button>
            {busy === "analyse" ? <Spinner size="tiny" label="Analysing…" labelPosition="after" /> : null}
          </div>
          {props.rulesInvalid ? <Text>Fix the rules in “2. Ladder and rules” first.</Text> : null}
          {messages.analyse ? <OutcomeBar message={messages.analyse} /> : null}
          <div className={styles.actions}>
            <Button appearance="secondary" disabled={working || !props.sourceReady} onClick={props.onRemoveAdded} aria-describedby={removeHelpId}>
              Remove what Analyse added
            </Button>
            {busy === "remove" ? <Spinner size="tiny" label="Removing…" labelPosition="after" /> : null}
          </div>
          <Text size={200} id={removeHelpId}>
            Takes the added columns, colours, page setup and widths off the sheet and puts back what was there; notes
            typed in the added columns are kept on a new sheet.
          </Text>
          {messages.sheet ? <OutcomeBar message={messages.sheet} /> : null}
          {result && props.staleReasons.length > 0 ? (
            <OutcomeBar
              message={{ intent: "warning", title: "Out of date: Analyse again", text: props.staleReasons.join(" ") }}
              actions={
                <Button appearance="secondary" size="small" disabled={analyseOff} onClick={props.onAnalyse}>
                  Analyse again
                </Button>
              }
            />
          ) : null}
          {result ? <AnalysisResults result={result} selectMessage={messages.select ?? null} onChoosePupil={props.onChoosePupil} /> : null}
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

/** Where the pupils were read from, in the words of “1. Your data”. */
export function sourceWords(source: SourceChoice): string {
  switch (source.kind) {
    case "selection":
      return "the cells selected";
    case "table":
      return `the table ${source.tableName}`;
    default:
      return "everything on the sheet";
  }
}

/** "14:05 on 29/11/2026": when the results were made. */
function madeAtText(madeAt: Date): string {
  const time = `${String(madeAt.getHours()).padStart(2, "0")}:${String(madeAt.getMinutes()).padStart(2, "0")}`;
  return `${time} on ${ukDate(localIsoDate(madeAt))}`;
}

/**
 * Band counts, the pupil list and the warnings of one analysis. Memoised: typing in the rules form re-renders
 * the pane but not this (docs: the list must stay quick at 20,000 pupils).
 */
const AnalysisResults = memo(function AnalysisResults({
  result,
  selectMessage,
  onChoosePupil,
}: {
  result: AnalysisResult;
  selectMessage: PaneMessage | null;
  onChoosePupil: (pupil: PupilAnalysis) => void;
}) {
  const styles = useSectionStyles();
  const ids = { bands: useId(), pupils: useId() };
  const { analysis, sheetName } = result;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new analysis is the answer to the button just pressed: focus goes to it, not back to the page.
  const made = result.madeAt;
  useEffect(() => {
    headingRef.current?.focus();
  }, [made]);
  const toDiscuss = useMemo(() => countToDiscuss(analysis.pupils), [analysis]);
  // Warnings (a pass over every pupil) follow the list's first drawing: at 20,000 pupils it must be quick.
  const analysisForWarnings = useAfterPaint(analysis);
  const warnings = useMemo(() => (analysisForWarnings === analysis ? analysisWarnings(analysis) : []), [analysis, analysisForWarnings]);
  return (
    <>
      <h3 id={ids.bands} className={styles.h3} ref={headingRef} tabIndex={-1}>
        {`Pupils in each band (${analysis.summary.pupils.toLocaleString("en-GB")} pupils)`}
      </h3>
      <Text size={200}>
        {`From ${sourceWords(result.source)} on ${sheetName}, analysed at ${madeAtText(result.madeAt)} with ${
          result.rules.kind === "trial" ? "trial rules not saved in the workbook" : "the rules saved in this workbook"
        }.`}
      </Text>
      <BandCounts summary={analysis.summary} thresholds={analysis.settings.bands} labelledBy={ids.bands} progress={result.progress} />
      <PersistentIncludingSevere summary={analysis.summary} />
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
      {selectMessage ? <OutcomeBar message={selectMessage} /> : null}
      {analysis.pupils.length > 0 ? (
        <PupilList analysis={analysis} sheetName={sheetName} onChoose={onChoosePupil} progress={result.progress} />
      ) : (
        <Text>No pupils were found.</Text>
      )}
    </>
  );
});
