import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { analyseActiveSheetAction } from "../../src/commands/analyseActiveSheet";
import { requiredExcelApi } from "../../src/excel/requirements";
import { decodePng, drawIcon, iconSizes } from "../support/icons";
import { root, webpackOutputs, type WebpackOutputs } from "./webpackOutputs";

const devServer = "https://localhost:3000/";
const manifestText = readFileSync(join(root, "manifest.xml"), "utf8");
const manifest = new new JSDOM("").window.DOMParser().parseFromString(manifestText, "application/xml");

/** Every element in the manifest with the given local name, whatever its namespace prefix. */
function elements(localName: string): Element[] {
  return Array.from(manifest.getElementsByTagName("*")).filter((element) => element.localName === localName);
}

function only(localName: string): Element {
  const found = elements(localName);
  expect(found).toHaveLength(1);
  return found[0] as Element;
}

/** Every URL the manifest gives Office, with where it was found. */
function manifestUrls(): { where: string; url: string }[] {
  return Array.from(manifest.getElementsByTagName("*"))
    .filter((element) => /^https?:/i.test(element.getAttribute("DefaultValue") ?? ""))
    .map((element) => ({
      where: `${element.localName}${element.getAttribute("id") ? `#${element.getAttribute("id")}` : ""}`,
      url: element.getAttribute("DefaultValue") as string,
    }));
}

function resourceUrl(kind: "Url" | "Image", id: string): string {
  const resource = elements(kind).find((element) => element.getAttribute("id") === id);
  expect(resource).toBeDefined();
  return resource?.getAttribute("DefaultValue") ?? "";
}

let outputs: WebpackOutputs;
beforeAll(async () => {
  outputs = await webpackOutputs("production");
});

describe("manifest.xml", () => {
  it("is well-formed XML", () => {
    expect(manifest.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(manifest.documentElement.localName).toBe("OfficeApp");
  });

  it("is an Excel task-pane add-in with a GUID id, read/write access and the name users see", () => {
    expect(manifest.documentElement.getAttribute("xsi:type")).toBe("TaskPaneApp");
    expect(only("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(only("Permissions").textContent).toBe("ReadWriteDocument");
    expect(only("DisplayName").getAttribute("DefaultValue")).toBe("Attendance Insight");
    expect(elements("Host").map((host) => host.getAttribute("Name") ?? host.getAttribute("xsi:type"))).toEqual([
      "Workbook",
      "Workbook",
    ]);
  });

  it("points every URL at the development server", () => {
    const urls = manifestUrls();
    expect(urls.length).toBeGreaterThanOrEqual(8);
    expect(urls.filter(({ url }) => !url.startsWith(devServer))).toEqual([]);
  });

  it("names only files the production build emits", () => {
    const emitted = new Set([...outputs.htmlPages, ...outputs.copied]);
    const missing = manifestUrls().filter(({ url }) => !emitted.has(url.slice(devServer.length)));
    expect(missing).toEqual([]);
  });

  it("opens the task pane from the page webpack builds for the pane, and runs commands from the commands page", () => {
    const defaultSource = only("DefaultSettings").getElementsByTagName("SourceLocation")[0];
    expect(defaultSource?.getAttribute("DefaultValue")).toBe(`${devServer}taskpane.html`);
    const showTaskpane = elements("Action").find((action) => action.getAttribute("xsi:type") === "ShowTaskpane");
    const taskpaneUrlId = showTaskpane?.getElementsByTagName("SourceLocation")[0]?.getAttribute("resid") ?? "";
    expect(resourceUrl("Url", taskpaneUrlId)).toBe(`${devServer}taskpane.html`);
    expect(resourceUrl("Url", only("FunctionFile").getAttribute("resid") ?? "")).toBe(`${devServer}commands.html`);
    expect(outputs.templates["taskpane.html"]).toBe(join("src", "taskpane", "taskpane.html"));
    expect(outputs.templates["commands.html"]).toBe(join("src", "commands", "commands.html"));
  });

  it("runs the function the commands page associates", () => {
    const functionNames = elements("FunctionName").map((element) => element.textContent);
    expect(functionNames).toEqual([analyseActiveSheetAction]);
    const commands = readFileSync(join(root, "src", "commands", "commands.ts"), "utf8");
    expect(commands).toMatch(/Office\.actions\??\.associate\(\s*analyseActiveSheetAction\s*,/);
  });

  it("has the two Home-tab buttons, each with a label and a supertip", () => {
    expect(only("OfficeTab").getAttribute("id")).toBe("TabHome");
    const labels = elements("Control").map((control) => {
      const labelId = Array.from(control.children).find((child) => child.localName === "Label")?.getAttribute("resid");
      const tip = Array.from(control.children).find((child) => child.localName === "Supertip");
      expect(tip).toBeDefined();
      return elements("String").find((string) => string.getAttribute("id") === labelId)?.getAttribute("DefaultValue");
    });
    expect(labels).toEqual(["Attendance", "Analyse sheet"]);
  });

  it("uses 16, 32 and 80 px PNG icons of those sizes for the ribbon", () => {
    for (const size of [16, 32, 80]) {
      const url = resourceUrl("Image", `Icon.${size}x${size}`);
      expect(url).toBe(`${devServer}assets/icon-${size}.png`);
      const png = decodePng(readFileSync(join(root, "assets", `icon-${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });

  it("asks for the ExcelApi version that src/excel/requirements.ts checks", () => {
    const sets = elements("Set");
    expect(sets.map((set) => set.getAttribute("Name"))).toEqual(["ExcelApi"]);
    expect(sets[0]?.getAttribute("MinVersion")).toBe(requiredExcelApi);
    expect(only("Sets").getAttribute("DefaultMinVersion")).toBe("1.1");
  });

  it("validates against the Office add-in manifest schema (xmllint)", () => {
    const schema = join(root, "schemas", "manifest", "OfficeAppManifestV1_1.xsd");
    const probe = spawnSync("xmllint", ["--version"]);
    if (probe.error) {
      // .ci/run installs libxml2-utils, so CI always runs this check.
      console.warn("SKIPPED: xmllint is not installed (apt-get install libxml2-utils); manifest schema not checked.");
      return;
    }
    const result = spawnSync("xmllint", ["--noout", "--schema", schema, join(root, "manifest.xml")], { encoding: "utf8" });
    expect(result.stderr.trim()).toMatch(/manifest\.xml validates$/);
    expect(result.status).toBe(0);
    // The vendored schemas do reject a wrong manifest, so the check above can fail.
    const broken = readFileSync(join(root, "manifest.xml"), "utf8").replace("<Hosts>", "<Hostz/><Hosts>");
    const rejected = spawnSync("xmllint", ["--noout", "--schema", schema, "-"], { input: broken, encoding: "utf8" });
    expect(rejected.status).not.toBe(0);
    expect(rejected.stderr).toMatch(/Hostz/);
  });
});

describe("the icons in assets/", () => {
  it.each(iconSizes)("icon-%i.png is the committed drawing at that size (npx tsx test/support/writeIcons.ts)", (size) => {
    const png = decodePng(readFileSync(join(root, "assets", `icon-${size}.png`)));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(Buffer.from(png.rgba).equals(Buffer.from(drawIcon(size)))).toBe(true);
  });
});
