import type JSZip from "jszip";

/**
 * How much an .xlsx holds once unpacked, checked before it is read: a workbook is a zip, and a few
 * megabytes on disk can unpack to gigabytes (a dense sheet, or a "zip bomb"). Reading one costs memory in
 * proportion to what it unpacks to, so a file that would exhaust memory is refused with one sentence
 * before anything is unpacked whole (docs/rules.md §14, "memory stays bounded on any input").
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
function countedSize(entry: JSZip.JSZipObject, room: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const stream = entry.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      count += chunk.length;
      if (count > room) {
        // Stop listening; the part may still finish unpacking its current chunk and then report that it
        // unpacked to more than the zip said: that late error is expected, and must not end the process.
        stream.pause();
        stream.removeAllListeners();
        stream.on("error", () => undefined);
        resolve(count);
      }
    });
    stream.on("end", () => resolve(count));
    stream.on("error", reject);
  });
}
