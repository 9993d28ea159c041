import { compareBson } from './bson-order.js';

/** One index entry: the key (one value per indexed field) and the document it points to. */
export interface KeyEntry {
  readonly key: readonly unknown[];
  /** Insertion sequence of the document: orders equal keys, like mongod's record id. */
  readonly seq: number;
  readonly idKey: string;
}

/** Below or above every value in index order, whatever the field's direction. */
export const LOWEST = Symbol('lowest');
export const HIGHEST = Symbol('highest');

/**
 * A position between entries: `key` may be shorter than the index's key and may hold LOWEST or
 * HIGHEST; `after` places it after every entry whose key starts with `key` instead of before.
 */
export interface KeyBound {
  readonly key: readonly unknown[];
  readonly after: boolean;
}

const MAX_CHUNK = 512;

/**
 * Index entries in index order, kept as a list of sorted chunks (the layout of Python's
 * SortedContainers): inserts and removals touch one chunk of at most 512 entries, lookups are two
 * binary searches, and a range scan walks chunks in order.
 */
export class OrderedKeys {
  private readonly directions: readonly number[];
  private chunks: KeyEntry[][] = [];
  private count = 0;

  constructor(directions: readonly number[]) {
    this.directions = directions;
  }

  get size(): number {
    return this.count;
  }

  compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (x === LOWEST || y === HIGHEST) return -1;
      if (x === HIGHEST || y === LOWEST) return 1;
      const order = compareBson(x, y) * (this.directions[i] ?? 1);
      if (order !== 0) return order;
    }
    return 0;
  }

  private compareEntries(a: KeyEntry, b: KeyEntry): number {
    return this.compareKeys(a.key, b.key) || a.seq - b.seq;
  }

  /** <0 when `entry` lies before `bound`, >0 after; never 0. */
  private compareToBound(entry: KeyEntry, bound: KeyBound): number {
    const order = this.compareKeys(entry.key, bound.key);
    if (order !== 0) return order;
    return bound.after ? -1 : 1;
  }

  insert(entry: KeyEntry): void {
    this.count += 1;
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    // Appends first: ObjectIds and insertion sequences grow, so `_id` and many other keys arrive
    // in order and need one comparison instead of two binary searches.
    const lastChunk = this.chunks[this.chunks.length - 1] as KeyEntry[];
    if (this.compareEntries(lastChunk[lastChunk.length - 1] as KeyEntry, entry) < 0) {
      lastChunk.push(entry);
      if (lastChunk.length > MAX_CHUNK) this.chunks.push(lastChunk.splice(lastChunk.length >> 1));
      return;
    }
    let chunkIndex = this.chunkFor((last) => this.compareEntries(last, entry) >= 0);
    if (chunkIndex === this.chunks.length) chunkIndex -= 1;
    const chunk = this.chunks[chunkIndex] as KeyEntry[];
    chunk.splice(
      lowerBound(chunk, (item) => this.compareEntries(item, entry) >= 0),
      0,
      entry,
    );
    if (chunk.length > MAX_CHUNK) {
      this.chunks.splice(chunkIndex + 1, 0, chunk.splice(chunk.length >> 1));
    }
  }

  remove(entry: KeyEntry): boolean {
    const chunkIndex = this.chunkFor((last) => this.compareEntries(last, entry) >= 0);
    const chunk = this.chunks[chunkIndex];
    if (chunk === undefined) return false;
    const position = lowerBound(chunk, (item) => this.compareEntries(item, entry) >= 0);
    const found = chunk[position];
    if (found === undefined || found.seq !== entry.seq || found.idKey !== entry.idKey) return false;
    chunk.splice(position, 1);
    if (chunk.length === 0) this.chunks.splice(chunkIndex, 1);
    this.count -= 1;
    return true;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }

  /** Entries from `start` to `end` (both positions between entries), in index order. */
  *scan(start: KeyBound, end: KeyBound): Generator<KeyEntry> {
    let chunkIndex = this.chunkFor((last) => this.compareToBound(last, start) > 0);
    if (chunkIndex >= this.chunks.length) return;
    let chunk = this.chunks[chunkIndex] as KeyEntry[];
    let position = lowerBound(chunk, (item) => this.compareToBound(item, start) > 0);
    while (chunk !== undefined) {
      for (; position < chunk.length; position++) {
        const entry = chunk[position] as KeyEntry;
        if (this.compareToBound(entry, end) > 0) return;
        yield entry;
      }
      chunkIndex += 1;
      chunk = this.chunks[chunkIndex] as KeyEntry[];
      position = 0;
    }
  }

  /**
   * Appends the entries from `start` to `end` to `out`, in index order: both ends found by binary
   * search, nothing compared in between (a generator and a comparison per entry cost more than
   * the rest of a range query).
   */
  collect(start: KeyBound, end: KeyBound, out: KeyEntry[]): void {
    const from = this.position((entry) => this.compareToBound(entry, start) > 0);
    const to = this.position((entry) => this.compareToBound(entry, end) > 0);
    for (let chunkIndex = from.chunk; chunkIndex <= to.chunk; chunkIndex++) {
      const chunk = this.chunks[chunkIndex];
      if (chunk === undefined) break;
      const first = chunkIndex === from.chunk ? from.offset : 0;
      const last = chunkIndex === to.chunk ? to.offset : chunk.length;
      for (let offset = first; offset < last; offset++) out.push(chunk[offset] as KeyEntry);
    }
  }

  /** The first position whose entry satisfies `isAfter` (monotone), as chunk and offset. */
  private position(isAfter: (entry: KeyEntry) => boolean): { chunk: number; offset: number } {
    const chunk = this.chunkFor(isAfter);
    const entries = this.chunks[chunk];
    return { chunk, offset: entries === undefined ? 0 : lowerBound(entries, isAfter) };
  }

  /** Entries from `end` back to `start`, in reverse index order. */
  *scanReverse(start: KeyBound, end: KeyBound): Generator<KeyEntry> {
    let chunkIndex = this.chunkFor((last) => this.compareToBound(last, end) > 0);
    if (chunkIndex >= this.chunks.length) chunkIndex = this.chunks.length - 1;
    let chunk = this.chunks[chunkIndex];
    if (chunk === undefined) return;
    let position = lowerBound(chunk, (item) => this.compareToBound(item, end) > 0) - 1;
    while (chunk !== undefined) {
      for (; position >= 0; position--) {
        const entry = chunk[position] as KeyEntry;
        if (this.compareToBound(entry, start) < 0) return;
        yield entry;
      }
      chunkIndex -= 1;
      chunk = this.chunks[chunkIndex];
      position = chunk === undefined ? -1 : chunk.length - 1;
    }
  }

  /** Index of the first chunk whose last entry satisfies `isAtOrAfter`. */
  private chunkFor(isAtOrAfter: (last: KeyEntry) => boolean): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const chunk = this.chunks[middle] as KeyEntry[];
      if (isAtOrAfter(chunk[chunk.length - 1] as KeyEntry)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** First position in `items` where `isAtOrAfter` holds (it must be monotone). */
function lowerBound<T>(items: readonly T[], isAtOrAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isAtOrAfter(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}
