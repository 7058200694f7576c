import { readdirSync } from "node:fs";
import { dirname, join, parse, relative } from "node:path";

/**
 * The files the production build emits besides the bundles, read from webpack.config.js itself
 * (HtmlWebpackPlugin filenames and CopyWebpackPlugin patterns), so the manifest test follows the config.
 */
export const root = join(__dirname, "..", "..");

interface CopyPattern {
  from: string;
  to?: string;
}

/** Files in the repo matching a copy pattern's `from` (a path whose last part may contain one `*`). */
function filesMatching(from: string): string[] {
  const dir = dirname(from);
  const name = from.slice(dir === "." ? 0 : dir.length + 1);
  const escaped = name.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*");
  const wanted = new RegExp(`^${escaped}$`);
  return readdirSync(join(root, dir))
    .filter((file) => wanted.test(file))
    .map((file) => (dir === "." ? file : `${dir}/${file}`));
}

/** Where copy-webpack-plugin puts one file: `to` with [name] and [ext] filled in (or the source path). */
function destination(file: string, to: string | undefined): string {
  const { name, ext } = parse(file);
  if (!to) return file;
  return to.replace(/\[name\]/g, name).replace(/\[ext\]/g, ext);
}

export interface WebpackOutputs {
  htmlPages: string[];
  copied: string[];
  /** Templates of the HTML pages, relative to the repo root. */
  templates: Record<string, string>;
  entries: Record<string, string>;
}

export async function webpackOutputs(mode: "production" | "development" = "production"): Promise<WebpackOutputs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configFactory = require(join(root, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: { mode: string },
  ) => Promise<{ plugins: object[]; entry: Record<string, string> }>;
  const config = await configFactory({}, { mode });
  const htmlPages: string[] = [];
  const templates: Record<string, string> = {};
  const copied: string[] = [];
  for (const plugin of config.plugins) {
    const kind = plugin.constructor.name;
    if (kind === "HtmlWebpackPlugin") {
      const options = (plugin as { userOptions: { filename: string; template: string } }).userOptions;
      htmlPages.push(options.filename);
      templates[options.filename] = relative(root, join(root, options.template));
    } else if (kind === "CopyPlugin") {
      for (const pattern of (plugin as { patterns: CopyPattern[] }).patterns) {
        for (const file of filesMatching(pattern.from)) copied.push(destination(file, pattern.to));
      }
    }
  }
  return { htmlPages, copied, templates, entries: config.entry };
}
