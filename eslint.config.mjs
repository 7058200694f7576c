// Flat config. Two rules matter most here:
// 1. src/core stays pure (docs/architecture.md): no Office, React, DOM or Node imports or globals.
// 2. Privacy (DEVELOPERS.md): no code of ours makes a network request.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const networkGlobals = [
  { name: "fetch", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
  { name: "XMLHttpRequest", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
  { name: "WebSocket", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
  { name: "EventSource", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
];

const coreMessage = "src/core is pure (docs/architecture.md): plain data in, plain data out. Put Office, React, DOM and Node code in an adapter.";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**", "**/*.js", "!eslint.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "no-restricted-globals": ["error", ...networkGlobals],
      "no-restricted-properties": [
        "error",
        { object: "navigator", property: "sendBeacon", message: "No telemetry: pupil data never leaves the workbook." },
        { object: "window", property: "fetch", message: "No network calls of our own." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["src/core/**/*.ts"],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-*", "react/*", "@fluentui/*"], message: coreMessage },
            { group: ["office-*", "@microsoft/*", "@types/office-js"], message: coreMessage },
            { group: ["exceljs", "csv-parse", "csv-parse/*"], message: coreMessage },
            { group: ["node:*", "fs", "fs/*", "path", "os", "child_process", "util", "stream", "crypto", "url", "http", "https", "net", "zlib", "buffer", "process"], message: coreMessage },
            { group: ["**/excel/**", "**/xlsx/**", "**/taskpane/**", "**/commands/**", "**/cli/**"], message: "Arrows point only downwards: core imports nothing above it." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...networkGlobals,
        ...["window", "document", "navigator", "localStorage", "sessionStorage", "Office", "Excel", "OfficeExtension", "process", "require", "Buffer", "__dirname", "__filename", "console"].map(
          (name) => ({ name, message: coreMessage }),
        ),
      ],
    },
  },
  {
    files: ["src/core/**/*.test.ts", "test/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": "off", "no-restricted-globals": ["error", ...networkGlobals] },
  },
);
