/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";

// Issue 12 §7: the pane says what Analyse changes on the sheet, and what happened to notes typed there.
jest.setTimeout(60_000);

test("the pane says what Analyse changes on the sheet, and that typed notes were moved, in plain words", async () => {
  const gateway = createFakeGateway();
  const { user } = await renderPane({ gateway });
  expect(screen.getByText(/adds columns to the right of your data \(with a Notes column for your own notes, kept with each pupil\)/)).toBeInTheDocument();
  expect(screen.getByText(/page setup \(landscape, print area and titles\) and the added columns' widths/)).toBeInTheDocument();

  const real = gateway.analyse.getMockImplementation()!;
  const moved = "3 notes typed in the add-in's columns were moved to the Notes column, with the pupil they were typed against.";
  gateway.analyse.mockImplementationOnce(async (request) => {
    const outcome = await real(request);
    return outcome.ok ? { ok: true, value: { ...outcome.value, notesMessage: moved } } : outcome;
  });
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  const message = await screen.findByRole("group", { name: "Your notes were kept" });
  expect(message).toHaveTextContent(moved);

  // A later run with nothing to move says nothing about notes.
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  await screen.findByRole("heading", { name: /Pupils in each band/ });
  expect(screen.queryByRole("group", { name: "Your notes were kept" })).not.toBeInTheDocument();
});

test("“Remove what Analyse added” is labelled, reached and pressed with the keyboard alone, and its answer takes focus", async () => {
  const gateway = createFakeGateway();
  const { user } = await renderPane({ gateway });
  const button = screen.getByRole("button", { name: "Remove what Analyse added" });
  expect(button).toHaveAccessibleDescription(/Takes the added columns, colours, page setup and widths off the sheet/);
  await waitFor(() => expect(button).toBeEnabled());
  // jsdom cannot follow Tab through Fluent's focus manager (Tabster), so the tab order is checked in the DOM:
  // a native button, not taken out of the order, right after Analyse; then it is focused and Enter presses it.
  const analyse = screen.getByRole("button", { name: "Analyse" });
  const buttons = [...document.querySelectorAll<HTMLElement>("button, input, select")].filter((el) => el.tabIndex >= 0);
  expect(buttons.indexOf(button)).toBe(buttons.indexOf(analyse) + 1);
  button.focus();
  expect(button).toHaveFocus();
  await user.keyboard("{Enter}");
  const message = await screen.findByRole("group", { name: "Removed what Analyse added" });
  expect(message).toHaveTextContent("Your pasted data was not changed.");
  expect(message).toHaveFocus();
  expect(gateway.removeAdded).toHaveBeenCalledTimes(1);
  expect(gateway.removeAdded.mock.calls[0]?.[0]).toMatchObject({ source: { kind: "usedRange" } });

  // A failure says so in the same place, and Space presses it too.
  gateway.removeAdded.mockResolvedValueOnce({ ok: false, message: "The sheet “Export” is no longer in this workbook." });
  button.focus();
  await user.keyboard(" ");
  const failed = await screen.findByRole("group", { name: "Not removed" });
  expect(failed).toHaveTextContent("no longer in this workbook");
  expect(screen.queryByRole("group", { name: "Removed what Analyse added" })).not.toBeInTheDocument();
});
