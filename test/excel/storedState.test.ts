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

  test("the heading row chosen for a sheet is kept with its column choices, and goes when cleared (issue 9 §3)", async () => {
    const { fake, gateway } = withFake();
    const start: StoredState = { settings: defaultSettings, details: null, mappings: { Export: { possibleSessions: 5 } }, headerRows: { Export: 3, Register: 2 } };
    await gateway.saveStoredState(start);
    expect(JSON.parse(fake.settings.get(settingKeys.columns("Export")) as string)).toEqual({ possibleSessions: 5, headerRowNumber: 3 });
    expect(JSON.parse(fake.settings.get(settingKeys.columns("Register")) as string)).toEqual({ headerRowNumber: 2 });
    const loaded = await createOfficeGateway().loadStoredState();
    expect(loaded).toEqual({ ok: true, value: start });
    // "Find the row for me": the heading row goes, the column choices stay.
    await gateway.saveStoredState({ ...start, headerRows: { Register: 2 } }, start);
    expect(JSON.parse(fake.settings.get(settingKeys.columns("Export")) as string)).toEqual({ possibleSessions: 5 });
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

  describe("a setting that cannot be read is never lost (issue 12 §6)", () => {
    function withCorruptRules() {
      const fake = new FakeExcel();
      fake.install();
      fake.settings.set(settingKeys.rules, "{not json");
      return { fake, gateway: createOfficeGateway({ today: () => "2025-11-14" }) };
    }
    const newRules = { ...defaultSettings, bands: { severePercent: 50, persistentPercent: 10, atRiskPercent: 7 } };

    test("the message says where it will be kept", async () => {
      const { gateway } = withCorruptRules();
      const loaded = await gateway.loadStoredState();
      if (!loaded.ok) throw new Error(loaded.message);
      expect(loaded.value.warning).toMatch(/Nothing is lost.*“AttendanceInsight\.unreadable\.rules”/);
    });

    test("saving new rules keeps the unreadable text, with the date, under its own key, and says so", async () => {
      const { fake, gateway } = withCorruptRules();
      const loaded = await gateway.loadStoredState();
      if (!loaded.ok) throw new Error(loaded.message);
      const saved = await gateway.saveStoredState({ ...loaded.value, settings: newRules }, loaded.value);
      if (!saved.ok) throw new Error(saved.message);
      expect(JSON.parse(fake.settings.get(settingKeys.rules) as string)).toEqual(newRules);
      expect(JSON.parse(fake.settings.get("AttendanceInsight.unreadable.rules") as string)).toEqual({
        key: "AttendanceInsight.rules",
        keptOn: "2025-11-14",
        value: "{not json",
      });
      expect(saved.value.settings).toEqual(newRules);
      expect(saved.value.warning).toMatch(/“AttendanceInsight\.rules” as “AttendanceInsight\.unreadable\.rules” \(kept on 14\/11\/2025\)/);
      // Read again, the workbook's rules are the new ones and nothing is reported unreadable.
      const again = await gateway.loadStoredState();
      expect(again).toEqual({ ok: true, value: expect.not.objectContaining({ warning: expect.anything() }) });
    });

    test("a save of something else leaves the unreadable rules where they are", async () => {
      const { fake, gateway } = withCorruptRules();
      const loaded = await gateway.loadStoredState();
      if (!loaded.ok) throw new Error(loaded.message);
      await gateway.saveStoredState({ ...loaded.value, mappings: { Export: { fsm: null } } }, loaded.value);
      expect(fake.settings.get(settingKeys.rules)).toBe("{not json");
      expect(fake.settings.has("AttendanceInsight.unreadable.rules")).toBe(false);
    });

    test("a second unreadable value is kept beside the first, never over it", async () => {
      const { fake, gateway } = withCorruptRules();
      fake.settings.set("AttendanceInsight.unreadable.rules", JSON.stringify({ key: "AttendanceInsight.rules", keptOn: "2025-10-01", value: "older" }));
      const saved = await gateway.saveStoredState({ settings: newRules, details: null, mappings: {} });
      if (!saved.ok) throw new Error(saved.message);
      expect(JSON.parse(fake.settings.get("AttendanceInsight.unreadable.rules") as string)).toMatchObject({ value: "older" });
      expect(JSON.parse(fake.settings.get("AttendanceInsight.unreadable.rules (2)") as string)).toMatchObject({ value: "{not json" });
    });

    test("unreadable column choices and meeting details are kept too", async () => {
      const { fake, gateway } = withCorruptRules();
      fake.settings.set(settingKeys.columns("Sheet1"), JSON.stringify({ noSuchField: 4 }));
      fake.settings.set(settingKeys.meetingDetails, JSON.stringify({ schoolName: 3 }));
      const details = { schoolName: "Oakfield", urn: "999999", phase: "secondary" as const, meetingDate: "2025-11-14", seniorAttendanceLead: "A", linkPiasOfficer: "B" };
      const saved = await gateway.saveStoredState({ settings: defaultSettings, details, mappings: { Sheet1: { fsm: null } } });
      if (!saved.ok) throw new Error(saved.message);
      expect(JSON.parse(fake.settings.get("AttendanceInsight.unreadable.columns.Sheet1") as string)).toMatchObject({ value: JSON.stringify({ noSuchField: 4 }) });
      expect(JSON.parse(fake.settings.get("AttendanceInsight.unreadable.meetingDetails") as string)).toMatchObject({ value: JSON.stringify({ schoolName: 3 }) });
      // Kept keys are not column choices for a sheet called "unreadable…", and are never pruned.
      expect(saved.value.mappings).toEqual({ Sheet1: { fsm: null } });
    });
  });
});
