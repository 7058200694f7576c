/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { renderPane } from "./renderPane";

// Issue 12 §5: a column dropdown saves (for everyone) and re-reads only when a column is chosen, never on
// each arrow key; quick successive choices all survive; one column given two roles is called out.
jest.setTimeout(60_000);

/** What Chromium does on ArrowUp over a closed native list: keydown, then the value changes at once. */
function arrowUp(select: HTMLSelectElement) {
  fireEvent.keyDown(select, { key: "ArrowUp" });
  select.selectedIndex = Math.max(select.selectedIndex - 1, 0);
  fireEvent.change(select);
}

/** Lets pending promises and timers run. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 10)));

describe("column dropdowns", () => {
  test("arrow keys move the choice without saving or reading again; Enter saves it once", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    const percent = (await screen.findByRole("combobox", { name: "Attendance %" })) as HTMLSelectElement;
    percent.focus();
    const previews = gateway.preview.mock.calls.length;
    arrowUp(percent);
    arrowUp(percent);
    await settle();
    expect(gateway.saveStoredState).not.toHaveBeenCalled();
    expect(gateway.preview).toHaveBeenCalledTimes(previews);
    expect(screen.getByText(/Press Enter to use this column/)).toBeInTheDocument();
    const moved = percent.value;
    expect(moved).not.toBe("10");

    fireEvent.keyDown(percent, { key: "Enter" });
    await waitFor(() => expect(gateway.saveStoredState).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(gateway.preview).toHaveBeenCalledTimes(previews + 1));
    expect(gateway.state.mappings).toEqual({ Export: { attendancePercent: Number(moved) } });
    expect(percent).toHaveValue(moved);
  });

  test("Escape puts the earlier column back and saves nothing", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    const percent = (await screen.findByRole("combobox", { name: "Attendance %" })) as HTMLSelectElement;
    percent.focus();
    arrowUp(percent);
    fireEvent.keyDown(percent, { key: "Escape" });
    fireEvent.blur(percent);
    await settle();
    expect(percent).toHaveValue("10");
    expect(gateway.saveStoredState).not.toHaveBeenCalled();
  });

  test("choices made in quick succession, while the first is still being saved, are all kept", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    await screen.findByRole("combobox", { name: "Attendance %" });
    const release = gateway.holdSaves();
    await user.selectOptions(screen.getByRole("combobox", { name: "Attendance %" }), "Not in this sheet");
    await user.selectOptions(screen.getByRole("combobox", { name: "UPN" }), "Not in this sheet");
    await user.selectOptions(screen.getByRole("combobox", { name: "Registration group" }), "Not in this sheet");
    // Shown at once, before any save has finished.
    expect(screen.getByRole("combobox", { name: "Attendance %" })).toHaveValue("none");
    expect(screen.getByRole("combobox", { name: "UPN" })).toHaveValue("none");
    release();
    await waitFor(() =>
      expect(gateway.state.mappings).toEqual({ Export: { attendancePercent: null, upn: null, regGroup: null } }),
    );
    await settle();
    expect(gateway.state.mappings).toEqual({ Export: { attendancePercent: null, upn: null, regGroup: null } });
    expect(screen.getByRole("combobox", { name: "Attendance %" })).toHaveValue("none");
    expect(screen.getByRole("combobox", { name: "UPN" })).toHaveValue("none");
    expect(screen.getByRole("combobox", { name: "Registration group" })).toHaveValue("none");
  });

  test("a co-author's save reported while a choice is being saved does not put the older columns back", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    await screen.findByRole("combobox", { name: "Attendance %" });
    const release = gateway.holdSaves();
    await user.selectOptions(screen.getByRole("combobox", { name: "Attendance %" }), "Not in this sheet");
    // A co-author changes the rules; the event carries the workbook as it was before this choice was saved.
    act(() => gateway.coauthorSaves({ ...gateway.state, settings: { ...gateway.state.settings, bands: { ...gateway.state.settings.bands, persistentPercent: 12 } } }));
    await settle();
    expect(screen.getByRole("combobox", { name: "Attendance %" })).toHaveValue("none");
    release();
    await waitFor(() => expect(gateway.state.mappings).toEqual({ Export: { attendancePercent: null } }));
    await settle();
    expect(gateway.state.settings.bands.persistentPercent).toBe(12);
    expect(screen.getByRole("combobox", { name: "Attendance %" })).toHaveValue("none");
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
