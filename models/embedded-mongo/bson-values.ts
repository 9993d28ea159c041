import { Double, EJSON, Long, ObjectId, type Decimal128 } from 'bson';
import { decimalAsNumber } from './decimal.js';
import { CommandError, ErrorCode } from './errors.js';

/** A deserialised BSON document. */
export type Document = Record<string, unknown>;

/** BSON value classes (ObjectId, Decimal128, Binary, …) all carry a `_bsontype` tag. */
function bsonTypeOf(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

export function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A regular expression as a query operand: a JavaScript RegExp or a BSON one. */
export function isRegularExpression(value: unknown): boolean {
  return (
    value instanceof RegExp ||
    (value !== null && typeof value === 'object' && bsonTypeOf(value) === 'BSONRegExp')
  );
}

/** mongod's truth for an operand or expression value: false, null, missing and 0 are false. */
export function isTruthy(value: unknown): boolean {
  return value !== false && value !== null && value !== undefined && value !== 0;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A JS number that the bson serializer writes as int32 rather than double. */
function serializesAsInt32(value: number): boolean {
  return (
    Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0)
  );
}

/**
 * Stored documents keep BSON number types: a JS number stands for an int32 or for a double that
 * the serializer would write as a double anyway (fractional, out of int32 range, -0, NaN); a
 * `Double` wrapper for an integral double in int32 range (1.0) and a `Long` for every int64.
 * Turns what the deserializer gives with `promoteValues: false` into that form, in place.
 */
export function normalizeIncoming(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeIncoming(value[i]);
    return value;
  }
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (tag === 'Int32') return (value as { value: number }).value;
  if (tag === 'Double') {
    const number = (value as Double).value;
    return serializesAsInt32(number) ? value : number;
  }
  if (tag !== undefined || !isPlainObject(value)) return value;
  for (const key in value) value[key] = normalizeIncoming(value[key]);
  return value;
}

/** A number typed the way a fresh computation (mongod arithmetic on int32/double) yields it. */
export function numberAs(value: number, type: 'int' | 'long' | 'double'): unknown {
  switch (type) {
    case 'long':
      return Number.isInteger(value) ? Long.fromNumber(value) : value;
    case 'double':
      return serializesAsInt32(value) ? new Double(value) : value;
    default:
      // int32 arithmetic that leaves the int32 range becomes a long in mongod.
      return Number.isInteger(value) && !serializesAsInt32(value) && !Object.is(value, -0)
        ? Long.fromNumber(value)
        : value;
  }
}

/** The BSON numeric type of a stored value, or undefined for non-numbers. */
export function numericType(value: unknown): 'int' | 'long' | 'double' | 'decimal' | undefined {
  if (typeof value === 'number') return serializesAsInt32(value) ? 'int' : 'double';
  if (value === null || typeof value !== 'object') return undefined;
  switch ((value as { _bsontype?: unknown })._bsontype) {
    case 'Long':
      return 'long';
    case 'Double':
      return 'double';
    case 'Int32':
      return 'int';
    case 'Decimal128':
      return 'decimal';
    default:
      return undefined;
  }
}

function promotedNumber(value: object): number | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (tag === 'Long') return (value as Long).toNumber();
  if (tag === 'Double' || tag === 'Int32') return (value as { value: number }).value;
  if (tag === 'Decimal128') return decimalAsNumber(value as Decimal128);
  return undefined;
}

/** For each copy `promote` made (and each copy of a view handed to mingo), its typed value. */
const typedOriginals = new WeakMap<object, object>();

/** `copy` stands for the typed `original` (rememberTyped(copy, original) returns copy). */
export function rememberTyped<T extends object>(copy: T, original: object): T {
  if (copy !== original) typedOriginals.set(copy, original);
  return copy;
}

/**
 * The typed value a view (or a copy of one) stands for, or the value itself: `$type` must see
 * an int64 where the view holds a plain number (bson-type.ts).
 */
export function typedOriginal(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? (typedOriginals.get(value) ?? value) : value;
}

/**
 * The view queries run on: int64 and double wrappers, and decimals a double holds exactly
 * (decimal.ts), become plain numbers, as mingo compares them and as mongod compares numbers
 * across types. Copy-on-write: a value without wrappers is returned as is, so most documents
 * are their own view.
 */
export function promote<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const promoted = promote(item);
      if (promoted !== item) {
        copy ??= value.slice();
        copy[i] = promoted;
      }
    }
    return (copy ? rememberTyped(copy, value) : value) as T;
  }
  const number = promotedNumber(value);
  if (number !== undefined) return number as T;
  if (!isPlainObject(value)) return value;
  let copy: Document | undefined;
  for (const key in value) {
    const item = value[key];
    const promoted = promote(item);
    if (promoted !== item) {
      copy ??= { ...value };
      copy[key] = promoted;
    }
  }
  return (copy ? rememberTyped(copy, value) : value) as T;
}

