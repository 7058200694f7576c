import { existsSync } from "node:fs";
import * as path from "node:path";
import { taskpaneGzipBytes } from "./bundleSize";
import { cliSection } from "./cliBench";
import { paneSection } from "./paneBench";
import { patternsSection } from "./patternsBench";
import { xlsxOutSection } from "./xlsxOutBench";
import { xlsxRerunSection } from "./xlsxRerunBench";
import { engineFigures, floorSink, type EngineFigure } from "./engineBench";

/**
 * `npm run bench` prints the engine's speed against the floor (one pass reading every cell);
 * `npm run --silent bench -- --json` prints the same figures as one JSON object.
 *
 * Other modules add their own keys through the hooks below, without changing this file's "engine" figures:
 * - test/bench/excelBench.ts exporting `excelFigures(): ExcelFigure[] | Promise<ExcelFigure[]>` adds "excel"
 *   (the Excel adapter's context.sync() calls and operations per run, from src/excel);
 * - "taskpaneGzipBytes" (the task pane bundle's gzipped size, from dist/ after `npm run build`) appears when
 *   a build exists;
 * - anything else: call addBenchSection() before benchReport().
 */
export interface ExcelFigure {
  pupils: number;
  syncs: number;
  operations: number;
}

export interface BenchReport {
  engine: EngineFigure[];
  excel?: ExcelFigure[];
  taskpaneGzipBytes?: number;
  [key: string]: unknown;
}

/** A bench section another module provides: a key in the JSON and lines in the readable output. */
export interface BenchSection {
  key: string;
  run(): unknown;
  describe(value: unknown): string[];
}

const extraSections: BenchSection[] = [];

/** Lets another module add its figures (e.g. from a file required below). */
export function addBenchSection(section: BenchSection): void {
  extraSections.push(section);
}

function optionalExcelSection(): BenchSection | null {
  const file = ["excelBench.ts", "excelBench.js"].map((name) => path.join(__dirname, name)).find((candidate) => existsSync(candidate));
  if (!file) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(file) as { excelFigures?: () => ExcelFigure[] | Promise<ExcelFigure[]> };
  if (typeof module.excelFigures !== "function") return null;
  const excelFigures = module.excelFigures;
  return {
    key: "excel",
    run: () => excelFigures(),
    describe: (value) =>
      (value as ExcelFigure[]).map((figure) => `  ${String(figure.pupils).padStart(7)} pupils  ${figure.syncs} syncs  ${figure.operations} operations`),
  };
}

/** The task pane bundle's gzipped size (test/bench/bundleSize.ts), when a production build is in dist/. */
function optionalTaskpaneSizeSection(): BenchSection | null {
  const bytes = taskpaneGzipBytes();
  if (bytes === null) return null;
  return { key: "taskpaneGzipBytes", run: () => bytes, describe: () => [] };
}

export async function benchReport(): Promise<BenchReport> {
  const report: BenchReport = { engine: engineFigures() };
  const sections = [optionalExcelSection(), optionalTaskpaneSizeSection(), ...extraSections].filter(
    (section): section is BenchSection => section !== null,
  );
  for (const section of sections) report[section.key] = await section.run();
  return report;
}

export function benchText(report: BenchReport): string {
  const lines = [
    "Engine (analyseGrid: read, classify, summarise) against the floor (one pass reading every cell once); medians after warm-up",
    "",
    "  format    pupils  sessions   engine ms   floor ms   ratio",
  ];
  for (const figure of report.engine) {
    lines.push(
      `  ${figure.format.padEnd(7)} ${String(figure.pupils).padStart(8)}  ${String(figure.sessions ?? "–").padStart(8)}  ${figure.ms.toFixed(1).padStart(10)}  ${figure.floorMs.toFixed(2).padStart(9)}  ${figure.ratio.toFixed(1).padStart(6)}`,
    );
  }
  if (report.excel) {
    lines.push("", "Excel adapter (per Analyse run)");
    lines.push(...(optionalExcelSection()?.describe(report.excel) ?? []));
  }
  if (report.taskpaneGzipBytes !== undefined) {
    lines.push("", `Task pane bundle, gzipped: ${report.taskpaneGzipBytes.toLocaleString("en-GB")} bytes`);
  } else {
    lines.push("", "Task pane bundle size: no build in dist/ (run npm run build first).");
  }
  for (const section of extraSections) {
    if (section.key in report) lines.push("", ...section.describe(report[section.key]));
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const json = process.argv.slice(2).includes("--json");
  addBenchSection(cliSection);
  addBenchSection(patternsSection);
  addBenchSection(xlsxOutSection);
  addBenchSection(xlsxRerunSection);
  // The task pane in Chromium (issue 12 §10): needs the production build, which it makes when missing.
  addBenchSection(paneSection);
  const report = await benchReport();
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : benchText(report));
  // Keep the floor's work observable.
  if (Number.isNaN(floorSink())) process.stderr.write("");
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The benchmark stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
