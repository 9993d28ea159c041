import { ObjectId } from 'bson';
import { compareBson, TypeEdge, typeRank, TypeRank } from './bson-order.js';
import { canonicalKey, isPlainObject, type Document } from './bson-values.js';

/**
 * An interval of BSON values in ascending value order. Ranges stay inside the type bracket of
 * their bound (`{$gt: 5}` covers numbers above 5, no strings), as mongod's query semantics do.
 */
export interface Interval {
  readonly low: unknown;
  readonly lowInclusive: boolean;
  readonly high: unknown;
  readonly highInclusive: boolean;
}

/** The intervals one predicate allows; an empty list matches nothing. */
export type Constraint = readonly Interval[];

function point(value: unknown): Interval {
  return { low: value, lowInclusive: true, high: value, highInclusive: true };
}

/** Values an equality can look up in an index exactly like mongod compares them. */
export function isPointValue(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return value instanceof Date || value instanceof ObjectId;
    default:
      return false;
  }
}

/** Bounds a range can use: null, NaN, regexes and documents fall back to scanning. */
function isRangeValue(value: unknown): boolean {
  return value !== null && isPointValue(value);
}

function isOperatorObject(condition: unknown): condition is Document {
  if (!isPlainObject(condition)) return false;
  for (const key in condition) return key.startsWith('$');
  return false;
}

/**
 * The ends of a type bracket for ranges. Numbers run from -Infinity to Infinity inclusive, which
 * leaves out NaN (mongod sorts it below every number, yet no range matches it).
 */
function bracketEnds(value: unknown): { low: unknown; high: unknown } {
  const rank = typeRank(value);
  if (rank === TypeRank.Number) return { low: -Infinity, high: Infinity };
  return { low: new TypeEdge(rank, 'low'), high: new TypeEdge(rank, 'high') };
}

function rangeFor(operator: string, value: unknown): Interval | undefined {
  if (!isRangeValue(value)) return undefined;
  const { low, high } = bracketEnds(value);
  switch (operator) {
    case '$gt':
      return { low: value, lowInclusive: false, high, highInclusive: true };
    case '$gte':
      return { low: value, lowInclusive: true, high, highInclusive: true };
    case '$lt':
      return { low, lowInclusive: true, high: value, highInclusive: false };
    case '$lte':
      return { low, lowInclusive: true, high: value, highInclusive: true };
    default:
      return undefined;
  }
}

const EXACT_OPERATORS = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte']);

/**
 * Whether index bounds alone decide `condition` exactly as mongod's matcher would: plain
 * equality, `$in` and ranges on non-null scalars. Then the filter need not run again on what the
 * index returns.
 */
export function boundsDecide(condition: unknown): boolean {
  if (!isOperatorObject(condition)) return isRangeValue(condition);
  for (const [operator, value] of Object.entries(condition)) {
    if (!EXACT_OPERATORS.has(operator)) return false;
    if (operator === '$in') {
      if (!Array.isArray(value) || !value.every(isRangeValue)) return false;
    } else if (!isRangeValue(value)) {
      return false;
    }
  }
  return true;
}

/** Sorted, de-duplicated point intervals, or undefined when a value cannot be looked up. */
function pointsFor(values: readonly unknown[]): Constraint | undefined {
  if (!values.every(isPointValue)) return undefined;
  const unique = new Map<string, unknown>();
  for (const value of values) unique.set(canonicalKey(value), value);
  return [...unique.values()].sort(compareBson).map(point);
}

/**
 * The constraints a field's condition puts on its values, one per operator that an index can
 * answer (equality, `$in`, ranges); operators it cannot answer add none and are left to the
 * filter, which always runs over what the index returns.
 */
export function constraintsOf(condition: unknown): Constraint[] {
  if (!isOperatorObject(condition)) {
    return isPointValue(condition) ? [[point(condition)]] : [];
  }
  const constraints: Constraint[] = [];
  for (const [operator, value] of Object.entries(condition)) {
    if (operator === '$eq') {
      if (isPointValue(value)) constraints.push([point(value)]);
    } else if (operator === '$in') {
      const points = Array.isArray(value) ? pointsFor(value) : undefined;
      if (points !== undefined) constraints.push(points);
    } else {
      const range = rangeFor(operator, value);
      if (range !== undefined) constraints.push([range]);
    }
  }
  return constraints;
}

/**
 * Conditions per field path from the filter's top level and its top-level `$and`s: the only
 * places where every clause must hold, so index bounds derived from them are safe. An
 * `$elemMatch` over documents also lends its fields' conditions to the dotted paths
 * (`roles: {$elemMatch: {areaId: x}}` bounds `roles.areaId`), as mongod's planner does: one
 * element satisfies each of them, so every match has a key inside those bounds. The `$elemMatch`
 * itself stays listed under its own path, so bounds never decide such a filter alone.
 */
