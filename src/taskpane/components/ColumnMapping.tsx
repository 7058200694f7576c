import { useId, useRef, useState, type ReactNode } from "react";
import { Badge, Button, Field, makeStyles, Select, Switch, Text, tokens } from "@fluentui/react-components";
import type { ColumnField, ColumnMapping as Mapping } from "../../core/read/pupilRecord";
import { fieldLabels } from "../../core/read/headings";
import { columnsWithTwoRoles, twoRolesMessage } from "../../core/read/columnRoles";
import { OutcomeBar } from "./OutcomeBar";
import type { MappingOverride, SourcePreview } from "../../excel/workbookGateway";
import { columnCount, columnLetter, parseAddress } from "../../core/common/a1";
import { confidenceWord } from "../format";

const notInSheet = "none";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  hint: { display: "inline-flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface HeadingOption {
  column: number;
  text: string;
}

/**
 * The columns the user can pick for a field: every column of the range read except register-mark columns,
 * named by the heading where the engine saw it, always with its sheet column letter.
 */
export function headingOptions(preview: SourcePreview, mapping: Mapping): HeadingOption[] {
  const layout = parseAddress(preview.address);
  const headings = new Map<number, string>();
  // The gateway gives every heading of the header row where it found one.
  preview.headings?.forEach((heading, column) => {
    if (heading.trim() !== "") headings.set(column, heading.trim());
  });
  for (const match of Object.values(mapping.columns)) {
    if (match && !headings.has(match.column)) headings.set(match.column, match.heading);
  }
  const sessionColumns = new Set(mapping.sessions.map((s) => s.column));
  const known = [...headings.keys(), ...Object.values(mapping.columns).flatMap((m) => (m ? [...m.alternatives] : []))];
  const width = layout ? columnCount(layout) : (known.length > 0 ? Math.max(...known) + 1 : 0);
  const firstColumn = layout?.firstColumn ?? 0;
  const options: HeadingOption[] = [];
  for (let column = 0; column < width; column += 1) {
    if (sessionColumns.has(column)) continue;
    const letter = columnLetter(firstColumn + column);
    const heading = headings.get(column);
    options.push({ column, text: heading ? `${heading} (column ${letter})` : `Column ${letter}` });
  }
  return options;
}

export interface ColumnMappingProps {
  preview: SourcePreview;
  mapping: Mapping;
  override: MappingOverride;
  disabled: boolean;
  onChange: (field: ColumnField, column: number | null) => void;
  onForget: () => void;
  /** Open with every field listed, found or not (after a read that could not finish, to choose the rest). */
  showMissingFirst?: boolean;
}

