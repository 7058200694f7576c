import { EventEmitter, once } from "node:events";
import * as zlib from "node:zlib";
import { crc32, zipLevel } from "./zipPackage";

/**
 * The parts ExcelJS's streaming writer streams (worksheets, their comments and relationships), taken as they
 * are written instead of through its zip (workbookWriter._openStream). A part stays plain text while it is
 * small, so the last pass can still read and change it (charts, defined names); once it grows past
 * `smallPartBytes` it is deflated as it comes, by Node's zlib off the main thread, so no sheet's whole XML is
 * ever held in memory: only its compressed bytes (about a tenth).
 */
export const smallPartBytes = 1 << 20;

/** A part that was deflated as it was written: its compressed bytes and what a zip entry records of it. */
export interface DeflatedPart {
  name: string;
  compressed: Buffer[];
  compressedSize: number;
  /** Uncompressed size in bytes and CRC-32 of the uncompressed bytes. */
  size: number;
  crc: number;
}

/** What ExcelJS writes into a part's stream: text, bytes or its own StringBuf (which has toBuffer). */
type PartData = string | Buffer | { toBuffer(): Buffer };

/**
 * One streamed part, with the little of a stream that ExcelJS uses (write, end, pause, its "finish" and
 * "zipped" events). Writes are taken at once; `drained()` lets a writer wait while zlib catches up.
 */
export class PartStream extends EventEmitter {
  private small: Buffer[] = [];
  private smallBytes = 0;
  private deflate: zlib.DeflateRaw | null = null;
  private readonly compressed: Buffer[] = [];
  private compressedSize = 0;
  private size = 0;
  private crc = 0;
  private waiting = false;
  private failure: Error | null = null;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(readonly name: string) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** ExcelJS pauses a part until its zip takes it; this one is taken at once. */
  pause(): void {}

  write(data: PartData): boolean {
    const chunk = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.isBuffer(data) ? data : data.toBuffer();
    if (chunk.length === 0) return true;
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    if (this.deflate) {
      if (!this.deflate.write(chunk)) this.waiting = true;
      return !this.waiting;
    }
    this.small.push(chunk);
    this.smallBytes += chunk.length;
    if (this.smallBytes > smallPartBytes) this.startDeflating();
    return true;
  }

  private startDeflating(): void {
    const deflate = zlib.createDeflateRaw({ level: zipLevel });
    this.deflate = deflate;
    deflate.on("data", (chunk: Buffer) => {
      this.compressed.push(chunk);
      this.compressedSize += chunk.length;
    });
    deflate.on("drain", () => (this.waiting = false));
    deflate.on("error", (error: Error) => {
      this.failure = error;
      this.resolveDone();
    });
    deflate.on("end", () => this.resolveDone());
    for (const chunk of this.small) if (!deflate.write(chunk)) this.waiting = true;
    this.small = [];
    this.smallBytes = 0;
  }

  /** Resolves once zlib has taken what was written (at once when nothing waits). */
  async drained(): Promise<void> {
    if (this.waiting && this.deflate) await once(this.deflate, "drain");
    if (this.failure) throw this.failure;
  }

  end(): void {
    if (this.deflate) this.deflate.end();
    else this.resolveDone();
    void this.done.then(() => {
      this.emit("finish");
      this.emit("zipped");
    });
  }

  /** The finished part: its plain bytes when it stayed small, else its deflated bytes. */
  result(): { name: string; text: Buffer } | { name: string; deflated: DeflatedPart } {
    if (this.failure) throw this.failure;
    if (!this.deflate) return { name: this.name, text: Buffer.concat(this.small) };
    if (this.size > maxZipSize) {
      throw new Error(`The part ${this.name} would be ${this.size} bytes, beyond what an ordinary zip (without zip64) can hold`);
    }
    return {
      name: this.name,
      deflated: { name: this.name, compressed: this.compressed, compressedSize: this.compressedSize, size: this.size, crc: this.crc },
    };
  }
}

const maxZipSize = 0xffffffff;

/** Every part ExcelJS streamed, in the order it opened them. */
export class StreamedParts {
  private readonly streams: PartStream[] = [];
  private readonly byName = new Map<string, PartStream>();

  /** ExcelJS's WorkbookWriter._openStream: a part name as ExcelJS gives it (sometimes with a leading "/"). */
  open(path: string): PartStream {
    const name = path.replace(/^\/+/, "");
    const stream = new PartStream(name);
    this.streams.push(stream);
    this.byName.set(name, stream);
    return stream;
  }

  get(name: string): PartStream | undefined {
    return this.byName.get(name);
  }

  /** Waits until every part is ended and compressed, then gives them in order. */
  async finished(): Promise<ReturnType<PartStream["result"]>[]> {
    await Promise.all(this.streams.map((stream) => stream.done));
    return this.streams.map((stream) => stream.result());
  }
}
