import JSZip from "jszip";
import { crc32, zipPackage } from "../../src/xlsx/zipPackage";

describe("zipPackage", () => {
  it("writes a zip that reads back part for part, without folder entries", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/worksheets/sheet1.xml", `<worksheet>${"<row/>".repeat(10_000)}</worksheet>`);
    zip.file("xl/sharedStrings.xml", "<sst>Zoë O’Connor</sst>");
    const bytes = await zipPackage(zip);
    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(["[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]);
    expect(await read.file("xl/sharedStrings.xml")?.async("string")).toBe("<sst>Zoë O’Connor</sst>");
    expect(await read.file("xl/worksheets/sheet1.xml")?.async("string")).toHaveLength(60_000 + 23);
    // Compressed: ten thousand repeats take far less than their 60,000 characters.
    expect(bytes.length).toBeLessThan(2_000);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
