/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { defaultSettings } from "../../src/core/rules/settings";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";

// Issue 12 §2, §3 and §8: results say what they were made from and when out of date; a new outcome replaces
// the old message; Analyse saves changed rules (one source of truth with the ribbon); focus goes to the answer.
jest.setTimeout(120_000);

type User = ReturnType<typeof userEvent.setup>;

async function analyse(user: User) {
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  return screen.findByRole("heading", { name: /Pupils in each band/ });
}

async function openRules(user: User) {
  const header = screen.getByRole("button", { name: /2\. Ladder and rules/ });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
}

describe("outcomes replace earlier messages", () => {
  test("a failed re-run removes the old list; a later success removes the red error", async () => {
    const gateway = createFakeGateway();
    const { user } = await renderPane({ gateway });
    await analyse(user);
    expect(screen.getAllByRole("button", { name: /go to row/ }).length).toBeGreaterThan(0);

    gateway.analyse.mockResolvedValueOnce({ ok: false, message: "Export row 1: no column of possible sessions was found." });
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    const error = await screen.findByRole("group", { name: "Not analysed" });
    expect(error).toHaveTextContent("no column of possible sessions");
    // The old list would read as this run's answer.
    expect(screen.queryByRole("heading", { name: /Pupils in each band/ })).not.toBeInTheDocument();
    expect(screen.queryAllByRole("button", { name: /go to row/ })).toHaveLength(0);
    // Focus is on the message, not dropped to the page.
    expect(error).toHaveFocus();

    await analyse(user);
    expect(screen.queryByRole("group", { name: "Not analysed" })).not.toBeInTheDocument();
  });

  test("results say what they were made from, and focus moves to them", async () => {
    const { user } = await renderPane();
    const heading = await analyse(user);
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText(/^From everything on the sheet on Export, analysed at \d\d:\d\d on \d\d\/\d\d\/\d{4} with the rules saved in this workbook\.$/)).toBeInTheDocument();
  });

  test("after the sample, focus moves to its results (its button has gone)", async () => {
    const { user } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Try it with sample data" }));
    const heading = await screen.findByRole("heading", { name: "Pupils in each band (3 pupils)" });
    await waitFor(() => expect(heading).toHaveFocus());
  });
});

describe("stale results", () => {
  test("a rule changed after Analyse marks the results out of date until Analyse runs again", async () => {
    const { user } = await renderPane();
    await analyse(user);
    expect(screen.queryByRole("group", { name: /Out of date/ })).not.toBeInTheDocument();

    await openRules(user);
    await user.click(screen.getByRole("radio", { name: "PIAS levels 1–4" }));
    const stale = screen.getByRole("group", { name: "Out of date: Analyse again" });
    expect(stale).toHaveTextContent("The rules in “2. Ladder and rules” have changed since.");

    await user.click(within(stale).getByRole("button", { name: "Analyse again" }));
    await waitFor(() => expect(screen.queryByRole("group", { name: /Out of date/ })).not.toBeInTheDocument());
  });

  test("an edit to the analysed sheet marks the results out of date", async () => {
    const gateway = createFakeGateway();
    const { user } = await renderPane({ gateway });
    await analyse(user);
    await waitFor(() => expect(gateway.watchSheet).toHaveBeenCalledWith("Export", expect.any(Function)));
    act(() => gateway.editSheet("Other sheet"));
    expect(screen.queryByRole("group", { name: /Out of date/ })).not.toBeInTheDocument();
    act(() => gateway.editSheet("Export"));
    expect(await screen.findByRole("group", { name: "Out of date: Analyse again" })).toHaveTextContent("Export has been edited since it was analysed.");
    await analyse(user);
    await waitFor(() => expect(screen.queryByRole("group", { name: /Out of date/ })).not.toBeInTheDocument());
  });

  test("choosing another source marks the results out of date", async () => {
    const { user } = await renderPane();
    await analyse(user);
    await user.selectOptions(screen.getByRole("combobox", { name: /Where are the pupils/ }), "The cells I have selected");
    expect(screen.getByRole("group", { name: "Out of date: Analyse again" })).toHaveTextContent("A different place is chosen");
  });
});

describe("one source of truth for the rules", () => {
  test("Analyse saves changed rules first, so the ribbon colours the sheet the same way, and says so", async () => {
    const gateway = createFakeGateway();
    const { user } = await renderPane({ gateway });
    await openRules(user);
    await user.click(screen.getByRole("radio", { name: "Both" }));
    await analyse(user);
    const wanted = { ...defaultSettings, framework: "both" };
    expect(gateway.saveStoredState).toHaveBeenCalledWith(expect.objectContaining({ settings: wanted }), expect.anything());
    const saveOrder = gateway.saveStoredState.mock.invocationCallOrder[0]!;
    expect(saveOrder).toBeLessThan(gateway.analyse.mock.invocationCallOrder[0]!);
    expect(gateway.analyse.mock.calls[0]![0].settings).toEqual(wanted);
    expect(screen.getByRole("group", { name: "Rules saved" })).toHaveTextContent(/ribbon's Analyse sheet uses them too/);
    // Saved: nothing left to save, and the results are not a trial.
    expect(screen.getByRole("button", { name: "Save the rules for everyone" })).toBeDisabled();
    expect(screen.getByText(/with the rules saved in this workbook\.$/)).toBeInTheDocument();
  });

  test("when Excel refuses to save them, the run is clearly a trial", async () => {
    const gateway = createFakeGateway();
    gateway.saveStoredState.mockResolvedValueOnce({ ok: false, message: "The workbook is read-only." });
    const { user } = await renderPane({ gateway });
    await openRules(user);
    await user.click(screen.getByRole("radio", { name: "Both" }));
    await analyse(user);
    expect(gateway.analyse.mock.calls[0]![0].settings).toEqual({ ...defaultSettings, framework: "both" });
    const trial = screen.getByRole("group", { name: "Trial rules" });
    expect(trial).toHaveTextContent(/still uses the saved rules/);
    expect(trial).toHaveTextContent(/read-only/);
    expect(screen.getByText(/with trial rules not saved in the workbook\.$/)).toBeInTheDocument();
  });

  test("Create saves changed rules together with the meeting details", async () => {
    const gateway = createFakeGateway({
      stored: { details: { schoolName: "Oakfield", urn: "", phase: "secondary", meetingDate: "2025-12-04", seniorAttendanceLead: "", linkPiasOfficer: "" } },
    });
    const { user } = await renderPane({ gateway });
    await openRules(user);
    await user.click(screen.getByRole("radio", { name: "Both" }));
    await user.click(screen.getByRole("button", { name: /4\. Targeting Support Meeting/ }));
    await user.click(await screen.findByRole("button", { name: "Create TSM form and governors' summary" }));
    const made = await screen.findByRole("group", { name: "Sheets created" });
    expect(gateway.saveStoredState).toHaveBeenCalledTimes(1);
    expect(gateway.state.settings.framework).toBe("both");
    expect(gateway.state.details?.schoolName).toBe("Oakfield");
    expect(made).toHaveTextContent("saved for everyone in this workbook first");
    await waitFor(() => expect(made).toHaveFocus());
  });
});

describe("saved settings that could not be read", () => {
  test("the reader's warning is shown", async () => {
    const gateway = createFakeGateway();
    gateway.loadStoredState.mockResolvedValueOnce({
      ok: true,
      value: { settings: defaultSettings, details: null, mappings: {}, warning: "The saved rules could not be read; the standard rules are in use." },
    });
    await renderPane({ gateway });
    expect(screen.getByRole("group", { name: "Saved settings not read" })).toHaveTextContent("could not be read");
  });
});
