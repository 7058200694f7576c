import { EventEmitter } from "node:events";
import * as zlib from "node:zlib";
import { crc32, zipLevel } from "./zipPackage";

/**
 * The parts ExcelJS's streaming writer streams (worksheets, their comments and relationships), taken as they
 * are written instead of through its zip (workbookWriter._openStream). A part stays plain text while it is
 * small, so the last pass can still read and change it (charts, defined names); once it grows past
 * `smallPartBytes` it is deflated as it comes, so no sheet's whole XML is ever held in memory: only its
 * compressed bytes (about a tenth).
 */
export const smallPartBytes = 1 << 20;

/**
 * A large part is deflated in segments of this many bytes, each one whole job for Node's zlib on its own
 * threads (see PartStream). Small enough that few are held at once, large enough that the jobs' own cost
 * (one callback each) is nothing beside the deflating.
 */
export const segmentBytes = 1 << 20;

/** Bytes handed to zlib and not yet back, beyond which a writer waits (`drained()`): memory stays bounded. */
export const inFlightBytes = 16 * segmentBytes;

/**
 * Segments handed back by zlib, filled again. Every segment's bytes would otherwise be memory outside V8's
 * heap that lives until zlib's callback, which the writer only takes between rows: V8 counted 200 MB of it
 * at 100,000 pupils and ran six extra full collections for it ("external memory pressure").
 */
const spareSegments: Buffer[] = [];
const maxSpareSegments = inFlightBytes / segmentBytes + 2;

/** The part of each segment that primes the next one's compressor: deflate's whole window. */
const windowBytes = 32 * 1024;

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
 * "zipped" events). Writes are taken at once.
 *
 * A large part is deflated as independent segments, as pigz does: each segment is one zlib job that ends on a
 * byte boundary (a sync flush) and is primed with the last 32 KB of the segment before, so the segments laid
 * end to end are one ordinary deflate stream, compressed as well as a single stream would be. A zlib stream
 * instead needs the main thread between every 16 KB it deflates, so while the writer built rows zlib stood
 * idle, and the writer then stood idle waiting for it: about 2.5 s of --out's time at 100,000 pupils. These
 * jobs run to the end on zlib's threads while the writer goes on; `drained()` waits only when
 * `inFlightBytes` are still out.
 */
export class PartStream extends EventEmitter {
  private small: Buffer[] = [];
  private smallBytes = 0;
  private deflating = false;
  /** The segment being filled (from `spareSegments`), and how many of its bytes are filled. */
  private segment: Buffer | null = null;
  private segmentFilled = 0;
  private window: Buffer | undefined;
  private readonly segments: Promise<Buffer>[] = [];
  private readonly compressed: Buffer[] = [];
  private compressedSize = 0;
  private outstanding = 0;
  private oldest = 0;
  private size = 0;
  private crc = 0;
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
    if (this.deflating) {
      this.fill(chunk);
      return true;
    }
    this.small.push(chunk);
    this.smallBytes += chunk.length;
    if (this.smallBytes > smallPartBytes) {
      this.deflating = true;
      for (const piece of this.small) this.fill(piece);
      this.small = [];
      this.smallBytes = 0;
    }
    return true;
  }

  /** Copies bytes into the segment being filled, handing each full one to zlib. */
  private fill(bytes: Buffer): void {
    for (let from = 0; from < bytes.length; ) {
      this.segment ??= spareSegments.pop() ?? Buffer.allocUnsafe(segmentBytes);
      const copied = bytes.copy(this.segment, this.segmentFilled, from, Math.min(bytes.length, from + segmentBytes - this.segmentFilled));
      from += copied;
      this.segmentFilled += copied;
      if (this.segmentFilled === segmentBytes) this.deflateSegment(false);
    }
  }

  /** Hands the segment being filled to zlib; the last one (`last`) ends the deflate stream. */
  private deflateSegment(last: boolean): void {
    const segment = this.segment;
    const input = segment ? segment.subarray(0, this.segmentFilled) : Buffer.alloc(0);
    this.segment = null;
    this.segmentFilled = 0;
    const options: zlib.ZlibOptions = {
      level: zipLevel,
      // Room for the whole output of a segment of XML (a tenth of it) in one piece, so the job seldom
      // comes back to the main thread half done.
      chunkSize: segmentBytes / 4,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    };
    if (this.window) options.dictionary = this.window;
    // A copy: the segment goes back to be filled again.
    this.window = Buffer.from(input.subarray(Math.max(0, input.length - windowBytes)));
    this.outstanding += input.length;
    const deflated = new Promise<Buffer>((resolve, reject) =>
      zlib.deflateRaw(input, options, (error, output) => {
        this.outstanding -= input.length;
        if (segment && spareSegments.length < maxSpareSegments) spareSegments.push(segment);
        if (error) {
          this.failure ??= error;
          reject(error);
        } else {
          // The output may be a view of zlib's larger output buffer: kept as it is, that whole buffer would be.
          resolve(output.byteLength * 2 < output.buffer.byteLength ? Buffer.from(output) : output);
        }
      }),
    );
    // A failure is kept (`failure`) and reported where the part is waited for or taken; without a handler
    // now, Node would end the process on it as an unhandled rejection before the writer next looks.
    deflated.catch(() => undefined);
    this.segments.push(deflated);
  }

  /** Resolves once no more than `inFlightBytes` wait for zlib (at once when fewer do). */
  async drained(): Promise<void> {
    while (this.outstanding > inFlightBytes && this.oldest < this.segments.length) {
      await this.segments[this.oldest++]!.catch(() => undefined);
    }
    if (this.failure) throw this.failure;
  }

  end(): void {
    if (this.deflating) this.deflateSegment(true);
    void Promise.allSettled(this.segments)
      .then((settled) => {
        for (const segment of settled) {
          if (segment.status === "fulfilled") {
            this.compressed.push(segment.value);
            this.compressedSize += segment.value.length;
          }
        }
      })
      .then(() => {
        this.resolveDone();
        this.emit("finish");
        this.emit("zipped");
      });
  }

  /** The finished part: its plain bytes when it stayed small, else its deflated bytes. */
  result(): { name: string; text: Buffer } | { name: string; deflated: DeflatedPart } {
    if (this.failure) throw this.failure;
    if (!this.deflating) return { name: this.name, text: Buffer.concat(this.small) };
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
