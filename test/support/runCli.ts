import { runAnalyse, type CliIo } from "../../src/cli/runAnalyse";

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