/**
 * Deep copy of plain objects, arrays and Dates. BSON value classes are immutable in practice and
 * are shared, which keeps ObjectId/Decimal128 instances intact (structuredClone would strip their
 * prototypes and mingo would no longer compare them).
 */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (!isPlainObject(value)) return value;
  const copy: Document = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneValue(item);
  return copy as T;
}

export function cloneDocument(doc: Document): Document {
  return cloneValue(doc);
}

/**
 * A string that is equal for two values exactly when mongod's index would treat them as the same
 * key. Used for hash-map indexes and `_id` lookups; numbers of any BSON numeric type collapse to
 * one JS number after deserialisation, matching mongod's cross-type numeric equality.
 */
export function canonicalKey(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'd0' : `d${value}`;
    case 'bigint':
      return `d${value}`;
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'object':
      break;
    default:
      return `?${String(value)}`;
  }
  if (value instanceof Date) return `t${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (value instanceof RegExp) return `r${String(value)}`;
  const bsonType = bsonTypeOf(value);
  if (bsonType === 'ObjectId') return `o${(value as ObjectId).toHexString()}`;
  if (bsonType === 'Long' || bsonType === 'Int32' || bsonType === 'Double') {
    return `d${(value as { toString(): string }).toString()}`;
  }
  if (bsonType !== undefined) return `x${EJSON.stringify(value as Document, { relaxed: false })}`;
  const parts = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${canonicalKey(v)}`);
  return `{${parts.join(',')}}`;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return canonicalKey(a) === canonicalKey(b);
}

/**
 * `'$a.b'` → `'a.b'`: the field path an expression names; anything else (an expression, a
 * `$$variable`, a literal) → undefined.
 */
export function fieldPath(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('$') && !value.startsWith('$$')
    ? value.slice(1)
    : undefined;
}

/** Reads a dotted path without descending into arrays (used for `_id`-like scalar paths). */
export function getPath(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      current = current[Number(part)];
    } else if (isPlainObject(current)) {
      current = current[part];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Writes a dotted path, creating intermediate objects (upsert seeding from filters). */
export function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (isPlainObject(next)) {
      current = next;
    } else {
      const created: Document = {};
      current[part] = created;
      current = created;
    }
  }
  const last = parts[parts.length - 1];
  if (last !== undefined) current[last] = value;
}

/** What an index sees at one path of one document (see indexValuesAt). */
export interface IndexValues {
  values: unknown[];
  present: boolean;
  multikey: boolean;
}

const DIGITS = /^\d+$/;

/**
 * Every value a multikey index sees at `path`: arrays along the way and at the end fan out into
 * their elements, a missing field is `null` (so it collides on a non-sparse unique index, like
 * mongod). `present` reports whether the path exists at all, for sparse indexes; `multikey`
 * whether an array was crossed, which stops the planner from intersecting bounds on this field.
 * `parts` is `path` split at dots, for callers that keep it (every insert computes index keys).
 */
export function indexValuesAt(
  doc: Document,
  path: string,
  parts: readonly string[] = path.split('.'),
): IndexValues {
  // The common case, a top-level scalar: no walk, no fan-out.
  if (parts.length === 1) {
    const value = doc[path];
    if (value !== undefined && !Array.isArray(value) && Object.hasOwn(doc, path)) {
      return { values: [value], present: true, multikey: false };
    }
  }
  const found: IndexValues = { values: [], present: false, multikey: false };
  visitIndexPath(doc, parts, 0, found);
  if (found.values.length === 0) found.values.push(null);
  return found;
}

// A module-level function rather than a closure per call: this runs for every index of every
// stored document.
function visitIndexPath(
  value: unknown,
  parts: readonly string[],
  index: number,
  found: IndexValues,
): void {
  if (index === parts.length) {
    found.present = true;
    if (Array.isArray(value)) {
      found.multikey = true;
      // mongod indexes an empty array as `undefined`, distinct from null.
      if (value.length === 0) found.values.push([]);
      else found.values.push(...(value as unknown[]));
    } else {
      found.values.push(value ?? null);
    }
    return;
  }
  const part = parts[index] as string;
  if (Array.isArray(value)) {
    found.multikey = true;
    if (DIGITS.test(part)) visitIndexPath(value[Number(part)], parts, index + 1, found);
    for (const element of value) {
      if (isPlainObject(element)) visitIndexPath(element, parts, index, found);
    }
    return;
  }
  if (isPlainObject(value) && part in value) {
    visitIndexPath(value[part], parts, index + 1, found);
    return;
  }
  found.values.push(null);
}

