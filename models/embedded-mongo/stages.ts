import * as mingoPipeline from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { inStoredOrder, isPlainObject } from './bson-values.js';

/**
 * Pipeline stages where mingo answered otherwise than mongod:
 *   - `$count` over no documents gives no document in mongod (mingo: `{n: 0}`), so code that
 *     reads `result[0].n` fails there, not here;
 *   - `$group` whose `_id` expression is missing groups under `_id: null` (mingo left `_id` out);
 *   - `$project` gives `_id` first and the fields it keeps in the order the document holds them
 *     (mingo: the projection's order, `_id` last);
 *   - `$bucketAuto` gives each bucket's `_id` (its bounds) first, then its outputs (mingo: last).
 */

interface Sequence {
  map(transform: (doc: Record<string, unknown>) => unknown): Sequence;
  filter(keep: (doc: Record<string, unknown>) => boolean): Sequence;
}
type Stage = (collection: Sequence, expression: unknown, options: Options) => Sequence;

const mingo = mingoPipeline as unknown as Record<
  '$count' | '$group' | '$project' | '$sort' | '$bucketAuto',
  Stage
>;

export function $countStage(collection: Sequence, field: unknown, options: Options): Sequence {
  return mingo
    .$count(collection, field, options)
    .filter((counted) => (counted[field as string] as number) > 0);
}

export function $groupStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return mingo
    .$group(collection, spec, options)
    .map((group) => ('_id' in group ? group : { _id: null, ...group }));
}

export function $bucketAutoStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return mingo
    .$bucketAuto(collection, spec, options)
    .map(({ _id, ...outputs }) => ({ _id, ...outputs }));
}

export function $projectStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  // mingo projects one document at a time as the next stage pulls it: the one just read is the
  // one each output came from.
  let input: Record<string, unknown> = {};
  const remembered = collection.map((doc) => (input = doc));
  return mingo
    .$project(remembered, spec, options)
    .map((projected) => (isPlainObject(projected) ? inStoredOrder(projected, input) : projected));
}

/**
 * `$bucket` as mongod runs it: a `$group` by the bucket each value falls in (lower bound
 * inclusive), sorted by bucket; only buckets that hold documents. mingo put a value equal to a
 * boundary into the bucket below it, and listed the empty one above.
 */
export function $bucketStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  const {
    groupBy,
    boundaries,
    default: otherwise,
    output,
  } = spec as {
    groupBy: unknown;
    boundaries: unknown[];
    default?: unknown;
    output?: Record<string, unknown>;
  };
  const branches = boundaries.slice(0, -1).map((lower, index) => ({
    case: { $and: [{ $gte: [groupBy, lower] }, { $lt: [groupBy, boundaries[index + 1]] }] },
    then: lower,
  }));
  const bucket = {
    $switch: { branches, ...(otherwise === undefined ? {} : { default: otherwise }) },
  };
  const grouped = $groupStage(
    collection,
    { _id: bucket, ...(output ?? { count: { $sum: 1 } }) },
    options,
  );
  return mingo.$sort(grouped, { _id: 1 }, options);
}