/** What the engine found for each field, how sure it is (in words), and a picker to correct it. */
export function ColumnMappingEditor({ preview, mapping, override, disabled, onChange, onForget, showMissingFirst = false }: ColumnMappingProps) {
  const styles = useStyles();
  const switchId = useId();
  const [showMissing, setShowMissing] = useState(showMissingFirst);
  const options = headingOptions(preview, mapping);
  const layout = parseAddress(preview.address);
  const firstColumn = layout?.firstColumn ?? 0;
  const fields = Object.keys(fieldLabels) as ColumnField[];
  const isShown = (field: ColumnField) => mapping.columns[field] !== undefined || override[field] !== undefined;
  const missing = fields.filter((field) => !isShown(field));
  const visible = fields.filter((field) => showMissing || isShown(field));
  const corrected = Object.keys(override).length > 0;
  const shared = columnsWithTwoRoles(mapping.columns);

  return (
    <div className={styles.root}>
      <Text>
        {/* Plain words, not an A1 address: "Read rows 1 to 205, columns A to S, of Sample export." */}
        {layout
          ? `Read rows ${(layout.firstRow + 1).toLocaleString("en-GB")} to ${(layout.lastRow + 1).toLocaleString("en-GB")}, columns ${columnLetter(layout.firstColumn)} to ${columnLetter(layout.lastColumn)}, of ${preview.sheetName}.`
          : `Read ${preview.sheetName}.`}
        {preview.headerRowNumber !== undefined ? ` The headings are in row ${preview.headerRowNumber.toLocaleString("en-GB")}.` : ""}
        {mapping.sessions.length > 0 ? ` Register marks: ${mapping.sessions.length.toLocaleString("en-GB")} session columns.` : ""}
      </Text>
      {shared.map((column) => (
        <OutcomeBar
          key={column.column}
          message={{ intent: "warning", title: "One column, two roles", text: twoRolesMessage(column, firstColumn) }}
        />
      ))}
      {visible.map((field) => {
        const match = mapping.columns[field];
        const chosen = override[field];
        const word = chosen !== undefined ? "Your choice" : match ? confidenceWord(match.confidence) : "Not found";
        // The user's latest choice shows at once, before the sheet has been read again with it.
        const value = chosen !== undefined ? (chosen === null ? notInSheet : String(chosen)) : match ? String(match.column) : notInSheet;
        const hint =
          match !== undefined
            ? `Heading “${match.heading}”, column ${columnLetter(firstColumn + match.column)}`
            : "Not in this sheet";
        const hasOption = match === undefined || options.some((o) => o.column === match.column);
        return (
          <Field
            key={field}
            label={fieldLabels[field]}
            hint={
              <span className={styles.hint}>
                {/* "Sure" is the usual case: only the exceptions get a badge (never white on white). */}
                {word === "Sure" ? null : (
                  <Badge appearance="tint" color={badgeColour(word)}>
                    {word}
                  </Badge>
                )}
                <span>{hint}</span>
              </span>
            }
          >
            <ColumnSelect value={value} disabled={disabled} onCommit={(next) => onChange(field, next === notInSheet ? null : Number(next))}>
              <option value={notInSheet}>Not in this sheet</option>
              {!hasOption && match ? <option value={String(match.column)}>{match.heading}</option> : null}
              {options.map((option) => (
                <option key={option.column} value={String(option.column)}>
                  {option.text}
                </option>
              ))}
            </ColumnSelect>
          </Field>
        );
      })}
      <Switch
        id={switchId}
        checked={showMissing}
        onChange={(_, data) => setShowMissing(data.checked)}
        label={`Show fields not found (${missing.length})`}
      />
      {corrected ? (
        <div className={styles.actions}>
          <Button appearance="secondary" disabled={disabled} onClick={onForget}>
            Forget my column choices for this sheet
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function badgeColour(word: string): "success" | "informative" | "warning" | "brand" {
  switch (word) {
    case "Sure":
      return "success";
    case "Guess":
      return "warning";
    case "Your choice":
      return "brand";
    default:
      // "Likely" and "Not found": grey text on a tint, readable in light, dark and high contrast.
      return "informative";
  }
}

/** Keys that move a closed native list's choice without opening it (Chromium changes the value at once). */
const movingKeys = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/**
 * A column dropdown that saves only when a column is chosen (issue 12 §5). Picking from the open list (mouse,
 * or Enter in the open list, where the list itself has the keys) saves at once. Arrow keys or typing on the
 * closed list only move the choice: it is saved on Enter or on leaving the list, and Escape puts the one
 * before back. Each save is for everyone and reads the sheet again, so it must not happen per key.
 */
function ColumnSelect({ value, disabled, onCommit, children }: { value: string; disabled: boolean; onCommit: (value: string) => void; children: ReactNode }) {
  const [pending, setPending] = useState<string | null>(null);
  const byKeyboard = useRef(false);
  const hintId = useId();
  const commit = (next: string) => {
    setPending(null);
    if (next !== value) onCommit(next);
  };
  return (
    <>
      <Select
        value={pending ?? value}
        disabled={disabled}
        aria-describedby={pending !== null ? hintId : undefined}
        onKeyDown={(event) => {
          if (event.key === "Enter" && pending !== null) {
            event.preventDefault();
            commit(pending);
          } else if (event.key === "Escape" && pending !== null) {
            event.preventDefault();
            setPending(null);
          } else if (movingKeys.has(event.key) || (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey)) {
            // The change this key causes (if any) arrives before the next task.
            byKeyboard.current = true;
            setTimeout(() => {
              byKeyboard.current = false;
            }, 0);
          }
        }}
        onChange={(_, data) => {
          if (byKeyboard.current) setPending(data.value);
          else {
            // Chosen from the list: the user's choice, even where it is the column the add-in had guessed.
            setPending(null);
            onCommit(data.value);
          }
        }}
        onBlur={() => {
          if (pending !== null) commit(pending);
        }}
      >
        {children}
      </Select>
      {pending !== null && pending !== value ? (
        <Text id={hintId} size={200}>
          Press Enter to use this column, or Escape to keep the one before.
        </Text>
      ) : null}
    </>
  );
}
