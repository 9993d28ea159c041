import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { isPlainObject } from './bson-values.js';

/** Operators that make an `$elemMatch` condition about the elements' fields, not the element. */
const LOGICAL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$comment']);

/**
 * The `$elemMatch` projection, as mongod answers it: the first element that matches, or no field.
 * A condition of operators only (`{$gt: 3}`) is about the element itself, as in a query; mingo
 * took it for a query on the element's fields (and refused `$gt` as an unknown top-level
 * operator), and listed every matching element where mongod shows the first.
 */
export function $elemMatchProjection(
  doc: AnyObject,
  condition: unknown,
  field: string,
  options: Options,
): unknown[] | undefined {
  const list = resolve(doc, field);
  if (!Array.isArray(list) || !isPlainObject(condition)) return undefined;
  const keys = Object.keys(condition);
  const aboutElement =
    keys.length > 0 && keys.every((key) => key.startsWith('$') && !LOGICAL.has(key));
  const query = new Query(aboutElement ? { element: condition } : condition, options);
  const found: unknown = list.find((element: unknown) =>
    query.test((aboutElement ? { element } : element) as AnyObject),
  );
  return found === undefined ? undefined : [found];
}
