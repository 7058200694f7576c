/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { renderPane } from "./renderPane";

// Issue 12 §5: a column dropdown saves (for everyone) and re-reads only when a column is chosen, never on
// each arrow key; one column given two roles is called out.
jest.setTimeout(60_000);

/** What Chromium does on ArrowUp over a closed native list: keydown, then the value changes at once. */
function arrowUp(select: HTMLSelectElement) {
  fireEvent.keyDown(select, { key: "ArrowUp" });
  select.selectedIndex = Math.max(select.selectedIndex - 1, 0);
  fireEvent.change(select);
}

describe("column dropdowns", () => {
  test("arrow keys move the choice without saving; Enter saves it once", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    const percent = (await screen.findByRole("combobox", { name: "Attendance %" })) as HTMLSelectElement;
    percent.focus();
    const previews = gateway.preview.mock.calls.length;
    arrowUp(percent);
    arrowUp(percent);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(gateway.saveStoredState).not.toHaveBeenCalled();
    expect(gateway.preview).toHaveBeenCalledTimes(previews);
    expect(screen.getByText(/Press Enter to use this column/)).toBeInTheDocument();
    const moved = percent.value;

    fireEvent.keyDown(percent, { key: "Enter" });
    await waitFor(() => expect(gateway.saveStoredState).toHaveBeenCalledTimes(1));
    expect(gateway.state.mappings).toEqual({ Export: { attendancePercent: Number(moved) } });
  });

  test("Escape puts the earlier column back and saves nothing", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    const percent = (await screen.findByRole("combobox", { name: "Attendance %" })) as HTMLSelectElement;
    percent.focus();
    arrowUp(percent);
    fireEvent.keyDown(percent, { key: "Escape" });
    fireEvent.blur(percent);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(percent).toHaveValue("10");
    expect(gateway.saveStoredState).not.toHaveBeenCalled();
  });

  test("one column chosen for two fields is called out", async () => {
    const { user } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    // "Poss" (column F) chosen for Present sessions, then for Possible sessions too.
    await user.selectOptions(await screen.findByRole("combobox", { name: "Present sessions" }), "Poss (column F)");
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Present sessions" })).toHaveValue("5"));
    await user.click(screen.getByRole("switch", { name: /Show fields not found/ }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Possible sessions" }), "Poss (column F)");
    const warning = await screen.findByRole("group", { name: "One column, two roles" });
    expect(warning).toHaveTextContent(/Column F is used for both Possible sessions and Present sessions/);
  });
});
