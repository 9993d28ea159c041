import { serialize } from 'bson';
import { canonicalKey, formatKeyValue, promote, type Document } from './bson-values.js';
import { CollectionIndex, type IndexKeys } from './collection-index.js';
import { CommandError, DuplicateKeyError, ErrorCode } from './errors.js';
import {
  ID_INDEX,
  ID_INDEX_NAME,
  sameIdentity,
  sameKeyPattern,
  sameOptions,
  type IndexSpec,
} from './index-spec.js';
import { OrderedKeys } from './ordered-keys.js';
import { hasNumericSegment, type IndexAccess } from './planner.js';

/**
 * A document as stored: `doc` keeps its BSON types (int64, doubles) and is what clients get back;
 * `view` is the same document with numbers promoted, which queries, sorts and indexes read.
 * Both are immutable once stored.
 */
export interface StoredDocument {
  /** Insertion sequence: natural order survives updates and index-driven lookups. */
  readonly seq: number;
  readonly doc: Document;
  readonly view: Document;
}

/**
 * Stored documents' BSON, made when a document is first sent and reused by every later reply
 * (most reads send documents that were sent before). Safe because a stored document never
 * changes: every write stores a new object, so an entry cannot go stale. `null` marks a stored
 * document not encoded yet; documents that were never stored (projections, aggregation output)
 * have no entry and are serialised afresh every time.
 */
const storedBson = new WeakMap<Document, Uint8Array | null>();

/** `serialize(doc)` as replies need it, from the cache for stored documents. */
export function encodeDocument(doc: Document): Uint8Array {
  const cached = storedBson.get(doc);
  if (cached) return cached;
  const bson = serialize(doc, { ignoreUndefined: true });
  if (cached === null) storedBson.set(doc, bson);
  return bson;
}

/** Pairs a typed document with its query view (the same object when it holds no wrappers). */
export function storable(doc: Document): { doc: Document; view: Document } {
  return { doc, view: promote(doc) };
}

/**
 * One collection's documents and indexes. Stored documents are never mutated in place: writers
 * hand in a fresh document, so open cursors and in-flight replies keep a consistent snapshot and a
 * failed unique check leaves nothing half-applied.
 */
export class Collection {
  readonly database: string;
  readonly name: string;
  readonly options: Document;
  private readonly documents = new Map<string, StoredDocument>();
  private readonly indexes = new Map<string, CollectionIndex>();
  /** The `_id` index in key order; the documents map is its hash side. */
  private readonly idOrder = new OrderedKeys([1]);
  private nextSeq = 0;
  private access: IndexAccess[] | undefined;

  constructor(database: string, name: string, options: Document = {}) {
    this.database = database;
    this.name = name;
    this.options = options;
  }

  get ns(): string {
    return `${this.database}.${this.name}`;
  }

  get size(): number {
    return this.documents.size;
  }

  /** All documents in natural (insertion) order. */
  all(): Document[] {
    return Array.from(this.documents.values(), (stored) => stored.doc);
  }

  /** Stored documents in natural order. */
  stored(): IterableIterator<StoredDocument> {
    return this.documents.values();
  }

  byIdKey(idKey: string): StoredDocument | undefined {
    return this.documents.get(idKey);
  }

  byId(id: unknown): StoredDocument | undefined {
    return this.documents.get(canonicalKey(id));
  }

  /** Stores a new document; `view` must be `promote(doc)`. */
  insert(doc: Document, view: Document = promote(doc)): StoredDocument {
    const idKey = this.idKeyOf(view);
    if (this.documents.has(idKey)) throw this.duplicateIdError(doc._id);
    const keys = this.checkUnique(view, undefined);
    const seq = this.nextSeq++;
    for (const [index, indexKeys] of keys) index.add(indexKeys, idKey, seq);
    this.idOrder.insert({ key: [view._id], seq, idKey });
    const stored: StoredDocument = { seq, doc, view };
    this.documents.set(idKey, stored);
    storedBson.set(doc, null);
    return stored;
  }

