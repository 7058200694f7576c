import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../support/paths";

/**
 * The lint rules of docs/architecture.md "Layering rules", each tried on code it must reject and code it
 * must accept, with the repository's own ESLint configuration (eslint.config.mjs and eslint/plugin.mjs).
 */
interface Snippet {
  /** Which rule should (or should not) fire. */
  rule: "local/layers" | "local/no-network" | "local/office-globals" | "local/no-clock-in-core";
  file: string;
  code: string;
  bad: boolean;
}

const bad = (rule: Snippet["rule"], file: string, code: string): Snippet => ({ rule, file, code, bad: true });
const good = (rule: Snippet["rule"], file: string, code: string): Snippet => ({ rule, file, code, bad: false });

const snippets: Snippet[] = [
  // Layers: an import no rule allows.
  bad("local/layers", "src/core/read/snippet.ts", 'import { bandFromSessions } from "../rules/bands";\nexport const x = bandFromSessions;'),
  good("local/layers", "src/core/read/snippet.ts", 'import type { Grid } from "./grid";\nexport type X = Grid;'),
  bad("local/layers", "src/core/rules/snippet.ts", 'import { buildWorkbookPlan } from "../report/workbookPlan";\nexport const x = buildWorkbookPlan;'),
  good("local/layers", "src/core/rules/snippet.ts", 'import type { PupilRecord } from "../read/pupilRecord";\nexport type X = PupilRecord;'),
  bad("local/layers", "src/core/report/snippet.ts", 'import { applyPlans } from "../../excel/applyPlans";\nexport const x = applyPlans;'),
  good("local/layers", "src/core/report/snippet.ts", 'import { isPersistentOrSevere } from "../rules/bands";\nexport const x = isPersistentOrSevere;'),
  good("local/layers", "src/core/read/snippet.ts", 'import { x } from "../common/a1";\nexport const y = x;'),
  good("local/layers", "src/core/progress/snippet.ts", 'import { x } from "../report/plan";\nimport { y } from "../rules/bands";\nexport const z = [x, y];'),
  bad("local/layers", "src/core/rules/snippet.ts", 'import { x } from "../progress/snapshot";\nexport const y = x;'),
  bad("local/layers", "src/core/common/snippet.ts", 'import { readGrid } from "../read/readGrid";\nexport const x = readGrid;'),
  bad("local/layers", "src/core/rules/snippet.ts", 'import { useState } from "react";\nexport const x = useState;'),
  bad("local/layers", "src/core/rules/snippet.ts", 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;'),
  bad("local/layers", "src/core/report/snippet.ts", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;'),
  good("local/layers", "src/core/report/snippet.ts", 'import { format } from "date-fns";\nexport const x = format;'),
  bad("local/layers", "src/excel/snippet.ts", 'import { ukDate } from "../taskpane/format";\nexport const x = ukDate;'),
  good("local/layers", "src/excel/snippet.ts", 'import { analyseGrid } from "../core/analyse";\nimport { sampleExportGrid } from "../sample/sampleExport";\nexport const x = [analyseGrid, sampleExportGrid];'),
  bad("local/layers", "src/xlsx/snippet.ts", 'import { applyPlans } from "../excel/applyPlans";\nexport const x = applyPlans;'),
  good("local/layers", "src/xlsx/snippet.ts", 'import ExcelJS from "exceljs";\nimport type { SheetPlan } from "../core/report/plan";\nexport const x: [unknown, SheetPlan?] = [ExcelJS];'),
  bad("local/layers", "src/taskpane/snippet.tsx", 'import ExcelJS from "exceljs";\nexport const x = ExcelJS;'),
  bad("local/layers", "src/taskpane/snippet.tsx", 'import { applyPlans } from "../excel/applyPlans";\nexport const x = applyPlans;'),
  bad("local/layers", "src/taskpane/components/Snippet.tsx", 'import { createOfficeGateway } from "../../excel/officeGateway";\nexport const x = createOfficeGateway;'),
  bad("local/layers", "src/taskpane/snippet.tsx", 'export const load = () => import("../excel/applyPlans");'),
  good("local/layers", "src/taskpane/components/Snippet.tsx", 'import type { WorkbookGateway } from "../../excel/workbookGateway";\nimport { Button } from "@fluentui/react-components";\nexport const x: [unknown, WorkbookGateway?] = [Button];'),
  good("local/layers", "src/taskpane/taskpane.tsx", 'import { checkRequirements } from "../excel/requirements";\nexport const x = checkRequirements;'),
  bad("local/layers", "src/commands/snippet.ts", 'import { TaskPane } from "../taskpane/TaskPaneApp";\nexport const x = TaskPane;'),
  good("local/layers", "src/commands/snippet.ts", 'import type { WorkbookGateway } from "../excel/workbookGateway";\nexport type X = WorkbookGateway;'),
  bad("local/layers", "src/cli/snippet.ts", 'import { applyPlans } from "../excel/applyPlans";\nexport const x = applyPlans;'),
  good("local/layers", "src/cli/snippet.ts", 'import { readExportFile } from "../xlsx/readFile";\nimport { sampleExportGrid } from "../sample/sampleExport";\nimport { readFileSync } from "node:fs";\nexport const x = [readExportFile, sampleExportGrid, readFileSync];'),
  bad("local/layers", "src/sample/snippet.ts", 'import { runAnalyse } from "../cli/runAnalyse";\nexport const x = runAnalyse;'),
  bad("local/layers", "src/core/read/snippet.ts", 'export { bandFromSessions } from "../rules/bands";'),
  bad("local/layers", "src/cli/snippet.ts", 'import https from "node:https";\nexport const x = https;'),
  bad("local/layers", "src/cli/snippet.ts", '// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const x = require("../excel/applyPlans");'),

  // No network, however reached.
  bad("local/no-network", "src/taskpane/snippet.tsx", 'export const x = () => fetch("/data");'),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'export const x = () => globalThis.fetch("/data");'),
  bad("local/no-network", "src/taskpane/snippet.tsx", "export const x = () => window['fetch']('/data');"),
  bad("local/no-network", "src/taskpane/snippet.tsx", "export const x = () => window[`fetch`]('/data');"),
  bad("local/no-network", "src/excel/snippet.ts", 'export const x = () => self.fetch("/data");'),
  bad("local/no-network", "src/cli/snippet.ts", "export const { fetch: send } = globalThis;"),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'export const x = Reflect.get(window, "fetch");'),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'const name = ["fe", "tch"].join("");\nexport const x = (window as unknown as Record<string, unknown>)[name];'),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'const name = "fe" + "tch";\nexport const x = globalThis[name as "fetch"];'),
  bad("local/no-network", "src/excel/snippet.ts", "export const x = () => new XMLHttpRequest();"),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'export const x = () => new WebSocket("wss://example.org");'),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'export const x = () => new EventSource("/events");'),
  bad("local/no-network", "src/taskpane/snippet.tsx", 'export const x = () => navigator.sendBeacon("/t", "data");'),
  bad("local/no-network", "src/core/report/snippet.ts", 'export const x = () => globalThis.fetch("/data");'),
  good("local/no-network", "src/taskpane/snippet.tsx", "export const fetched = [1, 2].map((n) => n * 2);\nexport const title = () => document.title;"),

  // Office and Excel globals only in src/excel and the entry files.
  bad("local/office-globals", "src/taskpane/snippet.tsx", "export const x = () => Office.onReady();"),
  bad("local/office-globals", "src/taskpane/components/Snippet.tsx", "export const x = () => Excel.run(async () => undefined);"),
  bad("local/office-globals", "src/taskpane/snippet.tsx", "export const x = (globalThis as { Office?: unknown }).Office;"),
  bad("local/office-globals", "src/commands/analyseActiveSheet.ts", 'export const x = (window as unknown as Record<string, unknown>)["Excel"];'),
  bad("local/office-globals", "src/core/report/snippet.ts", "export const x = () => Excel.run(async () => undefined);"),
  bad("local/office-globals", "src/cli/snippet.ts", "export const x = () => OfficeExtension.Error;"),
  good("local/office-globals", "src/excel/snippet.ts", "export const x = () => Excel.run(async () => undefined);"),
  good("local/office-globals", "src/taskpane/taskpane.tsx", "export const x = typeof Office === 'undefined' ? undefined : Office;"),
  good("local/office-globals", "src/commands/commands.ts", "export const x = () => Office.onReady();"),

  // Core never reads the clock.
  bad("local/no-clock-in-core", "src/core/rules/snippet.ts", "export const x = () => new Date();"),
  bad("local/no-clock-in-core", "src/core/read/snippet.ts", "export const x = () => new Date;"),
  bad("local/no-clock-in-core", "src/core/report/snippet.ts", "export const x = () => Date.now();"),
  bad("local/no-clock-in-core", "src/core/report/snippet.ts", "export const x = () => Date();"),
  good("local/no-clock-in-core", "src/core/rules/snippet.ts", "export const x = (iso: string) => new Date(Date.UTC(2025, 8, 1) + iso.length);"),
  good("local/no-clock-in-core", "src/cli/snippet.ts", "export const today = () => new Date();"),
];

