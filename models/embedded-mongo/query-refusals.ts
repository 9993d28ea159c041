import * as mingoQueryOperators from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { isPlainObject, numericType } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

const mingo = mingoQueryOperators as unknown as Record<
  '$and' | '$or' | '$nor' | '$mod' | '$size',
  QueryOperator
>;

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
