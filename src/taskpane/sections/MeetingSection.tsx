import { AccordionHeader, AccordionItem, AccordionPanel, Text } from "@fluentui/react-components";
import type { PhaseFromData } from "../../core/report/schoolPhase";
import type { TsmMeetingDetails } from "../../core/report/tsmDetails";
import type { StoredState } from "../../excel/workbookGateway";
import { OutcomeBar } from "../components/OutcomeBar";
import { MeetingForm, type MeetingDraft } from "../components/MeetingForm";
import { NationalFigures } from "../components/NationalFigures";
import type { Busy, PaneMessages } from "../hooks/useActivity";
import type { MeetingSheetsHook } from "../hooks/useMeetingSheets";
import { useSectionStyles } from "./sectionStyles";

export interface MeetingSectionProps {
  meeting: MeetingSheetsHook;
  stored: StoredState;
  loaded: boolean;
  today: string;
  phaseFromData: PhaseFromData | null;
  messages: PaneMessages;
  busy: Busy;
  working: boolean;
  /** Create cannot run: the rules or the source are not ready. */
  blocked: boolean;
  onCreate: (details: TsmMeetingDetails, shareable: boolean) => void;
}

/** "4. Targeting Support Meeting": the meeting details, Create, and the national figures. */
export function MeetingSection({ meeting, stored, loaded, today, phaseFromData, messages, busy, working, blocked, onCreate }: MeetingSectionProps) {
  const styles = useSectionStyles();
  return (
    <AccordionItem value="meeting">
      <AccordionHeader as="h2" className={styles.h2}>
        4. Targeting Support Meeting
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.stack}>
          <Text>
            Makes the TSM record form and a governors&apos; summary as new sheets from the data chosen in “1. Your data”.
            Anything typed into an earlier form is kept.
          </Text>
          <MeetingForm
            // Opens again with the saved details once they have loaded.
            key={loaded ? "loaded" : "loading"}
            initial={meetingDraftFrom(stored.details, today)}
            phaseFromData={phaseFromData}
            disabled={working || blocked}
            creating={busy === "meeting"}
            onCreate={onCreate}
          />
          {messages.meeting ? <OutcomeBar message={messages.meeting} /> : null}
          <NationalFigures
            // Opens again with the saved figures once they have loaded.
            key={loaded ? "national-loaded" : "national-loading"}
            saved={stored.nationalFigures ?? null}
            disabled={working}
            onSave={meeting.saveNationalFigures}
          />
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

/** The saved meeting details, with today's date unless a later meeting date was saved. */
export function meetingDraftFrom(details: StoredState["details"], today: string): MeetingDraft {
  const date = details && details.meetingDate >= today ? details.meetingDate : today;
  return {
    schoolName: details?.schoolName ?? "",
    urn: details?.urn ?? "",
    // No saved phase: the data's (never a silent "primary").
    phase: details?.phase ?? "",
    meetingDate: date,
    seniorAttendanceLead: details?.seniorAttendanceLead ?? "",
    linkPiasOfficer: details?.linkPiasOfficer ?? "",
  };
}
