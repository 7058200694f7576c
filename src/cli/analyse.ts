import { runAnalyse } from "./runAnalyse";

/** Entry point of `npm run analyse`: built into .cli-build/analyse.cjs by tools/buildCli.mjs (docs/architecture.md). */

// `… --json | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
runAnalyse(process.argv.slice(2)).then(
  (code) => {
    // exitCode rather than exit(): lets a large JSON report finish flushing to a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`The analysis stopped because of an internal error (${detail}): please report it.\n`);
    process.exitCode = 1;
  },
);
