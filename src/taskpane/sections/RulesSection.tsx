import { AccordionHeader, AccordionItem, AccordionPanel, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { ErrorBar } from "../components/ErrorBar";
import { RulesForm } from "../components/RulesForm";
import type { RulesHook } from "../hooks/useRules";
import { useSectionStyles } from "./sectionStyles";

export interface RulesSectionProps {
  rules: RulesHook;
  working: boolean;
  loaded: boolean;
}

/** "2. Ladder and rules". */
export function RulesSection({ rules, working, loaded }: RulesSectionProps) {
  const styles = useSectionStyles();
  const { rulesMessage, validation } = rules;
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
            saveDisabled={!loaded || !rules.rulesChanged}
            onChange={rules.changeDraft}
            onSave={() => void rules.saveRules()}
            onRestoreDefaults={rules.restoreDefaults}
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
  );
}
