/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import type { ReactElement } from "react";
import { createDOMRenderer, FluentProvider, RendererProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { bandMovement } from "../../src/core/progress/bandMovement";
import type { ProgressResult, PupilProgress } from "../../src/core/progress/pupilProgress";
import { BandCounts } from "../../src/taskpane/components/BandCounts";
import { PupilList } from "../../src/taskpane/components/PupilList";
import { analyseGrid } from "../../src/core/analyse";
import type { ProgressRecord } from "../../src/core/report/progressRecord";
import { makeAnalysis, type PupilSpec } from "../core/report/factory";
import { createFakeGateway, smallExport } from "./fakeGateway";
import { renderPane } from "./renderPane";

jest.setTimeout(120_000);

// docs/rules.md §11: what the core decided about each pupil since the last analysis, shown in words.
const specs: PupilSpec[] = [
  { name: "Ava Wright", possible: 100, authorised: 60 }, // severe
  { name: "Ben Hughes", possible: 100, authorised: 6, unauthorised: 6 }, // persistent, new to PA
  { name: "Cara Green", possible: 100, authorised: 12 }, // persistent, review overdue
  { name: "Dev Shah", possible: 100 }, // expected
];
const analysis = makeAnalysis(specs);
const none: PupilProgress = { since: "2025-11-07", attendanceChange: 0, movement: bandMovement("severe", "severe"), recentAttendancePercent: null, improving: null, stageSince: null, review: null };
const progress: ProgressResult = {
  previousDate: "2025-11-07",
  pupils: [
    none,
    { ...none, attendanceChange: -3.04, movement: bandMovement("at-risk", "persistent"), recentAttendancePercent: 70, improving: false },
    { ...none, movement: bandMovement("persistent", "persistent"), improving: false, review: { status: "overdue", date: "2025-11-10", text: "Review overdue since 10/11/2025" } },
    { ...none, movement: bandMovement("expected", "expected"), improving: true },
  ],
  leftSince: [],
  bandCountChange: { severe: 0, persistent: 1, "at-risk": -1, expected: 0, "no-data": 0 },
};

function renderWith(children: ReactElement) {
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <FluentProvider theme={webLightTheme}>{children}</FluentProvider>
    </RendererProvider>,
  );
  return userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
}

describe("progress since the last analysis in the pane", () => {
  test("each band's count says how it changed since the last analysis", () => {
    renderWith(<BandCounts summary={analysis.summary} thresholds={analysis.settings.bands} labelledBy="x" progress={progress} />);
    expect(within(screen.getByTestId("band-persistent")).getByText(/^2 pupils/)).toHaveTextContent("2 pupils (+1 since 07/11/2025)");
    expect(within(screen.getByTestId("band-at-risk")).getByText(/pupils? \(/)).toHaveTextContent("(−1 since 07/11/2025)");
    expect(within(screen.getByTestId("band-severe")).getByText(/^1 pupil/)).toHaveTextContent("1 pupil (no change since 07/11/2025)");
  });

  test("without an earlier analysis the counts stand alone", () => {
    renderWith(<BandCounts summary={analysis.summary} thresholds={analysis.settings.bands} labelledBy="x" />);
    expect(within(screen.getByTestId("band-persistent")).getByText(/pupils/)).toHaveTextContent(/^2 pupils$/);
  });

  test("each pupil shows the change in words, and the list filters by new to PA and review overdue", async () => {
    const user = renderWith(
      <PupilList analysis={analysis} sheetName="Export" onChoose={jest.fn()} progress={progress} />,
    );
    expect(screen.getByText(/Since 07\/11\/2025: attendance −3\.0 points, new to PA, no real improvement\./)).toBeInTheDocument();
    expect(screen.getByText(/Review overdue since 10\/11\/2025\./)).toBeInTheDocument();
    const since = await screen.findByRole("combobox", { name: "Since the last analysis" });
    expect(within(since).getAllByRole("option").map((o) => o.textContent)).toEqual(["Any change or none", "New to PA (or SA)", "Review overdue", "No real improvement"]);
    await user.selectOptions(since, "Review overdue");
    const names = () => screen.getAllByTestId("pupil-row").map((row) => within(row).getAllByRole("button")[0]!.textContent);
    expect(names()).toEqual(["Cara Green"]);
    await user.selectOptions(since, "New to PA (or SA)");
    expect(names()).toEqual(["Ben Hughes"]);
  });
});

describe("progress from the workbook's history reaches the pane", () => {
  test("after Analyse, the band counts show the change the gateway reported", async () => {
    const gateway = createFakeGateway();
    const result = analyseGrid(smallExport, { sheetName: "Export" });
    if (!result.ok) throw new Error(result.message);
    const change: ProgressResult = {
      previousDate: "2025-11-07",
      pupils: result.analysis.pupils.map(() => none),
      leftSince: [],
      bandCountChange: { severe: 1, persistent: 0, "at-risk": 0, expected: -1, "no-data": 0 },
    };
    gateway.analyse.mockResolvedValueOnce({
      ok: true,
      value: { analysis: result.analysis, sheetName: "Export", syncs: 3, progress: { progress: change } as unknown as ProgressRecord },
    });
    const { user } = await renderPane({ gateway });
    await user.click(screen.getByRole("button", { name: "Analyse" }));
    await screen.findByRole("heading", { name: /Pupils in each band/ });
    expect(within(screen.getByTestId("band-severe")).getByText(/pupil/)).toHaveTextContent("(+1 since 07/11/2025)");
  });
});
