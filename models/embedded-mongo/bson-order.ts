import { ObjectId } from 'bson';
import { isPlainObject, type Document } from './bson-values.js';

/**
 * mongod's canonical type ranks (BSONType canonicalisation): values of different ranks compare by
 * rank alone, so every number is below every string, every string below every object, and so on.
 */
export const TypeRank = {
  MinKey: -1,
  Undefined: 0,
  Null: 5,
  Number: 10,
  String: 15,
  Object: 20,
  Array: 25,
  Binary: 30,
  ObjectId: 35,
  Boolean: 40,
  Date: 45,
  Timestamp: 47,
  RegExp: 50,
  Code: 60,
  MaxKey: 127,
} as const;

/**
 * A bound at the very start or end of one type bracket: `{$gt: 5}` scans up to the end of the
 * numbers and no further, because mongod never compares a number with a string in a query.
 */
export class TypeEdge {
  constructor(
    readonly rank: number,
    readonly end: 'low' | 'high',
  ) {}
}

/**
 * How mongod indexes and sorts an empty array: as `undefined`, below null. A plain `[]` key would
 * sort among arrays instead.
 */
export const EMPTY_ARRAY_KEY = Symbol('empty array');

function bsonTag(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

export function typeRank(value: unknown): number {
  if (value === undefined || value === EMPTY_ARRAY_KEY) return TypeRank.Undefined;
  if (value === null) return TypeRank.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return TypeRank.Number;
    case 'string':
      return TypeRank.String;
    case 'boolean':
      return TypeRank.Boolean;
    case 'object':
      break;
    default:
      return TypeRank.Code;
  }
  if (value instanceof TypeEdge) return value.rank;
  if (Array.isArray(value)) return TypeRank.Array;
  if (value instanceof Date) return TypeRank.Date;
  if (value instanceof RegExp) return TypeRank.RegExp;
  switch (bsonTag(value)) {
    case undefined:
      return TypeRank.Object;
    case 'ObjectId':
      return TypeRank.ObjectId;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return TypeRank.Number;
    case 'Binary':
      return TypeRank.Binary;
    case 'Timestamp':
      return TypeRank.Timestamp;
    case 'BSONRegExp':
      return TypeRank.RegExp;
    case 'BSONSymbol':
      return TypeRank.String;
    case 'MinKey':
      return TypeRank.MinKey;
    case 'MaxKey':
      return TypeRank.MaxKey;
    case 'Code':
      return TypeRank.Code;
    default:
      return TypeRank.Object;
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const tag = bsonTag(value as object);
  if (tag === 'Long') return (value as { toNumber(): number }).toNumber();
  // Decimal128 and wrappers: close enough for ordering, exact for the values drivers send.
  return Number(String(value));
}

/** mongod orders NaN below every other number and equal to itself. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Binary (UTF-8 byte) order, which is code point order. JS compares UTF-16 code units, which puts
 * astral characters (surrogates, D800–DFFF) before U+E000–U+FFFF; shift them above.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 || y < 0xd800) return x < y ? -1 : 1;
    return shiftSurrogates(x) < shiftSurrogates(y) ? -1 : 1;
  }
  return sign(a.length - b.length);
}

// Module-level rather than a closure inside compareStrings: index maintenance calls that for
// every comparison, and a closure per call showed up in profiles.
function shiftSurrogates(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

/** The 24-bit words bson 7 keeps an ObjectId in (bytes 0–2, 3–5, 6–8, 9–11). */
interface ObjectIdWords {
  readonly i0: number;
  readonly i1: number;
  readonly i2: number;
  readonly i3: number;
}

function hasWords(value: object): value is ObjectIdWords {
  return typeof (value as Partial<ObjectIdWords>).i0 === 'number';
}

/**
 * ObjectIds in byte order. bson 7 holds them as four unsigned 24-bit words, which compare as the
 * bytes do; comparing hex strings instead allocated two strings per comparison, and every index
 * insert over ObjectId keys (the hand-out's visits) makes dozens of comparisons.
 */
function compareObjectIds(a: object, b: object): number {
  if (hasWords(a) && hasWords(b)) {
    if (a.i0 !== b.i0) return a.i0 < b.i0 ? -1 : 1;
    if (a.i1 !== b.i1) return a.i1 < b.i1 ? -1 : 1;
    if (a.i2 !== b.i2) return a.i2 < b.i2 ? -1 : 1;
    if (a.i3 !== b.i3) return a.i3 < b.i3 ? -1 : 1;
    return 0;
  }
  return compareStrings(
    (a as { toHexString(): string }).toHexString(),
    (b as { toHexString(): string }).toHexString(),
  );
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  }
  return 0;
}

