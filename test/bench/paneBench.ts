import type { Page } from "playwright-core";
import type { BenchSection } from "./bench";
import { syntheticSummaryGrid } from "./grids";
import { openPaneHarness, routeOffline } from "../browser/harness";

/**
 * The task pane at scale, measured in Chromium on the production build (issue 12 item 10):
 * - listMs: from the end of the last Excel.run of an Analyse (the data is back) to the first pupil row drawn;
 * - keystrokeMs: one keystroke in the rules form, from keydown to the frame after React has updated (median).
 * Aims: keystroke under 50 ms and the list under 200 ms at 20,000 pupils.
 */
export interface PaneFigure {
  pupils: number;
  keystrokeMs: number;
  listMs: number;
}

const sizes = [5000, 20000];
const keystrokes = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Times the list's first drawing after the data comes back from Excel. */
async function measureList(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { Excel: { run: (...args: unknown[]) => Promise<unknown> }; __runEnd: number; __listShown: Promise<number> };
    const run = w.Excel.run.bind(w.Excel);
    w.Excel.run = async (...args: unknown[]) => {
      const result = await run(...args);
      w.__runEnd = performance.now();
      return result;
    };
    w.__listShown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector("[data-testid='pupil-row']")) {
          observer.disconnect();
          // The run that brought the data back: later runs (watching the sheet for edits) must not move it.
          const runEnd = w.__runEnd;
          // Drawn: the frame after the rows are in the document.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - runEnd), 0));
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.getByRole("button", { name: "Analyse", exact: true }).click();
  return page.evaluate(() => (window as unknown as { __listShown: Promise<number> }).__listShown);
}

/** Median time from keydown in a rules box to the frame after the pane has updated. */
async function measureKeystrokes(page: Page): Promise<number> {
  await page.getByRole("button", { name: /2\. Ladder and rules/ }).click();
  const box = page.getByRole("spinbutton", { name: /PIAS level 3/ });
  await box.click();
  await page.evaluate(() => {
    const w = window as unknown as { __keyTimes: number[] };
    w.__keyTimes = [];
    document.addEventListener(
      "keydown",
      () => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => w.__keyTimes.push(performance.now() - start), 0));
      },
      true,
    );
  });
  for (let i = 0; i < keystrokes; i += 1) {
    // Alternately add and remove a digit: every keystroke changes the rules the form holds.
    await page.keyboard.press(i % 2 === 0 ? "End" : "End");
    await page.keyboard.press(i % 2 === 0 ? "1" : "Backspace");
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(100);
  const times = await page.evaluate(() => (window as unknown as { __keyTimes: number[] }).__keyTimes);
  // Only the digit and Backspace presses change anything; End presses are cheap and would flatter the median.
  return median(times.filter((_, index) => index % 2 === 1));
}

export async function paneFigures(): Promise<PaneFigure[]> {
  const { server, officeStub, browser } = await openPaneHarness();
  const figures: PaneFigure[] = [];
  try {
    for (const pupils of sizes) {
      const context = await browser.newContext({ viewport: { width: 380, height: 900 }, locale: "en-GB" });
      await routeOffline(context, server.origin, officeStub);
      const page = await context.newPage();
      await page.goto(`${server.origin}/taskpane.html`);
      await page.getByRole("button", { name: "Check columns" }).waitFor();
      const grid = syntheticSummaryGrid(pupils, 7);
      await page.evaluate(
        (rows) => {
          const test = (window as unknown as { __attendanceTest: { fake: { addSheet(n: string, g: unknown[][]): unknown; setActive(n: string): void } } }).__attendanceTest;
          test.fake.addSheet("Export", rows);
          test.fake.setActive("Export");
        },
        grid as unknown[][],
      );
      const listMs = await measureList(page);
      const keystrokeMs = await measureKeystrokes(page);
      figures.push({ pupils, keystrokeMs: round(keystrokeMs), listMs: round(listMs) });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}


/** `npm run bench`'s "pane" figures (test/bench/bench.ts adds this section). */
export const paneSection: BenchSection = {
  key: "pane",
  run: () => paneFigures(),
  describe: (value) => [
    "Task pane in Chromium (production build): one keystroke in the rules form, and the pupil list first drawn after Analyse",
    "  (aims at 20,000 pupils: keystroke < 50 ms, list < 200 ms)",
    "   pupils  keystroke ms   list ms",
    ...(value as PaneFigure[]).map(
      (figure) => `  ${String(figure.pupils).padStart(7)}  ${figure.keystrokeMs.toFixed(1).padStart(12)}  ${figure.listMs.toFixed(1).padStart(8)}`,
    ),
  ],
};