  /** Swaps `current` for `next` (same `_id`), enforcing unique indexes on the new version. */
  replace(
    current: StoredDocument,
    next: Document,
    nextView: Document = promote(next),
  ): StoredDocument {
    const idKey = this.idKeyOf(current.view);
    const stored = this.documents.get(idKey);
    if (stored === undefined) {
      throw new CommandError(ErrorCode.InternalError, 'document vanished during update');
    }
    if (canonicalKey(nextView._id) !== idKey) {
      throw new CommandError(
        ErrorCode.ImmutableField,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    const newKeys = this.checkUnique(nextView, idKey);
    for (const [index, indexKeys] of newKeys) {
      index.remove(index.keysOf(stored.view), idKey, stored.seq);
      index.add(indexKeys, idKey, stored.seq);
    }
    const replaced: StoredDocument = { seq: stored.seq, doc: next, view: nextView };
    this.documents.set(idKey, replaced);
    storedBson.set(next, null);
    return replaced;
  }

  remove(doc: Document): boolean {
    const idKey = canonicalKey(promote(doc._id));
    const stored = this.documents.get(idKey);
    if (stored === undefined) return false;
    for (const index of this.indexes.values()) {
      index.remove(index.keysOf(stored.view), idKey, stored.seq);
    }
    this.idOrder.remove({ key: [stored.view._id], seq: stored.seq, idKey });
    this.documents.delete(idKey);
    return true;
  }

  /** Every index the planner may read, `_id` first; rebuilt only when indexes change. */
  indexAccess(): IndexAccess[] {
    this.access ??= this.buildIndexAccess();
    return this.access;
  }

  private buildIndexAccess(): IndexAccess[] {
    const idOrder = this.idOrder;
    const documents = this.documents;
    const access: IndexAccess[] = [
      {
        name: ID_INDEX_NAME,
        keyPattern: ID_INDEX.key,
        fields: ['_id'],
        directions: [1],
        multikey: false,
        numericPath: false,
        unique: true,
        sparse: false,
        partialFilterExpression: undefined,
        scan: (start, end, reverse) =>
          reverse ? idOrder.scanReverse(start, end) : idOrder.scan(start, end),
        collect: (start, end, out) => idOrder.collect(start, end, out),
        lookup: (values) => {
          const idKey = canonicalKey(values[0]);
          return documents.has(idKey) ? [idKey] : [];
        },
      },
    ];
    for (const index of this.indexes.values()) {
      if (!index.maintained) continue;
      access.push({
        name: index.spec.name,
        keyPattern: index.spec.key,
        fields: index.fields,
        directions: index.directions,
        get multikey() {
          return index.multikey;
        },
        numericPath: hasNumericSegment(index.fields),
        unique: index.spec.unique,
        sparse: index.spec.sparse,
        partialFilterExpression: index.spec.partialFilterExpression,
        scan: (start, end, reverse) => index.scan(start, end, reverse),
        collect: (start, end, out) => index.ordered.collect(start, end, out),
        lookup: (values) => index.lookup(values),
      });
    }
    return access;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...Array.from(this.indexes.values(), (index) => index.spec)];
  }

  /**
   * Adds an index, building it over the existing documents first so a unique index over
   * duplicates fails without side effects. Returns false when an identical index exists.
   */
  createIndex(spec: IndexSpec): boolean {
    for (const existing of this.indexSpecs()) {
      if (existing.name === spec.name) {
        if (!sameKeyPattern(existing, spec)) {
          throw new CommandError(
            ErrorCode.IndexKeySpecsConflict,
            `An existing index has the same name as the requested index. Requested index: ${formatKeyValue(spec.key)}, existing index: ${formatKeyValue(existing.key)}`,
          );
        }
        if (existing.name === ID_INDEX_NAME || sameOptions(existing, spec)) return false;
        throw new CommandError(
          ErrorCode.IndexOptionsConflict,
          `An equivalent index already exists with the same name but different options. Requested index: ${spec.name}, existing index: ${existing.name}`,
        );
      }
      if (sameIdentity(existing, spec)) {
        throw new CommandError(
          ErrorCode.IndexOptionsConflict,
          sameOptions(existing, spec) || existing.name === ID_INDEX_NAME
            ? `Index already exists with a different name: ${existing.name}`
            : `An equivalent index already exists with a different name and options. Requested index: ${spec.name}, existing index: ${existing.name}`,
        );
      }
    }
    const index = new CollectionIndex(spec);
    for (const [idKey, stored] of this.documents) {
      const keys = index.keysOf(stored.view);
      const conflict = index.findConflict(keys, idKey);
      if (conflict !== undefined) throw index.duplicateError(this.ns, conflict);
      index.add(keys, idKey, stored.seq);
    }
    this.indexes.set(spec.name, index);
    this.access = undefined;
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME) {
      throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    }
    if (!this.indexes.delete(name)) {
      throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
    }
    this.access = undefined;
  }

  dropAllIndexes(): void {
    this.indexes.clear();
    this.access = undefined;
  }

  ttlIndexes(): IndexSpec[] {
    return Array.from(this.indexes.values(), (index) => index.spec).filter(
      (spec) => spec.expireAfterSeconds !== undefined,
    );
  }

  private idKeyOf(doc: Document): string {
    const id = doc._id;
    if (id === undefined) throw new CommandError(ErrorCode.InternalError, 'document without _id');
    if (Array.isArray(id)) {
      throw new CommandError(ErrorCode.InvalidIdField, `The '_id' value cannot be of type array`);
    }
    return canonicalKey(id);
  }

  /** Computes every index's keys for `doc`, throwing E11000 on the first unique conflict. */
  private checkUnique(
    view: Document,
    selfId: string | undefined,
  ): Map<CollectionIndex, IndexKeys | null> {
    const keys = new Map<CollectionIndex, IndexKeys | null>();
    for (const index of this.indexes.values()) {
      const indexKeys = index.keysOf(view);
      const conflict = index.findConflict(indexKeys, selfId);
      if (conflict !== undefined) throw index.duplicateError(this.ns, conflict);
      keys.set(index, indexKeys);
    }
    return keys;
  }

  private duplicateIdError(id: unknown): DuplicateKeyError {
    const keyValue = { _id: id };
    return new DuplicateKeyError(
      `E11000 duplicate key error collection: ${this.ns} index: ${ID_INDEX_NAME} dup key: ${formatKeyValue(keyValue)}`,
      { _id: 1 },
      keyValue,
    );
  }
}
