import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { root } from "./webpackOutputs";

const officeJs = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

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

describe.each(["src/taskpane/taskpane.html", "src/commands/commands.html"])("%s", (path) => {
  const document = page(path);

  it("loads scripts only from itself and Microsoft's Office.js CDN, and may connect nowhere else", () => {
    const csp = policy(document);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
      expect(sources.filter((source) => /^https?:/.test(source))).toEqual(
        sources.includes("https://appsforoffice.microsoft.com") ? ["https://appsforoffice.microsoft.com"] : [],
      );
    }
  });

  it("sets the policy before any script, and its only script is Office.js", () => {
    const elements = Array.from(document.head.children);
    const cspAt = elements.findIndex((element) => element.getAttribute("http-equiv") === "Content-Security-Policy");
    const firstScript = elements.findIndex((element) => element.localName === "script");
    expect(cspAt).toBeGreaterThanOrEqual(0);
    expect(cspAt).toBeLessThan(firstScript);
    const scripts = Array.from(document.querySelectorAll("script")).map((script) => script.getAttribute("src"));
    expect(scripts).toEqual([officeJs]);
  });

  it("is in British English", () => {
    expect(document.documentElement.getAttribute("lang")).toBe("en-GB");
  });
});

it("the task pane and the commands page share one policy", () => {
  const csp = (path: string) => page(path).querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content");
  expect(csp("src/taskpane/taskpane.html")).toBe(csp("src/commands/commands.html"));
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
