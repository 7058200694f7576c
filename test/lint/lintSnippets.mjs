// Lints code snippets as if they were files of the repository, with the repository's own ESLint
// configuration, in a process of its own (ESLint's configuration is an ES module, which jest's CommonJS
// runtime cannot load). Reads [{ code, filePath }] as JSON on stdin; writes one list of messages per snippet.
import { ESLint } from "eslint";
import { readFileSync } from "node:fs";

const snippets = JSON.parse(readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: process.argv[2] });
const results = [];
for (const { code, filePath } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push((result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
