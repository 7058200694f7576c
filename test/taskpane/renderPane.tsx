import "@testing-library/jest-dom";
import { render, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { createDOMRenderer, RendererProvider } from "@fluentui/react-components";
import { TaskPane } from "../../src/taskpane/index";
import type { PaneTheme } from "../../src/taskpane/theme";
import { createFakeGateway, type FakeGateway } from "./fakeGateway";

export const testToday = "2025-11-14";

/**
 * Renders the pane for behaviour tests.
 *
 * jsdom's getComputedStyle re-matches every CSS rule for the element and each ancestor on every call
 * (measured here: ~250 ms a call with Fluent's ~400 atomic rules and its theme variables), and both
 * user-event (pointer-events check) and axe call it constantly. Nothing these tests check depends on CSS
 * (colour contrast is checked in a real browser), so by default the pane renders without its style rules;
 * `styles: true` keeps them, for the tests that prove the styled pane renders.
 */
export async function renderPane(options: { gateway?: FakeGateway; theme?: PaneTheme; styles?: boolean } = {}) {
  const gateway = options.gateway ?? createFakeGateway();
  const theme = options.theme ?? "light";
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const pane = <TaskPane gateway={gateway} theme={theme} today={testToday} />;
  const view = options.styles
    ? render(pane)
    : render(<RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>{pane}</RendererProvider>);
  if (!options.styles) dropThemeVariables();
  // The saved state loads once on mount; the actions wait for it.
  await waitFor(() => expect(gateway.loadStoredState).toHaveBeenCalledTimes(1));
  await waitFor(() => expect(within(view.container).getByRole("button", { name: "Check columns" })).toBeEnabled());
  return { user, gateway, ...view };
}

/** Removes the FluentProvider's theme rule (hundreds of CSS variables jsdom re-parses on every style lookup). */
function dropThemeVariables() {
  for (const style of document.querySelectorAll<HTMLStyleElement>('style[id^="fui-FluentProvider"]')) {
    while (style.sheet && style.sheet.cssRules.length > 0) style.sheet.deleteRule(0);
  }
}
