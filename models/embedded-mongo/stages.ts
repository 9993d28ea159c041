import { Aggregator } from 'mingo/aggregator';
import { Lazy } from 'mingo/lazy';
import * as mingoPipeline from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import {
  cloneDocument,
  fieldPath,
  getPath,
  inStoredOrder,
  isPlainObject,
  numericType,
  promote,
  typedOriginal,
  type Document,
} from './bson-values.js';
import { addFields } from './add-fields.js';
import { fieldExpressions } from './projection.js';
import {
  computedType,
  storedType,
  typedResult,
  widest,
  type ComputedType,
} from './computed-types.js';

/**
 * Pipeline stages where mingo answered otherwise than mongod:
 *   - `$count` over no documents gives no document in mongod (mingo: `{n: 0}`), so code that
 *     reads `result[0].n` fails there, not here;
 *   - `$group` whose `_id` expression is missing groups under `_id: null` (mingo left `_id` out);
 *   - `$project` gives `_id` first and the fields it keeps in the order the document holds them
 *     (mingo: the projection's order, `_id` last);
 *   - `$bucketAuto` gives each bucket's `_id` (its bounds) first, then its outputs (mingo: last);
 *   - `$addFields`/`$set` merge a document of fields into the one there, and write through
 *     arrays and plain values as mongod does (add-fields.ts);
 *   - a stored value that `$project`, `$addFields`/`$set`, `$unset`, `$unwind`, `$replaceRoot`/
 *     `$replaceWith`, `$lookup`, `$facet` or `$group` (by a path) passes on unchanged keeps its
 *     BSON type (int64, an integral double, decimal128), where mingo, which computes on plain
 *     numbers, gave an int32 or a double (see withStoredTypes); a value computed at a field of
 *     `$set`, `$project` or `$group` takes the type mongod gives it (computed-types.ts).
 */

interface Sequence {
  map(transform: (doc: Record<string, unknown>) => unknown): Sequence;
  filter(keep: (doc: Record<string, unknown>) => boolean): Sequence;
  transform(all: (docs: Container[]) => unknown): Sequence;
}
type Stage = (collection: Sequence, expression: unknown, options: Options) => Sequence;

const mingo = mingoPipeline as unknown as Record<
  | '$count'
  | '$group'
  | '$project'
  | '$sort'
  | '$bucketAuto'
  | '$unset'
  | '$unwind'
  | '$replaceRoot'
  | '$replaceWith'
  | '$lookup',
  Stage
>;

/**
 * For each document a stage put out: the typed document whose values it may carry on at the same
 * paths — the stored document for an input, and for what a stage made of it (an element
 * `$unwind` took out, a sub-document `$replaceRoot` raised, joined documents, what `$group`
 * gathered) the stored values now at each path. Never handed to mingo, so never changed by it.
 */
const typedSourceOf = new WeakMap<object, Container>();

type Container = Record<string, unknown>;

/** The typed document `doc` carries values of: recorded by a stage, or the stored one it copies. */
export function typedCounterpart(doc: Container): Container | undefined {
  const recorded = typedSourceOf.get(doc);
  if (recorded !== undefined) return recorded;
  const original = typedOriginal(doc);
  return original === doc ? undefined : (original as Container);
}

/** A document as its typed counterpart, where it has one; anything else as it is. */
export function typedForm<T>(value: T): T {
  return isPlainObject(value) ? ((typedCounterpart(value) ?? value) as T) : value;
}

/** Records that `output` carries values of the typed document `typed` (see typedCounterpart). */
export function carryTypes<T extends object>(output: T, typed: Container | undefined): T {
  if (typed !== undefined) typedSourceOf.set(output, typed);
  return output;
}

/**
 * Runs a stage that puts out documents made from the one it read last, recording for each the
 * typed document it carries values of: by default its input's, or what `counterpart` makes of it
 * (`index`: how many documents this input already gave). mingo runs such a stage one document
 * at a time as the next stage pulls it: the one just read is the one each output came from.
 */
