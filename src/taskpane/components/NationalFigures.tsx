import { useRef, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ukDate } from "../../core/common/dates";
import {
  checkNationalFigureTable,
  nationalFieldLabels,
  nationalPhases,
  nationalTableToJson,
  percentFields,
  type NationalRowField,
  type NationalTableCheck,
  type NationalTableField,
  type NationalTableProblem,
} from "../../core/report/checkNationalFigures";
import { nationalFigureTable, type NationalFigureTable, type NationalYearFigures } from "../../core/report/nationalFigures";
import { OutcomeBar } from "./OutcomeBar";
import { unexpectedErrorMessage } from "./ErrorBar";

/**
 * "National figures" in the meeting section (docs/rules.md §8: a dated table the user can update; never
 * fetched). Shows the table the TSM form and the governors' summary compare with, lets the school type
 * newer figures and saves them in the workbook so co-editors use the same ones. Every check is the
 * core's (checkNationalFigureTable); this component only shows its messages beside the fields.
 */

type Phase = NationalYearFigures["phase"];

/** One row as typed: every field is text, as the inputs hold it. */
interface RowDraft extends Record<NationalRowField, string> {
  /** React's key for the row (rows can be removed from the middle). */
  id: number;
}

interface TableDraft {
  source: string;
  /** dd/mm/yyyy as the user sees it. */
  date: string;
  rows: RowDraft[];
}

const phaseLabels: Record<Phase, string> = {
  all: "All schools",
  primary: "Primary",
  secondary: "Secondary",
  special: "Special",
};

const percentText = (percent: number | null): string => (percent === null ? "" : String(percent));
const shownDate = ukDate;

function draftFrom(table: NationalFigureTable, nextId: () => number): TableDraft {
  return {
    source: table.source,
    date: shownDate(table.date),
    rows: table.rows.map((row) => ({
      id: nextId(),
      year: row.year,
      coverage: row.coverage,
      phase: row.phase,
      overallAbsence: percentText(row.overallAbsence),
      persistentRate: percentText(row.persistentRate),
      severeRate: percentText(row.severeRate),
    })),
  };
}

function check(draft: TableDraft): NationalTableCheck {
  return checkNationalFigureTable({ source: draft.source, date: draft.date, rows: draft.rows.map(({ id: _id, ...row }) => row) });
}

const sameTable = (a: NationalFigureTable, b: NationalFigureTable): boolean =>
  JSON.stringify(nationalTableToJson(a)) === JSON.stringify(nationalTableToJson(b));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface NationalFiguresProps {
  /** The table saved in the workbook; null while the shipped table is in use. */
  saved: NationalFigureTable | null;
  disabled: boolean;
  /** Saves for everyone in the workbook; null puts the shipped table back. Throws when Excel refuses. */
  onSave: (table: NationalFigureTable | null) => Promise<void>;
}

