/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { createDOMRenderer, FluentProvider, RendererProvider, webLightTheme } from "@fluentui/react-components";
import axe from "axe-core";
import { nationalFigureTable, type NationalFigureTable } from "../../src/core/report/nationalFigures";
import { NationalFigures } from "../../src/taskpane/components/NationalFigures";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";

// Fluent in jsdom on a shared machine is slow; these tests type and click a lot.
jest.setTimeout(60_000);

// axe's icon-ligature check draws text on a canvas, which jsdom does not have; it copes with no context.
beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});

const updated: NationalFigureTable = {
  source: 'DfE, "Pupil absence in schools in England", 2024/25 release',
  date: "2026-03-19",
  rows: [
    { year: "2024/25", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.4, persistentRate: 24.1, severeRate: 3.2, partYear: false },
  ],
};
const shippedDate = nationalFigureTable.date.split("-").reverse().join("/");

type User = ReturnType<typeof userEvent.setup>;

/** The component alone, without its style rules (jsdom re-matches every CSS rule on each style lookup). */
function renderFigures(saved: NationalFigureTable | null = null, onSave = jest.fn(async (_table: NationalFigureTable | null) => undefined)) {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <FluentProvider theme={webLightTheme}>
        <NationalFigures saved={saved} disabled={false} onSave={onSave} />
      </FluentProvider>
    </RendererProvider>,
  );
  return { user, onSave, ...view };
}

async function open(user: User) {
  const header = screen.getByRole("button", { name: "National figures" });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  await screen.findByRole("textbox", { name: "Source" });
}

/** The group of inputs for one row of the table, found by its legend ("Row 2: 2023/24, …"). */
function row(number: number): HTMLElement {
  return screen.getByRole("group", { name: new RegExp(`^Row ${number}\\b`) });
}

async function fill(user: User, box: HTMLElement, text: string) {
  await user.clear(box);
  if (text !== "") {
    await user.click(box);
    await user.paste(text);
  }
}

describe("National figures in the task pane", () => {
  test("is collapsed at first, then shows the shipped table with its source and date", async () => {
    const { user } = renderFigures();
    expect(screen.queryByRole("textbox", { name: "Source" })).not.toBeInTheDocument();
    await open(user);
    expect(screen.getByText(/In use: the figures that come with the add-in/)).toHaveTextContent(
      `(DfE, "Pupil absence in schools in England", published or last checked on ${shippedDate})`,
    );
    expect(screen.getByRole("textbox", { name: "Source" })).toHaveValue('DfE, "Pupil absence in schools in England"');
    expect(screen.getByRole("textbox", { name: /Date published or last checked/ })).toHaveValue(shippedDate);
    expect(screen.getAllByRole("group", { name: /^Row \d+/ })).toHaveLength(nationalFigureTable.rows.length);
    const first = row(1);
    expect(first).toHaveAccessibleName("Row 1: 2022/23, All state-funded schools");
    expect(within(first).getByRole("textbox", { name: /^Year/ })).toHaveValue("2022/23");
    expect(within(first).getByRole("combobox", { name: "Phase" })).toHaveValue("all");
    expect(within(first).getByRole("textbox", { name: "PA rate (%)" })).toHaveValue("21.2");
    // An empty figure is an empty box, not 0.
    expect(within(row(4)).getByRole("textbox", { name: "PA rate (%)" })).toHaveValue("");
  });

  test("opens from the keyboard, and every control is in the tab order with a label", async () => {
    const { user, container } = renderFigures();
    await user.tab();
    const header = screen.getByRole("button", { name: "National figures" });
    expect(header).toHaveFocus();
    await user.keyboard("{Enter}");
    await screen.findByRole("textbox", { name: "Source" });
    expect(header).toHaveAttribute("aria-expanded", "true");
    // jsdom cannot follow Tab through Fluent's focus manager (Tabster), so the order is checked in the DOM.
    const controls = [...container.querySelectorAll<HTMLElement>("input, select, button")];
    expect(controls.length).toBe(3 + nationalFigureTable.rows.length * 7 + 3);
    const save = screen.getByRole("button", { name: "Save the national figures for everyone" });
    expect(save).toBeDisabled(); // until something changes
    for (const control of controls.filter((c) => c !== save)) {
      expect(control.tabIndex).toBeGreaterThanOrEqual(0);
      expect(control).toBeEnabled();
      expect(control).toHaveAccessibleName();
    }
  });

  test("shows the core's message beside a bad field, and will not save until it is put right", async () => {
    const { user, onSave } = renderFigures();
    await open(user);
    const save = screen.getByRole("button", { name: "Save the national figures for everyone" });
    expect(save).toBeDisabled(); // nothing changed yet
    const pa = within(row(2)).getByRole("textbox", { name: "PA rate (%)" });
    await fill(user, pa, "120");
    expect(pa).toHaveAttribute("aria-invalid", "true");
    expect(within(row(2)).getByText("\"120\" is more than 100; enter a percentage from 0 to 100 (for example 7.4 for 7.4%), or leave it empty.")).toBeInTheDocument();
    expect(save).toBeDisabled();

    const phase = within(row(3)).getByRole("combobox", { name: "Phase" });
    expect(within(phase).getAllByRole("option").map((o) => o.textContent)).toEqual(["All schools", "Primary", "Secondary", "Special"]);

    await fill(user, screen.getByRole("textbox", { name: /Date published or last checked/ }), "31/02/2026");
    expect(screen.getByText(/^"31\/02\/2026" is not a date; enter the date the figures were published or last checked/)).toBeInTheDocument();
    await fill(user, within(row(1)).getByRole("textbox", { name: /^Year/ }), "2022-23");
    expect(within(row(1)).getByText(/^"2022-23" is not an academic year; write it like 2023\/24/)).toBeInTheDocument();

    await fill(user, pa, "19.8");
    await fill(user, screen.getByRole("textbox", { name: /Date published or last checked/ }), "19/03/2026");
    await fill(user, within(row(1)).getByRole("textbox", { name: /^Year/ }), "2022/23");
    expect(pa).not.toHaveAttribute("aria-invalid", "true");
    await user.click(save);
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const saved = onSave.mock.calls[0]![0]!;
    expect(saved.date).toBe("2026-03-19");
    expect(saved.rows[1]).toEqual({ ...nationalFigureTable.rows[1], persistentRate: 19.8 });
    expect(await screen.findByText(/Saved for everyone in this workbook/)).toBeInTheDocument();
  });

  test("rows can be added and removed; an empty table is explained", async () => {
    const { user, onSave } = renderFigures(updated);
    await open(user);
    expect(screen.getByText(/In use: figures saved in this workbook/)).toHaveTextContent("published or last checked on 19/03/2026");
    await user.click(screen.getByRole("button", { name: "Remove row 1" }));
    expect(screen.getByText("The table has no rows: add at least one row of figures.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add a row" }));
    const added = row(1);
    expect(within(added).getByText("It is missing; write it like 2023/24, adding the terms for a part-year release (for example 2024/25 autumn and spring terms).")).toBeInTheDocument();
    await fill(user, within(added).getByRole("textbox", { name: /^Year/ }), "2025/26 autumn term");
    await fill(user, within(added).getByRole("textbox", { name: "Covers" }), "All state-funded schools");
    await fill(user, within(added).getByRole("textbox", { name: "SA rate (%)" }), "2.1");
    await user.click(screen.getByRole("button", { name: "Save the national figures for everyone" }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]!.rows).toEqual([
      { year: "2025/26 autumn term", coverage: "All state-funded schools", phase: "all", overallAbsence: null, persistentRate: null, severeRate: 2.1, partYear: true },
    ]);
  });

  test("Reset puts the shipped figures back; saving them stores no table of the school's own", async () => {
    const { user, onSave } = renderFigures(updated);
    await open(user);
    await user.click(screen.getByRole("button", { name: "Reset to the shipped figures" }));
    expect(screen.getByText(/The shipped figures are back in the form/)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Source" })).toHaveValue(nationalFigureTable.source);
    expect(screen.getAllByRole("group", { name: /^Row \d+/ })).toHaveLength(nationalFigureTable.rows.length);
    await user.click(screen.getByRole("button", { name: "Save the national figures for everyone" }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(null));
    expect(await screen.findByText("The shipped figures are in use again for everyone in this workbook.")).toBeInTheDocument();
  });

  test("says so when the workbook refuses to save", async () => {
    const { user } = renderFigures(null, jest.fn(async (_table: NationalFigureTable | null): Promise<undefined> => Promise.reject(new Error("The workbook is read-only."))));
    await open(user);
    await fill(user, within(row(1)).getByRole("textbox", { name: "SA rate (%)" }), "2.1");
    await user.click(screen.getByRole("button", { name: "Save the national figures for everyone" }));
    expect(await screen.findByText("National figures not saved")).toBeInTheDocument();
    expect(screen.getByText(/Excel said: The workbook is read-only\./)).toBeInTheDocument();
  });

  test("has no axe violations, open and showing an error", async () => {
    const { user, container } = renderFigures();
    await open(user);
    await fill(user, within(row(2)).getByRole("textbox", { name: "PA rate (%)" }), "abc");
    const results = await axe.run(container, { rules: { "color-contrast": { enabled: false } }, resultTypes: ["violations"] });
    expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }))).toEqual([]);
  });
});

