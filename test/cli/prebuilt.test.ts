import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { localIsoDate } from "../../src/core/common/dates";
import { fixturePath, repoRoot } from "../support/paths";
import { runCli } from "../support/runCli";

/**
 * `npm run analyse` runs the command line prebuilt into .cli-build/ (tools/buildCli.mjs, run by npm's
 * prepare), through tools/cli.cjs, which rebuilds first when a source is newer. Tried in a copy of the
 * repository's sources, so the real build is never touched while other tests run.
 */
jest.setTimeout(180_000);

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), "cli-build-"));
  for (const item of ["src", "tools", "assets", "package.json", "package-lock.json", "tsconfig.json"]) {
    cpSync(path.join(repoRoot, item), path.join(copy, item), { recursive: true });
  }
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(copy, "node_modules"), "dir");
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

function launch(...argv: string[]) {
  return spawnSync(process.execPath, [path.join(copy, "tools", "cli.cjs"), ...argv], { cwd: copy, encoding: "utf8" });
}

describe("the prebuilt command line", () => {
  it("builds itself when there is no build, and reports exactly what the in-process command reports", async () => {
    // The launched run's "today" is the clock's, so its meeting date is today too (--date refuses one years away).
    const today = localIsoDate(new Date());
    const built = launch("analyse", fixturePath("bromcom-export.csv"), "--json", "--date", today);
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    const inProcess = await runCli([fixturePath("bromcom-export.csv"), "--json", "--date", today], new Date());
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(inProcess.stdout));
    expect(readFileSync(path.join(copy, ".cli-build", "analyse.cjs"), "utf8")).toContain("analyse");
  });

  it("rebuilds when a source file is newer than the build, so an edit is never run stale", () => {
    const args = path.join(copy, "src", "cli", "args.ts");
    const text = readFileSync(args, "utf8");
    writeFileSync(args, text.replace("Reads an attendance export (CSV or .xlsx)", "Reads an EDITED attendance export (CSV or .xlsx)"));
    const later = new Date(Date.now() + 2000);
    utimesSync(args, later, later);
    const help = launch("analyse", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Reads an EDITED attendance export");
  });

  it("exits non-zero with one sentence when the file cannot be read", () => {
    const missing = launch("analyse", path.join(copy, "no-such-export.csv"));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("names its commands when given none it knows", () => {
    const wrong = launch("analyze");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("analyse|demo");
  });
});