interface LintMessage {
  ruleId: string | null;
  message: string;
}

let results: LintMessage[][] = [];

beforeAll(() => {
  const run = spawnSync(process.execPath, [join(__dirname, "lintSnippets.mjs"), repoRoot], {
    input: JSON.stringify(snippets.map(({ code, file }) => ({ code, filePath: join(repoRoot, file) }))),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ESLint did not run: ${run.stderr}`);
  results = JSON.parse(run.stdout) as LintMessage[][];
}, 120_000);

const cases = snippets.map((snippet, index) => [snippet.bad ? "rejects" : "accepts", snippet.rule, snippet.file, snippet.code, index] as const);

describe("lint keeps the layers (docs/architecture.md)", () => {
  it.each(cases)("%s (%s) in %s: %s", (_verdict, rule, _file, _code, index) => {
    const snippet = snippets[index]!;
    const messages = results[index] ?? [];
    const fatal = messages.filter((m) => m.ruleId === null);
    expect(fatal).toEqual([]); // the snippet parsed
    const fromRule = messages.filter((m) => m.ruleId === rule);
    if (snippet.bad) {
      expect(fromRule.length).toBeGreaterThan(0);
      // The message names the rule it broke and where to read why.
      for (const message of fromRule) {
        expect(message.message).toMatch(/rule/i);
        expect(message.message).toContain("docs/architecture.md");
      }
    } else {
      expect(messages.filter((m) => m.ruleId?.startsWith("local/"))).toEqual([]);
    }
  });

  it("names the layer's rule in an import message", () => {
    const index = snippets.findIndex((s) => s.file === "src/core/read/snippet.ts" && s.bad && s.rule === "local/layers");
    const message = results[index]?.find((m) => m.ruleId === "local/layers")?.message ?? "";
    expect(message).toContain('Layer rule "core/read"');
    expect(message).toContain("src/core/rules");
  });
});
