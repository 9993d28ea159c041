import { Long } from 'bson';
import type { Document } from './bson-values.js';
import { encodeDocument } from './collection.js';
import { CommandError, ErrorCode } from './errors.js';

/** mongod's defaults: 101 documents in a first batch, cursors die after 10 minutes idle. */
export const DEFAULT_FIRST_BATCH_SIZE = 101;
export const CURSOR_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** Keep every reply under maxBsonObjectSize with room for the envelope. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

interface OpenCursor {
  readonly ns: string;
  readonly docs: Document[];
  position: number;
  lastUsed: number;
}

export interface CursorBatch {
  readonly id: Long;
  readonly ns: string;
  readonly batch: Document[];
  /**
   * Each document of `batch` as BSON. The size check needs the bytes anyway, so the reply is
   * assembled from them (wire-protocol.ts) instead of serialising every document a second time.
   */
  readonly encoded: Uint8Array[];
}

/** Cursor ids arrive as numbers (promoted Longs), Longs or bigints; key them uniformly. */
export function cursorKey(id: unknown): string {
  if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  if (id instanceof Long) return id.toString();
  throw new CommandError(
    ErrorCode.TypeMismatch,
    "BSON field 'getMore' is the wrong type, expected type 'long'",
  );
}

/**
 * Server-side cursors over materialised result lists. Results are computed once when the cursor
 * opens; stored documents are immutable, so later writes never leak into an open cursor.
 */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  get openCount(): number {
    return this.cursors.size;
  }

  /**
   * Takes the first batch of `docs` and keeps a cursor open for the rest. `batchSize` undefined
   * means the first-batch default; 0 means an empty first batch with the cursor left open.
   */
  open(
    ns: string,
    docs: Document[],
    batchSize: number | undefined,
    singleBatch = false,
  ): CursorBatch {
    this.sweep();
    const size = batchSize ?? DEFAULT_FIRST_BATCH_SIZE;
    const { batch, encoded } = takeBatch(docs, 0, size);
    if (singleBatch || batch.length >= docs.length) return { id: Long.ZERO, ns, batch, encoded };
    const key = this.newId();
    this.cursors.set(key, { ns, docs, position: batch.length, lastUsed: this.now() });
    return { id: Long.fromString(key), ns, batch, encoded };
  }

  getMore(id: unknown, collection: string, batchSize: number | undefined): CursorBatch {
    this.sweep();
    const key = cursorKey(id);
    const cursor = this.cursors.get(key);
    if (cursor === undefined) {
      throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${key} not found`);
    }
    const cursorCollection = cursor.ns.slice(cursor.ns.indexOf('.') + 1);
    if (cursorCollection !== collection && !cursor.ns.includes('.$cmd.')) {
      throw new CommandError(
        ErrorCode.BadValue,
        `cursor id ${key} belongs to ${cursor.ns}, not ${collection}`,
      );
    }
    // For getMore a missing or zero batchSize means "as much as fits", like mongod.
    const { batch, encoded } = takeBatch(
      cursor.docs,
      cursor.position,
      batchSize === undefined || batchSize <= 0 ? Infinity : batchSize,
    );
    cursor.position += batch.length;
    cursor.lastUsed = this.now();
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(key);
      return { id: Long.ZERO, ns: cursor.ns, batch, encoded };
    }
    return { id: Long.fromString(key), ns: cursor.ns, batch, encoded };
  }

  kill(ids: readonly unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = cursorKey(id);
      (this.cursors.delete(key) ? killed : notFound).push(Long.fromString(key));
    }
    return { killed, notFound };
  }

  /** Drops cursors idle for longer than the timeout. */
  sweep(): void {
    const deadline = this.now() - CURSOR_IDLE_TIMEOUT_MS;
    for (const [key, cursor] of this.cursors) {
      if (cursor.lastUsed < deadline) this.cursors.delete(key);
    }
  }

  clear(): void {
    this.cursors.clear();
  }

  private newId(): string {
    // Random rather than sequential so ids do not repeat across server restarts while a client
    // still holds an old cursor; kept below 2^53 so promoted Longs stay exact.
    for (;;) {
      const id = String(Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1)) + 1);
      if (!this.cursors.has(id)) return id;
    }
  }
}

function takeBatch(
  docs: Document[],
  start: number,
  size: number,
): { batch: Document[]; encoded: Uint8Array[] } {
  const batch: Document[] = [];
  const encoded: Uint8Array[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length && batch.length < size; i++) {
    const doc = docs[i] as Document;
    const bson = encodeDocument(doc);
    bytes += bson.byteLength;
    // The first document always goes out, however large.
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
    encoded.push(bson);
  }
  return { batch, encoded };
}
