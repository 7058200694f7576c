/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createFakeGateway } from "./fakeGateway";
import { renderPane } from "./renderPane";

jest.setTimeout(60_000);

async function fill(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string) {
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

async function openMeeting(user: ReturnType<typeof userEvent.setup>) {
  const header = screen.getByRole("button", { name: /4\. Targeting Support Meeting/ });
  if (header.getAttribute("aria-expanded") !== "true") await user.click(header);
  return screen.findByRole("combobox", { name: /Phase/ });
}

describe("meeting sheets: phase and Enter (issue 12 item 1)", () => {
  test("the phase comes from the year groups in the data and says so; never a silent 'Primary'", async () => {
    const { user, gateway } = await renderPane();
    const before = await openMeeting(user);
    // Before any analysis nothing is known: the user is asked, not given a default.
    expect(before).toHaveValue("");
    expect(screen.getByRole("option", { name: "Choose the phase" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await screen.findByRole("heading", { name: /Pupils in each band/ });
    // smallExport has Years 7–11.
    expect(await screen.findByRole("option", { name: "As the data shows: Secondary" })).toBeInTheDocument();
    expect(screen.getByText("Secondary, from the year groups in the data (Year 7 to Year 11).")).toBeInTheDocument();

    await fill(user, screen.getByRole("textbox", { name: "School name" }), "Oakfield Academy");
    await user.click(screen.getByRole("button", { name: "Create TSM form and governors' summary" }));
    await waitFor(() => expect(gateway.generateMeetingSheets).toHaveBeenCalledTimes(1));
    expect(gateway.generateMeetingSheets.mock.calls[0]![0].details.phase).toBe("secondary");
  });

  test("a chosen phase the data contradicts is pointed out", async () => {
    const { user } = await renderPane();
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await screen.findByRole("heading", { name: /Pupils in each band/ });
    const phase = await openMeeting(user);
    await user.selectOptions(phase, "Primary");
    expect(
      screen.getByText(/The data has Year 7 to Year 11, which is secondary: the sheets compare the school with national figures for primary schools\./),
    ).toBeInTheDocument();
  });

  test("Enter in any box of the meeting form never creates sheets", async () => {
    const gateway = createFakeGateway({
      stored: {
        details: { schoolName: "Oakfield", urn: "118234", phase: "secondary", meetingDate: "2099-01-10", seniorAttendanceLead: "", linkPiasOfficer: "" },
      },
    });
    const { user } = await renderPane({ gateway });
    await openMeeting(user);
    for (const name of ["School name", /URN/, /Meeting date/, "Senior attendance lead", "Link PIAS officer"]) {
      await user.click(screen.getByLabelText(name));
      await user.keyboard("{Enter}");
    }
    // The button is ready, so only the missing press keeps the sheets from being made.
    expect(screen.getByRole("button", { name: "Create TSM form and governors' summary" })).toBeEnabled();
    expect(gateway.generateMeetingSheets).not.toHaveBeenCalled();
  });
});
