import { defaultSettings } from "../../src/core/rules/settings";
import {
  analyseActiveSheet,
  makeAnalyseActiveSheetHandler,
} from "../../src/commands/analyseActiveSheet";
import type { AnalyseRequest, StoredState, WorkbookGateway } from "../../src/excel/workbookGateway";

/** A gateway that records what the command asked of it; only the calls the command makes are implemented. */
function recordingGateway(state: StoredState, activeSheet = "Export", fail?: Error) {
  const requests: AnalyseRequest[] = [];
  const gateway = {
    loadStoredState: async () => {
      if (fail) throw fail;
      return { ok: true, value: state };
    },
    preview: async () => ({ ok: true, value: { sheetName: activeSheet, address: `${activeSheet}!A1:D3`, tables: [], analysis: { ok: false, message: "unused" } } }),
    analyse: async (request: AnalyseRequest) => {
      requests.push(request);
      return { ok: false as const, message: `Sheet "${activeSheet}" has no pupils.` };
    },
  } as unknown as WorkbookGateway;
  return { gateway, requests };
}

const levels = { ...defaultSettings, framework: "levels" as const };

describe("the ribbon's Analyse sheet command", () => {
  it("analyses the active sheet's used range with the settings saved in the workbook", async () => {
    const { gateway, requests } = recordingGateway({ settings: levels, details: null, mappings: {} });
    await analyseActiveSheet(gateway);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.source).toEqual({ kind: "usedRange" });
    expect(requests[0]?.settings.framework).toBe("levels");
    expect(requests[0]?.mappingOverride).toBeUndefined();
  });

  it("applies the column choices saved for the active sheet, not another sheet's", async () => {
    const mappings = { Export: { possibleSessions: 7 }, Other: { possibleSessions: 2 } };
    const { gateway, requests } = recordingGateway({ settings: defaultSettings, details: null, mappings }, "Export");
    await analyseActiveSheet(gateway);
    expect(requests[0]?.mappingOverride).toEqual({ possibleSessions: 7 });

    const other = recordingGateway({ settings: defaultSettings, details: null, mappings }, "Autumn");
    await analyseActiveSheet(other.gateway);
    expect(other.requests[0]?.mappingOverride).toBeUndefined();
  });

  it("reads the active sheet with the heading row saved for it (issue 9 §3), not another sheet's", async () => {
    const state = { settings: defaultSettings, details: null, mappings: {}, headerRows: { Export: 3, Other: 5 } };
    const { gateway, requests } = recordingGateway(state, "Export");
    await analyseActiveSheet(gateway);
    expect(requests[0]?.headerRowNumber).toBe(3);

    const other = recordingGateway(state, "Autumn");
    await analyseActiveSheet(other.gateway);
    expect(other.requests[0]?.headerRowNumber).toBeUndefined();
  });

  it("always tells Office the command has finished, and logs nothing (a message can quote a sheet name)", async () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      for (const fail of [undefined, new Error("Row 4 of Export: Jane Doe …")]) {
        const { gateway } = recordingGateway({ settings: defaultSettings, details: null, mappings: {} }, "Export", fail);
        const completed = jest.fn();
        const told: string[] = [];
        await makeAnalyseActiveSheetHandler({ getGateway: () => gateway, checkRequirements: () => ({ ok: true }), tell: async (m) => void told.push(m) })({ completed });
        expect(completed).toHaveBeenCalledTimes(1);
        expect(told).toHaveLength(1);
        expect(told[0]).not.toContain("Jane Doe");
      }
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      error.mockRestore();
      warn.mockRestore();
    }
  });

  it("does not touch the workbook when Excel lacks the API it needs, and says so", async () => {
    const { gateway, requests } = recordingGateway({ settings: defaultSettings, details: null, mappings: {} });
    const completed = jest.fn();
    const told: string[] = [];
    await makeAnalyseActiveSheetHandler({
      getGateway: () => gateway,
      checkRequirements: () => ({ ok: false, message: "Too old." }),
      tell: async (m) => void told.push(m),
    })({ completed });
    expect(requests).toHaveLength(0);
    expect(told).toEqual(["Too old."]);
    expect(completed).toHaveBeenCalledTimes(1);
  });
});
