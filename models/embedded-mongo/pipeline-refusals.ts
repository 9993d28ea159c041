import { evalExpr } from 'mingo/core';
import * as mingoExpressions from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { bsonTypeName } from './bson-type.js';
import { isPlainObject, isTruthy, type Document } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/**
 * Pipelines mongod refuses and mingo ran, answering something: an empty `$sort` (mingo left the
 * order as it was), an empty `$project` (mingo passed documents through), and an accumulator
 * that takes one expression given a list in `$group` (`{$sum: ['$a', 1]}`: mingo summed
 * nothing and said 0).
 */
export function refuseMalformedStages(pipeline: readonly unknown[]): void {
  for (const stage of pipeline) {
    if (!isPlainObject(stage)) continue;
    if (isPlainObject(stage.$sort) && Object.keys(stage.$sort).length === 0) {
      throw new CommandError(ErrorCode.EmptySort, '$sort stage must have at least one sort key');
    }
    if (isPlainObject(stage.$project) && Object.keys(stage.$project).length === 0) {
      throw new CommandError(
        ErrorCode.EmptyProjection,
        'Invalid $project :: caused by :: projection specification must have at least one field',
      );
    }
    if (isPlainObject(stage.$group)) refuseListsForUnaryAccumulators(stage.$group);
  }
}

const UNARY_ACCUMULATORS = new Set([
  '$sum',
  '$avg',
  '$first',
  '$last',
  '$max',
  '$min',
  '$push',
  '$addToSet',
  '$mergeObjects',
  '$stdDevPop',
  '$stdDevSamp',
]);

function refuseListsForUnaryAccumulators(group: Document): void {
  for (const [field, accumulator] of Object.entries(group)) {
    if (field === '_id' || !isPlainObject(accumulator)) continue;
    for (const [operator, argument] of Object.entries(accumulator)) {
      if (UNARY_ACCUMULATORS.has(operator) && Array.isArray(argument)) {
        throw new CommandError(
          ErrorCode.UnaryAccumulator,
          `The ${operator} accumulator is a unary operator`,
        );
      }
    }
  }
}

type Expression = (doc: AnyObject, expression: unknown, options: Options) => unknown;
const mingo = mingoExpressions as unknown as Record<'$size' | '$mod', Expression>;

/** `$size` of anything but an array fails in mongod; mingo answered null. */
export function $sizeExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const value: unknown = evalExpr(
    doc,
    Array.isArray(expression) ? expression[0] : expression,
    options,
  );
  if (!Array.isArray(value)) {
    throw new CommandError(
      ErrorCode.SizeOfNonArray,
      `The argument to $size must be an array. Type of argument: ${bsonTypeName(value)}`,
    );
  }
  return mingo.$size(doc, expression, options);
}

/** `$mod` by zero fails in mongod; mingo answered null. */
export function $modExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const operands: unknown = evalExpr(doc, expression, options);
  if (Array.isArray(operands) && operands[1] === 0) {
    throw new CommandError(ErrorCode.ModByZero, "can't $mod by zero");
  }
  return mingo.$mod(doc, expression, options);
}

/**
 * `$switch` with no matching branch and no default fails in mongod (and with it a `$bucket`
 * given a value outside its boundaries and no default); mingo answered null.
 */
export function $switchExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const spec = (isPlainObject(expression) ? expression : {}) as {
    branches?: Array<{ case: unknown; then: unknown }>;
    default?: unknown;
  };
  for (const branch of spec.branches ?? []) {
    if (isTruthy(evalExpr(doc, branch.case, options))) {
      return evalExpr(doc, branch.then, options);
    }
  }
  if (!('default' in spec)) {
    throw new CommandError(
      ErrorCode.SwitchWithoutMatch,
      '$switch could not find a matching branch for an input, and no default was specified.',
    );
  }
  return evalExpr(doc, spec.default, options);
}
