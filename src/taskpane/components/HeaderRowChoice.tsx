import { useEffect, useState } from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import { maxRows } from "../../core/common/a1";
import { useSectionStyles } from "../sections/sectionStyles";

export interface HeaderRowChoiceProps {
  /** The row the user chose (1-based, as Excel shows it), or null: the add-in finds it. */
  chosen: number | null;
  /** The row the last read used, to show when the add-in found it. */
  found: number | null;
  disabled: boolean;
  onChoose: (rowNumber: number | null) => void;
  onUseSelected: () => void;
}

/**
 * Which sheet row holds the column headings: a number, or the row of the selected cell. Always offered once
 * a sheet is chosen, so a read that found no heading row is never a dead end (docs/rules.md §12).
 */
export function HeaderRowChoice({ chosen, found, disabled, onChoose, onUseSelected }: HeaderRowChoiceProps) {
  const styles = useSectionStyles();
  const [text, setText] = useState(chosen === null ? "" : String(chosen));
  useEffect(() => setText(chosen === null ? "" : String(chosen)), [chosen]);
  const typed = Number(text.trim());
  const valid = text.trim() !== "" && Number.isInteger(typed) && typed >= 1 && typed <= maxRows;
  const apply = () => {
    if (valid && typed !== chosen) onChoose(typed);
  };
  const hint =
    chosen !== null
      ? `Your choice: row ${chosen}.`
      : found !== null
        ? `Found for you: row ${found}. Type another row number if that is not the row of headings.`
        : "Leave blank to let the add-in find it, or type the row number Excel shows at the left.";
  return (
    <div className={styles.stack}>
      <Field
        label="Row with the column headings"
        hint={hint}
        validationState={text.trim() !== "" && !valid ? "error" : "none"}
        validationMessage={text.trim() !== "" && !valid ? `Type a row number from 1 to ${maxRows.toLocaleString("en-GB")}.` : undefined}
      >
        <Input
          inputMode="numeric"
          value={text}
          disabled={disabled}
          placeholder={found !== null ? String(found) : ""}
          onChange={(_, data) => setText(data.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") apply();
          }}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="secondary" disabled={disabled || !valid || typed === chosen} onClick={apply}>
          Read with this row
        </Button>
        <Button appearance="secondary" disabled={disabled} onClick={onUseSelected}>
          Use the selected row
        </Button>
        {chosen !== null ? (
          <Button appearance="subtle" disabled={disabled} onClick={() => onChoose(null)}>
            Find the row for me
          </Button>
        ) : null}
      </div>
    </div>
  );
}
