import { Query } from 'mingo';
import { canonicalKey, formatKeyValue, indexValuesAt, type Document } from './bson-values.js';
import { DuplicateKeyError } from './errors.js';
import type { IndexSpec } from './index-spec.js';

/** One entry a document contributes to an index, with the values for error reporting. */
export interface IndexKey {
  readonly key: string;
  readonly values: readonly unknown[];
}

/**
 * A secondary index kept as a hash map from canonical key to the `_id` keys of the documents that
 * carry it. Uniqueness checks are O(1) per key: a scanning check made 5,000 inserts take 20 s.
 */
export class HashIndex {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  /** Text, 2dsphere or hashed indexes are metadata only: nothing here queries them. */
  readonly maintained: boolean;
  private readonly partial: Query | undefined;
  private readonly entries = new Map<string, Set<string>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.maintained = Object.values(spec.key).every((direction) => typeof direction === 'number');
    this.partial =
      spec.partialFilterExpression === undefined
        ? undefined
        : new Query(spec.partialFilterExpression, {});
  }

  /** The keys `doc` contributes, or null when a sparse or partial index leaves it out. */
  keysOf(doc: Document): IndexKey[] | null {
    if (!this.maintained) return null;
    if (this.partial !== undefined && !this.partial.test(doc)) return null;
    const perField = this.fields.map((field) => indexValuesAt(doc, field));
    if (this.spec.sparse && perField.every((field) => !field.present)) return null;
    let tuples: unknown[][] = [[]];
    for (const field of perField) {
      tuples = tuples.flatMap((tuple) => field.values.map((value) => [...tuple, value]));
    }
    const keys = new Map<string, IndexKey>();
    for (const values of tuples) {
      const key = values.length === 1 ? canonicalKey(values[0]) : canonicalKey(values);
      if (!keys.has(key)) keys.set(key, { key, values });
    }
    return [...keys.values()];
  }

  /** The first key of `keys` already held by a document other than `selfId`. */
  findConflict(keys: readonly IndexKey[] | null, selfId: string | undefined): IndexKey | undefined {
    if (!this.spec.unique || keys === null) return undefined;
    for (const entry of keys) {
      const holders = this.entries.get(entry.key);
      if (holders === undefined || holders.size === 0) continue;
      if (holders.size > 1 || selfId === undefined || !holders.has(selfId)) return entry;
    }
    return undefined;
  }

  add(keys: readonly IndexKey[] | null, idKey: string): void {
    if (keys === null) return;
    for (const { key } of keys) {
      const holders = this.entries.get(key);
      if (holders === undefined) this.entries.set(key, new Set([idKey]));
      else holders.add(idKey);
    }
  }

  remove(keys: readonly IndexKey[] | null, idKey: string): void {
    if (keys === null) return;
    for (const { key } of keys) {
      const holders = this.entries.get(key);
      if (holders === undefined) continue;
      holders.delete(idKey);
      if (holders.size === 0) this.entries.delete(key);
    }
  }

  /** `_id` keys of documents whose single indexed field equals (or contains) `value`. */
  lookup(value: unknown): ReadonlySet<string> {
    return this.entries.get(canonicalKey(value)) ?? new Set();
  }

  duplicateError(ns: string, conflict: IndexKey): DuplicateKeyError {
    const keyValue: Document = {};
    this.fields.forEach((field, position) => {
      keyValue[field] = conflict.values[position] ?? null;
    });
    return new DuplicateKeyError(
      `E11000 duplicate key error collection: ${ns} index: ${this.spec.name} dup key: ${formatKeyValue(keyValue)}`,
      this.spec.key,
      keyValue,
    );
  }
}
