// Writes assets/icon-<size>.png from the drawing in icons.ts: `npx tsx test/support/writeIcons.ts`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { drawIcon, encodePng, iconSizes } from "./icons";

const assets = join(__dirname, "..", "..", "assets");
mkdirSync(assets, { recursive: true });
for (const size of iconSizes) {
  const file = join(assets, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, size, drawIcon(size)));
  console.log(`Wrote ${file}`);
}