function fromLastRead(
  collection: Sequence,
  run: (remembered: Sequence) => Sequence,
  finish: (output: Container, input: Container) => unknown = (output) => output,
  counterpart: (typed: Container, output: Container, index: number) => Container | undefined = (
    typed,
  ) => typed,
): Sequence {
  let input: Container = {};
  let given = 0;
  const remembered = collection.map((doc) => {
    given = 0;
    return (input = doc);
  });
  return run(remembered).map((output) => {
    if (!isPlainObject(output)) return output;
    const finished = finish(output, input) as Container;
    const typed = typedCounterpart(input);
    const index = given++;
    return carryTypes(finished, typed && counterpart(typed, finished, index));
  });
}

/**
 * A pipeline's result with the BSON types of the values it carries: where it holds, at a path,
 * the number its typed counterpart holds there as an int64, a double or a decimal128 (a stored
 * value, or a computed one typed as mongod types it), that value. Any other computed value stays
 * as mingo computed it, except one equal to the stored value at its path, which takes the stored
 * type. Compared with the typed document, never with mingo's copy, which a stage such as `$set`
 * on a nested path changes in place.
 */
export function withStoredTypes(result: Document): Document {
  const typed = typedCounterpart(result);
  if (typed !== undefined) restoreTypes(result, typed);
  return result;
}

function restoreTypes(output: Container, typed: Container): void {
  for (const key of Object.keys(output)) {
    const [out, stored] = [output[key], typed[key]];
    if (stored === out || stored === undefined || stored === null) continue;
    if (typeof out === 'number') {
      if (typeof stored === 'object' && Object.is(promote(stored), out)) output[key] = stored;
    } else if (sameContainerKind(out, stored)) {
      restoreTypes(out as Container, stored as Container);
    }
  }
}

/** Both plain documents, or both arrays of one length: an array cut short is not matched up. */
function sameContainerKind(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length;
  return isPlainObject(a) && isPlainObject(b);
}

/**
 * `typed` with `value` at `path`, copying only the documents on the way (a missing one starts
 * empty); undefined where the path crosses something else, such as an array.
 */
function withValueAt(typed: Container, path: string, value: unknown): Container | undefined {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...typed, [head]: value };
  const inner = typed[head] ?? {};
  if (!isPlainObject(inner)) return undefined;
  const changed = withValueAt(inner, rest.join('.'), value);
  return changed && { ...typed, [head]: changed };
}

export function $countStage(collection: Sequence, field: unknown, options: Options): Sequence {
  return mingo
    .$count(collection, field, options)
    .filter((counted) => (counted[field as string] as number) > 0);
}

/**
 * `$group`, with `_id: null` where mingo left `_id` out, the stored types of the values it
 * gathers unchanged (an `_id` of field paths, and `$first`, `$last`, `$push`, `$addToSet`,
 * `$min`, `$max` of a field path), and its `$sum` and `$avg` typed as mongod types them. For
 * those, each group also gathers its documents (under a name no stored field can have: BSON
 * names hold no NUL), to read the typed values from.
 */
export function $groupStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  const gathered = gatheredPaths(spec as Container);
  if (gathered === undefined) {
    return mingo
      .$group(collection, spec, options)
      .map((group) => ('_id' in group ? group : { _id: null, ...group }));
  }
  const withMembers = { ...(spec as Container), [MEMBERS]: { $push: '$$ROOT' } };
  return mingo.$group(collection, withMembers, options).map((group) => {
    const { [MEMBERS]: members, ...outputs } = group as Container & { [MEMBERS]: Container[] };
    const result = '_id' in outputs ? outputs : { _id: null, ...outputs };
    return carryTypes(result, typedGathered(gathered, result, members));
  });
}

const MEMBERS = '\u0000members';

/**
 * What a `$group` takes unchanged from its documents (`_id`'s paths, accumulators of a path), and
 * the sums and averages whose type follows from theirs.
 */
interface GatheredPaths {
  id: string | Record<string, string> | undefined;
  fields: Array<{ name: string; accumulator: string; path: string }>;
  computed: Array<{ name: string; accumulator: string; expression: unknown }>;
}

const GATHERING = new Set(['$first', '$last', '$push', '$addToSet', '$min', '$max']);

