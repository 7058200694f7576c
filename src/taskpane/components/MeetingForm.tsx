import { useState } from "react";
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Switch,
  tokens,
} from "@fluentui/react-components";
import type { PhaseFromData } from "../../core/report/schoolPhase";
import { checkTsmDetails, phaseLabels, type SchoolPhase, type TsmMeetingDetails } from "../../core/report/tsmDetails";
import { isIsoDate, ukDateInWords } from "../../core/common/dates";

/** The meeting form as typed; the date as the date picker gives it, ISO yyyy-MM-dd ("" while none is chosen). */
export interface MeetingDraft {
  schoolName: string;
  urn: string;
  /** "" = as the data shows (the phase inferred from the year groups), never a silent default. */
  phase: SchoolPhase | "";
  meetingDate: string;
  seniorAttendanceLead: string;
  linkPiasOfficer: string;
}

const phases = Object.entries(phaseLabels).map(([value, label]) => ({ value: value as SchoolPhase, label }));

export function isPhase(value: string): value is SchoolPhase {
  return value in phaseLabels;
}

export interface MeetingCheck {
  /** The details the core needs, or null while a problem remains. */
  details: TsmMeetingDetails | null;
  /** No whole date is chosen. */
  dateProblem: string | null;
  /** The core's sentences about the other details (checkTsmDetails). */
  problems: string[];
}

/** The phase the sheets will use: the one chosen, else the data's; null while neither is known. */
export function effectivePhase(draft: MeetingDraft, fromData: PhaseFromData | null): SchoolPhase | null {
  return draft.phase !== "" ? draft.phase : (fromData?.phase ?? null);
}

export function checkMeeting(draft: MeetingDraft, fromData: PhaseFromData | null = null): MeetingCheck {
  const meetingDate = isIsoDate(draft.meetingDate) ? draft.meetingDate : null;
  const phase = effectivePhase(draft, fromData);
  const details: TsmMeetingDetails = {
    schoolName: draft.schoolName.trim(),
    urn: draft.urn.trim(),
    // An unknown phase fails the core's check below ("Choose the phase …").
    phase: phase ?? ("" as SchoolPhase),
    meetingDate: meetingDate ?? "",
    seniorAttendanceLead: draft.seniorAttendanceLead.trim(),
    linkPiasOfficer: draft.linkPiasOfficer.trim(),
  };
  // A date half typed into the picker is the pane's own concern; everything else the core judges.
  const dateProblem = meetingDate === null ? "Choose the meeting date: type it as day, month and year, or open the calendar with Alt+Down." : null;
  const problems = checkTsmDetails({ ...details, meetingDate: meetingDate ?? "2000-01-01" });
  return { details: dateProblem === null && problems.length === 0 ? details : null, dateProblem, problems };
}

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface MeetingFormProps {
  /** The form as it opens (saved details, today's date); the form keeps its own state after that. */
  initial: MeetingDraft;
  /** The phase the latest analysis's year groups show, or null before an analysis. */
  phaseFromData: PhaseFromData | null;
  disabled: boolean;
  /** The sheets are being made: progress shows beside the button. */
  creating?: boolean;
  onCreate: (details: TsmMeetingDetails, shareable: boolean) => void;
}

export function MeetingForm({ initial, phaseFromData, disabled, creating = false, onCreate }: MeetingFormProps) {
  const styles = useStyles();
  // Local state: typing here re-renders only this form, not the whole pane.
  const [draft, onChange] = useState<MeetingDraft>(initial);
  const [shareable, onShareableChange] = useState(false);
  const check = checkMeeting(draft, phaseFromData);
  const phase = effectivePhase(draft, phaseFromData);
  // A chosen phase the data contradicts: the national figures would compare with the wrong schools.
  const phaseMismatch =
    (draft.phase === "primary" || draft.phase === "secondary" || draft.phase === "all-through") &&
    phaseFromData?.phase &&
    phaseFromData.phase !== draft.phase
      ? `The data has ${phaseFromData.yearsText}, which is ${phaseLabels[phaseFromData.phase].toLowerCase()}: the sheets compare the school with national figures for ${phaseLabels[draft.phase].toLowerCase()} schools.`
      : null;
  const text = (key: "schoolName" | "urn" | "meetingDate" | "seniorAttendanceLead" | "linkPiasOfficer") => ({
    value: draft[key],
    disabled,
    onChange: (_: unknown, data: { value: string }) => onChange({ ...draft, [key]: data.value }),
  });
  return (
    // Not a <form>: Enter in a box must never create sheets; only the button does.
    <div className={styles.root}>
      <Field label="School name">
        <Input {...text("schoolName")} autoComplete="organization" />
      </Field>
      <Field label="URN" hint="The school's 6-digit unique reference number.">
        <Input {...text("urn")} inputMode="numeric" />
      </Field>
      <Field
        label="Phase"
        hint={
          phaseMismatch ??
          (draft.phase === "" ? (phaseFromData?.explanation ?? "Analyse first to tell the phase from the year groups, or choose it.") : undefined)
        }
        validationState={phaseMismatch ? "warning" : "none"}
      >
        <Select
          value={draft.phase}
          disabled={disabled}
          onChange={(_, data) => onChange({ ...draft, phase: isPhase(data.value) ? data.value : "" })}
        >
          <option value="">{phase && draft.phase === "" ? `As the data shows: ${phaseLabels[phase]}` : "Choose the phase"}</option>
          {phases.map((phase) => (
            <option key={phase.value} value={phase.value}>
              {phase.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Meeting date"
        // The picker shows the date in the computer's own order; the hint says it the British way, in words too.
        hint={check.dateProblem ? undefined : ukDateInWords(draft.meetingDate)}
        validationState={check.dateProblem ? "error" : "none"}
        validationMessage={check.dateProblem ?? undefined}
      >
        <Input {...text("meetingDate")} type="date" lang="en-GB" />
      </Field>
      <Field label="Senior attendance lead">
        <Input {...text("seniorAttendanceLead")} />
      </Field>
      <Field label="Link PIAS officer">
        <Input {...text("linkPiasOfficer")} />
      </Field>
      <Field hint="On the TSM form and the summary, pupils appear as references instead of names and counts below 3 show as “<3”. The pupil key sheet is still made and stays in school. Only the form and the summary may be shared, never the key or the data sheet.">
        <Switch
          checked={shareable}
          disabled={disabled}
          onChange={(_, data) => onShareableChange(data.checked)}
          label="Shareable copy (no names)"
        />
      </Field>
      {check.problems.length > 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Before making the sheets</MessageBarTitle>
            <ul className={styles.problems}>
              {check.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={disabled || check.details === null}
          onClick={() => {
            if (check.details) onCreate(check.details, shareable);
          }}
        >
          Create TSM form and governors' summary
        </Button>
        {creating ? <Spinner size="tiny" label="Making the sheets…" labelPosition="after" /> : null}
      </div>
    </div>
  );
}

