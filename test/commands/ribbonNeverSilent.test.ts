import { defaultSettings } from "../../src/core/rules/settings";
import { makeAnalyseActiveSheetHandler, type RibbonDependencies } from "../../src/commands/analyseActiveSheet";
import type { AnalyseOutcome, StoredState, WorkbookGateway } from "../../src/excel/workbookGateway";
import { latestRibbonMessage, clearRibbonMessage } from "../../src/commands/ribbonMessages";
import { setup } from "../excel/support";

const state: StoredState = { settings: defaultSettings, details: null, mappings: {} };

function gatewayAnswering(outcome: AnalyseOutcome | Error): WorkbookGateway {
  return {
    loadStoredState: async () => ({ ok: true, value: state }),
    analyse: async () => {
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  } as unknown as WorkbookGateway;
}

function deps(gateway: WorkbookGateway, over: Partial<RibbonDependencies> = {}) {
  const told: string[] = [];
  const d: RibbonDependencies = {
    getGateway: () => gateway,
    checkRequirements: () => ({ ok: true }),
    tell: async (message: string) => {
      told.push(message);
    },
    ...over,
  };
  return { d, told };
}

afterEach(() => {
  clearRibbonMessage();
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

describe("the ribbon's Analyse sheet is never silent", () => {
  it("a refusal (a full target area, an empty sheet) is told to the user, and Office hears the command finished", async () => {
    const { d, told } = deps(gatewayAnswering({ ok: false, message: "The sheet “Export” is empty." }));
    const completed = jest.fn();
    await makeAnalyseActiveSheetHandler(d)({ completed });
    expect(told).toEqual(["The sheet “Export” is empty."]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("an unexpected error is told in words, never thrown at Office", async () => {
    const { d, told } = deps(gatewayAnswering(new Error("boom")));
    const completed = jest.fn();
    await makeAnalyseActiveSheetHandler(d)({ completed });
    expect(told[0]).toMatch(/Analyse sheet could not finish/);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("an Excel too old for the add-in says so instead of doing nothing", async () => {
    const { d, told } = deps(gatewayAnswering({ ok: false, message: "unused" }), {
      checkRequirements: () => ({ ok: false, message: "This version of Excel is too old for Attendance Insight." }),
    });
    const completed = jest.fn();
    await makeAnalyseActiveSheetHandler(d)({ completed });
    expect(told).toEqual(["This version of Excel is too old for Attendance Insight."]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("even when telling fails, Office hears the command finished", async () => {
    const { d } = deps(gatewayAnswering({ ok: false, message: "x" }), {
      tell: async () => {
        throw new Error("no dialog");
      },
    });
    const completed = jest.fn();
    await makeAnalyseActiveSheetHandler(d)({ completed });
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("without the shared runtime (SharedRuntime 1.1 missing) the reason goes to a small dialog, in the address's fragment", async () => {
    const { showReason } = await import("../../src/commands/ribbonMessages");
    const opened: string[] = [];
    await showReason(
      "The sheet “Export” is empty.",
      {
        context: {
          requirements: { isSetSupported: (name: string) => name === "ExcelApi" },
          ui: { displayDialogAsync: (url: string, _options: unknown, done?: (r: unknown) => void) => { opened.push(url); done?.({}); } },
        },
      },
      "https://localhost:3000/taskpane.html",
    );
    expect(opened).toEqual([`https://localhost:3000/dialog.html#${encodeURIComponent("The sheet “Export” is empty.")}`]);
    expect(latestRibbonMessage()).toBeNull();
  });

  it("against the stricter fake: pressed on an empty sheet, it opens the pane with the reason and changes nothing", async () => {
    const { fake } = setup([]);
    fake.requirementSets.SharedRuntime = "1.1";
    const { createOfficeGateway } = await import("../../src/excel/officeGateway");
    const { showReason } = await import("../../src/commands/ribbonMessages");
    const shown: string[] = [];
    const office = (globalThis as unknown as { Office: Record<string, unknown> }).Office;
    office.addin = { showAsTaskpane: async () => void shown.push("pane") };
    const completed = jest.fn();
    await makeAnalyseActiveSheetHandler({
      getGateway: () => createOfficeGateway(),
      checkRequirements: () => ({ ok: true }),
      tell: (message: string) => showReason(message, office as never),
    })({ completed });
    expect(shown).toEqual(["pane"]);
    expect(latestRibbonMessage()?.message).toMatch(/The sheet “Export” is empty\./);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Export"]);
    expect(completed).toHaveBeenCalledTimes(1);
  });
});
