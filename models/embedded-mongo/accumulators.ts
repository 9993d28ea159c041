import * as mingoAccumulators from 'mingo/operators/accumulator';
import type { AnyObject, Options } from 'mingo/types';
import { resolve, unique } from 'mingo/util';

/**
 * `$push` and `$addToSet` leave out a document whose value is missing, as mongod does; mingo
 * pushed a null for it, so `{$push: '$note'}` listed a null per document without a note. Field
 * paths are read here; other expressions keep mingo's answer.
 */

type Accumulator = (collection: AnyObject[], expression: unknown, options: Options) => unknown[];

const mingo = mingoAccumulators as unknown as Record<'$push' | '$addToSet', Accumulator>;

function withValue(collection: AnyObject[], expression: unknown): AnyObject[] {
  if (typeof expression !== 'string' || !/^\$[^$]/.test(expression)) return collection;
  const path = expression.slice(1);
  return collection.filter((doc) => resolve(doc, path) !== undefined);
}

export function $pushAccumulator(
  collection: AnyObject[],
  expression: unknown,
  options: Options,
): unknown[] {
  return mingo.$push(withValue(collection, expression), expression, options);
}

export function $addToSetAccumulator(
  collection: AnyObject[],
  expression: unknown,
  options: Options,
): unknown[] {
  return unique($pushAccumulator(collection, expression, options));
}
