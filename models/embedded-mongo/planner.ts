import { compareBson } from './bson-order.js';
import { canonicalKey, isPlainObject, type Document } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';
import {
  allowsNull,
  boundsDecide,
  constraintsOf,
  describeInterval,
  fieldConditions,
  filterImplies,
  intersect,
  isPoint,
  type Constraint,
  type Interval,
} from './index-bounds.js';
import { HIGHEST, LOWEST, type KeyBound, type KeyEntry } from './ordered-keys.js';

/** What the planner needs to know about one index and how to read it. */
export interface IndexAccess {
  readonly name: string;
  readonly keyPattern: Document;
  readonly fields: readonly string[];
  readonly directions: readonly number[];
  readonly multikey: boolean;
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partialFilterExpression: Document | undefined;
  scan(start: KeyBound, end: KeyBound, reverse: boolean): Iterable<KeyEntry>;
  /** The forward scan's entries appended to `out`, without a generator. */
  collect(start: KeyBound, end: KeyBound, out: KeyEntry[]): void;
  /** A field path with a numeric segment (`a.0`): mongod's positional index semantics, not ours. */
  readonly numericPath: boolean;
  /** `_id` keys of documents whose whole index key equals `values` (a hash lookup). */
  lookup(values: readonly unknown[]): Iterable<string>;
}

/** A compound range of index keys, in index order. */
interface KeyRange {
  readonly start: KeyBound;
  readonly end: KeyBound;
}

/**
 * How a query reads the collection. `exact`: what the plan yields is exactly the filter's
 * matches (the index bounds decide every clause), so the filter need not run again.
 */
export type Plan =
  | { readonly kind: 'idhack'; readonly id: unknown; readonly exact: boolean }
  | { readonly kind: 'collscan'; readonly reverse: boolean; readonly exact: boolean }
  | {
      readonly kind: 'ixscan';
      readonly exact: boolean;
      /** Whole-key values to look up by hash, when every index field has equality bounds. */
      readonly pointKeys: ReadonlyArray<readonly unknown[]> | undefined;
      readonly index: IndexAccess;
      /** Per bounded field (a prefix of the index's fields), the allowed intervals. */
      readonly bounds: readonly Constraint[];
      /** Compound key ranges to scan, in index order (computed when first needed). */
      readonly ranges: readonly KeyRange[];
      /** Positions of the sort fields in the index key, when the scan yields the sort order. */
      readonly sortPositions: readonly number[] | undefined;
      readonly reverse: boolean;
    };

export interface PlanRequest {
  readonly filter: Document;
  readonly sort?: Document | undefined;
  readonly hint?: unknown;
}

const NUMERIC_SEGMENT = /(^|\.)\d+(\.|$)/;

export function hasNumericSegment(fields: readonly string[]): boolean {
  return fields.some((field) => NUMERIC_SEGMENT.test(field));
}

function sortFields(sort: Document | undefined): Array<[string, number]> {
  if (sort === undefined) return [];
  return Object.entries(sort).map(([field, direction]) => [field, direction === -1 ? -1 : 1]);
}

/** `_id` equality with a value a hash lookup answers exactly (mongod's IDHACK). */
function idEquality(conditions: Map<string, unknown[]>): { found: boolean; id?: unknown } {
  const idConditions = conditions.get('_id');
  if (idConditions?.length !== 1) return { found: false };
  const [constraint] = constraintsOf(idConditions[0]);
  if (constraint?.length !== 1 || !isPoint(constraint[0] as Interval)) return { found: false };
  if (constraintsOf(idConditions[0]).length !== 1) return { found: false };
  return { found: true, id: (constraint[0] as Interval).low };
}

/** The bounds an index gets from the filter: one constraint per leading field that has any. */
function boundsFor(index: IndexAccess, conditions: Map<string, unknown[]>): Constraint[] {
  const bounds: Constraint[] = [];
  for (const field of index.fields) {
    const list = conditions.get(field);
    if (list === undefined) break;
    const constraints = list.length === 1 ? constraintsOf(list[0]) : list.flatMap(constraintsOf);
    if (constraints.length === 0) break;
    let chosen: Constraint;
    if (index.multikey) {
      // An array can satisfy `$gt` and `$lt` with different elements: bounds of two predicates
      // cannot be intersected on a multikey index, so take the tightest single one.
      chosen =
        constraints.find((constraint) => constraint.every(isPoint)) ??
        (constraints[0] as Constraint);
    } else {
      chosen = constraints.reduce((all, constraint) => intersect(all, constraint));
    }
    bounds.push(chosen);
    if (!chosen.every(isPoint)) break;
  }
  return bounds;
}

