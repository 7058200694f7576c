/** The pane's promise about pupil data, shown while it starts and under every result: written once. */
export const privacyLine = "Pupil data stays in this workbook. The add-in sends nothing anywhere.";
