/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen } from "@testing-library/react";
import { act } from "react";
import { analyseActiveSheetAction, makeAnalyseActiveSheetHandler } from "../../src/commands/analyseActiveSheet";
import { registerRibbonCommands } from "../../src/commands/commands";
import { checkRequirements } from "../../src/excel/requirements";
import { officeDidNotLoadMessage, startTaskPane } from "../../src/taskpane/start";
import { fakeOfficeHost, type FakeOfficeHostOptions } from "../support/fakeOfficeHost";
import { createFakeGateway } from "./fakeGateway";

/** Start-up against Office hosts that are older, thinner or slower than the one the add-in is built for. */

jest.setTimeout(60_000);

let container: HTMLElement;
let uninstall: (() => void) | null = null;
beforeEach(() => {
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(() => {
  jest.useRealTimers();
  uninstall?.();
  uninstall = null;
  document.body.innerHTML = "";
  delete (globalThis as Record<string, unknown>)[analyseActiveSheetAction];
});

function host(options: FakeOfficeHostOptions) {
  const fake = fakeOfficeHost(options);
  uninstall = fake.install();
  const mount = jest.fn();
  const start = () => startTaskPane({ container, office: fake.office, checkRequirements, createGateway: () => createFakeGateway(), mount, theme: () => "light" });
  return { fake, mount, start };
}

describe("an Excel whose requirement sets are below what the add-in needs", () => {
  test.each([
    [{ ExcelApi: "1.8" }, "ExcelApi 1.8"],
    [{ ExcelApi: "1.4" }, "ExcelApi 1.4"],
    [{}, "no version of it"],
  ])("with %j the pane names the set it needs, what this Excel has, and what to do", async (sets, has) => {
    const { mount, start } = host({ requirementSets: sets });
    await act(async () => {
      expect(await start()).toBe("message");
    });
    expect(mount).not.toHaveBeenCalled();
    const text = container.textContent ?? "";
    expect(text).toContain("needs Excel JavaScript API 1.9 (ExcelApi 1.9)");
    expect(text).toContain(`this Excel has ${has}`);
    expect(text).toMatch(/please update Excel \(File > Account > Update Options > Update Now\), or open the workbook in Excel on the web/);
  });

  test("the ribbon's Analyse sheet says the same, and Office hears the command finished", async () => {
    host({ requirementSets: { ExcelApi: "1.7" } });
    const told: string[] = [];
    const getGateway = jest.fn(() => createFakeGateway());
    const completed = jest.fn();
    await makeAnalyseActiveSheetHandler({ getGateway, checkRequirements, tell: async (m) => void told.push(m) })({ completed });
    expect(told).toEqual([expect.stringContaining("this Excel has ExcelApi 1.7")]);
    expect(getGateway).not.toHaveBeenCalled();
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("ExcelApi 1.9 is enough: the pane mounts", async () => {
    const { mount, start } = host({ requirementSets: { ExcelApi: "1.9" } });
    await act(async () => {
      expect(await start()).toBe("mounted");
    });
    expect(mount).toHaveBeenCalledTimes(1);
  });
});

describe("a host without Office.actions (no shared runtime, no ribbon commands)", () => {
  test("the ribbon's function is still reachable by name and nothing throws", async () => {
    const { fake } = host({ actions: false, requirementSets: { ExcelApi: "1.9" } });
    expect(() => registerRibbonCommands()).not.toThrow();
    await Promise.resolve();
    expect(typeof (globalThis as Record<string, unknown>)[analyseActiveSheetAction]).toBe("function");
    expect(fake.office.actions).toBeUndefined();
  });

  test("where Office.actions exists the function is associated with the manifest's action id", async () => {
    const { fake } = host({ requirementSets: { ExcelApi: "1.12", SharedRuntime: "1.1" } });
    registerRibbonCommands();
    await Promise.resolve();
    expect(fake.associated.get(analyseActiveSheetAction)).toBe((globalThis as Record<string, unknown>)[analyseActiveSheetAction]);
  });
});

describe("Office.onReady that never resolves (Office.js blocked half-way by a web filter)", () => {
  test("the pane says what to check within 20 seconds, never a blank pane", async () => {
    jest.useFakeTimers();
    const { mount, start } = host({ ready: false });
    let outcome: string | undefined;
    void start().then((o) => {
      outcome = o;
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(19_000);
    });
    expect(outcome).toBeUndefined();
    expect(container.textContent).toBe("");
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_000);
    });
    expect(outcome).toBe("message");
    expect(screen.getByText(officeDidNotLoadMessage)).toBeInTheDocument();
    expect(officeDidNotLoadMessage).toMatch(/officeapis\.public\.onecdn\.static\.microsoft and appsforoffice\.microsoft\.com/);
    expect(mount).not.toHaveBeenCalled();
  });
});