export function NationalFigures({ saved, disabled, onSave }: NationalFiguresProps) {
  const styles = useStyles();
  const ids = useRef(0);
  const nextId = () => (ids.current += 1);
  const inUse = saved ?? nationalFigureTable;
  const [draft, setDraft] = useState<TableDraft>(() => draftFrom(inUse, nextId));
  const [message, setMessage] = useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const checked = check(draft);
  const problems = checked.ok ? [] : checked.problems;
  const changed = checked.ok && !sameTable(checked.table, inUse);
  const problemFor = (row: number | null, field: NationalRowField | NationalTableField): NationalTableProblem | undefined =>
    problems.find((p) => p.row === row && p.field === field);
  // Problems no single input can show (no rows at all, too many).
  const tableProblems = problems.filter((p) => p.row === null && p.field === "rows");

  const edit = (next: TableDraft) => {
    setDraft(next);
    setMessage(null);
  };
  const editRow = (id: number, field: NationalRowField, value: string) =>
    edit({ ...draft, rows: draft.rows.map((row) => (row.id === id ? { ...row, [field]: value } : row)) });

  async function save() {
    if (!checked.ok) return;
    setSaving(true);
    try {
      // The shipped table is kept as "none saved", so a later version's newer shipped figures reach this workbook.
      const isShipped = sameTable(checked.table, nationalFigureTable);
      await onSave(isShipped ? null : checked.table);
      setMessage({
        intent: "success",
        text: isShipped
          ? "The shipped figures are in use again for everyone in this workbook."
          : "Saved for everyone in this workbook: the next TSM form and governors' summary compare with these figures.",
      });
    } catch (error) {
      setMessage({ intent: "error", text: unexpectedErrorMessage("saving the national figures in this workbook", error) });
    } finally {
      setSaving(false);
    }
  }

  function reset() {
    setDraft(draftFrom(nationalFigureTable, nextId));
    setMessage({
      intent: "info",
      text: "The shipped figures are back in the form. Choose “Save the national figures for everyone” to use them.",
    });
  }

  const off = disabled || saving;
  const fieldProps = (problem: NationalTableProblem | undefined) =>
    problem ? { validationState: "error" as const, validationMessage: problem.text } : {};

  return (
    <Accordion collapsible>
      <AccordionItem value="national">
        <AccordionHeader as="h3" size="small">
          National figures
        </AccordionHeader>
        <AccordionPanel>
          <div className={styles.root}>
            <Text>
              The TSM form and the governors&apos; summary compare the school with these figures for England. In use:{" "}
              {saved ? "figures saved in this workbook" : "the figures that come with the add-in"} ({inUse.source}, published or last
              checked on {shownDate(inUse.date)}). Update them here when the DfE publishes new figures: the add-in never fetches
              them.
            </Text>
            <Field label={nationalFieldLabels.source} {...fieldProps(problemFor(null, "source"))}>
              <Input value={draft.source} disabled={off} onChange={(_, data) => edit({ ...draft, source: data.value })} />
            </Field>
            <Field label={nationalFieldLabels.date} hint="dd/mm/yyyy" {...fieldProps(problemFor(null, "date"))}>
              <Input value={draft.date} disabled={off} onChange={(_, data) => edit({ ...draft, date: data.value })} />
            </Field>
            <Text>Percentages from 0 to 100, for example 7.4; leave a box empty where the DfE gives no figure.</Text>
            {draft.rows.map((row, index) => {
              const number = index + 1;
              const rowField = (field: NationalRowField) => fieldProps(problemFor(number, field));
              return (
                <fieldset key={row.id} className={styles.row}>
                  <legend className={styles.legend}>
                    Row {number}
                    {row.year.trim() || row.coverage.trim() ? `: ${[row.year.trim(), row.coverage.trim()].filter(Boolean).join(", ")}` : ""}
                  </legend>
                  <Field label={nationalFieldLabels.year} hint="For example 2023/24, or 2024/25 autumn and spring terms." {...rowField("year")}>
                    <Input value={row.year} disabled={off} onChange={(_, data) => editRow(row.id, "year", data.value)} />
                  </Field>
                  <Field label={nationalFieldLabels.coverage} {...rowField("coverage")}>
                    <Input value={row.coverage} disabled={off} onChange={(_, data) => editRow(row.id, "coverage", data.value)} />
                  </Field>
                  <Field label={nationalFieldLabels.phase} {...rowField("phase")}>
                    <Select value={row.phase} disabled={off} onChange={(_, data) => editRow(row.id, "phase", data.value)}>
                      {nationalPhases.map((phase) => (
                        <option key={phase} value={phase}>
                          {phaseLabels[phase]}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  {percentFields.map((field) => (
                    <Field key={field} label={`${nationalFieldLabels[field]} (%)`} {...rowField(field)}>
                      <Input
                        value={row[field]}
                        inputMode="decimal"
                        disabled={off}
                        onChange={(_, data) => editRow(row.id, field, data.value)}
                      />
                    </Field>
                  ))}
                  <div className={styles.actions}>
                    <Button
                      disabled={off}
                      aria-label={`Remove row ${number}`}
                      onClick={() => edit({ ...draft, rows: draft.rows.filter((r) => r.id !== row.id) })}
                    >
                      Remove row
                    </Button>
                  </div>
                </fieldset>
              );
            })}
            {tableProblems.length > 0 ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Before saving</MessageBarTitle>
                  <ul className={styles.problems}>
                    {tableProblems.map((p) => (
                      <li key={p.message}>{p.text}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <div className={styles.actions}>
              <Button
                disabled={off}
                onClick={() =>
                  edit({
                    ...draft,
                    rows: [
                      ...draft.rows,
                      { id: nextId(), year: "", coverage: "", phase: "all", overallAbsence: "", persistentRate: "", severeRate: "" },
                    ],
                  })
                }
              >
                Add a row
              </Button>
            </div>
            <div className={styles.actions}>
              <Button appearance="primary" disabled={off || !changed} onClick={() => void save()}>
                Save the national figures for everyone
              </Button>
              <Button disabled={off} onClick={reset}>
                Reset to the shipped figures
              </Button>
            </div>
            {message ? (
              <OutcomeBar
                message={{
                  intent: message.intent,
                  // Every bar has a title: Fluent labels the bar by it.
                  title: message.intent === "error" ? "National figures not saved" : message.intent === "success" ? "National figures saved" : "Shipped figures in the form",
                  text: message.text,
                  focus: message.intent !== "info",
                }}
              />
            ) : null}
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
