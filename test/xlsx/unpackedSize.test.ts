import JSZip from "jszip";
import { unpackedBytesOver } from "../../src/xlsx/unpackedSize";

/** A zip whose one part is `size` bytes of spaces (a few kilobytes once compressed). */
async function zipOf(size: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("xl/worksheets/sheet1.xml", " ".repeat(size));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The same zip, its local header and central directory both claiming the part unpacks to 100 bytes. */
function lyingAboutSize(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let at = 0; at + 30 < copy.length; at++) {
    const signature = copy.readUInt32LE(at);
    if (signature === 0x04034b50) copy.writeUInt32LE(100, at + 22);
    if (signature === 0x02014b50) copy.writeUInt32LE(100, at + 24);
  }
  return copy;
}

// Building the test zips (compressing megabytes in JavaScript) takes seconds on a busy machine.
jest.setTimeout(30_000);

describe("what an .xlsx unpacks to", () => {
  const limit = 1024 * 1024;

  it("passes a part within the limit, counting its bytes", async () => {
    expect(await unpackedBytesOver(await JSZip.loadAsync(await zipOf(1000)), limit)).toEqual({ over: false, bytes: 1000 });
  });

  it("refuses a part the zip says is larger than the limit, without unpacking it", async () => {
    const result = await unpackedBytesOver(await JSZip.loadAsync(await zipOf(5 * limit)), limit);
    expect(result).toEqual({ over: true, bytes: 5 * limit });
  });

  it("refuses a part that unpacks to more than the zip says, stopping soon after the limit", async () => {
    const bomb = lyingAboutSize(await zipOf(8 * limit));
    const zip = await JSZip.loadAsync(bomb);
    const result = await unpackedBytesOver(zip, limit);
    expect(result.over).toBe(true);
    // The count stops within a chunk or two of the limit, never unpacking the whole 8 MB.
    expect(result.bytes).toBeLessThan(4 * limit);
    // The part's own late complaint (it unpacked to more than the zip said) must not end the process.
    await new Promise((settle) => setTimeout(settle, 500));
  });
});