/** Where the requested sort lines up with the index after single-value equality fields. */
function sortProvision(
  index: IndexAccess,
  bounds: readonly Constraint[],
  sort: Array<[string, number]>,
): { positions: number[]; reverse: boolean } | undefined {
  if (sort.length === 0 || index.multikey) return undefined;
  for (let start = 0; start <= index.fields.length - sort.length; start++) {
    const before = bounds.slice(0, start);
    if (
      before.length < start ||
      !before.every((constraint) => constraint.length === 1 && isPoint(constraint[0] as Interval))
    ) {
      break;
    }
    const positions: number[] = [];
    let reverse: boolean | undefined;
    for (const [offset, [field, direction]] of sort.entries()) {
      const position = start + offset;
      if (index.fields[position] !== field) break;
      const flipped = direction !== index.directions[position];
      if (reverse === undefined) reverse = flipped;
      else if (reverse !== flipped) break;
      positions.push(position);
    }
    if (positions.length === sort.length) return { positions, reverse: reverse ?? false };
  }
  return undefined;
}

/** Whether the bounds on an index's first `bounded` fields decide every clause of the filter. */
function decidedByBounds(
  filter: Document,
  conditions: Map<string, unknown[]>,
  index: IndexAccess,
  bounded: number,
): boolean {
  for (const key in filter) if (key.startsWith('$')) return false;
  for (const [field, list] of conditions) {
    const position = index.fields.indexOf(field);
    if (position < 0 || position >= bounded || !list.every(boundsDecide)) return false;
    // On a multikey index only one predicate per field becomes bounds (see boundsFor).
    if (index.multikey && (list.length !== 1 || constraintsOf(list[0]).length !== 1)) return false;
  }
  return true;
}

/** Every combination of point values, when all of the index's fields have equality bounds. */
function pointKeysOf(index: IndexAccess, bounds: readonly Constraint[]): unknown[][] | undefined {
  if (
    bounds.length !== index.fields.length ||
    !bounds.every((constraint) => constraint.every(isPoint))
  ) {
    return undefined;
  }
  // One key, the usual case (a single equality per field), without building combinations.
  if (bounds.every((constraint) => constraint.length === 1)) {
    return [bounds.map((constraint) => (constraint[0] as Interval).low)];
  }
  let keys: unknown[][] = [[]];
  for (const constraint of bounds) {
    keys = keys.flatMap((key) => constraint.map((interval) => [...key, interval.low]));
  }
  return keys;
}

function keyRanges(index: IndexAccess, bounds: readonly Constraint[]): KeyRange[] {
  let prefixes: Array<{
    start: unknown[];
    end: unknown[];
    startAfter: boolean;
    endAfter: boolean;
  }> = [{ start: [], end: [], startAfter: false, endAfter: true }];
  bounds.forEach((constraint, position) => {
    const direction = index.directions[position] ?? 1;
    const ordered = direction < 0 ? [...constraint].reverse() : constraint;
    prefixes = prefixes.flatMap((prefix) =>
      ordered.map((interval) => {
        const [from, to, fromInclusive, toInclusive] =
          direction < 0
            ? [interval.high, interval.low, interval.highInclusive, interval.lowInclusive]
            : [interval.low, interval.high, interval.lowInclusive, interval.highInclusive];
        return {
          start: [...prefix.start, from],
          end: [...prefix.end, to],
          startAfter: !fromInclusive,
          endAfter: toInclusive,
        };
      }),
    );
  });
  if (bounds.length === 0) {
    return [{ start: { key: [LOWEST], after: false }, end: { key: [HIGHEST], after: true } }];
  }
  return prefixes.map((prefix) => ({
    start: { key: prefix.start, after: prefix.startAfter },
    end: { key: prefix.end, after: prefix.endAfter },
  }));
}

function usable(index: IndexAccess, filter: Document, bounds: readonly Constraint[]): boolean {
  if (index.numericPath) return false;
  if (
    index.partialFilterExpression !== undefined &&
    !filterImplies(filter, index.partialFilterExpression)
  ) {
    return false;
  }
  // A sparse index leaves out documents missing its fields, which null and unbounded scans need.
  if (index.sparse && (bounds.length === 0 || bounds.some(allowsNull))) return false;
  return true;
}

function hintedIndex(
  hint: unknown,
  indexes: readonly IndexAccess[],
): IndexAccess | 'natural' | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return undefined;
  if (isPlainObject(hint) && '$natural' in hint) return 'natural';
  const found = indexes.find((index) =>
    typeof hint === 'string'
      ? index.name === hint
      : canonicalKey(index.keyPattern) === canonicalKey(hint),
  );
  if (found === undefined) {
    throw new CommandError(
      ErrorCode.BadValue,
      'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
    );
  }
  return found;
}

