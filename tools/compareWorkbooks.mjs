#!/usr/bin/env node
// Compares two .xlsx files this product wrote, part by part: every part of the package (sheets, shared strings,
// styles, workbook and its defined names, comments, charts, custom properties) must hold the same bytes,
// whatever order or compression the zip uses. Only docProps/core.xml's creation and modification times may
// differ. Used to check that a change to the writer (src/xlsx) leaves its output as it was, cell for cell:
//   node tools/compareWorkbooks.mjs before.xlsx after.xlsx [more pairs …]
// Exit code 0 when every pair is the same, 1 otherwise; each difference is printed with a short excerpt.
import { readFileSync } from "node:fs";
import JSZip from "jszip";

/** Times that say when a file was written, not what it holds. */
function withoutTimes(name, text) {
  if (name !== "docProps/core.xml") return text;
  return text.replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, "<dcterms:$1/>");
}

async function parts(file) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const result = new Map();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    result.set(entry.name, withoutTimes(entry.name, await entry.async("string")));
  }
  return result;
}

function excerpt(a, b) {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 120);
  return `first difference at character ${at}:\n    before: …${a.slice(from, at + 120)}…\n    after:  …${b.slice(from, at + 120)}…`;
}

async function compare(before, after) {
  const [a, b] = await Promise.all([parts(before), parts(after)]);
  const problems = [];
  for (const name of a.keys()) if (!b.has(name)) problems.push(`${name}: only in ${before}`);
  for (const name of b.keys()) if (!a.has(name)) problems.push(`${name}: only in ${after}`);
  for (const [name, text] of a) {
    const other = b.get(name);
    if (other !== undefined && other !== text) problems.push(`${name}: ${excerpt(text, other)}`);
  }
  return { problems, count: a.size };
}

const files = process.argv.slice(2);
if (files.length === 0 || files.length % 2 !== 0) {
  process.stderr.write("usage: node tools/compareWorkbooks.mjs before.xlsx after.xlsx [before2.xlsx after2.xlsx …]\n");
  process.exit(2);
}
let failed = false;
for (let i = 0; i < files.length; i += 2) {
  const { problems, count } = await compare(files[i], files[i + 1]);
  if (problems.length === 0) {
    process.stdout.write(`same: ${files[i]} and ${files[i + 1]} (${count} parts)\n`);
  } else {
    failed = true;
    process.stdout.write(`DIFFERENT: ${files[i]} and ${files[i + 1]}\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
  }
}
process.exit(failed ? 1 : 0);