function compareEntries(a: Array<[string, unknown]>, b: Array<[string, unknown]>): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const [keyA, valueA] = a[i] as [string, unknown];
    const [keyB, valueB] = b[i] as [string, unknown];
    const byType = typeRank(valueA) - typeRank(valueB);
    if (byType !== 0) return sign(byType);
    const byName = compareStrings(keyA, keyB);
    if (byName !== 0) return byName;
    const byValue = compareBson(valueA, valueB);
    if (byValue !== 0) return byValue;
  }
  return sign(a.length - b.length);
}

/** Total order of BSON values exactly as mongod compares them (simple binary collation). */
export function compareBson(a: unknown, b: unknown): number {
  // The common index keys first: same-typed strings and numbers need no type ranking.
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (a instanceof ObjectId && b instanceof ObjectId) return compareObjectIds(a, b);
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  if (a instanceof TypeEdge || b instanceof TypeEdge) {
    if (a instanceof TypeEdge && b instanceof TypeEdge) {
      return a.end === b.end ? 0 : a.end === 'low' ? -1 : 1;
    }
    if (a instanceof TypeEdge) return a.end === 'low' ? -1 : 1;
    return (b as TypeEdge).end === 'low' ? 1 : -1;
  }
  switch (rankA) {
    case TypeRank.Undefined:
    case TypeRank.Null:
    case TypeRank.MinKey:
    case TypeRank.MaxKey:
      return 0;
    case TypeRank.Number:
      return compareNumbers(toNumber(a), toNumber(b));
    case TypeRank.String:
      return compareStrings(String(a), String(b));
    case TypeRank.Boolean:
      return a === b ? 0 : a === false ? -1 : 1;
    case TypeRank.Date:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case TypeRank.ObjectId:
      return compareObjectIds(a as object, b as object);
    case TypeRank.Array:
      return compareEntries(
        (a as unknown[]).map((value, index) => [String(index), value]),
        (b as unknown[]).map((value, index) => [String(index), value]),
      );
    case TypeRank.Object:
      return compareEntries(Object.entries(a as Document), Object.entries(b as Document));
    case TypeRank.Binary: {
      const x = a as { sub_type: number; buffer: Uint8Array; position: number };
      const y = b as { sub_type: number; buffer: Uint8Array; position: number };
      const byLength = sign(x.position - y.position);
      if (byLength !== 0) return byLength;
      if (x.sub_type !== y.sub_type) return x.sub_type < y.sub_type ? -1 : 1;
      return compareBytes(x.buffer.subarray(0, x.position), y.buffer.subarray(0, y.position));
    }
    case TypeRank.Timestamp: {
      const x = a as { t: number; i: number };
      const y = b as { t: number; i: number };
      return x.t !== y.t ? sign(x.t - y.t) : sign(x.i - y.i);
    }
    case TypeRank.RegExp: {
      const x = a as { source?: string; pattern?: string; flags?: string; options?: string };
      const y = b as { source?: string; pattern?: string; flags?: string; options?: string };
      const byPattern = compareStrings(x.source ?? x.pattern ?? '', y.source ?? y.pattern ?? '');
      return byPattern !== 0
        ? byPattern
        : compareStrings(x.flags ?? x.options ?? '', y.flags ?? y.options ?? '');
    }
    default:
      return compareStrings(String(a), String(b));
  }
}

/**
 * Every value a sort on `path` sees in `doc`: array elements fan out, a missing field is null and
 * an empty array is EMPTY_ARRAY_KEY, as mongod's sort key generator does.
 */
export function sortValuesAt(doc: Document, path: string): unknown[] {
  // The common case, a top-level scalar: no walk, no fan-out.
  if (path.indexOf('.') < 0) {
    const value = doc[path];
    if (value !== undefined && !Array.isArray(value) && Object.hasOwn(doc, path)) return [value];
  }
  const values: unknown[] = [];
  visitSortPath(doc, path.split('.'), 0, values);
  if (values.length === 0) values.push(null);
  return values;
}

const DIGITS = /^\d+$/;

// A module-level function rather than a closure per call: sorts call this for every document.
function visitSortPath(
  value: unknown,
  parts: readonly string[],
  index: number,
  values: unknown[],
): void {
  if (index === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) values.push(EMPTY_ARRAY_KEY);
      else values.push(...(value as unknown[]));
    } else {
      values.push(value ?? null);
    }
    return;
  }
  const part = parts[index] as string;
  if (Array.isArray(value)) {
    if (DIGITS.test(part) && Number(part) < value.length) {
      visitSortPath(value[Number(part)], parts, index + 1, values);
      return;
    }
    for (const element of value) {
      if (isPlainObject(element)) visitSortPath(element, parts, index, values);
    }
    return;
  }
  if (isPlainObject(value) && part in value) {
    visitSortPath(value[part], parts, index + 1, values);
    return;
  }
  values.push(null);
}

/** The sort key of one field: the smallest value for ascending, the largest for descending. */
export function sortKeyAt(doc: Document, path: string, direction: number): unknown {
  const values = sortValuesAt(doc, path);
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const order = compareBson(values[i], best);
    if (direction > 0 ? order < 0 : order > 0) best = values[i];
  }
  return best;
}
