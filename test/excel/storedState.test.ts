import { defaultSettings } from "../../src/core/rules/settings";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { settingKeys } from "../../src/excel/storedState";
import type { StoredState } from "../../src/excel/workbookGateway";
import { FakeExcel } from "../support/fakeExcel";
import { removeOfficeGlobals } from "./support";

afterEach(removeOfficeGlobals);

function withFake() {
  const fake = new FakeExcel();
  fake.install();
  return { fake, gateway: createOfficeGateway() };
}

describe("settings stored in the workbook", () => {
  test("a workbook without saved settings gives the defaults and no warning", async () => {
    const { gateway } = withFake();
    const loaded = await gateway.loadStoredState();
    if (!loaded.ok) throw new Error(loaded.message);
    const state = loaded.value;
    expect(state).toEqual({ settings: defaultSettings, details: null, mappings: {} });
  });

  test("saved settings come back as saved, for every co-editor of the workbook", async () => {
    const { fake, gateway } = withFake();
    const saved: StoredState = {
      settings: { ...defaultSettings, framework: "levels", bands: { severePercent: 50, persistentPercent: 10, atRiskPercent: 7 } },
      details: { schoolName: "Oakfield", urn: "999999", phase: "secondary", meetingDate: "2025-11-14", seniorAttendanceLead: "A", linkPiasOfficer: "B" },
      mappings: { Export: { possibleSessions: 5, fsm: null } },
    };
    await gateway.saveStoredState(saved);
    // One setting per concern and per sheet's column choices, each a JSON string.
    expect([...fake.settings.keys()].sort()).toEqual([settingKeys.columns("Export"), settingKeys.meetingDetails, settingKeys.rules].sort());
    expect(typeof fake.settings.get(settingKeys.rules)).toBe("string");
    expect(await createOfficeGateway().loadStoredState()).toEqual({ ok: true, value: saved });
  });

  test("corrupt JSON gives the defaults and a message instead of a crash", async () => {
    const { fake, gateway } = withFake();
    fake.settings.set(settingKeys.rules, "{not json");
    const loaded = await gateway.loadStoredState();
    if (!loaded.ok) throw new Error(loaded.message);
    const state = loaded.value;
    expect(state.settings).toEqual(defaultSettings);
    expect(state.warning).toMatch(/could not be used.*the attendance rules/);
  });

  test("out-of-range rules are reset, keeping the parts that were fine, and say so", async () => {
    const { fake, gateway } = withFake();
    fake.settings.set(settingKeys.rules, JSON.stringify({ bands: { severePercent: 500 } }));
    fake.settings.set(settingKeys.meetingDetails, JSON.stringify({ schoolName: 3 }));
    fake.settings.set(settingKeys.columns("Export"), JSON.stringify({ possibleSessions: 4 }));
    fake.settings.set(settingKeys.columns("Other"), JSON.stringify({ noSuchField: 4 }));
    const loaded = await gateway.loadStoredState();
    if (!loaded.ok) throw new Error(loaded.message);
    const state = loaded.value;
    expect(state.settings).toEqual(defaultSettings);
    expect(state.details).toBeNull();
    expect(state.mappings).toEqual({ Export: { possibleSessions: 4 } });
    expect(state.warning).toMatch(/attendance rules.*meeting details.*column choices for “Other”/);
  });

  test("saving invalid settings is refused and nothing is written", async () => {
    const { fake, gateway } = withFake();
    await expect(
      gateway.saveStoredState({ settings: { ...defaultSettings, bands: { severePercent: -1, persistentPercent: 10, atRiskPercent: 5 } }, details: null, mappings: {} }),
    ).resolves.toMatchObject({ ok: false });
    expect(fake.settings.size).toBe(0);
  });
});
