import * as mingoPipeline from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { inStoredOrder, isPlainObject, typedOriginal, type Document } from './bson-values.js';

/**
 * Pipeline stages where mingo answered otherwise than mongod:
 *   - `$count` over no documents gives no document in mongod (mingo: `{n: 0}`), so code that
 *     reads `result[0].n` fails there, not here;
 *   - `$group` whose `_id` expression is missing groups under `_id: null` (mingo left `_id` out);
 *   - `$project` gives `_id` first and the fields it keeps in the order the document holds them
 *     (mingo: the projection's order, `_id` last);
 *   - `$bucketAuto` gives each bucket's `_id` (its bounds) first, then its outputs (mingo: last);
 *   - a value `$project`, `$addFields`/`$set` or `$unset` passes through unchanged keeps its BSON
 *     type (int64, an integral double, decimal128), where mingo, which computes on plain
 *     numbers, gave an int32 or a double (see withStoredTypes).
 */

interface Sequence {
  map(transform: (doc: Record<string, unknown>) => unknown): Sequence;
  filter(keep: (doc: Record<string, unknown>) => boolean): Sequence;
}
type Stage = (collection: Sequence, expression: unknown, options: Options) => Sequence;

const mingo = mingoPipeline as unknown as Record<
  '$count' | '$group' | '$project' | '$sort' | '$bucketAuto' | '$addFields' | '$unset',
  Stage
>;

/** For each document a one-to-one stage put out: the pipeline's input document it came from. */
const sourceOf = new WeakMap<object, Record<string, unknown>>();

/**
 * Runs a stage that puts out one document for each it reads, remembering where each came from.
 * mingo runs such a stage one document at a time as the next stage pulls it: the one just read
 * is the one each output came from.
 */
function oneToOne(
  collection: Sequence,
  run: (remembered: Sequence) => Sequence,
  finish: (output: Record<string, unknown>, input: Record<string, unknown>) => unknown = (output) =>
    output,
): Sequence {
  let input: Record<string, unknown> = {};
  const remembered = collection.map((doc) => (input = doc));
  return run(remembered).map((output) => {
    if (!isPlainObject(output)) return output;
    const finished = finish(output, input) as Record<string, unknown>;
    sourceOf.set(finished, sourceOf.get(input) ?? input);
    return finished;
  });
}

/**
 * A pipeline's result with the BSON types of what passed through a one-to-one stage unchanged:
 * where the result holds the very number (or document) its input held at the same path, the
 * stored value it stands for. Computed values stay as mingo computed them (an int64 plus one is
 * an int32 here, an int64 on mongod), except one equal to the stored value at its path, which
 * takes the stored type.
 */
export function withStoredTypes(result: Document): Document {
  const source = sourceOf.get(result);
  if (source === undefined) return result;
  restoreTypes(result, source, typedOriginal(source) as Container);
  return result;
}

type Container = Record<string, unknown>;

function restoreTypes(output: Container, view: Container, typed: Container): void {
  for (const key of Object.keys(output)) {
    const [out, seen, stored] = [output[key], view[key], typed[key]];
    if (stored === seen || stored === undefined) continue;
    if (typeof out === 'number') {
      if (Object.is(out, seen)) output[key] = stored;
    } else if (sameContainerKind(out, seen) && sameContainerKind(out, stored)) {
      restoreTypes(out as Container, seen as Container, stored as Container);
    }
  }
}

/** Both plain documents, or both arrays of one length: an array cut short is not matched up. */
function sameContainerKind(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length;
  return isPlainObject(a) && isPlainObject(b);
}

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
  return oneToOne(
    collection,
    (remembered) => mingo.$project(remembered, spec, options),
    (projected, input) => inStoredOrder(projected, input),
  );
}

export function $addFieldsStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return oneToOne(collection, (remembered) => mingo.$addFields(remembered, spec, options));
}

export function $unsetStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return oneToOne(collection, (remembered) => mingo.$unset(remembered, spec, options));
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
