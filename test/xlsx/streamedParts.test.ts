import * as zlib from "node:zlib";
import { PartStream, StreamedParts, segmentBytes, smallPartBytes } from "../../src/xlsx/streamedParts";
import { cellTextXml } from "../../src/xlsx/sharedStrings";
import { crc32 } from "../../src/xlsx/zipPackage";

describe("a part streamed into the package", () => {
  it("stays plain text while small, so the last pass can still change it", async () => {
    const parts = new StreamedParts();
    const part = parts.open("/xl/worksheets/sheet1.xml");
    part.write("<worksheet>");
    part.write(Buffer.from("</worksheet>"));
    part.end();
    const [result] = await parts.finished();
    expect(result).toEqual({ name: "xl/worksheets/sheet1.xml", text: Buffer.from("<worksheet></worksheet>") });
  });

  it("is deflated as it is written once it grows large, and inflates to exactly what was written", async () => {
    const part = new PartStream("xl/worksheets/sheet1.xml");
    const pieces: Buffer[] = [];
    let row = 0;
    while (pieces.reduce((sum, piece) => sum + piece.length, 0) <= 3 * smallPartBytes) {
      const piece = Buffer.from(`<row r="${++row}"><c r="A${row}" t="s"><v>${row % 977}</v></c></row>`.repeat(50));
      pieces.push(piece);
      part.write(piece);
      await part.drained();
    }
    part.end();
    await part.done;
    const result = part.result();
    if (!("deflated" in result)) throw new Error("a part over the limit should be deflated");
    const written = Buffer.concat(pieces);
    const deflated = result.deflated;
    expect(deflated.size).toBe(written.length);
    expect(deflated.crc).toBe(crc32(written));
    expect(deflated.compressedSize).toBe(Buffer.concat(deflated.compressed).length);
    // Held compressed, so memory holds a fraction of the sheet's XML.
    expect(deflated.compressedSize).toBeLessThan(written.length / 5);
    expect(zlib.inflateRawSync(Buffer.concat(deflated.compressed)).equals(written)).toBe(true);
  });

  it("deflates a large part in segments that read back as one stream, as small as one stream would make it", async () => {
    const part = new PartStream("xl/worksheets/sheet1.xml");
    const pieces: Buffer[] = [];
    let size = 0;
    // Rows with a little variety, in pieces of uneven sizes, well past several segments, never waiting.
    for (let row = 1; size <= smallPartBytes + 6 * segmentBytes; row++) {
      const piece = Buffer.from(`<row r="${row}"><c r="A${row}" s="${row % 7}" t="s"><v>${(row * 7919) % 100003}</v></c></row>`.repeat(1 + (row % 40)));
      pieces.push(piece);
      size += piece.length;
      part.write(piece);
    }
    part.end();
    await part.done;
    const result = part.result();
    if (!("deflated" in result)) throw new Error("a part over the limit should be deflated");
    const written = Buffer.concat(pieces);
    const compressed = Buffer.concat(result.deflated.compressed);
    expect(result.deflated.size).toBe(written.length);
    expect(result.deflated.crc).toBe(crc32(written));
    expect(zlib.inflateRawSync(compressed).equals(written)).toBe(true);
    // Each segment starts where the last left off (its 32 KB window), so splitting costs almost nothing.
    const oneStream = zlib.deflateRawSync(written, { level: 5 }).length;
    expect(compressed.length).toBeLessThan(oneStream * 1.002);
  });

  it("continues a CRC-32 over pieces as over the whole", () => {
    const whole = Buffer.from("The quick brown fox jumps over the lazy dog");
    expect(crc32(whole)).toBe(0x414fa339);
    expect(crc32(whole.subarray(10), crc32(whole.subarray(0, 10)))).toBe(0x414fa339);
  });
});

describe("cellTextXml: a cell's text in the shared strings", () => {
  it("escapes what XML reserves", () => {
    expect(cellTextXml(`Ann & Bob <Smith> "Jo" O'Neil`)).toBe("Ann &amp; Bob &lt;Smith&gt; &quot;Jo&quot; O&apos;Neil");
  });

  it("drops the characters XML cannot carry, keeps tab and line breaks", () => {
    expect(cellTextXml("A\u0000B\u0007C\u001bD\u007fE\uFFFEF\uFFFFG")).toBe("ABCDEFG");
    expect(cellTextXml("line\none\ttab\r")).toBe("line\none\ttab\r");
  });
});

describe("a part whose deflating fails", () => {
  afterEach(() => jest.restoreAllMocks());

  it("reports the failure when the part is taken, never as an unhandled rejection that ends the process", async () => {
    const failure = new Error("zlib: out of memory");
    // The module itself (this file's `zlib` is a read-only view of it), as the part calls it.
    jest.spyOn(jest.requireActual<typeof zlib>("node:zlib"), "deflateRaw").mockImplementation(((_input: Buffer, _options: zlib.ZlibOptions, callback: (error: Error | null, result: Buffer) => void) => {
      setImmediate(() => callback(failure, Buffer.alloc(0)));
    }) as unknown as typeof zlib.deflateRaw);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const part = new PartStream("xl/worksheets/sheet1.xml");
      part.write(Buffer.alloc(smallPartBytes + 3 * segmentBytes, 0x41));
      // The writer goes on building rows for a while before it next looks.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(part.drained()).rejects.toThrow("zlib: out of memory");
      part.end();
      await part.done;
      expect(() => part.result()).toThrow("zlib: out of memory");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
