import { readFile, stat } from "node:fs/promises";
import * as path from "node:path";
import { excerpt } from "../core/read/excerpt";
import { checkNationalFigureTable } from "../core/report/checkNationalFigures";
import type { NationalFigureTable } from "../core/report/nationalFigures";

/** Far larger than any real table (50 rows at most), small enough never to stall the command line. */
const maxBytes = 1_000_000;

/**
 * Reads `--national FILE.json` (README "National figures") and checks it with the same core function as
 * the task pane. Read from disk only: national figures are never fetched.
 * Every failure is one sentence naming the file and, for a bad table, the row and field.
 */
export async function readNationalFile(file: string): Promise<{ ok: true; table: NationalFigureTable } | { ok: false; message: string }> {
  const name = path.basename(file);
  const fix = "start from assets/national-figures.example.json";
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, message: `--national names a folder (${file}): give the JSON file of national figures.` };
    // A pipe or a device (/dev/zero) would never end: regular files only.
    if (!info.isFile()) return { ok: false, message: `--national names ${file}, which is not a regular file: give the JSON file of national figures.` };
    if (info.size > maxBytes) return { ok: false, message: `${name} is too large to be a table of national figures: ${fix}.` };
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT") return { ok: false, message: `Cannot find ${file}, given to --national: check the path, or ${fix}.` };
    return { ok: false, message: `Cannot read ${file}, given to --national${code ? ` (${code})` : ""}: check it can be opened, or ${fix}.` };
  }
  let json: unknown;
  try {
    // A byte-order mark is what some Windows editors add; it is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // The parser's message may quote the file: only a short excerpt, controls escaped.
    const detail = error instanceof Error ? excerpt(error.message.replace(/\.$/, ""), 120) : "not JSON";
    return { ok: false, message: `${name} is not valid JSON (${detail}): correct it, or ${fix}.` };
  }
  const check = checkNationalFigureTable(json);
  if (check.ok) return check;
  const [first] = check.problems;
  const more = check.problems.length - 1;
  const where = first ? first.message.charAt(0).toLowerCase() + first.message.slice(1).replace(/\.$/, "") : "it is not a table of national figures";
  return {
    ok: false,
    message: `The national figures in ${name} cannot be used: ${where}${more > 0 ? ` (and ${more} more ${more === 1 ? "problem" : "problems"} in the file)` : ""}.`,
  };
}
