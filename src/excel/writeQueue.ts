import { excelLimits, utf8Bytes } from "../core/report/excelLimits";
import type { PlanValue } from "../core/report/plan";

/**
 * Excel on the web refuses a request over 5 MB ("RequestPayloadSizeLimitExceeded"; excelLimits.requestBytes).
 * Writes are queued here with their size as sent: the UTF-8 bytes of their serialised arguments (a dash or a
 * pound sign is 2-3 bytes, not one UTF-16 unit) plus an allowance per call for the object path and action
 * Office.js sends with it; then they go in as few `context.sync()` calls as fit under a budget that leaves
 * room for Office.js's own envelope. Below the budget (every realistic school: 5,000 pupils is well
 * under 2 MB) everything goes in ONE sync; a larger write (e.g. 100,000 rows) is split into one sync per
 * ~4 MB, in order. Small structural operations are queued first, so the marker that lets a re-run find and
 * clear this write is in the first request.
 */
export const payloadLimitBytes = excelLimits.requestBytes;
export const requestBudgetBytes = 4 * 1024 * 1024;
/**
 * Largest block of rows queued as one `numberFormat` + `values` pair. Below it a block is one call each
 * (5,000 pupils' added columns are about 1.5 MB); above it, chunks of this size go one request each.
 */
export const chunkBudgetBytes = 3 * 1024 * 1024;
/**
 * Office.js sends an object path and an action per call ({"Id":…,"ActionType":…,"Name":…,"ObjectPathId":…} and
 * the path to the range, e.g. getRangeByIndexes with its four arguments): about 250 bytes of UTF-8 as the
 * fake measures them (test/support/fakeExcel.ts, callOverheadBytes); this allowance is kept above that.
 */
export const perCallBytes = 256;

interface QueuedWrite {
  bytes: number;
  apply: () => void;
}

export class WriteQueue {
  private writes: QueuedWrite[] = [];

  add(bytes: number, apply: () => void): void {
    this.writes.push({ bytes: bytes + perCallBytes, apply });
  }

  get totalBytes(): number {
    return this.writes.reduce((sum, w) => sum + w.bytes, 0);
  }

  get length(): number {
    return this.writes.length;
  }

  /** Queues every write on the context and syncs; returns the number of syncs made. */
  async flush(sync: () => Promise<void>, budget = requestBudgetBytes): Promise<number> {
    let inBatch = 0;
    let syncs = 0;
    let pending = false;
    for (const write of this.writes) {
      if (pending && inBatch + write.bytes > budget) {
        await sync();
        syncs++;
        inBatch = 0;
        pending = false;
      }
      write.apply();
      inBatch += write.bytes;
      pending = true;
    }
    if (pending) {
      await sync();
      syncs++;
    }
    this.writes = [];
    return syncs;
  }
}

/** Bytes of a value as Office.js sends it: its JSON, as UTF-8. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value ?? null));
}

/**
 * Splits rows into consecutive chunks whose estimated payload (values + number formats) stays under
 * `budget`. Every chunk has at least one row.
 */
export function chunkRows<T>(rows: readonly T[], rowBytes: (row: T) => number, budget = chunkBudgetBytes): { start: number; rows: T[] }[] {
  const chunks: { start: number; rows: T[] }[] = [];
  let current: T[] = [];
  let start = 0;
  let size = 0;
  rows.forEach((row, i) => {
    const bytes = rowBytes(row);
    if (current.length > 0 && size + bytes > budget) {
      chunks.push({ start, rows: current });
      current = [];
      start = i;
      size = 0;
    }
    current.push(row);
    size += bytes;
  });
  if (current.length > 0) chunks.push({ start, rows: current });
  return chunks;
}

/** What a plan value becomes in `Range.values`: empty cells as "". Strings are never altered. */
export function cellValue(value: PlanValue): string | number | boolean {
  return value === null ? "" : value;
}

/**
 * The number format for one cell: every string is written as text ("@"), set BEFORE the value, so that a
 * name like "=HYPERLINK(…)" or "+44…" stays text (Office.js treats a string starting with "=", "+" or "-"
 * as a formula in a General cell). Numbers and blanks take the column's format.
 */
export function cellNumberFormat(value: PlanValue, columnFormat: string | null | undefined): string {
  if (typeof value === "string") return "@";
  return columnFormat ?? "General";
}
