import { join, resolve } from "path";

/**
 * The one place tests find files of the repository: its root, the sample exports in test/fixtures and the
 * bundled sample. Everything is inside the clone (docs/architecture.md "Standing on its own").
 */
export const repoRoot = resolve(__dirname, "../..");
export const fixturesDir = join(repoRoot, "test", "fixtures");

/** A sample export (or expected.json) in test/fixtures. */
export function fixturePath(name: string): string {
  return join(fixturesDir, name);
}

/** The bundled fictitious sample export the demo and "Try it with sample data" use. */
export const sampleExportPath = join(repoRoot, "assets", "sample", "sample-export.csv");
