#!/usr/bin/env node
// `npm run analyse` / `npm run demo`: runs the prebuilt command line in .cli-build/ (tools/buildCli.mjs),
// rebuilding it first when any source is newer than the build, so a developer editing src never runs stale
// code. CommonJS, and nothing loaded before the check, to keep start-up close to Node's own.
"use strict";
const { readdirSync, readFileSync, statSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const buildDir = path.join(root, ".cli-build");
const commands = { analyse: "analyse.cjs", demo: "demo.cjs" };

/** Newest modification time (ms) of the files the build is made from. */
function newestSource() {
  let newest = 0;
  const consider = (file) => {
    try {
      newest = Math.max(newest, statSync(file).mtimeMs);
    } catch {
      // A file that is not there (no package-lock.json) does not make the build stale.
    }
  };
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else consider(full);
    }
    // A deleted or renamed file changes its folder's time.
    consider(folder);
  };
  walk(path.join(root, "src"));
  for (const file of ["package.json", "package-lock.json", "tools/buildCli.mjs", "tools/cli.cjs"]) consider(path.join(root, file));
  return newest;
}

function builtAt() {
  try {
    return JSON.parse(readFileSync(path.join(buildDir, "stamp.json"), "utf8")).startedAt;
  } catch {
    return -1;
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const bundle = commands[command];
  if (!bundle) {
    process.stderr.write(`Usage: node tools/cli.cjs ${Object.keys(commands).join("|")} [arguments]\n`);
    process.exitCode = 2;
    return;
  }
  if (builtAt() < newestSource()) {
    const { buildCli } = await import("./buildCli.mjs");
    await buildCli({ quiet: true });
  }
  const file = path.join(buildDir, bundle);
  // The bundle reads its arguments from process.argv, as it would when run directly.
  process.argv = [process.argv[0], file, ...rest];
  require(file);
}

main().catch((error) => {
  process.stderr.write(`Could not start the command line: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
