import { useEffect, useId, useMemo, useRef, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { ColumnField } from "../core/read/pupilRecord";
import type { NationalFigureTable } from "../core/report/nationalFigures";
import type { TsmMeetingDetails } from "../core/report/tsmDetails";
import type { Analysis, PupilAnalysis } from "../core/rules/pupilAnalysis";
import { defaultSettings, type AttendanceSettings } from "../core/rules/settings";
import { validateSettings } from "../core/rules/validateSettings";
import type {
  AnalyseOutcome,
  MappingOverride,
  SourceChoice,
  SourcePreview,
  StoredState,
  WorkbookGateway,
} from "../excel/workbookGateway";
import { BandCounts, pupilCount } from "./components/BandCounts";
import { ColumnMappingEditor } from "./components/ColumnMapping";
import { ErrorBar, unexpectedErrorMessage } from "./components/ErrorBar";
import { MeetingForm, type MeetingDraft } from "./components/MeetingForm";
import { NationalFigures } from "./components/NationalFigures";
import { PupilList } from "./components/PupilList";
import { RulesForm } from "./components/RulesForm";
import { localIsoDate, ukDate } from "../core/common/dates";
import { draftFromSettings, draftToInput, type SettingsDraft } from "./settingsDraft";
import type { PaneTheme } from "./theme";

export const privacyLine = "Pupil data stays in this workbook. The add-in sends nothing anywhere.";

export interface TaskPaneProps {
  gateway: WorkbookGateway;
  theme: PaneTheme;
  /** ISO yyyy-MM-dd; defaults to the real today (a prop so tests can fix the date). */
  today?: string;
}

type Busy = null | "preview" | "analyse" | "sample" | "meeting" | "save";

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: "640px",
  },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  h2: { margin: 0 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  intro: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  introHeading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  status: { minHeight: "1.5em" },
  warnings: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  footer: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The task pane: choose the data, check the columns, set the rules, analyse, make the meeting sheets. */
export function TaskPane({ gateway, theme, today }: TaskPaneProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme} className={styles.provider} data-theme={theme}>
      <TaskPaneBody gateway={gateway} today={today ?? localIsoDate(new Date())} />
    </FluentProvider>
  );
}

const emptyState: StoredState = { settings: defaultSettings, details: null, mappings: {} };

