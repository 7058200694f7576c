import { useCallback, useEffect, useMemo } from "react";
import { Accordion, Button, FluentProvider, makeStyles, Spinner, Text, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { phaseFromPupils } from "../core/report/schoolPhase";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import type { PupilAnalysis } from "../core/rules/pupilAnalysis";
import type { AttendanceSettings } from "../core/rules/settings";
import type { SourceChoice, StoredState, WorkbookGateway } from "../excel/workbookGateway";
import { ErrorBar } from "./components/ErrorBar";
import { OutcomeBar } from "./components/OutcomeBar";
import { localIsoDate } from "../core/common/dates";
import { useActivity } from "./hooks/useActivity";
import { useAfterPaint } from "./hooks/useAfterPaint";
import { useAnalysis, type AnalysisResult } from "./hooks/useAnalysis";
import { useMeetingSheets } from "./hooks/useMeetingSheets";
import { useRules } from "./hooks/useRules";
import { useSource } from "./hooks/useSource";
import { useStoredState } from "./hooks/useStoredState";
import { AnalyseSection } from "./sections/AnalyseSection";
import { MeetingSection } from "./sections/MeetingSection";
import { RulesSection } from "./sections/RulesSection";
import { SourceSection } from "./sections/SourceSection";
import type { PaneTheme } from "./theme";

import { privacyLine } from "./privacyLine";

export { privacyLine };

export interface TaskPaneProps {
  gateway: WorkbookGateway;
  theme: PaneTheme;
  /** ISO yyyy-MM-dd; defaults to the real today (a prop so tests can fix the date). */
  today?: string;
  /**
   * Why the ribbon's "Analyse sheet" could not finish (shared runtime: the button opens this pane to say so).
   * Subscribes; returns the unsubscribe. Wired by the entry file (src/commands/ribbonMessages.ts).
   */
  onRibbonMessage?: (listener: (message: { message: string }) => void) => () => void;
}

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: "640px",
    minWidth: 0,
    // A native list is as wide as its longest option, a text box has a minimum width: both held to the pane,
    // so nothing scrolls sideways at 280 px.
    "& .fui-Select, & select, & .fui-Input, & .fui-Input input": { minWidth: 0, maxWidth: "100%" },
  },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  intro: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  introHeading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  status: { minHeight: "1.5em" },
  footer: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The task pane: choose the data, check the columns, set the rules, analyse, make the meeting sheets. */
export function TaskPane({ gateway, theme, today, onRibbonMessage }: TaskPaneProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme} className={styles.provider} data-theme={theme}>
      <TaskPaneBody gateway={gateway} today={today ?? localIsoDate(new Date())} {...(onRibbonMessage ? { onRibbonMessage } : {})} />
    </FluentProvider>
  );
}

