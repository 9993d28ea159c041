import { evalExpr } from 'mingo/core';
import * as mingoQueryOperators from 'mingo/operators/query';
import type { AnyObject, Options } from 'mingo/types';
import { compareBson } from './bson-order.js';
import { matchValuesAt } from './bson-values.js';
import { equalsNull } from './equality.js';
import { CommandError, ErrorCode } from './errors.js';

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

/**
 * In aggregation expressions mongod compares any two values by the BSON order (numbers below
 * strings, dates above booleans, a missing field below null), where queries compare within one
 * type only. mingo compared expressions like queries: `{$gt: ['$v', null]}` was false for a
 * number, `{$lt: [2, 'a']}` false, and `{$eq: ['$missing', null]}` true (false in mongod).
 */
function comparingExpression(
  name: string,
  holdsFor: (order: number) => boolean | number,
): (doc: AnyObject, expression: unknown, options: Options) => boolean | number {
  return (doc, expression, options) => {
    const operands: unknown = evalExpr(doc, expression, options);
    if (!Array.isArray(operands) || operands.length !== 2) {
      const count = Array.isArray(operands) ? operands.length : 1;
      throw new CommandError(
        ErrorCode.ExpressionArity,
        `Expression ${name} takes exactly 2 arguments. ${count} were passed in.`,
      );
    }
    return holdsFor(compareBson(operands[0], operands[1]));
  };
}

export const $eqExpression = comparingExpression('$eq', (order) => order === 0);
export const $neExpression = comparingExpression('$ne', (order) => order !== 0);
export const $gtExpression = comparingExpression('$gt', (order) => order > 0);
export const $gteExpression = comparingExpression('$gte', (order) => order >= 0);
export const $ltExpression = comparingExpression('$lt', (order) => order < 0);
export const $lteExpression = comparingExpression('$lte', (order) => order <= 0);
export const $cmpExpression = comparingExpression('$cmp', (order) => Math.sign(order));
