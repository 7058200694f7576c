// Builds the command line once, into .cli-build/ (ignored by git), so `npm run analyse` and `npm run demo`
// start in a fraction of a second instead of compiling TypeScript on every run (docs/architecture.md).
// Run by npm's `prepare` (so `npm ci` and `npm install` build it) and by tools/cli.cjs whenever a source
// is newer than the build. esbuild bundles our code and the small pure-JavaScript packages (date-fns is
// tree-shaken to the few functions used); ExcelJS and JSZip stay outside the bundle and are loaded only
// when an .xlsx is read or written, because loading them costs several times Node's own start-up.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const buildDir = path.join(root, ".cli-build");
/** When the last build started: a source modified after this makes the build stale. */
export const stampFile = path.join(buildDir, "stamp.json");
export const entries = { analyse: "src/cli/analyse.ts", demo: "src/cli/demo.ts" };

export async function buildCli({ quiet = false } = {}) {
  const startedAt = Date.now();
  const { build } = await import("esbuild");
  mkdirSync(buildDir, { recursive: true });
  // Built beside the old build, then renamed into place file by file (a rename is atomic), so a command
  // line started meanwhile never loads a half-written bundle.
  const staging = path.join(buildDir, `.staging-${process.pid}`);
  try {
    await build({
      entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(root, file)])),
      outdir: staging,
      outExtension: { ".js": ".cjs" },
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      external: ["exceljs", "jszip"],
      sourcemap: true,
      legalComments: "none",
      logLevel: "warning",
    });
    for (const file of readdirSync(staging)) renameSync(path.join(staging, file), path.join(buildDir, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  writeFileSync(stampFile, `${JSON.stringify({ startedAt })}\n`);
  if (!quiet) process.stderr.write(`Built the command line into ${path.relative(process.cwd(), buildDir) || buildDir}.\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().catch((error) => {
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("esbuild")) {
      // npm ci --omit=dev (a server that only serves dist/): no command line to build, and no reason to fail.
      process.stderr.write("esbuild is not installed (dev dependencies omitted), so the command line was not built; npm run analyse builds it once they are.\n");
      return;
    }
    process.stderr.write(`Could not build the command line: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
