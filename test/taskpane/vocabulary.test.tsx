/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, within } from "@testing-library/react";
import { renderPane } from "./renderPane";

// Issue 12 §4: the pane's words agree with the governors' summary, and say plainly when attendance alone
// cannot end persistent absence this year.
jest.setTimeout(60_000);

describe("one vocabulary", () => {
  test("PA with SA included is given as the summary gives it, and the PA band says it leaves SA out", async () => {
    const { user } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await screen.findByRole("heading", { name: /Pupils in each band/ });
    // smallExport: 1 severe, 2 persistent.
    expect(screen.getByText("Persistent absence with SA included, as the governors' summary counts it: 3 pupils.")).toBeInTheDocument();
    expect(screen.getByTestId("band-persistent")).toHaveTextContent("Missed 10% or more but less than 50% of possible sessions");
  });

  test("a pupil who cannot leave PA by attendance alone this year is told so, not given a number of sessions", async () => {
    const { user } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    const grace = (await screen.findByRole("button", { name: /^Grace Hughes, go to row/ })).closest("li")!;
    await user.click(within(grace).getByRole("button", { name: "Details for Grace Hughes" }));
    expect(grace).toHaveTextContent(/Attendance alone cannot bring absence below 10% this academic year/);
    expect(grace).not.toHaveTextContent(/Attending the next 481 sessions/);
  });
});
