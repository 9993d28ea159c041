import type { Query } from 'mingo/query';
import { EMPTY_ARRAY_KEY } from './bson-order.js';
import { canonicalKey, formatValue, indexValuesAt, type Document } from './bson-values.js';
import { DuplicateKeyError } from './errors.js';
import { compileQuery } from './mingo.js';
import type { IndexSpec } from './index-spec.js';
import { OrderedKeys, type KeyBound, type KeyEntry } from './ordered-keys.js';

/** One entry a document contributes to an index, with the values for error reporting. */
export interface IndexKey {
  readonly key: string;
  readonly values: readonly unknown[];
}

/** What a document contributes to one index; null when a sparse or partial index leaves it out. */
export interface IndexKeys {
  readonly keys: IndexKey[];
  readonly multikey: boolean;
}

/**
 * A secondary index, kept twice: a hash map from canonical key to the `_id` keys holding it, for
 * O(1) equality lookups and unique checks (a scanning check made 5,000 inserts take 20 s), and the
 * same entries in index order for ranges, `$in` lists, key prefixes and sorts.
 */
export class CollectionIndex {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  /** Each field split at dots, once rather than for every document. */
  private readonly fieldParts: ReadonlyArray<readonly string[]>;
  readonly directions: readonly number[];
  /** Text, 2dsphere or hashed indexes are metadata only: nothing here queries them. */
  readonly maintained: boolean;
  private readonly partial: Query | undefined;
  /**
   * Canonical key → the `_id` key holding it, or a set when several do: most keys of most
   * indexes have one holder, and a set per key cost more than the rest of an insert.
   */
  private readonly entries = new Map<string, string | Set<string>>();
  readonly ordered: OrderedKeys;
  /** Documents that put several keys (an array) into this index. */
  private multikeyDocuments = 0;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.fieldParts = this.fields.map((field) => field.split('.'));
    this.directions = Object.values(spec.key).map((direction) =>
      typeof direction === 'number' && direction < 0 ? -1 : 1,
    );
    this.maintained = Object.values(spec.key).every((direction) => typeof direction === 'number');
    this.partial =
      spec.partialFilterExpression === undefined
        ? undefined
        : compileQuery(spec.partialFilterExpression);
    this.ordered = new OrderedKeys(this.directions);
  }

  /** True once any document put an array into this index: bounds on it cannot be intersected. */
  get multikey(): boolean {
    return this.multikeyDocuments > 0;
  }

  get sparse(): boolean {
    return this.spec.sparse;
  }

  /** The keys `view` contributes, or null when a sparse or partial index leaves it out. */
  keysOf(view: Document): IndexKeys | null {
    if (!this.maintained) return null;
    if (this.partial !== undefined && !this.partial.test(view)) return null;
    if (this.fields.length === 1) {
      const field = indexValuesAt(
        view,
        this.fields[0] as string,
        this.fieldParts[0] as readonly string[],
      );
      if (this.spec.sparse && !field.present) return null;
      if (field.values.length === 1) {
        const value = field.values[0];
        return { keys: [{ key: canonicalKey(value), values: [value] }], multikey: field.multikey };
      }
      const keys = new Map<string, IndexKey>();
      for (const value of field.values) {
        const key = canonicalKey(value);
        if (!keys.has(key)) keys.set(key, { key, values: [value] });
      }
      return { keys: [...keys.values()], multikey: true };
    }
    const perField = this.fields.map((field, position) =>
      indexValuesAt(view, field, this.fieldParts[position] as readonly string[]),
    );
    if (this.spec.sparse && perField.every((field) => !field.present)) return null;
    if (perField.every((field) => field.values.length === 1)) {
      const values = perField.map((field) => field.values[0]);
      return {
        keys: [{ key: canonicalKey(values), values }],
        multikey: perField.some((field) => field.multikey),
      };
    }
    let tuples: unknown[][] = [[]];
    for (const field of perField) {
      tuples = tuples.flatMap((tuple) => field.values.map((value) => [...tuple, value]));
    }
    const keys = new Map<string, IndexKey>();
    for (const values of tuples) {
      const key = canonicalKey(values);
      if (!keys.has(key)) keys.set(key, { key, values });
    }
    return { keys: [...keys.values()], multikey: perField.some((field) => field.multikey) };
  }

  /** The first key of `keys` already held by a document other than `selfId`. */
  findConflict(keys: IndexKeys | null, selfId: string | undefined): IndexKey | undefined {
    if (!this.spec.unique || keys === null) return undefined;
    for (const entry of keys.keys) {
      const holders = this.entries.get(entry.key);
      if (holders === undefined) continue;
      if (typeof holders === 'string') {
        if (holders !== selfId) return entry;
        continue;
      }
      if (holders.size === 0) continue;
      if (holders.size > 1 || selfId === undefined || !holders.has(selfId)) return entry;
    }
    return undefined;
  }

  add(keys: IndexKeys | null, idKey: string, seq: number): void {
    if (keys === null) return;
    for (const { key, values } of keys.keys) {
      const holders = this.entries.get(key);
      if (holders === undefined) this.entries.set(key, idKey);
      else if (typeof holders === 'string') {
        if (holders !== idKey) this.entries.set(key, new Set([holders, idKey]));
      } else holders.add(idKey);
      this.ordered.insert({ key: orderedKey(values), seq, idKey });
    }
    if (keys.multikey) this.multikeyDocuments += 1;
  }

  remove(keys: IndexKeys | null, idKey: string, seq: number): void {
    if (keys === null) return;
    for (const { key, values } of keys.keys) {
      const holders = this.entries.get(key);
      if (holders === idKey) {
        this.entries.delete(key);
      } else if (typeof holders === 'object') {
        holders.delete(idKey);
        if (holders.size === 1) this.entries.set(key, holders.values().next().value as string);
        else if (holders.size === 0) this.entries.delete(key);
      }
      this.ordered.remove({ key: orderedKey(values), seq, idKey });
    }
    if (keys.multikey) this.multikeyDocuments -= 1;
  }

  /** `_id` keys of documents whose indexed fields equal `values` exactly (one per field). */
  lookup(values: readonly unknown[]): Iterable<string> {
    const key = values.length === 1 ? canonicalKey(values[0]) : canonicalKey(values);
    const holders = this.entries.get(key);
    if (holders === undefined) return EMPTY;
    return typeof holders === 'string' ? [holders] : holders;
  }

  scan(start: KeyBound, end: KeyBound, reverse: boolean): Iterable<KeyEntry> {
    return reverse ? this.ordered.scanReverse(start, end) : this.ordered.scan(start, end);
  }

  duplicateError(ns: string, conflict: IndexKey): DuplicateKeyError {
    const keyValue: Document = {};
    this.fields.forEach((field, position) => {
      keyValue[field] = conflict.values[position] ?? null;
    });
    // The key of an empty array is undefined in mongod's index, and its message says so.
    const shown = Object.entries(keyValue).map(
      ([field, value]) =>
        `${field}: ${Array.isArray(value) && value.length === 0 ? 'undefined' : formatValue(value)}`,
    );
    return new DuplicateKeyError(
      `E11000 duplicate key error collection: ${ns} index: ${this.spec.name} dup key: { ${shown.join(', ')} }`,
      this.spec.key,
      keyValue,
    );
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** Index-order form of a key: an empty array is indexed as `undefined`, below null. */
export function orderedKey(values: readonly unknown[]): unknown[] {
  return values.map((value) =>
    Array.isArray(value) && value.length === 0 ? EMPTY_ARRAY_KEY : value,
  );
}
