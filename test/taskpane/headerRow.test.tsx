/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, waitFor, within } from "@testing-library/react";
import { fieldLabels } from "../../src/core/read/headings";
import { defaultSettings } from "../../src/core/rules/settings";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";

jest.setTimeout(60_000);

// An export whose headings the add-in does not know: a title, a blank row, then the school's own words.
const ownHeadings = [
  ["Attendance by pupil, Autumn 2025"],
  [],
  ["Learner", "Ref", "Group", "Sessions due", "Sessions away"],
  ["Noah Adams", "A111111111111", "7", 100, 40],
  ["Lily Baker", "A222222222222", "8", 100, 5],
  ["Finn Clark", "A333333333333", "9", 100, 12],
];

describe("no dead end when the heading row or a column is not found (docs/rules.md §12)", () => {
  test("the heading row can be typed, the columns chosen after the failed read, and Analyse uses both", async () => {
    const gateway = createFakeGateway({ grid: ownHeadings });
    const { user } = await renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    // No heading row found: one message, and the control to choose it is there.
    expect(await screen.findAllByText(/no header row was found/)).toHaveLength(1);
    const row = screen.getByRole("textbox", { name: "Row with the column headings" });
    await user.type(row, "3{Enter}");
    await waitFor(() => expect(gateway.preview).toHaveBeenLastCalledWith({ kind: "usedRange" }, defaultSettings, undefined, 3));
    // Headings found on row 3 but no figures recognised: every field is offered, named by the sheet's headings.
    expect(await screen.findAllByText(/include no attendance figures/)).toHaveLength(1);
    const possible = await screen.findByRole("combobox", { name: fieldLabels.possibleSessions });
    expect(within(possible).getAllByRole("option").map((o) => o.textContent)).toContain("Sessions due (column D)");
    await user.selectOptions(possible, "Sessions due (column D)");
    await user.selectOptions(await screen.findByRole("combobox", { name: fieldLabels.missedSessions }), "Sessions away (column E)");
    await user.selectOptions(await screen.findByRole("combobox", { name: fieldLabels.fullName }), "Learner (column A)");
    await waitFor(() => expect(screen.queryByText(/include no attendance figures/)).not.toBeInTheDocument());
    expect(await screen.findByText(/The headings are in row 3\./)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await waitFor(() => expect(gateway.analyse).toHaveBeenCalledTimes(1));
    const request = gateway.analyse.mock.calls[0]![0];
    expect(request.headerRowNumber).toBe(3);
    expect(request.mappingOverride).toEqual({ possibleSessions: 3, missedSessions: 4, fullName: 0 });
    // The three pupils are analysed: the band counts appear.
    await screen.findByRole("heading", { name: /Pupils in each band/ });
  });

  test("“Use the selected row” reads with the row of the active cell; “Find the row for me” goes back", async () => {
    const gateway = createFakeGateway({ grid: ownHeadings, selectedRowNumber: 3 });
    const { user } = await renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: "Use the selected row" }));
    await waitFor(() => expect(gateway.preview).toHaveBeenLastCalledWith({ kind: "usedRange" }, defaultSettings, undefined, 3));
    expect(await screen.findByText("Your choice: row 3.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Find the row for me" }));
    await waitFor(() => expect(gateway.preview).toHaveBeenLastCalledWith({ kind: "usedRange" }, defaultSettings, undefined));
  });

  test("a row number that is not one is refused in words, and nothing is read", async () => {
    const gateway = createFakeGateway({ grid: ownHeadings });
    const { user } = await renderPane({ gateway });
    await user.type(screen.getByRole("textbox", { name: "Row with the column headings" }), "0{Enter}");
    expect(await screen.findByText(/Type a row number from 1 to 1,048,576\./)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Read with this row" })).toBeDisabled();
    expect(gateway.preview).not.toHaveBeenCalled();
  });

  test("the heading row is saved for the sheet, holds when the pane opens again, and “Find the row for me” clears it (issue 9 §3)", async () => {
    const gateway = createFakeGateway({ grid: ownHeadings });
    const first = await renderPane({ gateway });
    await first.user.click(screen.getByRole("button", { name: "Check columns" }));
    await first.user.type(screen.getByRole("textbox", { name: "Row with the column headings" }), "3{Enter}");
    await waitFor(() => expect(gateway.state.headerRows).toEqual({ Export: 3 }));
    first.unmount();
    gateway.loadStoredState.mockClear();

    // The pane opened again (or by a co-author): the sheet is read with row 3 at the first look.
    const again = await renderPane({ gateway });
    await again.user.click(screen.getByRole("button", { name: "Check columns" }));
    await waitFor(() => expect(gateway.preview).toHaveBeenLastCalledWith({ kind: "usedRange" }, defaultSettings, undefined, 3));
    expect(await screen.findByText("Your choice: row 3.")).toBeInTheDocument();
    await again.user.click(screen.getByRole("button", { name: "Analyse" }));
    await waitFor(() => expect(gateway.analyse).toHaveBeenCalledTimes(1));
    expect(gateway.analyse.mock.calls[0]![0].headerRowNumber).toBe(3);

    await again.user.click(screen.getByRole("button", { name: "Find the row for me" }));
    await waitFor(() => expect(gateway.state.headerRows).toBeUndefined());
  });

  test("Analyse before any look at the sheet uses the heading row saved for it", async () => {
    const gateway = createFakeGateway({ grid: ownHeadings, stored: { headerRows: { Export: 3 } } });
    const { user } = await renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await waitFor(() => expect(gateway.analyse).toHaveBeenCalledTimes(1));
    expect(gateway.analyse.mock.calls[0]![0].headerRowNumber).toBe(3);
  });
});