/**
 * mongod's rules for a stored `_id`: no array, regex or undefined, and no `$`-prefixed field
 * names inside it (elsewhere they are allowed since 5.0).
 */
export function validateId(id: unknown): void {
  if (Array.isArray(id)) {
    throw new CommandError(ErrorCode.BadValue, "can't use an array for _id");
  }
  if (
    id instanceof RegExp ||
    (typeof id === 'object' && id !== null && bsonTypeOf(id) === 'BSONRegExp')
  ) {
    throw new CommandError(ErrorCode.BadValue, "can't use a regex for _id");
  }
  if (id === undefined) throw new CommandError(ErrorCode.BadValue, "can't use a undefined for _id");
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isPlainObject(value)) return;
    for (const [field, item] of Object.entries(value)) {
      if (field.startsWith('$')) {
        throw new CommandError(
          ErrorCode.DollarPrefixedFieldName,
          `_id fields may not contain '$'-prefixed fields: ${field} is not valid for storage.`,
        );
      }
      visit(item);
    }
  };
  visit(id);
}

/** Puts `_id` first, as mongod stores it, generating an ObjectId when the client sent none. */
export function withId(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id: id, ...rest } = doc;
  return { _id: id === undefined ? new ObjectId() : id, ...rest };
}

/** Renders a key value the way mongod prints it in E11000 messages: `{ email: "a@b.dk" }`. */
export function formatKeyValue(keyValue: Document): string {
  const parts = Object.entries(keyValue).map(([field, value]) => `${field}: ${formatValue(value)}`);
  return `{ ${parts.join(', ')} }`;
}

/** A value as mongod writes it into messages (`"text"`, `5`, `ObjectId('…')`). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (typeof value === 'object' && bsonTypeOf(value) === 'ObjectId') {
    return `ObjectId('${(value as ObjectId).toHexString()}')`;
  }
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isPlainObject(value)) return formatKeyValue(value);
  return EJSON.stringify(value as Document);
}

/**
 * The values `distinct` reports for `path`: arrays contribute their elements, missing fields
 * contribute nothing (unlike an index, which records them as null).
 */
export function fieldValuesAt(doc: Document, path: string): unknown[] {
  const values: unknown[] = [];
  const parts = path.split('.');
  const visit = (value: unknown, index: number): void => {
    if (index === parts.length) {
      if (Array.isArray(value)) values.push(...value);
      else if (value !== undefined) values.push(value);
      return;
    }
    const part = parts[index] as string;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part)) visit(value[Number(part)], index + 1);
      else for (const element of value) if (isPlainObject(element)) visit(element, index);
    } else if (isPlainObject(value)) {
      visit(value[part], index + 1);
    }
  };
  visit(doc, 0);
  return values;
}

/**
 * The values a query operator compares for `path`, as mongod's matcher walks it: arrays along
 * the way fan out into their documents (and the element a numeric part names), and an array at
 * the end counts both as itself and by each of its elements. A missing field gives nothing.
 */
export function matchValuesAt(doc: unknown, parts: readonly string[]): unknown[] {
  const values: unknown[] = [];
  visitMatchPath(doc, parts, 0, values);
  return values;
}

function visitMatchPath(value: unknown, parts: readonly string[], index: number, out: unknown[]) {
  if (index === parts.length) {
    if (value === undefined) return;
    out.push(value);
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    return;
  }
  const part = parts[index] as string;
  if (Array.isArray(value)) {
    if (DIGITS.test(part)) visitMatchPath(value[Number(part)], parts, index + 1, out);
    for (const element of value as unknown[]) {
      if (isPlainObject(element)) visitMatchPath(element[part], parts, index + 1, out);
    }
  } else if (isPlainObject(value)) {
    visitMatchPath(value[part], parts, index + 1, out);
  }
}

/**
 * `projected` with its fields in the order `stored` holds them (`_id` first), fields `stored`
 * lacks (computed ones) after them: how mongod orders a projection's output. mingo gave the
 * projection's order, `_id` last.
 */
export function inStoredOrder(projected: Document, stored: Document): Document {
  const ordered: Document = {};
  for (const key of Object.keys(stored)) {
    if (!(key in projected)) continue;
    const value = projected[key];
    const original = stored[key];
    ordered[key] =
      isPlainObject(value) && isPlainObject(original) ? inStoredOrder(value, original) : value;
  }
  for (const key of Object.keys(projected)) if (!(key in ordered)) ordered[key] = projected[key];
  return ordered;
}
