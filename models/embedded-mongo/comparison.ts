import * as mingoQueryOperators from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { matchValuesAt } from './bson-values.js';
import { equalsNull } from './equality.js';

/**
 * `$gt`, `$gte`, `$lt` and `$lte` where mingo answered otherwise than mongod:
 *   - null: `$gte`/`$lte` match what `{field: null}` matches, a missing field among them (null
 *     and missing compare equal in mongod); mingo matched only a stored null.
 *   - NaN: never greater or less than anything; `$gte`/`$lte` NaN match NaN only. mingo took a
 *     stored NaN for `$gte: 0` and `$gte: NaN` for every number.
 * Numbers are compared here (the query view holds every numeric type as a number, decimal.ts);
 * other operands keep mingo's comparison, which brackets types as mongod does.
 */

type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;
type Comparison = '$gt' | '$gte' | '$lt' | '$lte';

const mingo = mingoQueryOperators as unknown as Record<Comparison, QueryOperator>;

const holds: Record<Comparison, (value: number, operand: number) => boolean> = {
  $gt: (value, operand) => value > operand,
  $gte: (value, operand) => value >= operand,
  $lt: (value, operand) => value < operand,
  $lte: (value, operand) => value <= operand,
};

function comparing(operator: Comparison): QueryOperator {
  const orEqual = operator === '$gte' || operator === '$lte';
  return (selector, operand, options) => {
    if (operand === null) return orEqual ? equalsNull(selector) : () => false;
    if (typeof operand !== 'number') return mingo[operator](selector, operand, options);
    const parts = selector.split('.');
    const test = Number.isNaN(operand)
      ? (value: number) => orEqual && Number.isNaN(value)
      : (value: number) => holds[operator](value, operand);
    return (doc) =>
      matchValuesAt(doc, parts).some((value) => typeof value === 'number' && test(value));
  };
}

export const $gtQuery = comparing('$gt');
export const $gteQuery = comparing('$gte');
export const $ltQuery = comparing('$lt');
export const $lteQuery = comparing('$lte');
