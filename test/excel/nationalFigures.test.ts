import type { NationalFigureTable } from "../../src/core/report/nationalFigures";
import { defaultSettings } from "../../src/core/rules/settings";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { settingKeys } from "../../src/excel/storedState";
import type { StoredState } from "../../src/excel/workbookGateway";
import { FakeExcel } from "../support/fakeExcel";
import { exportGrid, settings, setup, removeOfficeGlobals } from "./support";

afterEach(removeOfficeGlobals);

const updated: NationalFigureTable = {
  source: 'DfE, "Pupil absence in schools in England", 2024/25 release',
  date: "2026-03-19",
  rows: [
    { year: "2024/25", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.4, persistentRate: 24.1, severeRate: 3.2, partYear: false },
  ],
};

describe("national figures kept in the workbook", () => {
  test("saved figures come back for every co-editor, in the documented JSON shape", async () => {
    const fake = new FakeExcel();
    fake.install();
    const saved: StoredState = { settings: defaultSettings, details: null, mappings: {}, nationalFigures: updated };
    await createOfficeGateway().saveStoredState(saved);
    // One setting of its own, so a co-author saving the rules never puts back older figures.
    const stored = JSON.parse(String(fake.settings.get(settingKeys.nationalFigures))) as unknown;
    expect(stored).toEqual({
      source: updated.source,
      date: "2026-03-19",
      rows: [{ year: "2024/25", coverage: "State-funded secondary schools", phase: "secondary", overallAbsence: 8.4, persistentRate: 24.1, severeRate: 3.2 }],
    });
    expect(await createOfficeGateway().loadStoredState()).toEqual({ ok: true, value: saved });
  });

  test("figures that cannot be used fall back to the shipped ones, with a message naming the row and field", async () => {
    const fake = new FakeExcel();
    fake.install();
    const bad = { ...updated, rows: [{ ...updated.rows[0], partYear: undefined, severeRate: 300 }] };
    fake.settings.set(settingKeys.nationalFigures, JSON.stringify(bad));
    const loaded = await createOfficeGateway().loadStoredState();
    if (!loaded.ok) throw new Error(loaded.message);
    const state = loaded.value;
    expect(state.nationalFigures).toBeUndefined();
    expect(state.settings).toEqual(defaultSettings);
    expect(state.warning).toContain("the national figures (Row 1 (2024/25, State-funded secondary schools), SA rate: 300 is more than 100;");
  });

  test("a table that is not valid is not saved", async () => {
    const fake = new FakeExcel();
    fake.install();
    const state: StoredState = { settings: defaultSettings, details: null, mappings: {}, nationalFigures: { ...updated, date: "someday" } };
    expect(await createOfficeGateway().saveStoredState(state)).toMatchObject({ ok: false, message: expect.stringMatching(/Date published or last checked: "someday" is not a date/) });
    expect(fake.settings.size).toBe(0);
  });

  test("Create meeting sheets compares with the workbook's figures", async () => {
    const { fake, gateway } = setup(exportGrid(60));
    const details = { schoolName: "Oakfield", urn: "", phase: "secondary" as const, meetingDate: "2025-11-14", seniorAttendanceLead: "", linkPiasOfficer: "" };
    const outcome = await gateway.generateMeetingSheets({
      source: { kind: "usedRange", sheetName: "Export" },
      settings: settings(),
      details,
      shareable: false,
      nationalFigures: updated,
    });
    expect(outcome).toEqual({ ok: true, value: { sheetNames: expect.any(Array), notes: [] } });
    const note = 'National figures: DfE, "Pupil absence in schools in England", 2024/25 release; figures published or last checked on 19/03/2026.';
    for (const name of ["TSM Autumn 2025-26", "Governors summary 2025-26"]) {
      const grid = fake.grid(name);
      expect(grid.flat()).toContain(note);
      expect(grid.find((row) => row[0] === "PA rate")).toContain(0.241);
    }
  });
});
