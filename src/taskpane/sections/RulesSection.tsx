import { AccordionHeader, AccordionItem, AccordionPanel } from "@fluentui/react-components";
import { OutcomeBar } from "../components/OutcomeBar";
import { RulesForm } from "../components/RulesForm";
import type { Busy, PaneMessages } from "../hooks/useActivity";
import type { RulesHook } from "../hooks/useRules";
import { useSectionStyles } from "./sectionStyles";

export interface RulesSectionProps {
  rules: RulesHook;
  messages: PaneMessages;
  busy: Busy;
  working: boolean;
  loaded: boolean;
}

/** "2. Ladder and rules". */
export function RulesSection({ rules, messages, busy, working, loaded }: RulesSectionProps) {
  const styles = useSectionStyles();
  const { validation } = rules;
  return (
    <AccordionItem value="rules">
      <AccordionHeader as="h2" className={styles.h2}>
        2. Ladder and rules
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.stack}>
          <RulesForm
            draft={rules.draft}
            errors={validation.ok ? [] : validation.errors}
            disabled={working}
            saving={busy === "save"}
            saveDisabled={!loaded || !rules.rulesChanged}
            onChange={rules.changeDraft}
            onSave={() => void rules.saveRules()}
            onRestoreDefaults={rules.restoreDefaults}
          />
          {messages.rules ? <OutcomeBar message={messages.rules} /> : null}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}
