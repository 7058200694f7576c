import { deflateSync, inflateSync } from "node:zlib";

/**
 * The add-in's icon, drawn in code so it is reproducible and nothing is downloaded:
 * a calendar page with a tick (attendance taken). Rendered with 4×4 supersampling per pixel
 * so the small sizes stay crisp. `npm run icons` writes assets/icon-<size>.png; the manifest
 * test checks the committed files still match this drawing.
 */

export const iconSizes = [16, 32, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];

const brandBlue: Rgba = [15, 108, 189, 255]; // Fluent brand blue #0F6CBD
const darkBlue: Rgba = [17, 94, 163, 255]; // #115EA3, the binding rings
const paper: Rgba = [255, 255, 255, 255];
const tickGreen: Rgba = [16, 124, 16, 255]; // #107C10

/** Signed distance to a rounded rectangle (negative inside), coordinates in 0..1 icon space. */
function roundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx;
  const dy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  return outside + Math.min(Math.max(dx, dy), 0) - r;
}

/** Distance to the segment a–b. */
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const px = x - ax;
  const py = y - ay;
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * t, py - vy * t);
}

/** The colour at one sample point, or null for transparent. Later shapes paint over earlier ones. */
function sample(x: number, y: number, size: number): Rgba | null {
  // Strokes never thinner than about 1.2 px, so the 16 px icon keeps its outline.
  const border = Math.max(0.065, 1.2 / size);
  const body = roundedRect(x, y, 0.08, 0.14, 0.92, 0.94, 0.1);
  let colour: Rgba | null = null;
  if (body <= 0) colour = body > -border || y < 0.34 ? brandBlue : paper;
  const ringWidth = Math.max(0.1, 1.6 / size);
  for (const ringX of [0.3, 0.7]) {
    if (roundedRect(x, y, ringX - ringWidth / 2, 0.05, ringX + ringWidth / 2, 0.26, ringWidth / 2) <= 0) colour = darkBlue;
  }
  const tickHalfWidth = Math.max(0.055, 1.1 / size);
  const tick = Math.min(segment(x, y, 0.29, 0.62, 0.45, 0.78), segment(x, y, 0.45, 0.78, 0.73, 0.47));
  if (tick <= tickHalfWidth) colour = tickGreen;
  return colour;
}

/** RGBA pixels, row by row, of the icon at `size` × `size`. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const grid = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const c = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size, size);
          if (c === null) continue;
          // Premultiplied accumulation, so edges blend towards transparent rather than black.
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
      }
      pixels[at + 3] = Math.round(a / (grid * grid));
    }
  }
  return pixels;
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), Buffer.from(data)]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A truecolour-with-alpha PNG of the given pixels. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    pngSignature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/**
 * Reads back a PNG written by encodePng (8-bit RGBA, unfiltered, one or more IDAT chunks).
 * Enough to check the committed icons; not a general PNG decoder.
 */
export function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  if (!png.subarray(0, 8).equals(pngSignature)) throw new Error("Not a PNG file.");
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== png.readUInt32BE(offset + 8 + length)) {
      throw new Error(`Bad CRC in the ${type} chunk.`);
    }
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6) throw new Error("Expected an 8-bit RGBA PNG.");
    } else if (type === "IDAT") idat.push(data);
    offset += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const rowStart = y * (width * 4 + 1);
    if (raw[rowStart] !== 0) throw new Error("Expected unfiltered rows.");
    rgba.set(raw.subarray(rowStart + 1, rowStart + 1 + width * 4), y * width * 4);
  }
  return { width, height, rgba };
}
