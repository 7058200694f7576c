import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/paths";

/**
 * The repository stands on its own (docs/architecture.md "Standing on its own"): a school's IT technician
 * clones it and nothing else. So no tracked file may point outside it, at the team's reference folder
 * beside it or at an absolute path of one machine, and every rule citation must land in docs/rules.md.
 */
const outsideFolder = new RegExp(["\\.\\.", "shared"].join("/"));
/** Home and working folders of one machine (Linux, macOS, Windows). System paths such as /usr/bin are fine. */
const machinePath = new RegExp(
  ["/" + "work/", "/" + "home/", "/" + "root/", "/" + "Users/", "/" + "mnt/", "/" + "tmp/", "[A-Za-z]:\\\\" + "Users"].join("|"),
);
/** The team's reference documents by their own names, which are not in the repository. */
const outsideDocument = new RegExp(["(?<![\\w/.-])rules", "md|(?<![\\w/.-])design", "md"].join("\\."));

function trackedTextFiles(): { file: string; text: string }[] {
  const listed = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && file !== "package-lock.json");
  const files: { file: string; text: string }[] = [];
  for (const file of listed) {
    let buffer: Buffer;
    try {
      buffer = readFileSync(join(repoRoot, file));
    } catch {
      continue; // deleted in the working tree but not yet committed
    }
    if (buffer.includes(0)) continue; // binary (icons)
    files.push({ file, text: buffer.toString("utf8") });
  }
  return files;
}

function offending(pattern: RegExp, skip: (file: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const { file, text } of trackedTextFiles()) {
    if (skip(file)) continue;
    text.split("\n").forEach((line, index) => {
      if (pattern.test(line)) found.push(`${file}:${index + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return found;
}

describe("the repository stands on its own", () => {
  it("lists its files (so the checks below look at something)", () => {
    const files = trackedTextFiles().map((entry) => entry.file);
    expect(files).toEqual(expect.arrayContaining(["README.md", "docs/rules.md", "docs/architecture.md", "package.json"]));
  });

  it("no tracked file mentions the folder beside the repository", () => {
    expect(offending(outsideFolder)).toEqual([]);
  });

  it("no tracked file mentions an absolute path of one machine", () => {
    expect(offending(machinePath)).toEqual([]);
  });

  it("rules and architecture are cited in the repository's own docs/, never by outside names", () => {
    // Inside docs/, the rules page is linked by its own file name.
    expect(offending(outsideDocument, (file) => file.startsWith("docs/"))).toEqual([]);
  });

  it("every docs/rules.md §N cited exists", () => {
    const rules = readFileSync(join(repoRoot, "docs/rules.md"), "utf8");
    const sections = new Set([...rules.matchAll(/^## (\d+)\. /gm)].map((match) => Number(match[1])));
    expect(sections.size).toBeGreaterThanOrEqual(11);
    const missing: string[] = [];
    for (const { file, text } of trackedTextFiles()) {
      for (const citation of text.matchAll(/docs\/rules\.md`? ?((?:§\s?\d+(?:[–-]\d+)?(?:,\s*|\s+and\s+|\s*\/\s*)?)+)/g)) {
        for (const number of (citation[1] ?? "").matchAll(/\d+/g)) {
          if (!sections.has(Number(number[0]))) missing.push(`${file}: ${citation[0]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("the checks catch what they are for", () => {
    expect(outsideFolder.test(["see ..", "shared/fixtures"].join("/"))).toBe(true);
    expect(machinePath.test("const dir = " + ["", "work", "shared", "fixtures"].join("/"))).toBe(true);
    expect(machinePath.test("/usr/bin/chromium")).toBe(false);
    expect(outsideDocument.test("// " + ["rules", "md §2"].join("."))).toBe(true);
    expect(outsideDocument.test("// docs/" + ["rules", "md §2"].join("."))).toBe(false);
    expect(outsideDocument.test("(" + ["design", "md)"].join("."))).toBe(true);
  });
});
