import * as mingoQueryOperators from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { compareBson } from './bson-order.js';
import { isPlainObject, isRegularExpression, isTruthy, matchValuesAt } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/**
 * Equality in queries (`{field: value}`, `$eq`, `$ne`, `$in`, `$nin`) as mongod decides it:
 * by BSON comparison, so a sub-document equals another only with the same fields in the same
 * order, and a dotted path does not reach into arrays nested in arrays. mingo compared
 * sub-documents regardless of field order and matched such paths by their neighbours' values.
 * `null` matches a null and a field missing on any branch of the path, also in an array of
 * documents where one lacks the field (mingo missed that one). Regular expressions keep
 * mingo's answers.
 */

type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

const mingo = mingoQueryOperators as unknown as Record<'$eq' | '$in', QueryOperator>;

const DIGITS = /^\d+$/;

/** Whether `parts` lead to a null or to nothing on some branch through `value`. */
function nullOrMissingAt(value: unknown, parts: readonly string[], index: number): boolean {
  if (value === undefined || value === null) return true;
  if (index === parts.length) return Array.isArray(value) && value.some((item) => item === null);
  const part = parts[index] as string;
  if (Array.isArray(value)) {
    if (DIGITS.test(part)) return nullOrMissingAt(value[Number(part)], parts, index + 1);
    return value.some(
      (element) => isPlainObject(element) && nullOrMissingAt(element[part], parts, index + 1),
    );
  }
  // A value that holds no fields: the rest of the path is missing.
  if (!isPlainObject(value)) return true;
  return nullOrMissingAt(value[part], parts, index + 1);
}

export function equalsNull(selector: string): Predicate {
  const parts = selector.split('.');
  return (doc) => nullOrMissingAt(doc, parts, 0);
}

/** Any of `operands` (null among them matching a missing field too), as mongod compares. */
function equalsAny(selector: string, operands: readonly unknown[]): Predicate {
  const parts = selector.split('.');
  const values = operands.filter((operand) => operand !== null && operand !== undefined);
  const orNull = values.length < operands.length ? equalsNull(selector) : () => false;
  return (doc) =>
    orNull(doc) ||
    matchValuesAt(doc, parts).some((value) =>
      values.some((operand) => compareBson(value, operand) === 0),
    );
}

export function $eqQuery(selector: string, value: unknown, options: Options): Predicate {
  if (isRegularExpression(value)) return mingo.$eq(selector, value, options);
  return equalsAny(selector, [value]);
}

export function $neQuery(selector: string, value: unknown, options: Options): Predicate {
  const equal = $eqQuery(selector, value, options);
  return (doc) => !equal(doc);
}

export function $inQuery(selector: string, values: unknown, options: Options): Predicate {
  if (!Array.isArray(values)) throw new CommandError(ErrorCode.BadValue, '$in needs an array');
  // `{$in: [{$gt: 1}]}` is no comparison: mongod refuses it, mingo looked for that document.
  if (values.some((value) => isPlainObject(value) && Object.keys(value)[0]?.startsWith('$'))) {
    throw new CommandError(ErrorCode.BadValue, 'cannot nest $ under $in');
  }
  if (values.some(isRegularExpression)) return mingo.$in(selector, values, options);
  return equalsAny(selector, values);
}

export function $ninQuery(selector: string, values: unknown, options: Options): Predicate {
  if (!Array.isArray(values)) throw new CommandError(ErrorCode.BadValue, '$nin needs an array');
  const within = $inQuery(selector, values, options);
  return (doc) => !within(doc);
}

/**
 * `$exists` along the path as mongod walks it: into the documents of an array, not into an
 * array inside an array (mingo found `a.b` in `a: [[{b: 1}]]`). The operand counts by its truth.
 */
export function $existsQuery(selector: string, value: unknown): Predicate {
  const parts = selector.split('.');
  const wanted = isTruthy(value);
  return (doc) => matchValuesAt(doc, parts).length > 0 === wanted;
}
