/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import axe from "axe-core";
import { renderPane } from "./renderPane";

// axe's icon-ligature check draws text on a canvas, which jsdom does not have; it copes with no context.
beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});

jest.setTimeout(60_000);

/** Every axe rule that can run in jsdom: colour contrast needs real layout and paint, so it runs in the browser test. */
async function axeViolations(root: HTMLElement) {
  const results = await axe.run(root, {
    rules: { "color-contrast": { enabled: false } },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
}

async function renderFullyOpen(theme: "light" | "dark") {
  const { user, container } = await renderPane({ theme });
  // Every part of the pane on screen at once: columns, rules, results with warnings, meeting form.
  await user.click(screen.getByRole("button", { name: "Check columns" }));
  await screen.findByRole("combobox", { name: "Possible sessions" });
  for (const name of [/2\. Ladder and rules/, /4\. Targeting Support Meeting/]) {
    await user.click(screen.getByRole("button", { name }));
  }
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  await screen.findByRole("heading", { name: /Pupils in each band/ });
  await screen.findByLabelText(/Meeting date/);
  return container;
}

describe("accessibility (axe-core in jsdom)", () => {
  test("the first view has no violations", async () => {
    const { container } = await renderPane();
    expect(await axeViolations(container)).toEqual([]);
  });

  test("the pane with every section open and results shown has no violations (light)", async () => {
    const container = await renderFullyOpen("light");
    expect(screen.getByRole("spinbutton", { name: /Severe absence/ })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  test("the same in the dark theme", async () => {
    const container = await renderFullyOpen("dark");
    expect(await axeViolations(container)).toEqual([]);
  });

  test("headings go h1 then h2 sections, with h3 inside results", async () => {
    const container = await renderFullyOpen("light");
    const levels = [...container.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    // Never skips a level on the way down.
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });
});
