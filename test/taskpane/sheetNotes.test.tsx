/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
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
