import * as mingoQueryOperators from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { compareBson } from './bson-order.js';
import { matchValuesAt } from './bson-values.js';

/**
 * Equality in queries (`{field: value}`, `$eq`, `$ne`, `$in`, `$nin`) as mongod decides it:
 * by BSON comparison, so a sub-document equals another only with the same fields in the same
 * order, and a dotted path does not reach into arrays nested in arrays. mingo compared
 * sub-documents regardless of field order and matched such paths by their neighbours' values.
 * `null` (which also matches a missing field) and regular expressions keep mingo's answers.
 */

type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

const mingo = mingoQueryOperators as unknown as Record<'$eq' | '$in', QueryOperator>;

function isRegularExpression(value: unknown): boolean {
  return (
    value instanceof RegExp ||
    (value !== null &&
      typeof value === 'object' &&
      (value as { _bsontype?: unknown })._bsontype === 'BSONRegExp')
  );
}

/** mingo's answer is kept for these operands; every other is compared as BSON. */
function keepsMingoAnswer(value: unknown): boolean {
  return value === null || value === undefined || isRegularExpression(value);
}

function equalsAny(selector: string, operands: readonly unknown[]): Predicate {
  const parts = selector.split('.');
  return (doc) =>
    matchValuesAt(doc, parts).some((value) =>
      operands.some((operand) => compareBson(value, operand) === 0),
    );
}

export function $eqQuery(selector: string, value: unknown, options: Options): Predicate {
  if (keepsMingoAnswer(value)) return mingo.$eq(selector, value, options);
  return equalsAny(selector, [value]);
}

export function $neQuery(selector: string, value: unknown, options: Options): Predicate {
  const equal = $eqQuery(selector, value, options);
  return (doc) => !equal(doc);
}

export function $inQuery(selector: string, values: unknown, options: Options): Predicate {
  if (!Array.isArray(values) || values.some(keepsMingoAnswer)) {
    return mingo.$in(selector, values, options);
  }
  return equalsAny(selector, values);
}

export function $ninQuery(selector: string, values: unknown, options: Options): Predicate {
  const within = $inQuery(selector, values, options);
  return (doc) => !within(doc);
}
