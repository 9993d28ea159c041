import { indexValuesAt } from './bson-values.js';
import type { CursorRegistry } from './cursors.js';
import { compileQuery } from './mingo.js';
import type { Storage } from './storage.js';

/**
 * Removes documents whose TTL-indexed date (the earliest, for an array of dates) is older than
 * `expireAfterSeconds`. Documents without a date in the field never expire, as in mongod.
 */
export function expireDocuments(storage: Storage, now: number): number {
  let removed = 0;
  for (const collection of storage.allCollections()) {
    for (const spec of collection.ttlIndexes()) {
      const field = Object.keys(spec.key)[0];
      if (field === undefined || Object.keys(spec.key).length !== 1) continue;
      const cutoff = now - (spec.expireAfterSeconds ?? 0) * 1000;
      const partial =
        spec.partialFilterExpression === undefined
          ? undefined
          : compileQuery(spec.partialFilterExpression);
      for (const { doc, view } of [...collection.stored()]) {
        const dates = indexValuesAt(view, field).values.filter(
          (value): value is Date => value instanceof Date,
        );
        if (dates.length === 0) continue;
        const earliest = Math.min(...dates.map((date) => date.getTime()));
        if (
          earliest < cutoff &&
          (partial === undefined || partial.test(view)) &&
          collection.remove(doc)
        )
          removed += 1;
      }
    }
  }
  return removed;
}

export interface Housekeeping {
  stop(): void;
}

/** Periodic TTL expiry and idle-cursor cleanup; the timer is unref'd so it never holds the process. */
export function startHousekeeping(
  storage: Storage,
  cursors: CursorRegistry,
  intervalMs: number,
  now: () => number = () => Date.now(),
): Housekeeping {
  const timer = setInterval(() => {
    expireDocuments(storage, now());
    cursors.sweep();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
