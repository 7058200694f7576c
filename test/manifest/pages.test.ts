import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { root } from "./webpackOutputs";

// Where Microsoft's documentation loads Office.js from since September 2026 (the unified Microsoft 365
// domain); the policy also allows the older host, from which Office.js may load its own parts.
const officeJs = "https://officeapis.public.onecdn.static.microsoft/1/office.js";
const officeHosts = ["https://officeapis.public.onecdn.static.microsoft", "https://appsforoffice.microsoft.com"];

function page(path: string): Document {
  return new JSDOM(readFileSync(join(root, path), "utf8")).window.document;
}

/** The page's Content-Security-Policy as directive → sources. */
function policy(document: Document): Map<string, string[]> {
  const metas = document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
  expect(metas).toHaveLength(1);
  const directives = new Map<string, string[]>();
  for (const directive of (metas[0]?.getAttribute("content") ?? "").split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe.each([
  ["src/taskpane/taskpane.html", officeHosts, [officeJs]],
  ["src/commands/dialog.html", [] as string[], [] as string[]],
])("%s", (path, hosts, scripts) => {
  const document = page(path);

  it("loads scripts only from itself (and the pane, from Microsoft's Office.js hosts), and may connect nowhere else", () => {
    const csp = policy(document);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'", ...hosts]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
    for (const [directive, sources] of csp.entries()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
      expect(sources.filter((source) => /^https?:/.test(source))).toEqual(directive === "script-src" ? hosts : []);
    }
  });

  it("sets the policy before any script, and its only outside script is Office.js", () => {
    const elements = Array.from(document.head.children);
    const cspAt = elements.findIndex((element) => element.getAttribute("http-equiv") === "Content-Security-Policy");
    expect(cspAt).toBeGreaterThanOrEqual(0);
    const firstScript = elements.findIndex((element) => element.localName === "script");
    if (firstScript >= 0) expect(cspAt).toBeLessThan(firstScript);
    const found = Array.from(document.querySelectorAll("script")).map((script) => script.getAttribute("src"));
    expect(found).toEqual(scripts);
  });

  it("is in British English", () => {
    expect(document.documentElement.getAttribute("lang")).toBe("en-GB");
  });
});

it("the task pane has the element the pane mounts into", () => {
  expect(page("src/taskpane/taskpane.html").getElementById("root")).not.toBeNull();
});

it("the support page runs no script and loads nothing from elsewhere", () => {
  const document = page("assets/support.html");
  expect(document.querySelectorAll("script")).toHaveLength(0);
  expect(policy(document).get("default-src")).toEqual(["'none'"]);
  const external = Array.from(document.querySelectorAll("[src], [href]"))
    .map((element) => element.getAttribute("src") ?? element.getAttribute("href") ?? "")
    .filter((url) => /^[a-z]+:/i.test(url));
  expect(external).toEqual([]);
});
