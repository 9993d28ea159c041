import { compareBson, sortKeyAt } from './bson-order.js';
import { compileAggregation, compileQuery } from './mingo.js';
import { inStoredOrder, isPlainObject, type Document } from './bson-values.js';
import type { Collection, StoredDocument } from './collection.js';
import { CommandError, ErrorCode } from './errors.js';
import type { KeyEntry } from './ordered-keys.js';
import { choosePlan, sameSortKeyAt, type Plan } from './planner.js';
import { refuseMixedProjection } from './projection.js';

export interface FindSpec {
  readonly filter?: Document | undefined;
  readonly sort?: Document | undefined;
  readonly projection?: Document | undefined;
  readonly skip?: number | undefined;
  /** 0 or absent: no limit. */
  readonly limit?: number | undefined;
  readonly hint?: unknown;
  /** Variables (`let`) the filter's `$expr` may reference as `$$name`. */
  readonly variables?: Document | undefined;
}

/** What a query cost, for `explain`: mongod's executionStats counters and the chosen plan. */
export interface QueryStats {
  plan: Plan | undefined;
  keysExamined: number;
  docsExamined: number;
  nReturned: number;
  /** The sort ran in memory rather than coming from the index order. */
  inMemorySort: boolean;
}

export function newQueryStats(): QueryStats {
  return { plan: undefined, keysExamined: 0, docsExamined: 0, nReturned: 0, inMemorySort: false };
}

type Matcher = (view: Document) => boolean;

/** A compiled filter, or undefined for the empty filter that matches everything. */
function matcherFor(filter: Document, variables?: Document): Matcher | undefined {
  for (const _key in filter) {
    const query = compileQuery(filter, variables);
    return (view) => query.test(view);
  }
  return undefined;
}

function validateSort(sort: Document | undefined): void {
  if (sort === undefined) return;
  for (const [field, direction] of Object.entries(sort)) {
    if (field === '$natural') continue;
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        ErrorCode.BadValue,
        `$sort key ordering must be 1 (for ascending) or -1 (for descending)`,
      );
    }
  }
}

function sortsByFields(sort: Document | undefined): boolean {
  if (sort === undefined) return false;
  for (const field in sort) if (field !== '$natural') return true;
  return false;
}

/**
 * Stable sort in mongod's order: per field the smallest (ascending) or largest (descending) value
 * an array holds, missing fields as null, BSON type order across types.
 */
