import { ObjectId } from 'bson';
import { canonicalKey, formatKeyValue, isPlainObject, type Document } from './bson-values.js';
import { CommandError, DuplicateKeyError, ErrorCode } from './errors.js';
import { HashIndex, type IndexKey } from './hash-index.js';
import {
  ID_INDEX,
  ID_INDEX_NAME,
  sameIdentity,
  sameKeyPattern,
  sameOptions,
  type IndexSpec,
} from './index-spec.js';

interface StoredDocument {
  /** Insertion sequence: natural order survives updates and index-driven lookups. */
  readonly seq: number;
  readonly doc: Document;
}

const NOT_EQUALITY = Symbol('not an equality');

/**
 * The value of a filter clause that is a plain equality an index lookup can answer exactly, or
 * NOT_EQUALITY. Arrays, sub-documents, regexes and exotic numbers fall back to a scan because
 * their match semantics differ from a hash lookup.
 */
function equalityValue(condition: unknown): unknown {
  if (condition === null) return null;
  switch (typeof condition) {
    case 'string':
    case 'boolean':
      return condition;
    case 'number':
      return Number.isFinite(condition) ? condition : NOT_EQUALITY;
    case 'object':
      if (condition instanceof Date || condition instanceof ObjectId) return condition;
      if (isPlainObject(condition)) {
        const keys = Object.keys(condition);
        if (keys.length === 1 && keys[0] === '$eq') {
          const inner = equalityValue(condition.$eq);
          return isPlainObject(condition.$eq) ? NOT_EQUALITY : inner;
        }
      }
      return NOT_EQUALITY;
    default:
      return NOT_EQUALITY;
  }
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
  private readonly indexes = new Map<string, HashIndex>();
  private nextSeq = 0;

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

  insert(doc: Document): void {
    const idKey = this.idKeyOf(doc);
    if (this.documents.has(idKey)) throw this.duplicateIdError(doc._id);
    const keys = this.checkUnique(doc, undefined);
    for (const [index, indexKeys] of keys) index.add(indexKeys, idKey);
    this.documents.set(idKey, { seq: this.nextSeq++, doc });
  }

  /** Swaps `current` for `next` (same `_id`), enforcing unique indexes on the new version. */
  replace(current: Document, next: Document): void {
    const idKey = this.idKeyOf(current);
    const stored = this.documents.get(idKey);
    if (stored === undefined) {
      throw new CommandError(ErrorCode.InternalError, 'document vanished during update');
    }
    if (canonicalKey(next._id) !== idKey) {
      throw new CommandError(
        ErrorCode.ImmutableField,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    const newKeys = this.checkUnique(next, idKey);
    for (const [index, indexKeys] of newKeys) {
      index.remove(index.keysOf(stored.doc), idKey);
      index.add(indexKeys, idKey);
    }
    this.documents.set(idKey, { seq: stored.seq, doc: next });
  }

  remove(doc: Document): boolean {
    const idKey = canonicalKey(doc._id);
    const stored = this.documents.get(idKey);
    if (stored === undefined) return false;
    for (const index of this.indexes.values()) index.remove(index.keysOf(stored.doc), idKey);
    this.documents.delete(idKey);
    return true;
  }

  /**
   * Documents that may match `filter`, found through `_id` or a single-field index, in natural
   * order; undefined when no index applies and the caller must scan. Callers still run the full
   * filter over the result.
   */
  candidates(filter: Document): Document[] | undefined {
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith('$')) continue;
      const value = equalityValue(condition);
      if (value === NOT_EQUALITY) continue;
      if (field === '_id') {
        const stored = this.documents.get(canonicalKey(value));
        return stored === undefined ? [] : [stored.doc];
      }
      const index = this.lookupIndexFor(field, value);
      if (index === undefined) continue;
      const found: StoredDocument[] = [];
      for (const idKey of index.lookup(value)) {
        const stored = this.documents.get(idKey);
        if (stored !== undefined) found.push(stored);
      }
      return found.sort((a, b) => a.seq - b.seq).map((stored) => stored.doc);
    }
    return undefined;
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
    const index = new HashIndex(spec);
    for (const [idKey, stored] of this.documents) {
      const keys = index.keysOf(stored.doc);
      const conflict = index.findConflict(keys, idKey);
      if (conflict !== undefined) throw index.duplicateError(this.ns, conflict);
      index.add(keys, idKey);
    }
    this.indexes.set(spec.name, index);
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME) {
      throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    }
    if (!this.indexes.delete(name)) {
      throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
    }
  }

  dropAllIndexes(): void {
    this.indexes.clear();
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

  private lookupIndexFor(field: string, value: unknown): HashIndex | undefined {
    for (const index of this.indexes.values()) {
      if (!index.maintained || index.fields.length !== 1 || index.fields[0] !== field) continue;
      if (index.spec.partialFilterExpression !== undefined) continue;
      // A sparse index leaves out documents missing the field, which `{field: null}` matches.
      if (index.spec.sparse && value === null) continue;
      return index;
    }
    return undefined;
  }

  /** Computes every index's keys for `doc`, throwing E11000 on the first unique conflict. */
  private checkUnique(
    doc: Document,
    selfId: string | undefined,
  ): Map<HashIndex, IndexKey[] | null> {
    const keys = new Map<HashIndex, IndexKey[] | null>();
    for (const index of this.indexes.values()) {
      const indexKeys = index.keysOf(doc);
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
