import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Gzipped size in bytes of the task pane's JavaScript in a production build (dist/taskpane*.js, what Excel
 * downloads when the pane opens), or null when there is no build: run `npm run build` first.
 */
export function taskpaneGzipBytes(distDir: string = join(__dirname, "..", "..", "dist")): number | null {
  if (!existsSync(distDir)) return null;
  const bundles = readdirSync(distDir).filter((file) => /^taskpane.*\.js$/.test(file));
  if (bundles.length === 0) return null;
  return bundles.reduce((total, file) => total + gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length, 0);
}
