// The layering allow-list (docs/architecture.md "Layering rules"). An import of one of our modules, or of
// a package, that no rule here allows is a lint error naming the layer's rule. Paths are relative to the
// repository's root, with forward slashes.

/** Where to read why: every message points here. */
export const docsLink = 'docs/architecture.md "Layering rules"';

/**
 * Layers in the order they are matched (first match wins), each with the folders and files of ours it
 * may import and the packages it may use. A folder matches itself and everything below it.
 */
export const layers = [
  {
    name: "core/common",
    files: ["src/core/common/"],
    allows: ["src/core/common/"],
    packages: ["date-fns"],
    says: "src/core/common is core's base: it imports nothing of ours but itself",
  },
  {
    name: "core/read",
    files: ["src/core/read/"],
    allows: ["src/core/read/", "src/core/common/"],
    packages: ["date-fns"],
    says: "src/core/read turns a grid into records; it may import only src/core/common",
  },
  {
    name: "core/rules",
    files: ["src/core/rules/"],
    allows: ["src/core/rules/", "src/core/read/", "src/core/common/"],
    packages: ["date-fns"],
    says: "src/core/rules may import src/core/read and src/core/common",
  },
  {
    // Progress across analyses (docs/rules.md §11) is reporting over time: snapshots read back from the
    // history sheet the report layer plans, so it shares the report layer's rule.
    name: "core/report",
    files: ["src/core/report/", "src/core/progress/"],
    allows: ["src/core/report/", "src/core/progress/", "src/core/rules/", "src/core/read/", "src/core/common/"],
    packages: ["date-fns"],
    says: "src/core/report (and src/core/progress, part of the same layer) may import src/core/read, src/core/rules and src/core/common",
  },
  {
    name: "core",
    files: ["src/core/"],
    allows: ["src/core/"],
    packages: ["date-fns"],
    says: "src/core is pure: it imports only src/core and date-fns (no Office, React, DOM or Node)",
  },
  {
    name: "entry",
    // Where the real gateway is wired into the pane and the ribbon: webpack's entries.
    files: ["src/taskpane/taskpane.tsx", "src/commands/commands.ts"],
    allows: ["src/core/", "src/excel/", "src/taskpane/", "src/commands/"],
    packages: ["react", "react-dom", "@fluentui/react-components"],
    says: "an entry file may import src/core, src/excel, src/taskpane and src/commands",
  },
  {
    name: "excel",
    files: ["src/excel/"],
    allows: ["src/excel/", "src/core/", "src/sample/sampleExport.ts"],
    packages: [],
    says: "src/excel may import src/core and the bundled sample (src/sample/sampleExport.ts)",
  },
  {
    name: "xlsx",
    files: ["src/xlsx/"],
    allows: ["src/xlsx/", "src/core/"],
    packages: ["exceljs", "csv-parse", "jszip", "node:fs", "node:fs/promises", "node:path", "node:crypto", "node:os", "node:stream", "node:zlib", "node:events"],
    says: "src/xlsx may import src/core (and ExcelJS, csv-parse, jszip, Node's file modules)",
  },
  {
    name: "taskpane",
    files: ["src/taskpane/"],
    allows: ["src/taskpane/", "src/core/"],
    // The pane talks to the workbook only through the gateway: its types, never its implementation.
    typeOnly: ["src/excel/workbookGateway.ts"],
    packages: ["react", "react-dom", "@fluentui/react-components", "@fluentui/react-icons", "date-fns"],
    says: "src/taskpane may import src/core, and from src/excel only the gateway's types (import type … from src/excel/workbookGateway)",
  },
  {
    name: "commands",
    files: ["src/commands/"],
    allows: ["src/commands/", "src/excel/", "src/core/common/"],
    packages: [],
    says: "src/commands may import src/excel (and src/core/common)",
  },
  {
    name: "cli",
    files: ["src/cli/"],
    allows: ["src/cli/", "src/core/", "src/xlsx/", "src/sample/"],
    packages: ["node:fs", "node:fs/promises", "node:path", "node:crypto", "node:os", "node:url", "node:process", "node:child_process"],
    says: "src/cli may import src/core, src/xlsx and src/sample",
  },
  {
    name: "sample",
    files: ["src/sample/"],
    allows: ["src/sample/", "src/core/"],
    packages: ["node:fs", "node:fs/promises", "node:path"],
    says: "src/sample may import src/core",
  },
];

/** Modules that would reach the network: never allowed in src, whatever the layer. */
export const networkModules = [
  "http",
  "https",
  "http2",
  "net",
  "tls",
  "dgram",
  "dns",
  "undici",
  "axios",
  "ws",
  "node-fetch",
  "cross-fetch",
  "isomorphic-fetch",
  "got",
  "superagent",
];
