import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { isPlainObject } from './bson-values.js';

type Container = Record<string, unknown>;

/**
 * `$addFields` / `$set` as mongod writes the fields it sets (mingo did otherwise, quietly):
 *   - a document of fields sets each of them: `{a: {d: 1}}` adds `d` to `a`, as `'a.d'` does,
 *     and keeps `a`'s other fields (mingo replaced `a` with `{d: 1}`);
 *   - a path that meets an array sets the field in every element, also in arrays inside it, and
 *     an element or a field on the way that is no document becomes one (mingo left the
 *     document unchanged);
 *   - a value that is missing (`$$REMOVE`, a missing field) leaves the field out.
 * Every expression reads the document as it came in. Writes copy what they change, so the
 * input (mingo's copy of the stored document) is never changed in place.
 */
export function addFields(
  doc: Container,
  expressions: ReadonlyArray<readonly [string, unknown]>,
  options: Options,
): Container {
  const values = expressions.map(([path, expression]) => {
    const value: unknown = evalExpr(doc, expression, options);
    return [path.split('.'), value] as const;
  });
  let result = doc;
  for (const [parts, value] of values) result = written(result, parts, value) as Container;
  return result;
}

/** `target` with `value` at `parts`, by mongod's rules above; `target` itself is not changed. */
function written(target: unknown, parts: readonly string[], value: unknown): unknown {
  if (Array.isArray(target)) return target.map((element) => written(element, parts, value));
  // Leaving out a field that is not there changes nothing, and creates nothing on the way.
  if (value === undefined && !isPlainObject(target)) return target;
  const [head, ...rest] = parts as [string, ...string[]];
  const copy: Container = isPlainObject(target) ? { ...target } : {};
  const inner = rest.length > 0 ? written(copy[head], rest, value) : value;
  if (inner === undefined) delete copy[head];
  else copy[head] = inner;
  return copy;
}