export function fieldConditions(filter: Document): Map<string, unknown[]> {
  const byField = new Map<string, unknown[]>();
  collectConditions(filter, byField, '');
  return byField;
}

// A plain function rather than a closure: this runs for every query.
function collectConditions(
  clause: Document,
  byField: Map<string, unknown[]>,
  prefix: string,
): void {
  for (const field in clause) {
    const condition = clause[field];
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) {
        if (isPlainObject(part)) collectConditions(part, byField, prefix);
      }
      continue;
    }
    if (field.charCodeAt(0) === 36 /* $ */) continue;
    const path = prefix === '' ? field : prefix + field;
    const list = byField.get(path);
    if (list === undefined) byField.set(path, [condition]);
    else list.push(condition);
    if (isPlainObject(condition) && isPlainObject(condition.$elemMatch)) {
      collectConditions(condition.$elemMatch, byField, `${path}.`);
    }
  }
}

function lowerOf(a: Interval, b: Interval): { value: unknown; inclusive: boolean } {
  const order = compareBson(a.low, b.low);
  if (order > 0 || (order === 0 && !a.lowInclusive))
    return { value: a.low, inclusive: a.lowInclusive };
  return { value: b.low, inclusive: b.lowInclusive };
}

function upperOf(a: Interval, b: Interval): { value: unknown; inclusive: boolean } {
  const order = compareBson(a.high, b.high);
  if (order < 0 || (order === 0 && !a.highInclusive)) {
    return { value: a.high, inclusive: a.highInclusive };
  }
  return { value: b.high, inclusive: b.highInclusive };
}

/** Values allowed by both constraints. */
export function intersect(a: Constraint, b: Constraint): Constraint {
  const result: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const low = lowerOf(x, y);
      const high = upperOf(x, y);
      const order = compareBson(low.value, high.value);
      if (order < 0 || (order === 0 && low.inclusive && high.inclusive)) {
        result.push({
          low: low.value,
          lowInclusive: low.inclusive,
          high: high.value,
          highInclusive: high.inclusive,
        });
      }
    }
  }
  return result.sort((x, y) => compareBson(x.low, y.low));
}

export function isPoint(interval: Interval): boolean {
  return (
    interval.lowInclusive &&
    interval.highInclusive &&
    compareBson(interval.low, interval.high) === 0
  );
}

export function allowsNull(constraint: Constraint): boolean {
  return constraint.some(
    (interval) =>
      interval.low === null || interval.high === null || typeRank(interval.low) <= TypeRank.Null,
  );
}

/** mongod's explain notation: `[1, 5)`, `[MinKey, MaxKey]`. */
export function describeInterval(interval: Interval, direction: number): string {
  const show = (value: unknown): string => {
    if (value instanceof TypeEdge) {
      return value.end === 'low' ? `min ${rankName(value.rank)}` : `max ${rankName(value.rank)}`;
    }
    if (typeof value === 'string') return JSON.stringify(value);
    if (value instanceof Date) return `new Date(${value.getTime()})`;
    if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
    return String(value);
  };
  const [from, to, fromInclusive, toInclusive] =
    direction < 0
      ? [interval.high, interval.low, interval.highInclusive, interval.lowInclusive]
      : [interval.low, interval.high, interval.lowInclusive, interval.highInclusive];
  return `${fromInclusive ? '[' : '('}${show(from)}, ${show(to)}${toInclusive ? ']' : ')'}`;
}

function rankName(rank: number): string {
  return Object.entries(TypeRank).find(([, value]) => value === rank)?.[0] ?? String(rank);
}

/**
 * Whether every document matching `filter` also matches an index's partial filter, so the index
 * holds all of them: each clause of the partial filter appears literally in the filter, or is an
 * `$exists: true` that an equality, `$in` or range on a non-null value already implies.
 */
export function filterImplies(filter: Document, partial: Document): boolean {
  const conditions = fieldConditions(filter);
  const required = fieldConditions(partial);
  for (const [field, needed] of required) {
    const present = conditions.get(field) ?? [];
    for (const condition of needed) {
      const key = canonicalKey(asEquality(condition));
      if (present.some((candidate) => canonicalKey(asEquality(candidate)) === key)) continue;
      if (isExistsTrue(condition)) {
        const constraints = present.flatMap(constraintsOf);
        if (constraints.length > 0 && constraints.some((constraint) => !allowsNull(constraint))) {
          continue;
        }
      }
      return false;
    }
  }
  return true;
}

function asEquality(condition: unknown): unknown {
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.length === 1 && keys[0] === '$eq' && !isPlainObject(condition.$eq))
      return condition.$eq;
  }
  return condition;
}

function isExistsTrue(condition: unknown): boolean {
  if (!isPlainObject(condition)) return false;
  const keys = Object.keys(condition);
  return keys.length === 1 && keys[0] === '$exists' && Boolean(condition.$exists);
}
