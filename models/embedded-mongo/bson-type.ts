import type { Decimal128, Double, Long } from 'bson';
import { evalExpr } from 'mingo/core';
import type { AnyObject, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { matchValuesAt, numericType, typedOriginal } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/**
 * `$type`, in queries and in expressions, and `$isNumber`, as mongod answers them. mingo's own
 * look at JavaScript types: they took a stored int64 for an int, an integral double for an int,
 * a decimal, an ObjectId, a timestamp or binary data for nothing at all. Stored values keep
 * their BSON types (bson-values.ts), and queries run on views with plain numbers, so `$type`
 * reads the typed document a view stands for (`typedOriginal`).
 * Left as it is: after a pipeline stage that builds new documents ($project, $addFields, $group,
 * ...) numbers are mingo's JavaScript numbers, so a later `$type` tells an int from a double by
 * value and sees an int64 as either.
 */

/** mongod's number for each BSON type, by the alias `$type` accepts for it. */
const TYPE_CODES: Readonly<Record<string, number>> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};
const ALIAS_OF = new Map(Object.entries(TYPE_CODES).map(([alias, code]) => [code, alias]));
const NUMBER_CODES = [1, 16, 18, 19];

const TAG_CODES: Readonly<Record<string, number>> = {
  ObjectId: 7,
  Binary: 5,
  Timestamp: 17,
  MinKey: -1,
  MaxKey: 127,
  BSONRegExp: 11,
  BSONSymbol: 14,
  DBRef: 3,
};

/** The BSON type number of a stored value; undefined for a missing field. */
export function bsonTypeCode(value: unknown): number | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return 2;
    case 'boolean':
      return 8;
    case 'function':
      return 13;
    default:
      break;
  }
  if (value === null) return 10;
  const numeric = numericType(value);
  if (numeric !== undefined) return TYPE_CODES[numeric];
  if (Array.isArray(value)) return 4;
  if (value instanceof Date) return 9;
  if (value instanceof RegExp) return 11;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (tag === 'Code') return (value as { scope?: unknown }).scope ? 15 : 13;
  return typeof tag === 'string' ? (TAG_CODES[tag] ?? 3) : 3;
}

function numberOf(value: unknown): number | undefined {
  switch (numericType(value)) {
    case undefined:
      return undefined;
    case 'long':
      return (value as Long).toNumber();
    case 'decimal':
      return Number((value as Decimal128).toString());
    default:
      return typeof value === 'number' ? value : (value as Double).value;
  }
}

/** mongod's name for the BSON type of a value ("string", "long", "missing" ...). */
export function bsonTypeName(value: unknown): string {
  const code = bsonTypeCode(value);
  return code === undefined ? 'missing' : (ALIAS_OF.get(code) ?? 'object');
}

/** The type numbers a `$type` argument names, refused as mongod refuses it. */
function typeCodesOf(argument: unknown, path: string): Set<number> {
  const listed = Array.isArray(argument) ? (argument as unknown[]) : [argument];
  if (Array.isArray(argument) && listed.length === 0) {
    throw new CommandError(ErrorCode.FailedToParse, `${path} must match at least one type`);
  }
  const codes = new Set<number>();
  for (const type of listed) {
    if (typeof type === 'string') {
      if (type === 'number') NUMBER_CODES.forEach((code) => codes.add(code));
      else if (type in TYPE_CODES) codes.add(TYPE_CODES[type] as number);
      else throw new CommandError(ErrorCode.BadValue, `Unknown type name alias: ${type}`);
      continue;
    }
    const code = numberOf(type);
    if (code === undefined) {
      throw new CommandError(
        ErrorCode.BadValue,
        'type must be represented as a number or a string',
      );
    }
    if (!ALIAS_OF.has(code)) {
      throw new CommandError(ErrorCode.BadValue, `Invalid numerical type code: ${code}`);
    }
    codes.add(code);
  }
  return codes;
}

/** `{field: {$type: …}}` */
export function $typeQuery(selector: string, argument: unknown): (doc: unknown) => boolean {
  const codes = typeCodesOf(argument, selector);
  const parts = selector.split('.');
  return (doc) =>
    matchValuesAt(typedOriginal(doc), parts).some((value) =>
      codes.has(bsonTypeCode(value) ?? Number.NaN),
    );
}

/** The document a pipeline stage's field paths read (mingo resolves `$a` from it). */
function rootOf(options: unknown): unknown {
  return (options as { local?: { root?: unknown } }).local?.root;
}

/** `{$type: <expression>}`: the alias of the value's type, "missing" for a missing field. */
export function $typeExpression(doc: AnyObject, expression: unknown, options: Options): string {
  // A field path is read from the typed document where there is one; anything computed has
  // mingo's JavaScript numbers, typed as mongod types a fresh int or double.
  const value =
    typeof expression === 'string' && /^\$[^$]/.test(expression)
      ? resolve(typedOriginal(rootOf(options) ?? doc) as AnyObject, expression.slice(1))
      : evalExpr(doc, expression, options);
  return bsonTypeName(value);
}

/** `{$isNumber: <expression>}`: int, long, double and decimal alike (mingo knew no decimal). */
export function $isNumberExpression(
  doc: AnyObject,
  expression: unknown,
  options: Options,
): boolean {
  return numericType(evalExpr(doc, expression, options)) !== undefined;
}