function gatheredPaths(spec: Container): GatheredPaths | undefined {
  let id: GatheredPaths['id'];
  const idPath = fieldPath(spec._id);
  if (idPath !== undefined) id = idPath;
  else if (isPlainObject(spec._id)) {
    const paths = Object.entries(spec._id).map(([key, value]) => [key, fieldPath(value)] as const);
    if (paths.length > 0 && paths.every(([, path]) => path !== undefined)) {
      id = Object.fromEntries(paths) as Record<string, string>;
    }
  }
  const fields: GatheredPaths['fields'] = [];
  const computed: GatheredPaths['computed'] = [];
  for (const [name, value] of Object.entries(spec)) {
    if (name === '_id' || !isPlainObject(value)) continue;
    const [accumulator, ...others] = Object.keys(value);
    if (accumulator === undefined || others.length > 0) continue;
    const expression = value[accumulator];
    if (accumulator === '$sum' || accumulator === '$avg') {
      computed.push({ name, accumulator, expression });
      continue;
    }
    const path = fieldPath(expression);
    if (GATHERING.has(accumulator) && path !== undefined) fields.push({ name, accumulator, path });
  }
  return id === undefined && fields.length + computed.length === 0
    ? undefined
    : { id, fields, computed };
}

/** The typed counterpart of one group's output, read from the documents it gathered. */
function typedGathered(gathered: GatheredPaths, group: Container, members: Container[]): Container {
  const typedAt = (doc: Container | undefined, path: string): unknown =>
    doc === undefined ? undefined : getPath(typedForm(doc), path);
  const typed: Container = {};
  const { id } = gathered;
  if (typeof id === 'string') typed._id = typedAt(members[0], id);
  else if (id !== undefined) {
    typed._id = Object.fromEntries(
      Object.entries(id).map(([key, path]) => [key, typedAt(members[0], path)]),
    );
  }
  // The first gathered value equal to `value`, as it is stored: what $min, $max and $addToSet keep.
  const storedAs = (value: unknown, path: string): unknown => {
    if (typeof value !== 'number') return value;
    for (const member of members) {
      const stored = typedAt(member, path);
      if (Object.is(promote(stored), value)) return stored;
    }
    return value;
  };
  for (const { name, accumulator, path } of gathered.fields) {
    const value = group[name];
    if (accumulator === '$first') typed[name] = typedAt(members[0], path);
    else if (accumulator === '$last') typed[name] = typedAt(members.at(-1), path);
    else if (accumulator === '$push') {
      typed[name] = members.map((member) => typedAt(member, path)).filter((v) => v !== undefined);
    } else if (accumulator === '$addToSet' && Array.isArray(value)) {
      typed[name] = value.map((item: unknown) => storedAs(item, path));
    } else typed[name] = storedAs(value, path);
  }
  for (const { name, accumulator, expression } of gathered.computed) {
    const type = summedType(expression, members);
    if (type !== undefined) {
      typed[name] = typedResult(group[name], accumulator === '$avg' ? 'double' : type);
    }
  }
  return typed;
}

/** The type of a `$sum` over `members` (`$avg`: a double); a field's non-numbers are skipped. */
function summedType(expression: unknown, members: readonly Container[]): ComputedType | undefined {
  const path = fieldPath(expression);
  const types = members.flatMap((member) => {
    const typed = typedForm(member);
    if (path === undefined) return [computedType(expression, typed)];
    const value = getPath(typed, path);
    return numericType(value) === undefined ? [] : [storedType(value)];
  });
  return widest(types);
}

export function $bucketAutoStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return mingo
    .$bucketAuto(collection, spec, options)
    .map(({ _id, ...outputs }) => ({ _id, ...outputs }));
}

export function $projectStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  // Numbers and booleans in a projection keep or leave out fields; the rest are expressions.
  const expressions = fieldExpressions(
    spec as Container,
    (value) => typeof value !== 'number' && typeof value !== 'boolean',
  );
  return fromLastRead(
    collection,
    (remembered) => mingo.$project(remembered, spec, options),
    (projected, input) => inStoredOrder(projected, input),
    (typed, output) => withComputed(typed, output, expressions),
  );
}

