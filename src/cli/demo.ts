import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { gridToCsv } from "../sample/csv";
import { previousWeekExport } from "../sample/previousWeek";
import { sampleExportGrid, sampleSchool } from "../sample/sampleExport";
import { processIo, runAnalyse } from "./runAnalyse";

/**
 * `npm run demo`: analyses the bundled sample export of a fictitious school and writes the workbook
 * (highlighted sheet, TSM form, governors' summary, pupil key) to out/attendance-demo.xlsx.
 * It runs twice, as a school would a week apart (docs/rules.md §11): first the export of the week before
 * (as at 12/12/2025) for the autumn meeting, then the bundled export (as at 19/12/2025) for the spring
 * meeting. So the workbook holds two snapshots, shows each pupil's progress, keeps the autumn form beside
 * the spring one, and the spring form lists the pupils from the autumn meeting.
 */
const root = repositoryRoot();
const sample = path.join(root, "assets/sample/sample-export.csv");
const out = path.join(root, "out/attendance-demo.xlsx");
const previousWeek = path.join(root, "out/sample-export-previous-week.csv");
/** The sample covers the autumn term 2025; its meeting is at the start of the spring term. */
const meetingDate = "2026-01-14";
/** The autumn meeting, in the last week of term, on the export of that week. */
const autumnMeetingDate = "2025-12-12";

/** The folder holding package.json: two up from src/cli, one up from the built .cli-build/demo.cjs. */
function repositoryRoot(): string {
  let folder = __dirname;
  while (!existsSync(path.join(folder, "package.json")) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

async function demo(): Promise<number> {
  const shown = (file: string): string => path.relative(process.cwd(), file) || file;
  mkdirSync(path.dirname(out), { recursive: true });
  // Made afresh each time, so the two snapshots and two meetings are always the same story.
  rmSync(out, { force: true });
  writeFileSync(previousWeek, gridToCsv(previousWeekExport(sampleExportGrid(), { from: "19/12/2025", to: "12/12/2025" })), "utf8");
  const school = ["--school", sampleSchool.name, "--urn", sampleSchool.urn, "--phase", sampleSchool.phase];
  const quiet = { stdout: () => undefined, stderr: (text: string) => processIo.stderr(text) };
  const first = await runAnalyse([shown(previousWeek), "--out", out, ...school, "--date", autumnMeetingDate], quiet, new Date(2025, 11, 12));
  if (first !== 0) return first;
  const code = await runAnalyse([shown(sample), "--out", out, ...school, "--date", meetingDate], processIo, new Date(2026, 0, 14));
  if (code === 0) {
    processIo.stdout(
      `\nOpen ${shown(out)} in Excel: the highlighted pupil sheet, the Targeting Support Meeting form, the governors' summary and the school-only pupil key for ${sampleSchool.name} (a fictitious school; every pupil is invented). It holds two analyses a week apart, so each pupil's progress shows, and the autumn meeting's form beside the spring one.\n`,
    );
  }
  return code;
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`The demo stopped because of an internal error (${error instanceof Error ? error.message : String(error)}).\n`);
    process.exitCode = 1;
  },
);
