/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { bandLabels } from "../../src/core/rules/bandLabels";
import { defaultSettings } from "../../src/core/rules/settings";
import { validateSettings } from "../../src/core/rules/validateSettings";
import { privacyLine } from "../../src/taskpane/index";
import { createFakeGateway, smallExport, type FakeGateway } from "./fakeGateway";
import { renderPane as renderStyled } from "./renderPane";

// Fluent in jsdom on a shared 2-core machine is slow; these tests type and click a lot.
jest.setTimeout(120_000);

async function renderPane(gateway: FakeGateway = createFakeGateway(), theme: "light" | "dark" = "light", styles = false) {
  return renderStyled({ gateway, theme, styles });
}

/** Replaces a text box's value the way a user pasting would (one input event: fast on a busy machine). */
async function fill(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string) {
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

async function openSection(user: ReturnType<typeof userEvent.setup>, name: RegExp) {
  const header = screen.getByRole("button", { name });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  await waitFor(() => expect(screen.getByRole("button", { name })).toHaveAttribute("aria-expanded", "true"));
}

async function analyse(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "Analyse" }));
  await screen.findByRole("heading", { name: /Pupils in each band/ });
}

describe("task pane", () => {
  test("renders without Office: headings, the sample button and the privacy line", async () => {
    expect((globalThis as { Office?: unknown }).Office).toBeUndefined();
    // With its real styles: the styled pane renders.
    await renderPane(createFakeGateway(), "light", true);
    expect(screen.getByRole("heading", { level: 1, name: "Attendance Insight" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: /1\. Your data/ })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: /3\. Analyse/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try it with sample data" })).toBeInTheDocument();
    expect(screen.getByText(privacyLine)).toBeInTheDocument();
    expect(privacyLine).toBe("Pupil data stays in this workbook. The add-in sends nothing anywhere.");
  });

  test("Analyse shows each band's name and count in words, with progress in a live region", async () => {
    const { user, gateway } = await renderPane();
    await analyse(user);

    expect(gateway.analyse).toHaveBeenCalledTimes(1);
    const request = gateway.analyse.mock.calls[0]![0];
    expect(request.source).toEqual({ kind: "usedRange" });
    expect(request.settings).toEqual(defaultSettings);

    // smallExport: 1 severe, 2 persistent, 1 at risk, 1 expected, 1 with no possible sessions.
    const expected = { severe: "1 pupil", persistent: "2 pupils", "at-risk": "1 pupil", expected: "1 pupil", "no-data": "1 pupil" };
    const list = screen.getByRole("list", { name: /Pupils in each band/ });
    for (const [band, count] of Object.entries(expected)) {
      const item = within(list).getByTestId(`band-${band}`);
      expect(item).toHaveTextContent(bandLabels[band as keyof typeof bandLabels].long);
      expect(item).toHaveTextContent(count);
      // The colour is there too, but only beside the words.
      expect(item.querySelector(`[data-band="${band}"]`)).toHaveAttribute("aria-hidden", "true");
    }

    const status = screen.getByRole("status");
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status).toHaveTextContent("Analysed 6 pupils on Export: 1 severe absence, 2 persistent absence, 1 at risk.");
  });

  test("lists SA then PA pupils with year, attendance, band, stage, suggestion and reason", async () => {
    const { user } = await renderPane();
    await analyse(user);
    const heading = screen.getByRole("heading", { name: /Severe and persistent absence \(3\)/ });
    expect(heading).toBeInTheDocument();
    const names = screen.getAllByRole("button", { name: /go to row/ }).map((b) => b.textContent);
    // Severe first, then persistent by lowest attendance.
    expect(names[0]).toMatch(/^Grace Hughes/);
    expect(names[1]).toMatch(/^Mia Evans/);
    expect(names[2]).toMatch(/^Oliver Smith-Jones/);

    const grace = screen.getByRole("button", { name: /^Grace Hughes, go to row/ }).closest("li")!;
    expect(grace).toHaveTextContent("Year 8");
    expect(grace).toHaveTextContent("attendance 50.0%");
    expect(grace).toHaveTextContent("Severe absence (SA)");
    expect(grace).toHaveTextContent("Stage 5 – Formal concern");
    // Compact rows: the next step and the reasons are one button away.
    expect(grace).not.toHaveTextContent(/Next step/);
    await user.click(within(grace).getByRole("button", { name: "Details for Grace Hughes" }));
    expect(grace).toHaveTextContent(/Next step: .*statutory intervention/);
    expect(grace).toHaveTextContent(/Why: Missed 60 of 120 possible sessions/);
  });

  test("choosing a pupil by click or by keyboard selects their row in the sheet", async () => {
    const { user, gateway } = await renderPane();
    await analyse(user);

    await user.click(screen.getByRole("button", { name: /^Oliver Smith-Jones, go to row/ }));
    expect(gateway.selectPupilRow).toHaveBeenLastCalledWith("Export", 2);

    const mia = screen.getByRole("button", { name: /^Mia Evans, go to row/ });
    mia.focus();
    await user.keyboard("{Enter}");
    expect(gateway.selectPupilRow).toHaveBeenLastCalledWith("Export", 6);

    screen.getByRole("button", { name: /^Grace Hughes, go to row/ }).focus();
    await user.keyboard(" ");
    expect(gateway.selectPupilRow).toHaveBeenLastCalledWith("Export", 3);
    expect(gateway.selectPupilRow).toHaveBeenCalledTimes(3);
  });

  test("warnings are collapsed by default, show their count, and open to the row-level sentence", async () => {
    // Ava Wright's present count (120) does not add up with her possible sessions (100).
    const grid = smallExport.map((row, index) => (index === 4 ? row.map((cell, column) => (column === 6 ? 120 : cell)) : row));
    const { user } = await renderPane(createFakeGateway({ grid }));
    expect(screen.queryByRole("button", { name: /^Warnings/ })).not.toBeInTheDocument();
    await analyse(user);
    // The warnings follow the list's first drawing (deferred): on a busy machine that can take a moment.
    const header = await screen.findByRole("button", { name: /^Warnings \(\d+\)$/ }, { timeout: 15_000 });
    expect(header).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText(/make 121 sessions/)).not.toBeInTheDocument();
    await user.click(header);
    expect(await screen.findByText(/^Ava Wright \(row 5\): Present \(120\).*make 121 sessions/, {}, { timeout: 15_000 })).toBeInTheDocument();
  });

  test("an error from the workbook is shown in a message bar saying what to do", async () => {
    const gateway = createFakeGateway();
    gateway.analyse.mockResolvedValueOnce({
      ok: false,
      message: "Export row 1: no column of possible sessions or attendance was found. Check the header row, or choose the columns in Check columns.",
    });
    const { user } = await renderPane(gateway);
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    expect(await screen.findByText("Not analysed")).toBeInTheDocument();
    expect(screen.getByText(/choose the columns in Check columns/)).toBeInTheDocument();

    gateway.analyse.mockRejectedValueOnce(new Error("RichApi.Error: The request failed"));
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    expect(await screen.findByText(/Excel said: RichApi.Error: The request failed\. Finish editing any cell, then try again/)).toBeInTheDocument();
  });

  test("a table can be chosen from the workbook's tables and is what Analyse reads", async () => {
    const gateway = createFakeGateway({ tables: ["Pupils2025", "Year7"] });
    const { user } = await renderPane(gateway);
    await user.selectOptions(screen.getByRole("combobox", { name: /Where are the pupils/ }), "A table");
    const table = await screen.findByRole("combobox", { name: "Table" });
    await waitFor(() => expect(table).toBeEnabled());
    expect(within(table).getAllByRole("option").map((o) => o.textContent)).toEqual(["Pupils2025", "Year7"]);
    await user.selectOptions(table, "Year7");
    await analyse(user);
    expect(gateway.analyse.mock.calls[0]![0].source).toEqual({ kind: "table", tableName: "Year7" });
  });

  test("when the saved choices cannot be read it says so and carries on with the default rules", async () => {
    const gateway = createFakeGateway();
    gateway.loadStoredState.mockRejectedValueOnce(new Error("Settings are locked"));
    const { user } = await renderPane(gateway);
    expect(screen.getByText("Saved choices not read")).toBeInTheDocument();
    expect(screen.getByText(/Until then the default rules apply\./)).toBeInTheDocument();
    await analyse(user);
    expect(gateway.analyse.mock.calls[0]![0].settings).toEqual(defaultSettings);
  });

  test("Check columns shows each field, its heading and a confidence in words", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    const possible = await screen.findByRole("combobox", { name: "Possible sessions" });
    expect(gateway.preview).toHaveBeenCalledWith({ kind: "usedRange" }, defaultSettings, undefined);
    // "Poss" is column F (index 5).
    expect(possible).toHaveValue("5");
    const description = document.getElementById(possible.getAttribute("aria-describedby")!.split(" ")[0]!);
    // "Sure" needs no badge; anything less sure says so in a word beside the heading.
    expect(description).toHaveTextContent(/^(Likely|Guess)?Heading “Poss”, column F$/);
    // Options: "Not in this sheet" and the sheet's headings.
    const options = within(possible).getAllByRole("option").map((o) => o.textContent);
    expect(options[0]).toBe("Not in this sheet");
    expect(options).toContain("Poss (column F)");
    expect(options).toContain("Legal Surname (column A)");
  });

  test("correcting a column re-runs with the override and remembers it for the sheet", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Check columns" }));
    const percent = await screen.findByRole("combobox", { name: "Attendance %" });
    expect(percent).toHaveValue("10");

    await user.selectOptions(percent, "Not in this sheet");

    await waitFor(() => expect(gateway.preview).toHaveBeenLastCalledWith({ kind: "usedRange" }, defaultSettings, { attendancePercent: null }), { timeout: 15_000 });
    // Saved with the state the pane showed, so only this change is written (co-authors keep theirs).
    expect(gateway.saveStoredState).toHaveBeenCalledWith(
      { settings: defaultSettings, details: null, mappings: { Export: { attendancePercent: null } } },
      { settings: defaultSettings, details: null, mappings: {} },
    );
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Attendance %" })).toHaveValue("none"), { timeout: 15_000 });
    expect(screen.getByText("Your choice")).toBeInTheDocument();

    // The next Analyse uses the correction.
    await analyse(user);
    expect(gateway.analyse.mock.calls[0]![0].mappingOverride).toEqual({ attendancePercent: null });
  });

  test("a correction saved earlier for the sheet applies to Analyse without checking columns first", async () => {
    const gateway = createFakeGateway({ stored: { mappings: { Export: { attendancePercent: null } } } });
    const { user } = await renderPane(gateway);
    await analyse(user);
    expect(gateway.analyse.mock.calls[0]![0].mappingOverride).toEqual({ attendancePercent: null });
    // A different sheet's correction does not leak in.
    const other = createFakeGateway({ stored: { mappings: { Other: { upn: null } } } });
    const second = await renderPane(other);
    await second.user.click(screen.getAllByRole("button", { name: "Analyse" })[1]!);
    await waitFor(() => expect(other.analyse).toHaveBeenCalledTimes(1));
    expect(other.analyse.mock.calls[0]![0].mappingOverride).toBeUndefined();
  });

  test("an invalid threshold shows the validation sentence and disables Save and Analyse", async () => {
    const { user, gateway } = await renderPane();
    await openSection(user, /2\. Ladder and rules/);
    // A valid change first, so Save is on; then a threshold the core refuses.
    await user.click(screen.getByRole("radio", { name: "Both" }));
    expect(screen.getByRole("button", { name: "Save the rules for everyone" })).toBeEnabled();
    const persistent = screen.getByRole("spinbutton", { name: /Persistent absence \(PA\): missed at least/ });
    await user.clear(persistent);
    await user.type(persistent, "60");
    await user.tab();

    const expected = validateSettings({ ...defaultSettings, framework: "both", bands: { ...defaultSettings.bands, persistentPercent: 60 } });
    expect(expected.ok).toBe(false);
    const errors = expected.ok ? [] : expected.errors;
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(await screen.findByText(error)).toBeInTheDocument();

    expect(screen.getByRole("button", { name: "Save the rules for everyone" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Analyse" })).toBeDisabled();
    expect(gateway.saveStoredState).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Restore defaults" }));
    for (const error of errors) expect(screen.queryByText(error)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Analyse" })).toBeEnabled();
  });

  test("changed rules are saved for everyone and used by Analyse", async () => {
    const { user, gateway } = await renderPane();
    await openSection(user, /2\. Ladder and rules/);
    await user.click(screen.getByRole("radio", { name: "Both" }));
    const severe = screen.getByRole("spinbutton", { name: /Severe absence \(SA\)/ });
    await user.clear(severe);
    await user.type(severe, "40");
    await user.tab();
    await user.click(screen.getByRole("radio", { name: "Unauthorised absence only" }));

    const save = screen.getByRole("button", { name: "Save the rules for everyone" });
    expect(save).toBeEnabled();
    await user.click(save);
    const wanted = { ...defaultSettings, framework: "both", stageAbsence: "unauthorised", bands: { ...defaultSettings.bands, severePercent: 40 } };
    await waitFor(() => expect(gateway.saveStoredState).toHaveBeenCalledWith({ settings: wanted, details: null, mappings: {} }, expect.anything()));
    expect(await screen.findByText(/Everyone who opens this workbook gets these rules/)).toBeInTheDocument();

    await analyse(user);
    expect(gateway.analyse.mock.calls[0]![0].settings).toEqual(wanted);
    // "Both" ladders: stage and level side by side.
    const grace = screen.getByRole("button", { name: /^Grace Hughes, go to row/ }).closest("li")!;
    expect(grace).toHaveTextContent(/Stage \d – .* · Level \d – /);
  });

  test("rules saved in the workbook are loaded into the form", async () => {
    const settings = { ...defaultSettings, framework: "levels" as const, level3UnauthorisedSessions: 12 };
    const { user } = await renderPane(createFakeGateway({ stored: { settings } }));
    await openSection(user, /2\. Ladder and rules/);
    expect(screen.getByRole("radio", { name: "PIAS levels 1–4" })).toBeChecked();
    expect(screen.getByRole("spinbutton", { name: /PIAS level 3/ })).toHaveValue("12");
  });

  test("the sample button calls insertSampleAndAnalyse and shows its results", async () => {
    const { user, gateway } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Try it with sample data" }));
    await waitFor(() => expect(gateway.insertSampleAndAnalyse).toHaveBeenCalledWith(defaultSettings));
    expect(await screen.findByRole("heading", { name: "Pupils in each band (3 pupils)" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /^Noah Adams, go to row/ }));
    expect(gateway.selectPupilRow).toHaveBeenCalledWith("Sample data", 2);
  });

  test("the meeting form calls generateMeetingSheets with the details and lists the sheets made", async () => {
    const { user, gateway } = await renderPane();
    await openSection(user, /4\. Targeting Support Meeting/);
    // A date picker (keyboard: type day, month, year; Alt+Down opens the calendar), said the British way beside it.
    const date = screen.getByLabelText(/Meeting date/);
    expect(date).toHaveAttribute("type", "date");
    expect(date).toHaveValue("2025-11-14");
    expect(screen.getByText("Friday 14 November 2025 (14/11/2025)")).toBeInTheDocument();
    const create = screen.getByRole("button", { name: "Create TSM form and governors' summary" });
    // The core's check: a school name is needed.
    expect(create).toBeDisabled();
    expect(screen.getByText("Enter the school's name.")).toBeInTheDocument();

    await fill(user, screen.getByRole("textbox", { name: "School name" }), "Oakfield Academy");
    await fill(user, screen.getByRole("textbox", { name: /URN/ }), "118234");
    await user.selectOptions(screen.getByRole("combobox", { name: "Phase" }), "Secondary");
    fireEvent.change(date, { target: { value: "2025-12-04" } });
    expect(await screen.findByText("Thursday 4 December 2025 (04/12/2025)")).toBeInTheDocument();
    await fill(user, screen.getByRole("textbox", { name: "Senior attendance lead" }), "J. Okafor");
    await fill(user, screen.getByRole("textbox", { name: "Link PIAS officer" }), "R. Patel");
    await user.click(screen.getByRole("switch", { name: "Shareable copy (no names)" }));
    await user.click(create);

    const details = {
      schoolName: "Oakfield Academy",
      urn: "118234",
      phase: "secondary",
      meetingDate: "2025-12-04",
      seniorAttendanceLead: "J. Okafor",
      linkPiasOfficer: "R. Patel",
    };
    await waitFor(() => expect(gateway.generateMeetingSheets).toHaveBeenCalledTimes(1));
    const request = gateway.generateMeetingSheets.mock.calls[0]![0];
    expect(request.details).toEqual(details);
    expect(request.shareable).toBe(true);
    expect(request.source).toEqual({ kind: "usedRange" });
    expect(request.settings).toEqual(defaultSettings);
    // The details are kept in the workbook for next time.
    expect(gateway.saveStoredState).toHaveBeenCalledWith({ settings: defaultSettings, details, mappings: {} }, expect.anything());

    const made = await screen.findByText("Sheets created");
    const bar = made.closest(".fui-MessageBar") as HTMLElement;
    expect(within(bar).getByText("TSM Autumn 2025-26")).toBeInTheDocument();
    expect(within(bar).getByText("Governors summary")).toBeInTheDocument();
    expect(within(bar).queryByText("Pupil key")).not.toBeInTheDocument();
  });

  test("a meeting date not chosen in full is explained and blocks the button", async () => {
    const { user } = await renderPane(
      createFakeGateway({
        stored: {
          details: { schoolName: "Oakfield", urn: "", phase: "primary", meetingDate: "2025-01-10", seniorAttendanceLead: "", linkPiasOfficer: "" },
        },
      }),
    );
    await openSection(user, /4\. Targeting Support Meeting/);
    // Saved details come back; a past meeting date gives way to today.
    expect(screen.getByRole("textbox", { name: "School name" })).toHaveValue("Oakfield");
    const date = screen.getByLabelText(/Meeting date/);
    expect(date).toHaveValue("2025-11-14");
    // What a date picker gives while only the day and month are typed: no date.
    fireEvent.change(date, { target: { value: "" } });
    expect(screen.getByText(/Choose the meeting date: type it as day, month and year/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create TSM form and governors' summary" })).toBeDisabled();
  });

  test("the dark theme renders the same pane", async () => {
    const { user, container } = await renderPane(createFakeGateway(), "dark", true);
    expect(container.querySelector("[data-theme='dark']")).not.toBeNull();
    await analyse(user);
    expect(screen.getByTestId("band-severe")).toHaveTextContent("Severe absence (SA)");
  });
});
