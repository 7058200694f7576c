import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const root = join(__dirname, "..", "..");
export const dist = join(root, "dist");
export const officeJsUrl = "https://officeapis.public.onecdn.static.microsoft/1/office.js";

/** Newest modification time of any file under `path` (a file or a folder). */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/**
 * The production build in dist/, built here when missing, a development build, or older than its sources
 * (npm test builds just before, so usually this only checks the dates).
 */
export function ensureProductionBuild(): void {
  // A production build names its bundles by content hash (webpack.config.js); `npm run build:dev` does not.
  const production = existsSync(dist) && readdirSync(dist).some((file) => /^taskpane\.[0-9a-f]{8}\.js$/.test(file));
  const builtAt = production && existsSync(join(dist, "taskpane.html")) ? statSync(join(dist, "taskpane.html")).mtimeMs : 0;
  const sources = ["src", "assets", "manifest.xml", "webpack.config.js", "package-lock.json"].map((path) =>
    newestChange(join(root, path)),
  );
  if (builtAt > Math.max(...sources)) return;
  const result = spawnSync(process.execPath, [join(root, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ADDIN_BASE_URL: "" },
  });
  if (result.status !== 0) throw new Error(`The production build failed:\n${result.stdout}\n${result.stderr}`);
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** A static file server for `directory` on 127.0.0.1 at a free port. */
export async function serveDirectory(directory: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const file = normalize(join(directory, path));
    if (!file.startsWith(directory + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("Not found");
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** test/browser/officeStub.ts and the fake workbook it wraps, bundled into one script for the page. */
export async function bundleOfficeStub(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, "officeStub.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no Office stub.");
  return output.text;
}

/** Debian's Chromium, headless, with everything that phones home switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const axeSource = (): string => readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * The pane offline, as the add-in promises: Office.js is answered with the stub, the test server's own
 * files load, and every other request is refused, so nothing can leave even if the page tried.
 */
export async function routeOffline(context: BrowserContext, serverOrigin: string, officeStub: string): Promise<void> {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === officeJsUrl) await route.fulfill({ status: 200, contentType: "text/javascript", body: officeStub });
    else if (url.startsWith(`${serverOrigin}/`)) await route.continue();
    else await route.abort("blockedbyclient");
  });
}

/** Script errors and console errors (a CSP violation is one) of `page`, as they happen. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/** What the browser tests and the pane bench run against: the production build served, the Office stub, Chromium. */
export interface PaneHarness {
  browser: Browser;
  server: { origin: string; close: () => Promise<void> };
  officeStub: string;
}

export async function openPaneHarness(): Promise<PaneHarness> {
  ensureProductionBuild();
  const [server, officeStub, browser] = await Promise.all([serveDirectory(dist), bundleOfficeStub(), launchChromium()]);
  return { browser, server, officeStub };
}

/** Closes what openPaneHarness opened; safe when it never opened (a failed beforeAll). */
export async function closePaneHarness(harness: Partial<PaneHarness>): Promise<void> {
  await harness.browser?.close();
  await harness.server?.close();
}
