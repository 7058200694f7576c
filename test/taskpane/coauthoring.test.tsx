/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, screen, waitFor } from "@testing-library/react";
import { defaultSettings } from "../../src/core/rules/settings";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";

jest.setTimeout(120_000);

describe("a co-author's saved settings reach the open pane", () => {
  test("rules the other person saves are shown and used, and the next save starts from them", async () => {
    const gateway = createFakeGateway();
    const { user } = await renderPane({ gateway });
    await waitFor(() => expect(gateway.watchStoredState).toHaveBeenCalledTimes(1));
    await user.click(screen.getByRole("button", { name: /2\. Ladder and rules/ }));
    const severe = () => screen.getByRole("spinbutton", { name: /Severe absence \(SA\)/ });
    expect(severe()).toHaveValue(String(defaultSettings.bands.severePercent));

    const theirs = { ...defaultSettings, bands: { ...defaultSettings.bands, severePercent: 40 } };
    act(() => gateway.coauthorSaves({ settings: theirs, details: null, mappings: { Export: { fsm: null } } }));
    await waitFor(() => expect(severe()).toHaveValue("40"));

    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await screen.findByRole("heading", { name: /Pupils in each band/ });
    expect(gateway.analyse.mock.calls[0]![0].settings).toEqual(theirs);
  });

  test("what the user is typing in the rules is never reset by a co-author's save", async () => {
    const gateway = createFakeGateway();
    const { user } = await renderPane({ gateway });
    await waitFor(() => expect(gateway.watchStoredState).toHaveBeenCalledTimes(1));
    await user.click(screen.getByRole("button", { name: /2\. Ladder and rules/ }));
    const severe = () => screen.getByRole("spinbutton", { name: /Severe absence \(SA\)/ });
    await user.clear(severe());
    await user.type(severe(), "45");
    const theirs = { ...defaultSettings, bands: { ...defaultSettings.bands, severePercent: 40 } };
    act(() => gateway.coauthorSaves({ settings: theirs, details: null, mappings: {} }));
    await waitFor(() => expect(gateway.state.settings.bands.severePercent).toBe(40));
    expect(severe()).toHaveValue("45");
  });
});
