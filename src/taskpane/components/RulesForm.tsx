import {
  Button,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  SpinButton,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import type { Framework } from "../../core/rules/pupilAnalysis";
import { defaultSettings } from "../../core/rules/settings";
import { draftFromSettings, typedNumber, type NumberSetting, type SettingsDraft } from "../settingsDraft";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  errors: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  // Fluent stacks the arrows as two 16 px halves; side by side each is a 28 × 32 px target (WCAG 2.5.8: 24 px).
  spin: { gridTemplateColumns: "1fr 28px 28px", gridTemplateRows: "1fr", minHeight: "32px" },
  spinInput: { gridRowEnd: "2" },
  spinArrow: { gridRowStart: "1", height: "100%", width: "28px", padding: 0, top: 0 },
  spinDown: { gridColumnStart: "2" },
  spinUp: { gridColumnStart: "3" },
});

const defaults = draftFromSettings(defaultSettings);

/** Labels for the numbers the school can change (docs/rules.md §2, §4, §5, §6). */
const numberFields: { key: NumberSetting; label: string; hint: string; precision: number }[] = [
  { key: "severePercent", label: "Severe absence (SA): missed at least (%)", hint: "Of possible sessions.", precision: 1 },
  { key: "persistentPercent", label: "Persistent absence (PA): missed at least (%)", hint: "Of possible sessions.", precision: 1 },
  { key: "atRiskPercent", label: "At risk: missed at least (%)", hint: "Of possible sessions, below the PA line.", precision: 1 },
  {
    key: "level3UnauthorisedSessions",
    label: "PIAS level 3: unauthorised sessions at least",
    hint: "For PA or SA pupils.",
    precision: 0,
  },
  {
    key: "penaltyNoticeSessions",
    label: "Penalty notice: unauthorised sessions",
    hint: "Considered at this many sessions…",
    precision: 0,
  },
  { key: "penaltyNoticeWeeks", label: "Penalty notice: within school weeks", hint: "…within any rolling this many school weeks.", precision: 0 },
];

export interface RulesFormProps {
  draft: SettingsDraft;
  errors: readonly string[];
  disabled: boolean;
  saveDisabled: boolean;
  /** The save is under way: progress shows beside its button. */
  saving?: boolean;
  onChange: (draft: SettingsDraft) => void;
  onSave: () => void;
  onRestoreDefaults: () => void;
}

export function RulesForm({ draft, errors, disabled, saveDisabled, saving = false, onChange, onSave, onRestoreDefaults }: RulesFormProps) {
  const styles = useStyles();
  const invalid = errors.length > 0;
  return (
    <div className={styles.root}>
      <Field label="Ladder to suggest">
        <RadioGroup
          value={draft.framework}
          disabled={disabled}
          onChange={(_, data) => onChange({ ...draft, framework: data.value as Framework })}
        >
          <Radio value="stages" label="School stages 1–6" />
          <Radio value="levels" label="PIAS levels 1–4" />
          <Radio value="both" label="Both" />
        </RadioGroup>
      </Field>
      {numberFields.slice(0, 3).map((field) => (
        <NumberField key={field.key} field={field} draft={draft} disabled={disabled} onChange={onChange} />
      ))}
      <Field label="Absence that counts for stages">
        <RadioGroup
          value={draft.stageAbsence}
          disabled={disabled}
          onChange={(_, data) => onChange({ ...draft, stageAbsence: data.value === "unauthorised" ? "unauthorised" : "all" })}
        >
          <Radio value="all" label="All absence (authorised and unauthorised)" />
          <Radio value="unauthorised" label="Unauthorised absence only" />
        </RadioGroup>
      </Field>
      {numberFields.slice(3).map((field) => (
        <NumberField key={field.key} field={field} draft={draft} disabled={disabled} onChange={onChange} />
      ))}
      {invalid ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Check these rules</MessageBarTitle>
            <ul className={styles.errors}>
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
            Change the values above, or restore the defaults.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={disabled || saveDisabled || invalid} onClick={onSave}>
          Save the rules for everyone
        </Button>
        <Button appearance="secondary" disabled={disabled} onClick={onRestoreDefaults}>
          Restore defaults
        </Button>
        {saving ? <Spinner size="tiny" label="Saving…" labelPosition="after" /> : null}
      </div>
    </div>
  );
}

function NumberField({
  field,
  draft,
  disabled,
  onChange,
}: {
  field: (typeof numberFields)[number];
  draft: SettingsDraft;
  disabled: boolean;
  onChange: (draft: SettingsDraft) => void;
}) {
  const styles = useStyles();
  const value = draft[field.key];
  return (
    <Field label={field.label} hint={`${field.hint} Default ${defaults[field.key]}.`}>
      <SpinButton
        className={styles.spin}
        input={{ className: styles.spinInput }}
        incrementButton={{ className: mergeClasses(styles.spinArrow, styles.spinUp), "aria-label": `Increase ${field.label}` }}
        decrementButton={{ className: mergeClasses(styles.spinArrow, styles.spinDown), "aria-label": `Decrease ${field.label}` }}
        value={typeof value === "number" ? value : null}
        displayValue={String(value)}
        precision={field.precision}
        step={1}
        disabled={disabled}
        onChange={(_, data) => {
          if (typeof data.value === "number") onChange({ ...draft, [field.key]: data.value });
          else if (data.displayValue !== undefined) onChange({ ...draft, [field.key]: typedNumber(data.displayValue) });
        }}
      />
    </Field>
  );
}
