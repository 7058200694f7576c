import type { CellValue } from "../../../src/core/read/grid";
import type { Analysis } from "../../../src/core/rules/pupilAnalysis";
import type { SheetPlan } from "../../../src/core/report/plan";
import { phaseFromText, type TsmMeetingDetails } from "../../../src/core/report/tsmDetails";
import { readTypedTsm } from "../../../src/core/report/tsmMerge";
import { assignReferences } from "../../../src/core/report/pupilReferences";
import { buildWorkbookPlan, type ExistingSheets } from "../../../src/core/report/workbookPlan";
import { allValues, details, makeAnalysis, planToGrid, rowWith, type PupilSpec } from "./factory";

/** Regenerating keeps what people typed into the form's meeting details (issue 4). */

const source = { sheetName: "Export", lastColumn: 5, firstRow: 0, firstColumn: 0, rowCount: 20 };
const pupils: PupilSpec[] = [
  { name: "Ava Wright", upn: "A100", year: "7", possible: 100, authorised: 12 },
  { name: "Ben Hughes", upn: "B200", year: "8", possible: 100, authorised: 60 },
];

/** What the command line passes with no --school, --urn or --phase. */
const notGiven: TsmMeetingDetails = {
  schoolName: "",
  urn: "",
  phase: "other",
  meetingDate: "2025-11-14",
  seniorAttendanceLead: "",
  linkPiasOfficer: "",
};

function generate(runDetails: TsmMeetingDetails, existing?: ExistingSheets, analysis: Analysis = makeAnalysis(pupils)) {
  const plan = buildWorkbookPlan(analysis, source, {
    details: runDetails,
    shareable: false,
    framework: "both",
    ...(existing ? { existing } : {}),
  });
  const sheet = (role: SheetPlan["role"]) => {
    const found = plan.sheets.find((s) => s.role === role);
    if (!found) throw new Error(`no ${role} sheet`);
    return found;
  };
  const tsm = sheet("tsm");
  return { tsm, grid: planToGrid(tsm), summary: sheet("summary") };
}

/** The value cell of a meeting-details line, found by its label as a person sees it. */
function detailRow(grid: CellValue[][], label: string): CellValue[] {
  const r = rowWith(grid, label, rowWith(grid, "Meeting details"));
  if (r < 0) throw new Error(`no "${label}" line`);
  return grid[r] as CellValue[];
}

function detail(grid: CellValue[][], label: string): CellValue | undefined {
  return detailRow(grid, label)[2];
}

function typeDetail(grid: CellValue[][], label: string, value: CellValue): void {
  detailRow(grid, label)[2] = value;
}

function mentions(plan: SheetPlan, pattern: RegExp): boolean {
  return allValues(plan).some((value) => pattern.test(String(value ?? "")));
}

/** A form generated with nothing given, then filled in by hand as a school would. */
function typedForm(): CellValue[][] {
  const { grid } = generate(notGiven);
  typeDetail(grid, "School", "Oakfield Academy");
  typeDetail(grid, "URN", "123456");
  typeDetail(grid, "Phase", "Secondary");
  typeDetail(grid, "Meeting", "Meeting 2 of 3");
  typeDetail(grid, "Attendance data covers", "01/09/2025 to 31/10/2025");
  return grid;
}

