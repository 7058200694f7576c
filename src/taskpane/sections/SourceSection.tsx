import { AccordionHeader, AccordionItem, AccordionPanel, Button, Field, Select, Spinner } from "@fluentui/react-components";
import { ColumnMappingEditor } from "../components/ColumnMapping";
import { OutcomeBar } from "../components/OutcomeBar";
import type { Busy, PaneMessages } from "../hooks/useActivity";
import { HeaderRowChoice } from "../components/HeaderRowChoice";
import { ErrorBar } from "../components/ErrorBar";
import type { SourceHook } from "../hooks/useSource";
import { useSectionStyles } from "./sectionStyles";

export interface SourceSectionProps {
  source: SourceHook;
  messages: PaneMessages;
  busy: Busy;
  working: boolean;
}

/** "1. Your data": where the pupils are, and which column holds what. */
export function SourceSection({ source, messages, busy, working }: SourceSectionProps) {
  const styles = useSectionStyles();
  const { preview, tables } = source;
  // After a read that failed once the heading row was found, the columns found so far, so the rest can be chosen.
  const previewMapping = preview ? (preview.analysis.ok ? preview.analysis.analysis.mapping : (preview.analysis.mapping ?? null)) : null;
  const foundRow = preview?.headerRowNumber ?? null;
  return (
    <AccordionItem value="source">
      <AccordionHeader as="h2" className={styles.h2}>
        1. Your data
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.stack}>
          <Field label="Where are the pupils?" hint="Paste your MIS export into a sheet, then choose where it is.">
            <Select value={source.source.kind} disabled={working} onChange={(_, data) => source.chooseSourceKind(data.value)}>
              <option value="usedRange">Everything on the active sheet</option>
              <option value="selection">The cells I have selected</option>
              <option value="table">A table</option>
            </Select>
          </Field>
          {source.source.kind === "table" ? (
            tables !== null && tables.length === 0 ? (
              <OutcomeBar
                message={{
                  intent: "warning",
                  title: "No tables",
                  text: "This workbook has no tables. Choose “Everything on the active sheet” or “The cells I have selected”, or make a table with Insert > Table.",
                }}
              />
            ) : (
              <Field label="Table">
                <Select
                  value={source.source.tableName}
                  disabled={working || tables === null}
                  onChange={(_, data) => source.chooseTable(data.value)}
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
            <Button appearance="secondary" disabled={working || !source.sourceReady} onClick={() => void source.checkColumns()}>
              Check columns
            </Button>
            {busy === "preview" || busy === "columns" ? <Spinner size="tiny" label="Reading the columns…" labelPosition="after" /> : null}
          </div>
          {source.sourceError ? <ErrorBar title="Columns not read" message={source.sourceError} /> : null}
          {messages.source ? <OutcomeBar message={messages.source} /> : null}
          <HeaderRowChoice
            chosen={source.headerRowNumber}
            found={foundRow}
            disabled={working || !source.sourceReady}
            onChoose={(rowNumber) => void source.chooseHeaderRow(rowNumber)}
            onUseSelected={() => void source.headerFromSelectedRow()}
          />
          {preview && previewMapping ? (
            <ColumnMappingEditor
              preview={preview}
              mapping={previewMapping}
              override={source.columnChoices}
              // Not held while the columns are read again: the list keeps focus, and the next choice can follow.
              disabled={working && busy !== "preview"}
              onChange={(field, column) => void source.chooseColumn(field, column)}
              onForget={() => void source.forgetColumns()}
              showMissingFirst={!preview.analysis.ok}
            />
          ) : null}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}
