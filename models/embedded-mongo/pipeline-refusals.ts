import { evalExpr } from 'mingo/core';
import * as mingoExpressions from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { bsonTypeName } from './bson-type.js';
import { isPlainObject, isTruthy, type Document } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';
import { refuseMixedProjection } from './projection.js';

/**
 * Pipelines mongod refuses and mingo ran, answering something: an empty `$sort` (mingo left the
 * order as it was), an empty `$project` (mingo passed documents through), and an accumulator
 * that takes one expression given a list in `$group` (`{$sum: ['$a', 1]}`: mingo summed
 * nothing and said 0). Also refused here with mongod's codes where mingo refused with its own:
 * `$limit: 0` and a `$project` that mixes inclusion and exclusion.
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
    if (isPlainObject(stage.$project)) refuseMixedProjection(stage.$project);
    if (stage.$limit === 0) throw nonPositiveLimit();
    if (isPlainObject(stage.$group)) refuseListsForUnaryAccumulators(stage.$group);
  }
}

export function nonPositiveLimit(): CommandError {
  return new CommandError(ErrorCode.NonPositiveLimit, 'the limit must be positive');
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
type Wrapped = '$size' | '$mod' | '$add' | '$divide' | '$in' | NumberConversion;
type NumberConversion = '$toInt' | '$toLong' | '$toDouble' | '$toDecimal';
const mingo = mingoExpressions as unknown as Record<Wrapped, Expression>;

/** The operand of an operator that takes one: `{$op: x}` or the one-element list `{$op: [x]}`. */
export function soleOperand(expression: unknown): unknown {
  return Array.isArray(expression) && expression.length === 1 ? expression[0] : expression;
}

/**
 * What to hand mingo once the operands are evaluated: the values themselves, as literals, so
 * no operand is evaluated a second time. An operand list written as one expression (`{$add:
 * '$pair'}`) is handed over as written.
 */
function evaluated(expression: unknown, operands: unknown): unknown {
  return Array.isArray(expression) && Array.isArray(operands)
    ? operands.map((value: unknown) => ({ $literal: value }))
    : expression;
}

/**
 * `$size` of anything but an array fails in mongod; mingo answered null. mingo also counted the
 * one-element list form (`{$size: ['$rooms']}`) as a list of one.
 */
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
  return mingo.$size(doc, { $literal: value }, options);
}

/** `$mod` by zero fails in mongod; mingo answered null. */
export function $modExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const operands: unknown = evalExpr(doc, expression, options);
  if (Array.isArray(operands) && operands[1] === 0) {
    throw new CommandError(ErrorCode.ModByZero, "can't $mod by zero");
  }
  return mingo.$mod(doc, evaluated(expression, operands), options);
}

/**
 * `$add` of something that is neither a number nor a date fails with mongod's TypeMismatch
 * naming the type, and of two dates with mongod's 16612 (mingo: BadValue). A null or missing
 * operand before it gives null, as in mongod, which reads the operands in order.
 */
export function $addExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const operands: unknown = evalExpr(doc, expression, options);
  let dates = 0;
  for (const operand of Array.isArray(operands) ? operands : []) {
    if (operand === null || operand === undefined) break;
    if (operand instanceof Date) dates += 1;
    else if (typeof operand !== 'number') {
      throw new CommandError(
        ErrorCode.TypeMismatch,
        `$add only supports numeric or date types, not ${bsonTypeName(operand)}`,
      );
    }
    if (dates > 1) {
      throw new CommandError(ErrorCode.OneDateInAdd, 'only one date allowed in an $add expression');
    }
  }
  return mingo.$add(doc, evaluated(expression, operands), options);
}

/** `$divide` by zero: mongod's message (mingo's had the same code, BadValue). */
export function $divideExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const operands: unknown = evalExpr(doc, expression, options);
  if (Array.isArray(operands) && typeof operands[0] === 'number' && operands[1] === 0) {
    throw new CommandError(ErrorCode.BadValue, "can't $divide by zero");
  }
  return mingo.$divide(doc, evaluated(expression, operands), options);
}

/** `$in` whose second operand is no array (a missing field, say) fails with mongod's 40081. */
export function $inExpression(doc: AnyObject, expression: unknown, options: Options): unknown {
  const operands: unknown = evalExpr(doc, expression, options);
  if (Array.isArray(operands) && operands.length === 2 && !Array.isArray(operands[1])) {
    throw new CommandError(
      ErrorCode.InNeedsArray,
      `$in requires an array as a second argument, found: ${bsonTypeName(operands[1])}`,
    );
  }
  return mingo.$in(doc, evaluated(expression, operands), options);
}

/**
 * `$toInt`, `$toLong`, `$toDouble` and `$toDecimal` of a value that is no number ('abc') fail
 * with mongod's ConversionFailure (mingo: BadValue). The operand is read first, so an error in
 * it keeps its own code.
 */
function convertingNumber(operator: NumberConversion): Expression {
  return (doc, expression, options) => {
    const operand: unknown = evalExpr(doc, soleOperand(expression), options);
    try {
      return mingo[operator](doc, { $literal: operand }, options);
    } catch (error) {
      throw new CommandError(
        ErrorCode.ConversionFailure,
        error instanceof Error ? error.message : `${operator} failed`,
      );
    }
  };
}

export const numberConversionExpressions: Record<NumberConversion, Expression> = {
  $toInt: convertingNumber('$toInt'),
  $toLong: convertingNumber('$toLong'),
  $toDouble: convertingNumber('$toDouble'),
  $toDecimal: convertingNumber('$toDecimal'),
};

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
