/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { createDOMRenderer, FluentProvider, RendererProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { PupilList, pageSize } from "../../src/taskpane/components/PupilList";
import { makeAnalysis, type PupilSpec } from "../core/report/factory";

jest.setTimeout(120_000);

/** 120 persistently absent pupils in Years 7–11, and 30 at risk. */
const specs: PupilSpec[] = [
  ...Array.from({ length: 120 }, (_, i) => ({ name: `Pupil ${String(i + 1).padStart(3, "0")}`, year: String(7 + (i % 5)), possible: 200, authorised: 20 + (i % 40) })),
  ...Array.from({ length: 30 }, (_, i) => ({ name: `Risk ${i + 1}`, year: "7", possible: 200, authorised: 12 })),
];
const analysis = makeAnalysis(specs);

function renderList() {
  const onChoose = jest.fn();
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <FluentProvider theme={webLightTheme}>
        <PupilList analysis={analysis} sheetName="Export" onChoose={onChoose} />
      </FluentProvider>
    </RendererProvider>,
  );
  return { user, onChoose };
}

describe("pupil list at scale", () => {
  test("shows one page of compact rows, never the whole school at once", async () => {
    const { user } = renderList();
    expect(screen.getAllByTestId("pupil-row")).toHaveLength(pageSize);
    expect(screen.getByText("Pupils 1–50 of 120")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next page" }));
    expect(screen.getByText("Pupils 51–100 of 120")).toBeInTheDocument();
    // Focus goes to the top of the new page, not back to the start of the pane.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(screen.getByText("Pupils 51–100 of 120")).toHaveFocus();
  });

  test("search and filters narrow the list; 'Show every pupil' clears them", async () => {
    const { user } = renderList();
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "pupil 01");
    expect(await screen.findByText("10 pupils")).toBeInTheDocument();
    await user.selectOptions(await screen.findByRole("combobox", { name: "Year group" }), "Year 8");
    // Of Pupils 010–019, Year 8 has 012 and 017; 017 missed more, so comes first.
    expect(screen.getAllByTestId("pupil-row").map((row) => within(row).getAllByRole("button")[0]!.textContent)).toEqual([
      "Pupil 017",
      "Pupil 012",
    ]);
    await user.click(screen.getByRole("button", { name: "Show every pupil" }));
    expect(screen.getByText("Pupils 1–50 of 150")).toBeInTheDocument();
  });

  test("details open on demand with a name that says whose they are", async () => {
    const { user, onChoose } = renderList();
    const row = screen.getAllByTestId("pupil-row")[0]!;
    expect(row).not.toHaveTextContent("Next step");
    const toggle = within(row).getByRole("button", { name: /^Details for / });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(row).toHaveTextContent(/Next step: .*Why: /);
    await user.click(within(row).getByRole("button", { name: /go to row/ }));
    expect(onChoose).toHaveBeenCalledTimes(1);
  });
});
