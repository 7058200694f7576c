// Flat config. The rules that matter most here (docs/architecture.md "Layering rules"):
// 1. Layers: each folder of src imports only what its allow-list in eslint/layers.mjs names; src/core stays
//    pure (no Office, React, DOM or Node imports or globals) and never reads the clock.
// 2. Privacy: no code of ours makes a network request, however the API is reached.
// 3. Excel and Office globals only in src/excel and the entry files.
// The rules are the local plugin in eslint/plugin.mjs; test/lint/ proves each one rejects what it should.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import local from "./eslint/plugin.mjs";

const networkGlobals = [
  { name: "fetch", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
  { name: "XMLHttpRequest", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
  { name: "WebSocket", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
  { name: "EventSource", message: "The add-in never sends pupil data anywhere: no network calls of its own." },
];

const coreMessage = 'src/core is pure: plain data in, plain data out. Put Office, React, DOM and Node code in an adapter. See docs/architecture.md "Layering rules".';

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**", ".cli-build/**", "**/*.js", "!eslint.config.mjs"] },
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
    // The build and lint tools and the lint test's runner: plain JavaScript run by Node.
    files: ["tools/**/*.{cjs,mjs}", "eslint/**/*.mjs", "test/**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { local },
    rules: {
      "local/layers": "error",
      "local/no-network": "error",
      "local/office-globals": "error",
    },
  },
  {
    // Where Office.js is the point: the Excel adapter and the pages' entry files.
    files: ["src/excel/**/*.ts", "src/taskpane/taskpane.tsx", "src/commands/commands.ts", "src/**/*.test.{ts,tsx}"],
    rules: { "local/office-globals": "off" },
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
      // Imports are the layers rule's (eslint/layers.mjs: core imports only core and date-fns).
      "local/no-clock-in-core": "error",
      "no-restricted-globals": [
        "error",
        ...["window", "document", "navigator", "localStorage", "sessionStorage", "process", "require", "Buffer", "__dirname", "__filename", "console"].map(
          (name) => ({ name, message: coreMessage }),
        ),
      ],
    },
  },
  {
    files: ["src/core/**/*.test.ts", "test/**/*.{ts,tsx}"],
    rules: { "no-restricted-globals": ["error", ...networkGlobals], "local/no-clock-in-core": "off" },
  },
);
