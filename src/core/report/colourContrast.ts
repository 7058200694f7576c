/**
 * WCAG 2.x relative luminance and contrast ratio, so the colours we ship can be checked
 * (text on every fill must reach 4.5:1, the WCAG AA level for normal text).
 */

/** "#RRGGBB" → [r, g, b] in 0–255; throws on anything else, because every colour here is ours. */
export function parseHexColour(hex: string): [number, number, number] {
  const match = /^#([0-9a-fA-F]{6})$/.exec(hex);
  if (!match || match[1] === undefined) throw new Error(`"${hex}" is not a colour written as #RRGGBB.`);
  const n = parseInt(match[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** WCAG relative luminance, 0 (black) to 1 (white). Also a fair guide to how dark a fill prints in grey. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColour(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
