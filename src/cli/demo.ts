import { existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { sampleSchool } from "../sample/sampleExport";
import { processIo, runAnalyse } from "./runAnalyse";

/**
 * `npm run demo`: analyses the bundled sample export of a fictitious school and writes the workbook
 * (highlighted sheet, TSM form, governors' summary, pupil key) to out/attendance-demo.xlsx.
 */
const root = repositoryRoot();
const sample = path.join(root, "assets/sample/sample-export.csv");
const out = path.join(root, "out/attendance-demo.xlsx");
/** The sample covers the autumn term 2025; its meeting is at the start of the spring term. */
const meetingDate = "2026-01-14";

/** The folder holding package.json: two up from src/cli, one up from the built .cli-build/demo.cjs. */
function repositoryRoot(): string {
  let folder = __dirname;
  while (!existsSync(path.join(folder, "package.json")) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

async function demo(): Promise<number> {
  const shown = (file: string): string => path.relative(process.cwd(), file) || file;
  mkdirSync(path.dirname(out), { recursive: true });
  const code = await runAnalyse(
    [shown(sample), "--out", out, "--school", sampleSchool.name, "--urn", sampleSchool.urn, "--phase", sampleSchool.phase, "--date", meetingDate],
    processIo,
  );
  if (code === 0) {
    processIo.stdout(
      `\nOpen ${shown(out)} in Excel: the highlighted pupil sheet, the Targeting Support Meeting form, the governors' summary and the school-only pupil key for ${sampleSchool.name} (a fictitious school; every pupil is invented).\n`,
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
