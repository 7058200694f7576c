import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import type JSZip from "jszip";

/**
 * How much an .xlsx holds once unpacked, checked before it is read: a workbook is a zip, and a few
 * megabytes on disk can unpack to gigabytes (a dense sheet, or a "zip bomb"). Reading one costs memory in
 * proportion to what it unpacks to, so a file that would exhaust memory is refused with one sentence
 * before anything is unpacked whole (docs/architecture.md, "What must never happen": unbounded memory).
 *
 * The sizes a zip declares can lie, so each part is also unpacked as a stream, counting bytes and keeping
 * none: the count stops as soon as the limit is passed.
 */
export async function unpackedBytesOver(zip: JSZip, limit: number): Promise<{ over: boolean; bytes: number }> {
  const parts = Object.values(zip.files).filter((entry) => !entry.dir);
  // The central directory's own figure first: an honest file too large is refused without unpacking it.
  const declared = parts.reduce((sum, entry) => sum + declaredSize(entry), 0);
  if (declared > limit) return { over: true, bytes: declared };
  let counted = 0;
  for (const entry of parts) {
    const room = limit - counted;
    const size = await countedSize(entry, room);
    counted += size;
    if (counted > limit) return { over: true, bytes: counted };
  }
  return { over: false, bytes: counted };
}

/** The uncompressed size the zip's central directory gives for a part (JSZip keeps it, untyped). */
function declaredSize(entry: JSZip.JSZipObject): number {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === "number" && Number.isFinite(size) && size > 0 ? size : 0;
}

/** The part's bytes once unpacked, counted as they stream; stops once more than `room` have come. */
async function countedSize(entry: JSZip.JSZipObject, room: number): Promise<number> {
  let count = 0;
  // Leaving the loop early ends the stream, so nothing more of the part is unpacked.
  for await (const chunk of partBytes(entry)) {
    count += chunk.length;
    if (count > room) break;
  }
  return count;
}

/**
 * A part's bytes as they are inflated: by Node's own zlib (off the main thread, several times JSZip's
 * JavaScript inflater) when JSZip holds the part as deflated bytes, as it does for a file it loaded; else
 * through JSZip's stream.
 */
export function partBytes(file: JSZip.JSZipObject): AsyncIterable<Buffer> {
  const data = (file as unknown as { _data?: { compression?: { magic?: unknown }; compressedContent?: unknown } })._data;
  if (data?.compressedContent instanceof Uint8Array && data.compression?.magic === "\x08\x00") {
    const content = data.compressedContent;
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    return inflate;
  }
  // JSZip gives an old-style stream; wrapped, it can be read with for await.
  return new Readable().wrap(file.nodeStream("nodebuffer"));
}
