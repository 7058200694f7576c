import { useEffect, useRef } from "react";
import { makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

/** What an action came to, in words: a title (every bar has one, so its aria-labelledby names something). */
export interface PaneMessage {
  intent: "success" | "error" | "warning" | "info";
  title: string;
  text: string;
  /** Listed under the text (the sheets made, for example). */
  items?: readonly string[];
  /** Move focus here when shown: it is the answer to what the user just did. */
  focus?: boolean;
}

const useStyles = makeStyles({
  bar: {
    ":focus-visible": {
      outlineWidth: "2px",
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: "2px",
    },
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** One message bar: title, sentence, optional list and actions; takes focus when it reports the user's own action. */
export function OutcomeBar({ message, actions }: { message: PaneMessage; actions?: ReactNode }) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message.focus) ref.current?.focus();
  }, [message]);
  return (
    <MessageBar ref={ref} intent={message.intent} layout="multiline" tabIndex={-1} className={styles.bar}>
      <MessageBarBody>
        <MessageBarTitle>{message.title}</MessageBarTitle>
        {message.text}
        {message.items && message.items.length > 0 ? (
          <ul className={styles.list}>
            {message.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
      {actions ? <MessageBarActions>{actions}</MessageBarActions> : null}
    </MessageBar>
  );
}