export function sortStored(docs: StoredDocument[], sort: Document | undefined): StoredDocument[] {
  if (!sortsByFields(sort)) return docs;
  validateSort(sort);
  const fields = Object.entries(sort as Document).filter(
    ([field]) => field !== '$natural',
  ) as Array<[string, number]>;
  const keyed = docs.map((stored, position) => ({
    stored,
    position,
    keys: fields.map(([field, direction]) => sortKeyAt(stored.view, field, direction)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const order = compareBson(a.keys[i], b.keys[i]) * (fields[i] as [string, number])[1];
      if (order !== 0) return order;
    }
    return a.position - b.position;
  });
  return keyed.map((entry) => entry.stored);
}

/** Matching documents from an index scan in the sort order, equal sort keys in natural order. */
function* sortedFromIndex(
  collection: Collection,
  plan: Extract<Plan, { kind: 'ixscan' }>,
  stats: QueryStats,
): Generator<StoredDocument> {
  const sameSortKey = sameSortKeyAt(plan.sortPositions ?? []);
  const seen = plan.index.multikey ? new Set<string>() : undefined;
  const ranges = plan.reverse ? [...plan.ranges].reverse() : plan.ranges;
  let run: KeyEntry[] = [];
  const flush = function* (): Generator<StoredDocument> {
    if (run.length > 1) run.sort((a, b) => a.seq - b.seq);
    for (const entry of run) {
      const stored = collection.byIdKey(entry.idKey);
      if (stored !== undefined) yield stored;
    }
    run = [];
  };
  for (const range of ranges) {
    for (const entry of plan.index.scan(range.start, range.end, plan.reverse)) {
      stats.keysExamined += 1;
      if (seen !== undefined) {
        if (seen.has(entry.idKey)) continue;
        seen.add(entry.idKey);
      }
      const first = run[0];
      if (first !== undefined && !sameSortKey(first, entry)) yield* flush();
      run.push(entry);
    }
  }
  yield* flush();
}

/** Candidate documents of a plan, in natural order (what a collection scan would yield). */
function candidatesInNaturalOrder(
  collection: Collection,
  plan: Plan,
  stats: QueryStats,
  /** How many matches the caller reads at most (Infinity: all of them). */
  wanted: number,
): Iterable<StoredDocument> {
  switch (plan.kind) {
    case 'collscan':
      return plan.reverse ? [...collection.stored()].reverse() : collection.stored();
    case 'idhack': {
      stats.keysExamined += 1;
      const stored = collection.byId(plan.id);
      return stored === undefined ? [] : [stored];
    }
    case 'ixscan': {
      if (plan.pointKeys?.length === 1) {
        // One whole-key lookup (findOne by a unique field, the commonest query): no de-duplication
        // across keys needed.
        const list: StoredDocument[] = [];
        for (const idKey of plan.index.lookup(plan.pointKeys[0] as readonly unknown[])) {
          stats.keysExamined += 1;
          const stored = collection.byIdKey(idKey);
          if (stored !== undefined) list.push(stored);
        }
        return list.length > 1 ? list.sort((a, b) => a.seq - b.seq) : list;
      }
      const found = new Map<string, StoredDocument>();
      if (plan.pointKeys !== undefined) {
        for (const key of plan.pointKeys) {
          for (const idKey of plan.index.lookup(key)) {
            stats.keysExamined += 1;
            if (found.has(idKey)) continue;
            const stored = collection.byIdKey(idKey);
            if (stored !== undefined) found.set(idKey, stored);
          }
        }
        const list = [...found.values()];
        return list.length > 1 ? list.sort((a, b) => a.seq - b.seq) : list;
      }
      return rangeCandidates(collection, plan, stats, wanted);
    }
  }
}

/** At most this many first matches are picked out of a range scan without sorting all of it. */
const SMALL_WINDOW = 64;

/**
 * A range scan's documents in natural order. Entries are ordered by insertion sequence before
 * any document is fetched; when the bounds decide the filter and only the first `wanted` are
 * needed (findOne by `$in` and a range), those are picked out without sorting the rest.
 */
function rangeCandidates(
  collection: Collection,
  plan: Extract<Plan, { kind: 'ixscan' }>,
  stats: QueryStats,
  wanted: number,
): Iterable<StoredDocument> {
  // Ranges of a single-key index are disjoint, so a document turns up once; an array puts
  // several keys of one document into a multikey index.
  const scanned: KeyEntry[] = [];
  for (const range of plan.ranges) plan.index.collect(range.start, range.end, scanned);
  stats.keysExamined += scanned.length;
  let entries = scanned;
  if (plan.index.multikey) {
    const seen = new Set<string>();
    entries = scanned.filter((entry) => {
      if (seen.has(entry.idKey)) return false;
      seen.add(entry.idKey);
      return true;
    });
  }
  const picked =
    plan.exact && wanted <= SMALL_WINDOW && entries.length > wanted
      ? firstBySeq(entries, wanted)
      : entries.length > 1
        ? entries.sort((a, b) => a.seq - b.seq)
        : entries;
  return fetchInOrder(collection, picked);
}

/** The `count` entries of lowest insertion sequence, in that order (count is small). */
function firstBySeq(entries: readonly KeyEntry[], count: number): KeyEntry[] {
  const best: KeyEntry[] = [];
  for (const entry of entries) {
    if (best.length === count && entry.seq >= (best[count - 1] as KeyEntry).seq) continue;
    let position = best.length;
    while (position > 0 && (best[position - 1] as KeyEntry).seq > entry.seq) position -= 1;
    best.splice(position, 0, entry);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Documents of `entries`, fetched only as the caller reads on (it stops at its limit). */
function* fetchInOrder(
  collection: Collection,
  entries: readonly KeyEntry[],
): Generator<StoredDocument> {
  for (const entry of entries) {
    const stored = collection.byIdKey(entry.idKey);
    if (stored !== undefined) yield stored;
  }
}

/**
 * find semantics on stored documents: filter → sort → skip → limit, reading through the best
 * index. Results are the same as a full scan would give: natural order unless sorted, and equal
 * sort keys in natural order.
 */
export function queryStored(
  collection: Collection | undefined,
  spec: FindSpec,
  stats: QueryStats = newQueryStats(),
): StoredDocument[] {
  validateSort(spec.sort);
  if (collection === undefined) return [];
  const filter = spec.filter ?? {};
  const skip = spec.skip ?? 0;
  const limit = spec.limit ?? 0;
  const wanted = limit > 0 ? skip + limit : Infinity;
  const plan = choosePlan({ filter, sort: spec.sort, hint: spec.hint }, collection.indexAccess());
  stats.plan = plan;
  const matches = plan.exact ? undefined : matcherFor(filter, spec.variables);
  const sorted = sortsByFields(spec.sort);
  const fromIndexOrder = plan.kind === 'ixscan' && plan.sortPositions !== undefined && sorted;
  const stopEarly = fromIndexOrder || !sorted;
  const source = fromIndexOrder
    ? sortedFromIndex(collection, plan, stats)
    : candidatesInNaturalOrder(collection, plan, stats, stopEarly ? wanted : Infinity);
  let matched: StoredDocument[] = [];
  for (const stored of source) {
    stats.docsExamined += 1;
    if (matches !== undefined && !matches(stored.view)) continue;
    matched.push(stored);
    if (stopEarly && matched.length >= wanted) break;
  }
  if (sorted && !fromIndexOrder) {
    stats.inMemorySort = true;
    matched = sortStored(matched, spec.sort);
  }
  const window =
    skip > 0 || limit > 0 ? matched.slice(skip, limit > 0 ? skip + limit : undefined) : matched;
  stats.nReturned = window.length;
  return window;
}

/** Stored documents matching `filter`, in natural order. */
export function matchStored(
  collection: Collection | undefined,
  filter: Document = {},
  stats?: QueryStats,
): StoredDocument[] {
  return queryStored(collection, { filter }, stats);
}

/**
 * Applies a find projection. A positional one (`'visits.$': 1`) shows the first array element
 * the filter matched, so it needs the filter (without it, mingo showed `[null]`).
 */
export function projectDocuments(
  docs: Document[],
  projection: Document | undefined,
  filter: Document = {},
): Document[] {
  if (projection === undefined || Object.keys(projection).length === 0) return docs;
  refuseMixedProjection(projection);
  const positional = Object.keys(projection).some((path) => path.endsWith('.$'));
  const plain = compileQuery({});
  const query = positional ? compileQuery(filter) : plain;
  return docs.map((doc) => {
    const [projected] = query.find([doc], projection).all() as Document[];
    // The typed document may not match where its view did (an int64 against a number).
    const [fallback] = projected ? [] : (plain.find([doc], projection).all() as Document[]);
    return inStoredOrder(projected ?? fallback ?? {}, doc);
  });
}

export function projectDocument(
  doc: Document,
  projection: Document | undefined,
  filter?: Document,
): Document {
  return projectDocuments([doc], projection, filter)[0] ?? doc;
}

/** find semantics: filter → sort → skip → limit → projection, typed documents out. */
export function findDocuments(
  collection: Collection | undefined,
  spec: FindSpec,
  stats?: QueryStats,
): Document[] {
  const found = queryStored(collection, spec, stats).map((stored) => stored.doc);
  return projectDocuments(found, spec.projection, spec.filter);
}

/**
 * A command's `let`: each value is an expression (`{$literal: '$x'}`, `{$add: [1, 2]}`),
 * evaluated once before `$$name` references see it.
 */
export function letVariables(body: Document): Document | undefined {
  const raw = optionalDocument(body, 'let');
  if (raw === undefined || Object.keys(raw).length === 0) return undefined;
  const [evaluated] = compileAggregation([{ $replaceWith: raw }]).run([{}]) as Document[];
  return evaluated;
}

/** Reads an optional sub-document argument, rejecting other types like mongod. */
export function optionalDocument(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      `BSON field '${field}' is the wrong type, expected type 'object'`,
    );
  }
  return value;
}

export function optionalNumber(body: Document, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (
    typeof value === 'object' &&
    typeof (value as { toNumber?: unknown }).toNumber === 'function'
  ) {
    return (value as { toNumber(): number }).toNumber();
  }
  throw new CommandError(
    ErrorCode.TypeMismatch,
    `BSON field '${field}' is the wrong type, expected a number`,
  );
}
