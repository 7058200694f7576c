/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import { renderPane } from "./renderPane";

// Issue 12 §5: one column given two roles is called out.
jest.setTimeout(60_000);


describe("column dropdowns", () => {
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
