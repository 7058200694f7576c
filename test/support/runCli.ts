import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { runAnalyse, type CliIo } from "../../src/cli/runAnalyse";
import { repoRoot } from "./paths";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, with the same code as `npm run analyse`, on the given "today". */
export async function runCli(argv: readonly string[], today: Date): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  const code = await runAnalyse([...argv], io, today);
  return { code, stdout, stderr };
}

export interface LaunchedRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The command line as a user runs it: `npm run --silent analyse -- …` is `node tools/cli.cjs analyse …`,
 * which runs the prebuilt command line (and rebuilds it first when a source is newer).
 */
export function launchAnalyse(...args: string[]): LaunchedRun {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "tools", "cli.cjs"), "analyse", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One pupil of `--json` (docs/architecture.md, the JSON contract). */
export type JsonPupil = Record<string, unknown> & { sourceRow: number };

export interface JsonReport {
  pupils: JsonPupil[];
  summary: Record<string, unknown>;
  warnings: { sourceRow: number | null; message: string }[];
}

/** `analyse FILE --json …` through the launcher; throws with its stderr when it does not succeed. */
export function analyseJson(file: string, ...args: string[]): JsonReport {
  const run = launchAnalyse(file, "--json", ...args);
  if (run.status !== 0) throw new Error(`analyse ${file} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonReport;
}

/** Each expected field (by pupil row) the report does not give exactly, in words; empty when all match. */
export function fieldMismatches(pupils: readonly JsonPupil[], expected: readonly JsonPupil[]): string[] {
  const byRow = new Map(pupils.map((pupil) => [pupil.sourceRow, pupil]));
  const mismatches: string[] = [];
  for (const want of expected) {
    const got = byRow.get(want.sourceRow);
    for (const [field, value] of Object.entries(want)) {
      if (!got || JSON.stringify(got[field]) !== JSON.stringify(value)) {
        mismatches.push(`row ${want.sourceRow} ${field}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got?.[field])}`);
      }
    }
  }
  return mismatches;
}
