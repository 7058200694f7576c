/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import { act } from "react";
import { checkRequirements } from "../../src/excel/requirements";
import { mountTaskPane } from "../../src/taskpane/index";
import { notExcelMessage, notInOfficeMessage, startTaskPane, type OfficeStartup } from "../../src/taskpane/start";
import { createFakeGateway } from "./fakeGateway";

jest.setTimeout(30_000);

type FakeOffice = OfficeStartup & { context: { host: string; requirements: { isSetSupported: (name: string, version?: string) => boolean } } };

function fakeOffice(host: string, supported: boolean): FakeOffice {
  return {
    HostType: { Excel: "Excel" },
    context: { host, requirements: { isSetSupported: () => supported } },
    onReady(callback) {
      callback?.({ host, platform: "PC" });
      return Promise.resolve({ host, platform: "PC" });
    },
  };
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement("div");
  container.id = "root";
  document.body.appendChild(container);
});
afterEach(() => {
  document.body.innerHTML = "";
  delete (globalThis as { Office?: unknown }).Office;
});

async function start(office: FakeOffice | undefined, createGateway = jest.fn(() => createFakeGateway())) {
  if (office) (globalThis as { Office?: unknown }).Office = office;
  const mount = jest.fn(mountTaskPane);
  let outcome: string | undefined;
  await act(async () => {
    outcome = await startTaskPane({ container, office, checkRequirements, createGateway, mount, theme: () => "light" });
  });
  return { outcome, mount, createGateway };
}

describe("start-up", () => {
  test("without Office it shows a plain message instead of crashing", async () => {
    const { outcome, mount } = await start(undefined);
    expect(outcome).toBe("message");
    expect(mount).not.toHaveBeenCalled();
    expect(screen.getByText(notInOfficeMessage)).toBeInTheDocument();
  });

  test("in a host other than Excel it says Excel only", async () => {
    const { outcome } = await start(fakeOffice("Word", true));
    expect(outcome).toBe("message");
    expect(screen.getByText(notExcelMessage)).toBeInTheDocument();
  });

  test("when checkRequirements fails it shows the requirement message and mounts nothing", async () => {
    const office = fakeOffice("Excel", false);
    (globalThis as { Office?: unknown }).Office = office;
    const check = checkRequirements();
    expect(check.ok).toBe(false);
    const { outcome, mount, createGateway } = await start(office);
    expect(outcome).toBe("message");
    expect(screen.getByText(check.ok ? "" : check.message)).toBeInTheDocument();
    expect(mount).not.toHaveBeenCalled();
    expect(createGateway).not.toHaveBeenCalled();
  });

  test("in Excel with the requirement sets it mounts the pane with the gateway", async () => {
    const gateway = createFakeGateway();
    const { outcome, mount } = await start(fakeOffice("Excel", true), jest.fn(() => gateway));
    expect(outcome).toBe("mounted");
    expect(mount).toHaveBeenCalledWith(container, gateway);
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Attendance Insight" })).toBeInTheDocument());
    await waitFor(() => expect(gateway.loadStoredState).toHaveBeenCalled());
  });

  test("a gateway that throws while starting gives a message, not a blank pane", async () => {
    const { outcome } = await start(
      fakeOffice("Excel", true),
      jest.fn(() => {
        throw new Error("Excel is busy");
      }),
    );
    expect(outcome).toBe("message");
    expect(screen.getByText(/could not start \(Excel is busy\)\. Close the pane and open it again/)).toBeInTheDocument();
  });
});
