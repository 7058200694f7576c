import { defaultSettings } from "../../src/core/rules/settings";
import { createOfficeGateway } from "../../src/excel/officeGateway";
import { settingKeys } from "../../src/excel/storedState";
import type { StoredState } from "../../src/excel/workbookGateway";
import { FakeExcel, settingsBytes } from "../support/fakeExcel";
import { exportGrid, settings, removeOfficeGlobals } from "./support";

/**
 * A school attendance officer and a Kent PIAS officer edit the same workbook in Excel on the web. Each
 * session holds its own copy of the settings (refreshed when its next batch starts), and either may write
 * between the other's read and write. Nothing either saves may be lost to the other's older copy.
 */

afterEach(removeOfficeGlobals);

const details = { schoolName: "Oakfield", urn: "999999", phase: "secondary" as const, meetingDate: "2025-11-14", seniorAttendanceLead: "A", linkPiasOfficer: "B" };

function workbook() {
  const fake = new FakeExcel({ sheets: [] });
  fake.addSheet("Export", exportGrid(40), { textFormat: true });
  fake.addSheet("Export B", exportGrid(30, 11), { textFormat: true });
  fake.install();
  const officer = createOfficeGateway();
  const pias = fake.coauthor();
  const piasOfficer = createOfficeGateway({ run: (batch) => pias.run(batch as never) as never });
  return { fake, officer, piasOfficer, pias };
}

async function load(gateway: ReturnType<typeof createOfficeGateway>): Promise<StoredState> {
  const loaded = await gateway.loadStoredState();
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.value;
}

describe("settings in a co-authored workbook", () => {
  test("two people saving different things at once both keep what they saved", async () => {
    const { officer, piasOfficer } = workbook();
    const officerSees = await load(officer);
    const piasSees = await load(piasOfficer);
    // The PIAS officer chooses a column on the export; the school officer, from an older copy, changes the rules.
    const choice = await piasOfficer.saveStoredState({ ...piasSees, mappings: { Export: { possibleSessions: 5 } } }, piasSees);
    expect(choice.ok).toBe(true);
    const rules = { ...defaultSettings, bands: { ...defaultSettings.bands, persistentPercent: 12 } };
    const saved = await officer.saveStoredState({ ...officerSees, settings: rules }, officerSees);
    // The answer is the merged state, so the officer's pane now shows the PIAS officer's choice too.
    expect(saved).toEqual({ ok: true, value: { settings: rules, details: null, mappings: { Export: { possibleSessions: 5 } } } });
    for (const gateway of [officer, piasOfficer]) {
      expect(await load(gateway)).toEqual({ settings: rules, details: null, mappings: { Export: { possibleSessions: 5 } } });
    }
  });

  test("a column choice removed by one person does not remove the other's choice for another sheet", async () => {
    const { officer, piasOfficer } = workbook();
    const start = await load(officer);
    await officer.saveStoredState({ ...start, mappings: { Export: { fsm: null } } }, start);
    const officerSees = await load(officer);
    const piasSees = await load(piasOfficer);
    await piasOfficer.saveStoredState({ ...piasSees, mappings: { ...piasSees.mappings, "Export B": { possibleSessions: 4 } } }, piasSees);
    await officer.saveStoredState({ ...officerSees, mappings: {} }, officerSees);
    expect((await load(piasOfficer)).mappings).toEqual({ "Export B": { possibleSessions: 4 } });
  });

  test("a co-author's Analyse between this run's read and its write keeps both sheets' records", async () => {
    const { fake, officer, piasOfficer } = workbook();
    const ids = { a: fake.sheet("Export").id, b: fake.sheet("Export B").id };
    let interleaved = false;
    fake.resetStats();
    fake.betweenSyncs = async (n) => {
      // After the officer's run has read the settings (sync 1), before it writes, the PIAS officer analyses the other sheet.
      if (interleaved || n !== 2) return;
      interleaved = true;
      const other = await piasOfficer.analyse({ source: { kind: "usedRange", sheetName: "Export B" }, settings: settings() });
      expect(other.ok).toBe(true);
    };
    const mine = await officer.analyse({ source: { kind: "usedRange", sheetName: "Export" }, settings: settings() });
    fake.betweenSyncs = null;
    // The co-author's Analyse made the attendance history (docs/rules.md §11) this run was about to make, so
    // Excel refused that sheet before anything else in the write, and this run ran once more and found theirs.
    expect(fake.stats.runs).toBe(3);
    expect(fake.sheets.filter((sheet) => sheet.name.startsWith("Attendance history"))).toHaveLength(1);
    expect(mine.ok).toBe(true);
    expect(interleaved).toBe(true);
    expect(fake.settings.has(settingKeys.highlight(ids.a))).toBe(true);
    expect(fake.settings.has(settingKeys.highlight(ids.b))).toBe(true);
    // So a re-run on the co-author's sheet replaces its own columns instead of adding a second set.
    const width = fake.grid("Export B")[0]!.length;
    expect((await officer.analyse({ source: { kind: "usedRange", sheetName: "Export B" }, settings: settings() })).ok).toBe(true);
    expect(fake.grid("Export B")[0]!.length).toBe(width);
    expect(fake.sheet("Export B").conditionalFormats).toHaveLength(4);
  });

  test("meeting sheets made by one person, rules saved meanwhile by the other: the sheet records survive", async () => {
    const { fake, officer, piasOfficer } = workbook();
    const piasSees = await load(piasOfficer);
    const request = { source: { kind: "usedRange" as const, sheetName: "Export" }, settings: settings(), details, shareable: false };
    fake.betweenSyncs = async (n) => {
      if (n !== 2) return;
      const rules = { ...defaultSettings, bands: { ...defaultSettings.bands, atRiskPercent: 6 } };
      expect((await piasOfficer.saveStoredState({ ...piasSees, settings: rules }, piasSees)).ok).toBe(true);
    };
    fake.resetStats();
    const made = await officer.generateMeetingSheets(request);
    fake.betweenSyncs = null;
    expect(made.ok).toBe(true);
    expect((await load(officer)).settings.bands.atRiskPercent).toBe(6);
    // The next run regenerates the same sheets in place: no "TSM … (2)".
    const again = await piasOfficer.generateMeetingSheets(request);
    expect(again.ok && again.value.sheetNames).toEqual(made.ok && made.value.sheetNames);
    expect(fake.sheets.map((s) => s.name).filter((n) => /\(2\)/.test(n))).toEqual([]);
  });

  test("records of deleted sheets are pruned on the next write, and a deleted TSM sheet is made again under its own name", async () => {
    const { fake, officer, piasOfficer } = workbook();
    const request = { source: { kind: "usedRange" as const, sheetName: "Export" }, settings: settings(), details, shareable: false };
    expect((await officer.analyse({ source: { kind: "usedRange", sheetName: "Export B" }, settings: settings() })).ok).toBe(true);
    const made = await officer.generateMeetingSheets(request);
    if (!made.ok) throw new Error(made.message);
    const tsmName = made.value.sheetNames[0]!;
    const start = await load(officer);
    await officer.saveStoredState({ ...start, mappings: { "Export B": { possibleSessions: 4 } } }, start);
    const idB = fake.sheet("Export B").id;
    const oldTsm = fake.sheet(tsmName).id;
    // The school officer deletes the TSM form and the second export; the PIAS officer makes the sheets again.
    fake.deleteSheet(tsmName);
    fake.deleteSheet("Export B");
    const again = await piasOfficer.generateMeetingSheets(request);
    if (!again.ok) throw new Error(again.message);
    expect(again.value.sheetNames[0]).toBe(tsmName);
    const keys = [...fake.settings.keys()];
    expect(keys).not.toContain(settingKeys.highlight(idB));
    expect(keys).not.toContain(settingKeys.columns("Export B"));
    expect(JSON.parse(String(fake.settings.get(settingKeys.generated("tsm"))))).toEqual({ sheetId: fake.sheet(tsmName).id, name: tsmName });
    expect(fake.sheet(tsmName).id).not.toBe(oldTsm);
  });

  test("what a co-author saves reaches the other person's pane through settingsChanged", async () => {
    const { officer, piasOfficer } = workbook();
    const heard: StoredState[] = [];
    const stop = await officer.watchStoredState((state) => heard.push(state));
    const piasSees = await load(piasOfficer);
    const rules = { ...defaultSettings, framework: "levels" as const };
    await piasOfficer.saveStoredState({ ...piasSees, settings: rules }, piasSees);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard.at(-1)?.settings).toEqual(rules);
    stop();
    const count = heard.length;
    await piasOfficer.saveStoredState({ ...piasSees, settings: defaultSettings }, { ...piasSees, settings: rules });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard.length).toBe(count);
  });
});