describe("regenerating keeps the meeting details people typed", () => {
  it("keeps typed school, URN, phase, meeting number and data dates when the run gives none", () => {
    const before = generate(notGiven);
    expect(detail(before.grid, "School")).toBe("");
    expect(detail(before.grid, "Phase")).toBe("Other");
    expect(detail(before.grid, "Meeting")).toBe("Meeting 1 of 3 this academic year");
    expect(detail(before.grid, "Attendance data covers")).toBe("As given in the export");

    const again = generate(notGiven, { tsm: typedForm() });
    expect(detail(again.grid, "School")).toBe("Oakfield Academy");
    expect(detail(again.grid, "URN")).toBe("123456");
    expect(detail(again.grid, "Phase")).toBe("Secondary");
    expect(detail(again.grid, "Meeting")).toBe("Meeting 2 of 3");
    expect(detail(again.grid, "Attendance data covers")).toBe("01/09/2025 to 31/10/2025");
  });

  it("uses the typed school and phase across the form and the summary", () => {
    expect(mentions(generate(notGiven).tsm, /secondary schools/i)).toBe(false);
    const again = generate(notGiven, { tsm: typedForm() });
    expect(again.grid[0]?.[0]).toBe("Targeting Support Meeting record – Oakfield Academy");
    // Compared with secondary schools nationally, as the typed phase says, on both sheets.
    expect(mentions(again.tsm, /secondary schools/i)).toBe(true);
    expect(mentions(again.summary, /Oakfield Academy/)).toBe(true);
    expect(mentions(again.summary, /secondary schools/i)).toBe(true);
  });

  it("lets details given for this run replace what was on the form", () => {
    const given: TsmMeetingDetails = { ...notGiven, schoolName: "Oakfield Park School", urn: "118000", phase: "primary" };
    const again = generate(given, { tsm: typedForm() });
    expect(detail(again.grid, "School")).toBe("Oakfield Park School");
    expect(detail(again.grid, "URN")).toBe("118000");
    expect(detail(again.grid, "Phase")).toBe("Primary");
    expect(mentions(again.tsm, /secondary schools/i)).toBe(false);
    // Lines the run does not give stay as typed.
    expect(detail(again.grid, "Meeting")).toBe("Meeting 2 of 3");
  });

  it("keeps details saved in the task pane over anything on the form", () => {
    // The shared factory's details stand for the task pane's saved school details.
    const again = generate(details, { tsm: typedForm() });
    expect(detail(again.grid, "School")).toBe(details.schoolName);
    expect(detail(again.grid, "URN")).toBe(details.urn);
  });

  it("keeps a typed URN when only the school name is given", () => {
    const again = generate({ ...notGiven, schoolName: "Oakfield Academy" }, { tsm: typedForm() });
    expect(detail(again.grid, "URN")).toBe("123456");
    expect(detail(again.grid, "Phase")).toBe("Secondary");
  });

  it("keeps what an earlier run was given when a later run leaves it out", () => {
    const first = generate({ ...notGiven, schoolName: "Oakfield Academy", urn: "118000", phase: "special" });
    const again = generate(notGiven, { tsm: first.grid });
    expect(detail(again.grid, "School")).toBe("Oakfield Academy");
    expect(detail(again.grid, "URN")).toBe("118000");
    expect(detail(again.grid, "Phase")).toBe("Special");
  });

  it("shows the dates of a new export that gives them, over dates typed by hand", () => {
    const plain = makeAnalysis(pupils);
    const dated: Analysis = { ...plain, summary: { ...plain.summary, periodStart: "2025-09-03", periodEnd: "2025-11-07" } };
    const again = generate(notGiven, { tsm: typedForm() }, dated);
    expect(detail(again.grid, "Attendance data covers")).toBe("03/09/2025 to 07/11/2025");
  });

  it("keeps a phase written in a person's own words, without guessing national figures from it", () => {
    const grid = typedForm();
    typeDetail(grid, "Phase", "Middle school (deemed secondary) and primary");
    const again = generate(notGiven, { tsm: grid });
    expect(detail(again.grid, "Phase")).toBe("Middle school (deemed secondary) and primary");
    expect(mentions(again.tsm, /(secondary|primary) schools/i)).toBe(false);
  });

  it("puts the pre-filled value back where a person cleared the cell", () => {
    const grid = typedForm();
    typeDetail(grid, "Meeting", "");
    typeDetail(grid, "URN", "");
    const again = generate(notGiven, { tsm: grid });
    expect(detail(again.grid, "Meeting")).toBe("Meeting 1 of 3 this academic year");
    expect(detail(again.grid, "URN")).toBe("");
  });

  it("finds the details by their labels after rows are inserted above them", () => {
    const grid = typedForm();
    const width = grid[0]?.length ?? 1;
    const at = rowWith(grid, "Meeting details");
    grid.splice(at + 1, 0, Array.from({ length: width }, () => ""), ["Note", "", "Agreed with the head", ...Array.from({ length: width - 3 }, () => "")]);
    const again = generate(notGiven, { tsm: grid });
    expect(detail(again.grid, "School")).toBe("Oakfield Academy");
    expect(detail(again.grid, "Meeting")).toBe("Meeting 2 of 3");
  });

  it("is stable: regenerating the regenerated form changes no detail", () => {
    const once = generate(notGiven, { tsm: typedForm() });
    const twice = generate(notGiven, { tsm: once.grid });
    expect(twice.grid.slice(0, rowWith(twice.grid, "Attendees"))).toEqual(once.grid.slice(0, rowWith(once.grid, "Attendees")));
  });

  it("reads nothing typed from a form with no meeting-details section", () => {
    const typed = readTypedTsm([["Something else"], ["School", "", "Not a form"]], assignReferences(makeAnalysis(pupils).pupils));
    expect(typed.details).toEqual({ school: null, urn: null, phase: null, meeting: null, dataCovers: null });
  });
});

describe("reading a typed phase", () => {
  it.each([
    ["Secondary", "secondary"],
    ["secondary school", "secondary"],
    ["All through", "all-through"],
    ["all-through", "all-through"],
    ["Special", "special"],
    ["Primary and secondary", null],
    ["Nursery", null],
    ["", null],
  ])("reads %j as %j", (text, phase) => {
    expect(phaseFromText(text)).toBe(phase);
  });
});
