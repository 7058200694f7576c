import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { taskpaneGzipBytes } from "./bundleSize";

describe("taskpaneGzipBytes", () => {
  let dist: string;
  beforeEach(() => {
    dist = mkdtempSync(join(tmpdir(), "dist-"));
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it("is null when there is no build", () => {
    expect(taskpaneGzipBytes(join(dist, "absent"))).toBeNull();
    expect(taskpaneGzipBytes(dist)).toBeNull();
  });

  it("counts the pane's bundles only, gzipped", () => {
    const pane = "console.log('pane');".repeat(200);
    writeFileSync(join(dist, "taskpane.0123abcd.js"), pane);
    writeFileSync(join(dist, "taskpane.0123abcd.js.LICENSE.txt"), "licence text ".repeat(500));
    writeFileSync(join(dist, "commands.89abcdef.js"), "x".repeat(10000));
    expect(taskpaneGzipBytes(dist)).toBe(gzipSync(pane, { level: 9 }).length);
  });
});