function TaskPaneBody({ gateway, today }: { gateway: WorkbookGateway; today: string }) {
  const styles = useStyles();
  const ids = {
    bands: useId(),
    pupils: useId(),
    tableSelect: useId(),
  };

  // What is saved in the workbook (the last state loaded or saved).
  const [stored, setStored] = useState<StoredState>(emptyState);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const touched = useRef({ rules: false });

  // 1. Source and columns
  const [source, setSource] = useState<SourceChoice>({ kind: "usedRange" });
  const [tables, setTables] = useState<string[] | null>(null);
  const [preview, setPreview] = useState<SourcePreview | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);

  // 2. Rules
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(defaultSettings));
  const [rulesMessage, setRulesMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);

  // 3. Analyse
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState("");
  const [result, setResult] = useState<{ analysis: Analysis; sheetName: string } | null>(null);
  const [analyseError, setAnalyseError] = useState<string | null>(null);
  const [selectError, setSelectError] = useState<string | null>(null);

  // 4. Meeting
  const [meetingResult, setMeetingResult] = useState<string[] | null>(null);
  const [meetingError, setMeetingError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    gateway.loadStoredState().then(
      (loadedState) => {
        if (!live) return;
        if (!loadedState.ok) {
          setLoaded(true);
          setLoadError(`${loadedState.message} Until then the default rules apply.`);
          return;
        }
        const state = loadedState.value;
        setStored(state);
        setLoaded(true);
        if (!touched.current.rules) setDraft(draftFromSettings(state.settings));
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded(true);
        setLoadError(
          `${unexpectedErrorMessage("reading the add-in's saved choices from this workbook", error)} Until then the default rules apply.`,
        );
      },
    );
    return () => {
      live = false;
    };
  }, [gateway]);

  const validation = useMemo(() => validateSettings(draftToInput(draft, stored.settings)), [draft, stored.settings]);
  const settings: AttendanceSettings | null = validation.ok ? validation.settings : null;
  const rulesChanged = settings !== null && JSON.stringify(settings) !== JSON.stringify(stored.settings);
  const sourceReady = source.kind !== "table" || source.tableName !== "";
  // Until the saved rules and column choices have loaded, actions would run with the wrong ones.
  const working = busy !== null || !loaded;

  const overrideFor = (sheetName: string | undefined): MappingOverride | undefined => {
    if (sheetName === undefined) return undefined;
    const override = stored.mappings[sheetName];
    return override && Object.keys(override).length > 0 ? override : undefined;
  };

  /** Saves in workbook.settings; throws (for the caller to explain) when Excel refuses. */
  async function save(next: StoredState): Promise<void> {
    const saved = await gateway.saveStoredState(next);
    if (!saved.ok) throw new Error(saved.message);
    setStored(next);
  }

  // --- 1. Source -----------------------------------------------------------------------------------------

  function chooseSourceKind(kind: string) {
    setPreview(null);
    setSourceError(null);
    if (kind === "selection") setSource({ kind: "selection" });
    else if (kind === "table") {
      setSource({ kind: "table", tableName: tables?.[0] ?? "" });
      if (tables === null) void learnTables();
    } else setSource({ kind: "usedRange" });
  }

  /** The table list comes with a preview; a read-only preview of the used range fetches it. */
  async function learnTables() {
    setBusy("preview");
    setStatus("Looking for tables in this workbook…");
    try {
      const answer = await gateway.preview({ kind: "usedRange" }, settings ?? stored.settings);
      if (!answer.ok) {
        setSourceError(answer.message);
        return;
      }
      const found = answer.value;
      setTables(found.tables);
      setSource((current) =>
        current.kind === "table" && current.tableName === "" ? { kind: "table", tableName: found.tables[0] ?? "" } : current,
      );
    } catch (error) {
      setSourceError(unexpectedErrorMessage("looking for tables", error));
    } finally {
      setBusy(null);
      setStatus("");
    }
  }

  /** Reads the source and shows the columns found. Read-only: nothing in the workbook changes. */
  async function checkColumns(override?: MappingOverride) {
    setBusy("preview");
    setSourceError(null);
    setStatus("Reading the columns…");
    try {
      const runSettings = settings ?? stored.settings;
      const answer = await gateway.preview(source, runSettings, override);
      if (!answer.ok) {
        setPreview(null);
        setSourceError(answer.message);
        return;
      }
      let found = answer.value;
      // First look at a sheet: apply the columns the user chose for it before.
      const remembered = override === undefined ? overrideFor(found.sheetName) : undefined;
      if (remembered) {
        const again = await gateway.preview(source, runSettings, remembered);
        if (again.ok) found = again.value;
      }
      setTables(found.tables);
      setPreview(found);
      if (!found.analysis.ok) setSourceError(found.analysis.message);
      setStatus(found.analysis.ok ? `Columns read from ${found.address}.` : "");
    } catch (error) {
      setPreview(null);
      setSourceError(unexpectedErrorMessage("reading the columns", error));
      setStatus("");
    } finally {
      setBusy(null);
    }
  }

  async function changeColumn(field: ColumnField, column: number | null) {
    if (!preview) return;
    const sheetName = preview.sheetName;
    const override: MappingOverride = { ...(stored.mappings[sheetName] ?? {}), [field]: column };
    await rememberAndRecheck(sheetName, override);
  }

  async function forgetColumns() {
    if (!preview) return;
    await rememberAndRecheck(preview.sheetName, {});
  }

  async function rememberAndRecheck(sheetName: string, override: MappingOverride) {
    const mappings = { ...stored.mappings };
    if (Object.keys(override).length > 0) mappings[sheetName] = override;
    else delete mappings[sheetName];
    try {
      await save({ ...stored, mappings });
    } catch (error) {
      // The choice still applies to this check; say it will not be remembered.
      setSourceError(
        `Your column choice applies now but could not be saved in the workbook, so it will be forgotten when the pane closes. ${unexpectedErrorMessage("saving it", error)}`,
      );
      setStored((current) => ({ ...current, mappings }));
    }
    await checkColumns(override);
  }

  // --- 2. Rules ------------------------------------------------------------------------------------------

  function changeDraft(next: SettingsDraft) {
    touched.current.rules = true;
    setRulesMessage(null);
    setDraft(next);
  }

  async function saveRules() {
    if (!settings) return;
    setBusy("save");
    try {
      await save({ ...stored, settings });
      setRulesMessage({ intent: "success", text: "Saved. Everyone who opens this workbook gets these rules." });
    } catch (error) {
      setRulesMessage({ intent: "error", text: unexpectedErrorMessage("saving the rules in this workbook", error) });
    } finally {
      setBusy(null);
    }
  }

  function restoreDefaults() {
    changeDraft(draftFromSettings(defaultSettings));
    setRulesMessage({
      intent: "success",
      text: "Defaults restored in the form. Choose “Save for everyone in this workbook” to keep them.",
    });
  }

  // --- 3. Analyse ----------------------------------------------------------------------------------------

  /** The user's remembered columns for the sheet being analysed (a read-only preview finds the sheet). */
  async function overrideForRun(runSettings: AttendanceSettings): Promise<MappingOverride | undefined> {
    if (preview) return overrideFor(preview.sheetName);
    if (Object.keys(stored.mappings).length === 0) return undefined;
    const found = await gateway.preview(source, runSettings);
    return found.ok ? overrideFor(found.value.sheetName) : undefined;
  }

  function showOutcome(outcome: AnalyseOutcome) {
    if (!outcome.ok) {
      setAnalyseError(outcome.message);
      setStatus("");
      return;
    }
    const { analysis, sheetName } = outcome.value;
    setResult({ analysis, sheetName });
    const counts = analysis.summary.bandCounts;
    setStatus(
      `Analysed ${pupilCount(analysis.summary.pupils)} on ${sheetName}: ${counts.severe} severe absence, ${counts.persistent} persistent absence, ${counts["at-risk"]} at risk.`,
    );
  }

  async function analyse() {
    if (!settings) return;
    setBusy("analyse");
    setAnalyseError(null);
    setSelectError(null);
    setStatus("Starting…");
    try {
      const mappingOverride = await overrideForRun(settings);
      const outcome = await gateway.analyse({ source, settings, mappingOverride, onProgress: setStatus });
      showOutcome(outcome);
    } catch (error) {
      setAnalyseError(unexpectedErrorMessage("analysing the sheet", error));
      setStatus("");
    } finally {
      setBusy(null);
    }
  }

  async function trySample() {
    const runSettings = settings ?? stored.settings;
    setBusy("sample");
    setAnalyseError(null);
    setSelectError(null);
    setStatus("Adding a sheet of made-up pupils and analysing it…");
    try {
      const outcome = await gateway.insertSampleAndAnalyse(runSettings);
      // The sample sheet is now the active sheet: later runs read it.
      setSource({ kind: "usedRange" });
      setPreview(null);
      showOutcome(outcome);
    } catch (error) {
      setAnalyseError(unexpectedErrorMessage("adding the sample data", error));
      setStatus("");
    } finally {
      setBusy(null);
    }
  }

  async function choosePupil(pupil: PupilAnalysis) {
    if (!result) return;
    setSelectError(null);
    try {
      const selected = await gateway.selectPupilRow(result.sheetName, pupil.record.sourceRow);
      if (!selected.ok) setSelectError(selected.message);
    } catch (error) {
      setSelectError(unexpectedErrorMessage(`going to row ${pupil.record.sourceRow} on ${result.sheetName}`, error));
    }
  }

  // --- 4. Meeting ----------------------------------------------------------------------------------------

  /** Saves the school's national figures for everyone in the workbook; null goes back to the shipped table. */
  async function saveNationalFigures(table: NationalFigureTable | null): Promise<void> {
    const { nationalFigures: _previous, ...rest } = stored;
    await save(table ? { ...rest, nationalFigures: table } : rest);
  }

  async function createMeetingSheets(details: TsmMeetingDetails, shareable: boolean) {
    if (!settings) return;
    setBusy("meeting");
    setMeetingError(null);
    setMeetingResult(null);
    setStatus("Making the TSM form and governors' summary…");
    try {
      try {
        await save({ ...stored, details });
      } catch {
        // Not fatal: the sheets can still be made; the details are just not remembered.
      }
      const mappingOverride = await overrideForRun(settings);
      const outcome = await gateway.generateMeetingSheets({
        source,
        settings,
        mappingOverride,
        onProgress: setStatus,
        details,
        shareable,
        ...(stored.nationalFigures ? { nationalFigures: stored.nationalFigures } : {}),
      });
      if (outcome.ok) {
        setMeetingResult(outcome.value.sheetNames);
        setStatus([`Created ${outcome.value.sheetNames.join(", ")}.`, ...outcome.value.notes].join(" "));
      } else {
        setMeetingError(outcome.message);
        setStatus("");
      }
    } catch (error) {
      setMeetingError(unexpectedErrorMessage("making the meeting sheets", error));
      setStatus("");
    } finally {
      setBusy(null);
    }
  }

  // --- Render --------------------------------------------------------------------------------------------

  const analysis = result?.analysis ?? null;
  const priorityPupils = analysis ? priorityOrder(analysis.pupils) : [];
  const warnings = analysis ? warningLines(analysis) : [];
  const previewMapping = preview?.analysis.ok ? preview.analysis.analysis.mapping : null;

  return (
    <main className={styles.main}>
      <h1 className={styles.h1}>Attendance Insight</h1>

      {loadError ? <ErrorBar title="Saved choices not read" message={loadError} /> : null}

      {!analysis ? (
        <section className={styles.intro} aria-labelledby="sample-heading">
          <h2 id="sample-heading" className={styles.introHeading}>
            New here?
          </h2>
          <Text>
            See what the add-in does with made-up pupils: it adds a sample sheet to this workbook and analyses it.
            Your own sheets are not changed.
          </Text>
          <Button appearance="primary" disabled={working} onClick={() => void trySample()}>
            Try it with sample data
          </Button>
        </section>
      ) : null}

      <Accordion multiple collapsible defaultOpenItems={["source", "analyse"]}>
        <AccordionItem value="source">
          <AccordionHeader as="h2" className={styles.h2}>
            1. Your data
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.stack}>
              <Field label="Where are the pupils?" hint="Paste your MIS export into a sheet, then choose where it is.">
                <Select value={source.kind} disabled={working} onChange={(_, data) => chooseSourceKind(data.value)}>
                  <option value="usedRange">Everything on the active sheet</option>
                  <option value="selection">The cells I have selected</option>
                  <option value="table">A table</option>
                </Select>
              </Field>
              {source.kind === "table" ? (
                tables !== null && tables.length === 0 ? (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      This workbook has no tables. Choose “Everything on the active sheet” or “The cells I have
                      selected”, or make a table with Insert &gt; Table.
                    </MessageBarBody>
                  </MessageBar>
                ) : (
                  <Field label="Table">
                    <Select
                      id={ids.tableSelect}
                      value={source.tableName}
                      disabled={working || tables === null}
                      onChange={(_, data) => {
                        setPreview(null);
                        setSource({ kind: "table", tableName: data.value });
                      }}
                    >
                      {(tables ?? []).map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                    </Select>
                  </Field>
                )
              ) : null}
              <div className={styles.actions}>
                <Button appearance="secondary" disabled={working || !sourceReady} onClick={() => void checkColumns()}>
                  Check columns
                </Button>
              </div>
              {sourceError ? <ErrorBar title="Columns not read" message={sourceError} /> : null}
              {preview && previewMapping ? (
                <ColumnMappingEditor
                  preview={preview}
                  mapping={previewMapping}
                  override={stored.mappings[preview.sheetName] ?? {}}
                  disabled={working}
                  onChange={(field, column) => void changeColumn(field, column)}
                  onForget={() => void forgetColumns()}
                />
              ) : null}
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="rules">
          <AccordionHeader as="h2" className={styles.h2}>
            2. Ladder and rules
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.stack}>
              <RulesForm
                draft={draft}
                errors={validation.ok ? [] : validation.errors}
                disabled={working}
                saveDisabled={!loaded || !rulesChanged}
                onChange={changeDraft}
                onSave={() => void saveRules()}
                onRestoreDefaults={restoreDefaults}
              />
              {rulesMessage ? (
                rulesMessage.intent === "error" ? (
                  <ErrorBar title="Rules not saved" message={rulesMessage.text} />
                ) : (
                  <MessageBar intent="success" layout="multiline">
                    <MessageBarBody>{rulesMessage.text}</MessageBarBody>
                  </MessageBar>
                )
              ) : null}
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="analyse">
          <AccordionHeader as="h2" className={styles.h2}>
            3. Analyse
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.stack}>
              <Text>
                Colours each pupil&apos;s row by band, adds a band column with the reason in words, and lists the
                pupils to discuss.
              </Text>
              <div className={styles.actions}>
                <Button appearance="primary" disabled={working || !settings || !sourceReady} onClick={() => void analyse()}>
                  Analyse
                </Button>
              </div>
              {!settings ? (
                <Text>Fix the rules in “2. Ladder and rules” first.</Text>
              ) : null}
              {busy === "analyse" || busy === "sample" || busy === "meeting" ? (
                <Spinner size="tiny" label="Working…" labelPosition="after" />
              ) : null}
              {analyseError ? <ErrorBar title="Not analysed" message={analyseError} /> : null}
              {analysis && result ? (
                <>
                  <h3 id={ids.bands} className={styles.h3}>
                    {`Pupils in each band (${analysis.summary.pupils} pupils)`}
                  </h3>
                  <BandCounts summary={analysis.summary} thresholds={analysis.settings.bands} labelledBy={ids.bands} />
                  <h3 id={ids.pupils} className={styles.h3}>
                    {`Severe and persistent absence (${priorityPupils.length})`}
                  </h3>
                  <Text size={200}>Choose a pupil to go to their row in the sheet.</Text>
                  {selectError ? <ErrorBar title="Row not selected" message={selectError} /> : null}
                  {priorityPupils.length > 0 ? (
                    <PupilList
                      pupils={priorityPupils}
                      settings={analysis.settings}
                      sheetName={result.sheetName}
                      onChoose={(pupil) => void choosePupil(pupil)}
                    />
                  ) : (
                    <Text>No pupil is in severe or persistent absence.</Text>
                  )}
                  {warnings.length > 0 ? (
                    <Accordion collapsible>
                      <AccordionItem value="warnings">
                        <AccordionHeader as="h3" size="small">
                          {`Warnings (${warnings.length})`}
                        </AccordionHeader>
                        <AccordionPanel>
                          <ul className={styles.warnings}>
                            {warnings.map((line, index) => (
                              <li key={index}>
                                <Text size={200}>{line}</Text>
                              </li>
                            ))}
                          </ul>
                        </AccordionPanel>
                      </AccordionItem>
                    </Accordion>
                  ) : null}
                </>
              ) : null}
              {analysis ? (
                <Button appearance="secondary" disabled={working} onClick={() => void trySample()}>
                  Try it with sample data
                </Button>
              ) : null}
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="meeting">
          <AccordionHeader as="h2" className={styles.h2}>
            4. Targeting Support Meeting
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.stack}>
              <Text>
                Makes the TSM record form and a governors&apos; summary as new sheets from the data chosen in “1. Your
                data”. Anything typed into an earlier form is kept.
              </Text>
              <MeetingForm
                // Opens again with the saved details once they have loaded.
                key={loaded ? "loaded" : "loading"}
                initial={meetingDraftFrom(stored.details, today)}
                disabled={working || !settings || !sourceReady}
                onCreate={(details, shareable) => void createMeetingSheets(details, shareable)}
              />
              {meetingError ? <ErrorBar title="Meeting sheets not made" message={meetingError} /> : null}
              {meetingResult ? (
                <MessageBar intent="success" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>Sheets created</MessageBarTitle>
                    <ul className={styles.warnings}>
                      {meetingResult.map((name) => (
                        <li key={name}>{name}</li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              ) : null}
              <NationalFigures
                // Opens again with the saved figures once they have loaded.
                key={loaded ? "national-loaded" : "national-loading"}
                saved={stored.nationalFigures ?? null}
                disabled={working}
                onSave={saveNationalFigures}
              />
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      <div role="status" aria-live="polite" className={styles.status}>
        <Text>{status}</Text>
      </div>

      <footer className={styles.footer}>
        <Text size={200}>{privacyLine}</Text>
      </footer>
    </main>
  );
}


/** SA pupils first, then PA (docs/rules.md §7); lowest attendance first within each; unknowns last. */
function priorityOrder(pupils: readonly PupilAnalysis[]): PupilAnalysis[] {
  const rank = (p: PupilAnalysis) => (p.band === "severe" ? 0 : 1);
  return pupils
    .filter((p) => p.band === "severe" || p.band === "persistent")
    .slice()
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.attendancePercent ?? Number.POSITIVE_INFINITY) - (b.attendancePercent ?? Number.POSITIVE_INFINITY) ||
        a.record.sourceRow - b.record.sourceRow,
    );
}

/** Sheet-level warnings, then each pupil's, named by pupil and row. */
function warningLines(analysis: Analysis): string[] {
  const lines = analysis.warnings.map((w) => w.message);
  for (const pupil of analysis.pupils) {
    for (const warning of pupil.warnings) {
      lines.push(`${pupil.record.name || "Pupil"} (row ${pupil.record.sourceRow}): ${warning}`);
    }
  }
  return lines;
}

/** The saved meeting details, with today's date unless a later meeting date was saved. */
function meetingDraftFrom(details: StoredState["details"], today: string): MeetingDraft {
  const date = details && details.meetingDate >= today ? details.meetingDate : today;
  return {
    schoolName: details?.schoolName ?? "",
    urn: details?.urn ?? "",
    phase: details?.phase ?? "primary",
    meetingDate: ukDate(date),
    seniorAttendanceLead: details?.seniorAttendanceLead ?? "",
    linkPiasOfficer: details?.linkPiasOfficer ?? "",
  };
}
