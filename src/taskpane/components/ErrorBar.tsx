import { OutcomeBar } from "./OutcomeBar";

/** An error the user can act on: a short title and the sentence that says what to do. */
export function ErrorBar({ title, message }: { title: string; message: string }) {
  return <OutcomeBar message={{ intent: "error", title, text: message }} />;
}

/** A thrown error (a bug or Excel being busy) turned into a sentence with something to try. */
export function unexpectedErrorMessage(action: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const said = detail.trim() === "" ? "" : ` Excel said: ${detail.trim().replace(/\.?$/, ".")}`;
  return `Something went wrong while ${action}.${said} Finish editing any cell, then try again; if it keeps happening, save the workbook and reopen the add-in.`;
}
