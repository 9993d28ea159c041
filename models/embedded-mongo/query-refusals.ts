import * as mingoQueryOperators from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { bsonTypeName } from './bson-type.js';
import { isPlainObject, isRegularExpression, numericType } from './bson-values.js';
import { $eqQuery } from './equality.js';
import { CommandError, ErrorCode } from './errors.js';

type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

type Checked =
  | '$and'
  | '$or'
  | '$nor'
  | '$mod'
  | '$size'
  | '$all'
  | '$regex'
  | '$elemMatch'
  | '$not'
  | '$bitsAllClear'
  | '$bitsAllSet'
  | '$bitsAnyClear'
  | '$bitsAnySet';

const mingo = mingoQueryOperators as unknown as Record<Checked, QueryOperator>;

/**
 * `$and`, `$or` and `$nor` take a non-empty list of filters, or mongod refuses the query. mingo
 * took an empty `$and` for "everything": a filter built from an empty list of conditions would
 * read every document here and fail against mongod.
 */
function refusingEmpty(operator: '$and' | '$or' | '$nor'): QueryOperator {
  return (selector, value, options) => {
    if (!Array.isArray(value) || value.length === 0) {
      throw new CommandError(ErrorCode.BadValue, '$and/$or/$nor must be a nonempty array');
    }
    if (!value.every(isPlainObject)) {
      throw new CommandError(ErrorCode.BadValue, '$or/$and/$nor entries need to be full objects');
    }
    return mingo[operator](selector, value, options);
  };
}

export const $andQuery = refusingEmpty('$and');
export const $orQuery = refusingEmpty('$or');
export const $norQuery = refusingEmpty('$nor');

/**
 * `$mod` takes `[divisor, remainder]`, numbers, the divisor not 0, or mongod refuses the query.
 * mingo answered "no document" to a divisor of 0 and to a malformed list.
 */
export function $modQuery(selector: string, value: unknown, options: Options): Predicate {
  if (!Array.isArray(value)) {
    throw new CommandError(ErrorCode.BadValue, 'malformed mod, needs to be an array');
  }
  if (value.length < 2) {
    throw new CommandError(ErrorCode.BadValue, 'malformed mod, not enough elements');
  }
  if (value.length > 2) {
    throw new CommandError(ErrorCode.BadValue, 'malformed mod, too many elements');
  }
  const [divisor, remainder] = value as [unknown, unknown];
  if (numericType(divisor) === undefined) {
    throw new CommandError(ErrorCode.BadValue, 'malformed mod, divisor not a number');
  }
  if (numericType(remainder) === undefined) {
    throw new CommandError(ErrorCode.BadValue, 'malformed mod, remainder not a number');
  }
  if (Number(divisor) === 0) throw new CommandError(ErrorCode.BadValue, 'divisor cannot be 0');
  return mingo.$mod(selector, value, options);
}

/**
 * `$size` takes a whole, non-negative number that fits 32 bits, or mongod refuses the query.
 * mingo answered "no document" to `{$size: 1.5}`, `{$size: -1}` and `{$size: '1'}`.
 */
export function $sizeQuery(selector: string, value: unknown, options: Options): Predicate {
  if (typeof value !== 'number') throw new CommandError(ErrorCode.BadValue, '$size needs a number');
  if (!Number.isInteger(value)) {
    throw new CommandError(ErrorCode.BadValue, '$size must be a whole number');
  }
  if (Math.abs(value) > 2_147_483_647) {
    throw new CommandError(ErrorCode.BadValue, '$size must be representable as a 32-bit integer');
  }
  if (value < 0) throw new CommandError(ErrorCode.BadValue, '$size may not be negative');
  return mingo.$size(selector, value, options);
}

/**
 * Operands of the wrong shape, which mongod refuses and mingo answered with "no document" (or,
 * for `$not: 1` and `$not: {}`, with documents): `$elemMatch` without a document, `$not`
 * without a regular expression or a non-empty document.
 */
function requiring(
  operator: Checked,
  check: (value: unknown) => string | undefined,
): QueryOperator {
  return (selector, value, options) => {
    const problem = check(value);
    if (problem !== undefined) throw new CommandError(ErrorCode.BadValue, problem);
    return mingo[operator](selector, value, options);
  };
}

/**
 * `$all: [a, b]` is `{field: a}` and `{field: b}`: each value matches by equality, so an array
 * value matches a field that is that array as well as one that holds it (mingo only the latter).
 * `$elemMatch` entries keep mingo's answer.
 */
export function $allQuery(selector: string, values: unknown, options: Options): Predicate {
  if (!Array.isArray(values)) throw new CommandError(ErrorCode.BadValue, '$all needs an array');
  if (values.length === 0) return () => false;
  const each = values.map((value) => {
    if (isPlainObject(value) && '$elemMatch' in value)
      return mingo.$all(selector, [value], options);
    if (isRegularExpression(value)) return mingo.$regex(selector, value, options);
    return $eqQuery(selector, value, options);
  });
  return (doc) => each.every((matches) => matches(doc));
}

export const $elemMatchQuery = requiring('$elemMatch', (value) =>
  isPlainObject(value) ? undefined : '$elemMatch needs an Object',
);

export const $notQuery = requiring('$not', (value) => {
  if (isRegularExpression(value)) return undefined;
  if (!isPlainObject(value)) return '$not needs a regex or a document';
  return Object.keys(value).length === 0 ? '$not cannot be empty' : undefined;
});

const regexOperand = (value: unknown): string | undefined =>
  typeof value === 'string' || isRegularExpression(value) ? undefined : '$regex has to be a string';

/**
 * mingo turns `{$regex: x, $options: o}` into a regular expression before any operator sees it,
 * so `{$regex: 1}` became /1/. Checked on the whole filter before it is compiled.
 */
export function refuseMalformedRegex(filter: unknown): void {
  if (Array.isArray(filter)) {
    for (const item of filter) refuseMalformedRegex(item);
    return;
  }
  if (!isPlainObject(filter)) return;
  for (const [key, value] of Object.entries(filter)) {
    const problem = key === '$regex' ? regexOperand(value) : undefined;
    if (problem !== undefined) throw new CommandError(ErrorCode.BadValue, problem);
    refuseMalformedRegex(value);
  }
}

/**
 * The bit tests take a bit mask (a whole, non-negative number), a list of bit positions, or
 * binary data. mongod refuses anything else; mingo matched a fractional mask against its whole
 * part and a string or a negative mask against nothing.
 */
function bitTest(operator: Extract<Checked, `$bits${string}`>): QueryOperator {
  return (selector, value, options) => {
    const shown = `${operator}: ${formatOperand(value)}`;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) {
        throw new CommandError(ErrorCode.FailedToParse, `Expected an integer: ${shown}`);
      }
      if (value < 0) {
        throw new CommandError(ErrorCode.FailedToParse, `Expected a positive number in: ${shown}`);
      }
    } else if (!Array.isArray(value) && bsonTypeName(value) !== 'binData') {
      throw new CommandError(
        ErrorCode.BadValue,
        `${selector} takes an Array, a number, or a BinData but received: ${shown}`,
      );
    }
    return mingo[operator](selector, value, options);
  };
}

function formatOperand(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export const $bitsAllClearQuery = bitTest('$bitsAllClear');
export const $bitsAllSetQuery = bitTest('$bitsAllSet');
export const $bitsAnyClearQuery = bitTest('$bitsAnyClear');
export const $bitsAnySetQuery = bitTest('$bitsAnySet');
