import { useId, useState } from "react";
import { Badge, Button, Field, makeStyles, Select, Switch, Text, tokens } from "@fluentui/react-components";
import type { ColumnField, ColumnMapping as Mapping } from "../../core/read/pupilRecord";
import { fieldLabels } from "../../core/read/headings";
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

  return (
    <div className={styles.root}>
      <Text>
        {layout
          ? `Read ${preview.address}. Headings are in row ${layout.firstRow + mapping.headerRow + 1}.`
          : `Read ${preview.address}. Headings are in row ${mapping.headerRow + 1} of the range.`}
        {mapping.sessions.length > 0 ? ` Register marks: ${mapping.sessions.length} session columns.` : ""}
      </Text>
      {visible.map((field) => {
        const match = mapping.columns[field];
        const chosen = override[field];
        const word = chosen !== undefined ? "Your choice" : match ? confidenceWord(match.confidence) : "Not found";
        const value = match ? String(match.column) : notInSheet;
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
                <Badge appearance="outline" color={badgeColour(word)}>
                  {word}
                </Badge>
                <span>{hint}</span>
              </span>
            }
          >
            <Select
              value={value}
              disabled={disabled}
              onChange={(_, data) => onChange(field, data.value === notInSheet ? null : Number(data.value))}
            >
              <option value={notInSheet}>Not in this sheet</option>
              {!hasOption && match ? <option value={String(match.column)}>{match.heading}</option> : null}
              {options.map((option) => (
                <option key={option.column} value={String(option.column)}>
                  {option.text}
                </option>
              ))}
            </Select>
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

function badgeColour(word: string): "success" | "informative" | "warning" | "brand" | "subtle" {
  switch (word) {
    case "Sure":
      return "success";
    case "Likely":
      return "informative";
    case "Guess":
      return "warning";
    case "Your choice":
      return "brand";
    default:
      return "subtle";
  }
}