describe("National figures in the meeting section", () => {
  test("saves in the workbook, for co-editors, and the meeting sheets use the saved figures", async () => {
    const gateway = createFakeGateway({
      stored: { details: { schoolName: "Oakfield", urn: "", phase: "secondary", meetingDate: "2025-11-14", seniorAttendanceLead: "", linkPiasOfficer: "" } },
    });
    const { user } = await renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: /4\. Targeting Support Meeting/ }));
    await open(user);
    await fill(user, within(row(2)).getByRole("textbox", { name: "PA rate (%)" }), "19.8");
    await user.click(screen.getByRole("button", { name: "Save the national figures for everyone" }));
    await waitFor(() => expect(gateway.saveStoredState).toHaveBeenCalledTimes(1));
    const saved = gateway.saveStoredState.mock.calls[0]![0];
    expect(saved.nationalFigures?.rows[1]?.persistentRate).toBe(19.8);
    // The school's details and rules are saved unchanged beside the figures.
    expect(saved.details?.schoolName).toBe("Oakfield");
    expect(gateway.state.nationalFigures).toEqual(saved.nationalFigures);

    await user.click(screen.getByRole("button", { name: "Create TSM form and governors' summary" }));
    await waitFor(() => expect(gateway.generateMeetingSheets).toHaveBeenCalledTimes(1));
    expect(gateway.generateMeetingSheets.mock.calls[0]![0].nationalFigures).toEqual(saved.nationalFigures);
  });

  test("opens with the figures saved in the workbook", async () => {
    const { user } = await renderPane({ gateway: createFakeGateway({ stored: { nationalFigures: updated } }) });
    await user.click(screen.getByRole("button", { name: /4\. Targeting Support Meeting/ }));
    await open(user);
    expect(screen.getByText(/In use: figures saved in this workbook/)).toBeInTheDocument();
    expect(within(row(1)).getByRole("textbox", { name: "PA rate (%)" })).toHaveValue("24.1");
  });
});
