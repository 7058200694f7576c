import { historyMarker } from "../../src/core/report/historySheet";
import { exportGrid, settings, setup } from "./support";

/** docs/rules.md §11 through the Excel adapter: each Analyse records a snapshot on the hidden history sheet. */
describe("the attendance history through the Excel adapter", () => {
  test("Analyse writes a hidden history sheet, and again on the same data replaces that date's snapshot", async () => {
    const { fake, gateway, uninstall } = setup(exportGrid(30));
    const first = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!first.ok) throw new Error(first.message);
    const history = fake.sheet("Attendance history");
    expect(history.visibility).toBe("Hidden");
    expect(fake.cell("Attendance history", "A1")?.value).toBe(historyMarker);
    expect(first.value.progress?.history.map((s) => s.date)).toEqual(["2025-12-19"]);
    const again = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!again.ok) throw new Error(again.message);
    expect(again.value.progress?.history).toHaveLength(1);
    expect(again.value.progress?.history[0]?.pupils).toHaveLength(first.value.progress?.current.pupils.length ?? -1);
    expect(fake.sheets.filter((s) => s.name.startsWith("Attendance history"))).toHaveLength(1);
    // The export stays the active, visible sheet.
    expect(fake.sheet("Export").visibility ?? "Visible").toBe("Visible");
    uninstall();
  });

  test("a later export shows progress since the snapshot before it", async () => {
    const grid = exportGrid(30);
    const { fake, gateway, uninstall } = setup(grid);
    await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    // The next week's export: the title's date range moves on a week, and each pupil has 10 more sessions, all attended.
    const later = grid.map((row) => [...row]);
    later[1] = [String(later[1]?.[0]).replace("19/12/2025", "09/01/2026"), ...(later[1]?.slice(1) ?? [])];
    const header = later.findIndex((row) => row.includes("Possible Sessions"));
    const possible = later[header]?.indexOf("Possible Sessions") ?? -1;
    const present = later[header]?.indexOf("Present") ?? -1;
    for (let r = header + 1; r < later.length; r++) {
      const row = later[r];
      if (!row || typeof row[possible] !== "number" || typeof row[present] !== "number") continue;
      row[possible] = (row[possible] as number) + 10;
      row[present] = (row[present] as number) + 10;
    }
    // Pasted over the old export, as a user does each week.
    fake.paste("Export", "A1", later, { textFormat: true });
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.progress?.progress.previousDate).toBe("2025-12-19");
    expect(outcome.value.progress?.current.date).toBe("2026-01-09");
    expect(outcome.value.progress?.progress.pupils.some((p) => p.improving === true)).toBe(true);
    uninstall();
  });

  test("a sheet of the user's own called Attendance history is never written over", async () => {
    const { fake, gateway, uninstall } = setup(exportGrid(20));
    fake.addSheet("Attendance history", [["My own notes"]]);
    const outcome = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(outcome.ok).toBe(true);
    expect(fake.cell("Attendance history", "A1")?.value).toBe("My own notes");
    expect(fake.cell("Attendance history (2)", "A1")?.value).toBe(historyMarker);
    // Run after run, the add-in's own is found again: never a third sheet.
    await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(fake.sheets.filter((s) => s.name.startsWith("Attendance history")).map((s) => s.name)).toEqual(["Attendance history", "Attendance history (2)"]);
    expect(fake.cell("Attendance history", "A1")?.value).toBe("My own notes");
    uninstall();
  });

  test("Create meeting sheets records into the history Analyse wrote, never a second one", async () => {
    const { fake, gateway, uninstall } = setup(exportGrid(20));
    const analysed = await gateway.analyse({ source: { kind: "usedRange" }, settings: settings() });
    expect(analysed.ok).toBe(true);
    const details = { schoolName: "Oakfield", urn: "999999", phase: "secondary" as const, meetingDate: "2025-11-14", seniorAttendanceLead: "", linkPiasOfficer: "" };
    const meeting = await gateway.generateMeetingSheets({ source: { kind: "usedRange", sheetName: "Export" }, settings: settings(), details, shareable: false });
    expect(meeting.ok).toBe(true);
    expect(fake.sheets.filter((s) => s.name.startsWith("Attendance history")).map((s) => s.name)).toEqual(["Attendance history"]);
    // The hidden history is not one of the sheets named to the user.
    expect(meeting.ok && meeting.value.sheetNames).not.toContain("Attendance history");
    uninstall();
  });
});
