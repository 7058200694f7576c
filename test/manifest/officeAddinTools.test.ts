import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";

/**
 * `npm start` and `npm stop` run Microsoft's Office add-in tools, which CI cannot run (they sideload into
 * a desktop Excel). `.npmrc` omits peer-only packages so `npm ci` builds nothing native; this checks that
 * every module those tools require can still be found, so a package that relied on one being hoisted
 * (as @microsoft/app-manifest does with fs-extra) fails here and not on a developer's machine.
 */
const tools = [
  "office-addin-cli",
  "office-addin-debugging",
  "office-addin-dev-certs",
  "office-addin-dev-settings",
  "office-addin-manifest",
  "office-addin-usage-data",
  "@microsoft/app-manifest",
];
const root = path.resolve(__dirname, "../..");
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function javascriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "test" ? [] : javascriptFiles(full);
    return entry.name.endsWith(".js") ? [full] : [];
  });
}

function requiredPackages(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((match) => match[1]!).filter((name) => !builtins.has(name) && !builtins.has(name.split("/")[0]!));
}

describe("the Office add-in tools behind npm start", () => {
  it.each(tools)("%s finds every package it requires", (tool) => {
    const directory = path.join(root, "node_modules", tool);
    const missing: string[] = [];
    for (const file of javascriptFiles(directory)) {
      const resolveFrom = createRequire(file);
      for (const name of requiredPackages(file)) {
        try {
          resolveFrom.resolve(name);
        } catch {
          missing.push(`${path.relative(directory, file)} requires ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("office-addin-manifest reads our manifest as an Excel (Workbook) add-in", () => {
    // In its own Node process, as npm start runs it (part of it is ECMAScript modules, which jest's
    // CommonJS runtime cannot load).
    const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile("manifest.xml")
      .then((m) => console.log(JSON.stringify({ hosts: m.hosts, type: m.manifestType, source: m.defaultSettings && m.defaultSettings.sourceLocation })))`;
    const output = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({ hosts: ["Workbook"], type: "xml", source: "https://localhost:3000/taskpane.html" });
  });
});
