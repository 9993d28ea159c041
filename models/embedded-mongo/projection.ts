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
  const flags = fieldExpressions(
    projection,
    (value) => typeof value === 'number' || typeof value === 'boolean',
  );
  for (const [path, value] of flags) {
    if (path === '_id') continue;
    const kind = value === false || value === 0 ? 'exclusion' : 'inclusion';
    mode ??= kind;
    if (kind === mode) continue;
    throw kind === 'inclusion'
      ? new CommandError(
          ErrorCode.InclusionInExclusionProjection,
          `Cannot do inclusion on field ${path} in exclusion projection`,
        )
      : new CommandError(
          ErrorCode.ExclusionInInclusionProjection,
          `Cannot do exclusion on field ${path} in inclusion projection`,
        );
  }
}

/**
 * Each field a `$set` or `$project` specification sets, by its path, with its expression: a
 * document of fields (`{y: {b: '$n'}}`) sets each of its fields (`y.b`); `keep` picks which.
 */
export function fieldExpressions(
  spec: Document,
  keep: (expression: unknown) => boolean,
  prefix = '',
): Array<readonly [string, unknown]> {
  return Object.entries(spec).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const fields = isPlainObject(value) ? Object.keys(value) : [];
    if (fields.length > 0 && !fields.some((field) => field.startsWith('$'))) {
      return fieldExpressions(value as Document, keep, `${path}.`);
    }
    return keep(value) ? [[path, value] as const] : [];
  });
}