/** `$addFields` and `$set`, written as mongod writes them (add-fields.ts). */
export function $addFieldsStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  const expressions = fieldExpressions(spec as Container, () => true);
  return fromLastRead(
    collection,
    (remembered) => remembered.map((doc) => addFields(doc, expressions, options)),
    undefined,
    (typed, output) => withComputed(typed, output, expressions),
  );
}

/**
 * `typed` with, at each field an expression set, the value computed there as mongod types it
 * (computed-types.ts) — read from the stored types of the input, as mongod evaluates them all.
 */
function withComputed(
  typed: Container,
  output: Container,
  expressions: ReadonlyArray<readonly [string, unknown]>,
): Container {
  let result = typed;
  for (const [field, expression] of expressions) {
    const type = computedType(expression, typed);
    if (type === undefined) continue;
    result = withValueAt(result, field, typedResult(getPath(output, field), type)) ?? result;
  }
  return result;
}

export function $unsetStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return fromLastRead(collection, (remembered) => mingo.$unset(remembered, spec, options));
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

/** `$unwind`: each document it puts out carries the stored element it unwound, by position. */
export function $unwindStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  const path = fieldPath(
    typeof spec === 'string' ? spec : (spec as { path?: unknown } | null)?.path,
  );
  return fromLastRead(
    collection,
    (remembered) => mingo.$unwind(remembered, spec, options),
    undefined,
    (typed, _output, index) => {
      if (path === undefined) return typed;
      const stored = getPath(typed, path);
      return Array.isArray(stored) ? (withValueAt(typed, path, stored[index]) ?? typed) : typed;
    },
  );
}

/** `$replaceRoot` / `$replaceWith` by a field path: the new root carries that stored document. */
export function $replaceRootStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  const newRoot = (spec as { newRoot?: unknown } | null)?.newRoot;
  return replacedBy(collection, newRoot, (remembered) =>
    mingo.$replaceRoot(remembered, spec, options),
  );
}

export function $replaceWithStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  return replacedBy(collection, spec, (remembered) =>
    mingo.$replaceWith(remembered, spec, options),
  );
}

function replacedBy(
  collection: Sequence,
  newRoot: unknown,
  run: (remembered: Sequence) => Sequence,
): Sequence {
  const path = fieldPath(newRoot);
  return fromLastRead(collection, run, undefined, (typed) => {
    const stored = path === undefined ? undefined : getPath(typed, path);
    return isPlainObject(stored) ? stored : undefined;
  });
}

/** `$lookup` run by mingo: the joined documents carry the stored ones they copy. */
export function $lookupStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  const as = (spec as { as?: unknown } | null)?.as;
  return fromLastRead(
    collection,
    (remembered) => mingo.$lookup(remembered, spec, options),
    undefined,
    (typed, output) => (typeof as === 'string' ? withJoined(typed, output, as) : typed),
  );
}

/** `typed` with the typed counterparts of the documents `output` holds joined under `as`. */
export function withJoined(typed: Container, output: Container, as: string): Container {
  const joined = getPath(output, as);
  if (!Array.isArray(joined)) return typed;
  return withValueAt(typed, as, joined.map(typedForm)) ?? typed;
}

/**
 * `$facet` as mingo runs it, but each sub-pipeline reads copies that carry what their documents
 * carry (mingo's own deep copies would not): a value passed through a facet keeps its type.
 */
export function $facetStage(collection: Sequence, spec: unknown, options: Options): Sequence {
  // As mingo's $facet: a fresh evaluation context per facet (the stage's own options).
  const facetOptions = (options as { options?: Options }).options ?? options;
  return collection.transform((docs) => {
    const facets: Container = {};
    const typed: Container = {};
    for (const [name, pipeline] of Object.entries(spec as Record<string, Document[]>)) {
      const copies = docs.map((doc) => carryTypes(cloneDocument(doc), typedCounterpart(doc)));
      const out = new Aggregator(pipeline, facetOptions).run(copies) as Container[];
      facets[name] = out;
      typed[name] = out.map(typedForm);
    }
    return Lazy([carryTypes(facets, typed)]);
  });
}