function countKeys(doc: Document): number {
  let count = 0;
  for (const _key in doc) count += 1;
  return count;
}

/**
 * Chooses how to read a query, as mongod's planner would in spirit: `_id` equality by hash, else
 * the index with the longest run of bounded leading fields (equality first, then one range),
 * preferring one that also yields the requested sort; a collection scan when none applies.
 */
export function choosePlan(request: PlanRequest, indexes: readonly IndexAccess[]): Plan {
  const { filter } = request;
  const sort = sortFields(request.sort);
  const natural = request.sort?.$natural;
  const conditions = fieldConditions(filter);
  const hinted = hintedIndex(request.hint, indexes);
  const keyCount = countKeys(filter);
  const empty = keyCount === 0;
  if (hinted === 'natural' || (natural !== undefined && hinted === undefined)) {
    return { kind: 'collscan', reverse: natural === -1, exact: empty };
  }
  if (hinted === undefined) {
    const id = idEquality(conditions);
    if (id.found) {
      const exact = keyCount === 1 && conditions.get('_id')?.every(boundsDecide) === true;
      return { kind: 'idhack', id: id.id, exact };
    }
  }
  // The plan is built for the winner only: scoring is all the loop needs, and this runs for every
  // query.
  let best:
    | {
        index: IndexAccess;
        bounds: Constraint[];
        provision: { positions: number[]; reverse: boolean } | undefined;
        score: number;
      }
    | undefined;
  for (const index of hinted === undefined ? indexes : [hinted]) {
    const bounds = boundsFor(index, conditions);
    if (hinted === undefined && !usable(index, filter, bounds)) continue;
    const provision = sortProvision(index, bounds, sort);
    if (hinted === undefined && bounds.length === 0 && provision === undefined) continue;
    let equalities = 0;
    for (const constraint of bounds) if (constraint.every(isPoint)) equalities += 1;
    const fullyEqual = equalities === index.fields.length;
    const score =
      (fullyEqual && index.unique ? 1000 : 0) +
      equalities * 20 +
      (bounds.length - equalities) * 10 +
      (provision === undefined ? 0 : 5) -
      index.fields.length * 0.01;
    if (best === undefined || score > best.score) best = { index, bounds, provision, score };
  }
  if (best === undefined) return { kind: 'collscan', reverse: false, exact: empty };
  const { index, bounds, provision } = best;
  return new IndexScanPlan(
    decidedByBounds(filter, conditions, index, bounds.length),
    provision === undefined ? pointKeysOf(index, bounds) : undefined,
    index,
    bounds,
    provision,
  );
}

/**
 * An index scan plan; a class rather than an object literal with a getter, which V8 builds on a
 * slow path, and this is made for most queries.
 */
class IndexScanPlan {
  readonly kind = 'ixscan';
  readonly sortPositions: readonly number[] | undefined;
  readonly reverse: boolean;
  private computedRanges: readonly KeyRange[] | undefined;

  constructor(
    readonly exact: boolean,
    readonly pointKeys: ReadonlyArray<readonly unknown[]> | undefined,
    readonly index: IndexAccess,
    readonly bounds: readonly Constraint[],
    provision: { positions: number[]; reverse: boolean } | undefined,
  ) {
    this.sortPositions = provision?.positions;
    this.reverse = provision?.reverse ?? false;
  }

  /** Compound key ranges to scan, in index order (computed when first needed). */
  get ranges(): readonly KeyRange[] {
    this.computedRanges ??= keyRanges(this.index, this.bounds);
    return this.computedRanges;
  }
}

/** mongod's `indexBounds` explain field for an index scan. */
export function describeBounds(plan: Extract<Plan, { kind: 'ixscan' }>): Document {
  const described: Document = {};
  plan.index.fields.forEach((field, position) => {
    const direction = plan.index.directions[position] ?? 1;
    const constraint = plan.bounds[position];
    if (constraint === undefined) {
      described[field] = [direction < 0 ? '[MaxKey, MinKey]' : '[MinKey, MaxKey]'];
      return;
    }
    const ordered = direction < 0 ? [...constraint].reverse() : constraint;
    described[field] = ordered.map((interval) => describeInterval(interval, direction));
  });
  return described;
}

/** Whether two index entries tie on the sort fields (such runs are re-ordered by insertion). */
export function sameSortKeyAt(positions: readonly number[]) {
  return (a: KeyEntry, b: KeyEntry): boolean =>
    positions.every((position) => compareBson(a.key[position], b.key[position]) === 0);
}
