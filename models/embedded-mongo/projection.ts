import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { isPlainObject, type Document } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

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

/**
 * A projection either keeps the fields it names or leaves them out; `_id` may go either way.
 * mongod refuses one that does both with codes that name the field (mingo: BadValue, unnamed).
 * Operators and expressions (`{$slice: 2}`, `'$name'`) are left for mingo to judge.
 */
export function refuseMixedProjection(projection: Document): void {
  let mode: 'inclusion' | 'exclusion' | undefined;
  const visit = (spec: Document, path: string): void => {
    for (const [field, value] of Object.entries(spec)) {
      const fullPath = `${path}${field}`;
      if (fullPath === '_id') continue;
      if (isPlainObject(value)) {
        if (!Object.keys(value).some((key) => key.startsWith('$'))) visit(value, `${fullPath}.`);
        continue;
      }
      const kind =
        value === false || value === 0
          ? 'exclusion'
          : value === true || typeof value === 'number'
            ? 'inclusion'
            : undefined;
      if (kind === undefined) continue;
      mode ??= kind;
      if (kind === mode) continue;
      throw kind === 'inclusion'
        ? new CommandError(
            ErrorCode.InclusionInExclusionProjection,
            `Cannot do inclusion on field ${fullPath} in exclusion projection`,
          )
        : new CommandError(
            ErrorCode.ExclusionInInclusionProjection,
            `Cannot do exclusion on field ${fullPath} in inclusion projection`,
          );
    }
  };
  visit(projection, '');
}