describe("Excel's 2 MB of settings for an add-in", () => {
  function nearlyFull() {
    const fake = new FakeExcel({ sheets: [] });
    fake.addSheet("Export", exportGrid(40), { textFormat: true });
    // Something already takes nearly all of the add-in's 2 MB (left by another version, or many sheets' records).
    fake.settings.set("AttendanceInsight.other", "x".repeat(2 * 1024 * 1024 - 300));
    fake.install();
    return { fake, gateway: createOfficeGateway() };
  }

  test("saving settings that would go over says so plainly and writes nothing", async () => {
    const { fake, gateway } = nearlyFull();
    const before = settingsBytes(fake.settings);
    const answer = await gateway.saveStoredState({ settings: defaultSettings, details, mappings: {} });
    expect(answer).toEqual({ ok: false, message: expect.stringMatching(/^Nothing was saved: .* would take 2 MB, and Excel keeps at most 2 MB for an add-in\./) });
    expect(settingsBytes(fake.settings)).toBe(before);
  });

  test("Analyse and the meeting sheets refuse before writing anything, rather than half-way", async () => {
    const { fake, gateway } = nearlyFull();
    const grid = fake.grid("Export");
    expect(await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() })).toEqual({ ok: false, message: expect.stringMatching(/^Nothing was saved/) });
    expect(await gateway.generateMeetingSheets({ source: { kind: "usedRange" }, settings: settings(), details, shareable: false })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Nothing was saved/),
    });
    expect(fake.grid("Export")).toEqual(grid);
    expect(fake.sheet("Export").conditionalFormats).toHaveLength(0);
    expect(fake.sheets).toHaveLength(1);
  });
});