/** Wires the hooks (saved state, source, rules, analysis, meeting sheets) to one component per section. */
function TaskPaneBody({ gateway, today, onRibbonMessage }: { gateway: WorkbookGateway; today: string; onRibbonMessage?: TaskPaneProps["onRibbonMessage"] }) {
  const styles = useStyles();
  const storedState = useStoredState(gateway);
  const { stored, loaded } = storedState;
  const activity = useActivity();
  const rules = useRules(storedState, activity);
  const runSettings = rules.settings ?? stored.settings;
  const source = useSource(gateway, storedState, runSettings, activity);
  const analysis = useAnalysis(gateway, source, activity);
  // The ribbon's button could not finish: say why where Analyse's own messages go.
  const { showAnalyseMessage } = analysis;
  useEffect(() => (onRibbonMessage ? onRibbonMessage(({ message }) => showAnalyseMessage(message)) : undefined), [onRibbonMessage, showAnalyseMessage]);
  const meeting = useMeetingSheets(gateway, storedState, source, activity);

  // Until the saved rules and column choices have loaded, actions would run with the wrong ones.
  const working = activity.busy !== null || !loaded;
  const { settings, saveBeforeRun } = rules;
  const { analyse, trySample, choosePupil, removeAdded } = analysis;
  const { createMeetingSheets } = meeting;
  const staleReasons = useMemo(
    () => (analysis.result ? whyOutOfDate(analysis.result, settings, source.source, stored.mappings) : []),
    [analysis.result, settings, source.source, stored.mappings],
  );
  // The phase the data shows: from the last analysis, else from the columns checked.
  const pupilsSeen = analysis.result?.analysis.pupils ?? (source.preview?.analysis.ok ? source.preview.analysis.analysis.pupils : null);
  // A pass over every pupil, needed only by the meeting form: after the results are drawn.
  const pupilsForPhase = useAfterPaint(pupilsSeen);
  const phaseFromData = useMemo(() => (pupilsForPhase ? phaseFromPupils(pupilsForPhase) : null), [pupilsForPhase]);

  const onAnalyse = useCallback(() => {
    if (settings) void analyse(settings, saveBeforeRun);
  }, [analyse, saveBeforeRun, settings]);
  const onTrySample = useCallback(
    () => void trySample(settings ?? stored.settings, settings ? saveBeforeRun : async () => ({ kind: "saved" }) as const),
    [saveBeforeRun, settings, stored.settings, trySample],
  );
  const onChoosePupil = useCallback((pupil: PupilAnalysis) => void choosePupil(pupil), [choosePupil]);
  const onRemoveAdded = useCallback(() => void removeAdded(settings ?? stored.settings), [removeAdded, settings, stored.settings]);
  const onCreate = useCallback(
    (details: TsmMeetingDetails, shareable: boolean) => {
      if (settings) void createMeetingSheets(settings, details, shareable, saveBeforeRun);
    },
    [createMeetingSheets, saveBeforeRun, settings],
  );

  return (
    <main className={styles.main}>
      <h1 className={styles.h1}>Attendance Insight</h1>

      {storedState.loadError ? <ErrorBar title="Saved choices not read" message={storedState.loadError} /> : null}
      {stored.warning ? <OutcomeBar message={{ intent: "warning", title: "Saved settings not read", text: stored.warning }} /> : null}

      {!analysis.result ? (
        <section className={styles.intro} aria-labelledby="sample-heading">
          <h2 id="sample-heading" className={styles.introHeading}>
            New here?
          </h2>
          <Text>
            See what the add-in does with made-up pupils: it adds a sample sheet to this workbook and analyses it. Your
            own sheets are not changed.
          </Text>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={working} onClick={onTrySample}>
              Try it with sample data
            </Button>
            {activity.busy === "sample" ? <Spinner size="tiny" label="Adding the sample…" labelPosition="after" /> : null}
          </div>
        </section>
      ) : null}

      <Accordion multiple collapsible defaultOpenItems={["source", "analyse"]}>
        <SourceSection source={source} messages={activity.messages} busy={activity.busy} working={working} />
        <RulesSection rules={rules} messages={activity.messages} busy={activity.busy} working={working} loaded={loaded} />
        <AnalyseSection
          result={analysis.result}
          messages={activity.messages}
          staleReasons={staleReasons}
          busy={activity.busy}
          working={working}
          rulesInvalid={settings === null}
          sourceReady={source.sourceReady}
          onAnalyse={onAnalyse}
          onTrySample={onTrySample}
          onChoosePupil={onChoosePupil}
          onRemoveAdded={onRemoveAdded}
        />
        <MeetingSection
          meeting={meeting}
          stored={stored}
          loaded={loaded}
          today={today}
          phaseFromData={phaseFromData}
          messages={activity.messages}
          busy={activity.busy}
          working={working}
          blocked={settings === null || !source.sourceReady}
          onCreate={onCreate}
        />
      </Accordion>

      <div role="status" aria-live="polite" className={styles.status}>
        <Text>{activity.status}</Text>
      </div>

      <footer className={styles.footer}>
        <Text size={200}>{privacyLine}</Text>
      </footer>
    </main>
  );
}

/** Why the results shown no longer match what Analyse would give now (empty: up to date). */
export function whyOutOfDate(
  result: AnalysisResult,
  formSettings: AttendanceSettings | null,
  sourceNow: SourceChoice,
  mappings: StoredState["mappings"],
): string[] {
  const reasons: string[] = [];
  if (result.sheetEdited) reasons.push(`${result.sheetName} has been edited since it was analysed.`);
  if (formSettings && JSON.stringify(formSettings) !== JSON.stringify(result.settings)) {
    reasons.push("The rules in “2. Ladder and rules” have changed since.");
  }
  if (JSON.stringify(sourceNow) !== JSON.stringify(result.source)) reasons.push("A different place is chosen in “1. Your data”.");
  if (JSON.stringify(mappings[result.sheetName] ?? {}) !== JSON.stringify(result.columns)) {
    reasons.push("The column choices for this sheet have changed since.");
  }
  return reasons;
}
