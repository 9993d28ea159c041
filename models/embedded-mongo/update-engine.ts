import { update } from 'mingo';
import { EJSON, Timestamp } from 'bson';
import {
  cloneDocument,
  cloneValue,
  getPath,
  isPlainObject,
  promote,
  setPath,
  valuesEqual,
  withId,
  type Document,
} from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';
import { compileAggregation } from './mingo.js';
import {
  refuseDecimalArithmetic,
  refuseMalformedPaths,
  refuseWhatMongodRefuses,
  updatedPaths,
} from './update-refusals.js';
import { hintsFrom, needsRetype, retype } from './update-types.js';

/** An update as sent in `u`/`update`: operator document, replacement, or aggregation pipeline. */
export type UpdateSpec = Document | Document[];

/** An update as the client typed it (int64, doubles kept) and its promoted form for mingo. */
export interface TypedUpdate {
  readonly typed: UpdateSpec;
  readonly view: UpdateSpec;
}

/** A document with its promoted view (see StoredDocument). */
export interface TypedDocument {
  readonly doc: Document;
  readonly view: Document;
}

export interface UpdateOutcome extends TypedDocument {
  readonly changed: boolean;
}

export interface UpdateParams {
  readonly arrayFilters?: Document[];
  /** The statement's filter, needed by mingo to resolve the positional `$` operator. */
  readonly filter?: Document;
  /** The command's evaluated `let`, for `$$name` in pipeline updates. */
  readonly variables?: Document | undefined;
}

const POSITIONAL = /(^|\.)\$(\.|$)/;

export function parseUpdateSpec(value: unknown, field: string): UpdateSpec {
  if (Array.isArray(value) && value.every(isPlainObject)) return value;
  if (isPlainObject(value)) return value;
  throw new CommandError(
    ErrorCode.FailedToParse,
    `BSON field '${field}' must be an object or an array`,
  );
}

/** A document without top-level `$` operators replaces the matched document wholesale. */
export function isReplacement(spec: UpdateSpec): spec is Document {
  return !Array.isArray(spec) && !Object.keys(spec).some((key) => key.startsWith('$'));
}

/** mongod's update operators; any other is refused (mingo's own refusal had code 2, not 9). */
const UPDATE_OPERATORS = new Set([
  '$currentDate',
  '$inc',
  '$min',
  '$max',
  '$mul',
  '$rename',
  '$set',
  '$setOnInsert',
  '$unset',
  '$addToSet',
  '$pop',
  '$pull',
  '$push',
  '$pullAll',
  '$bit',
]);

function splitOperators(spec: Document): {
  operators: Document;
  setOnInsert: Document | undefined;
} {
  const { $setOnInsert: setOnInsert, ...operators } = spec;
  for (const [operator, argument] of Object.entries(operators)) {
    if (!UPDATE_OPERATORS.has(operator)) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(argument)) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        `Modifiers operate on fields but we found type ${typeof argument} instead.`,
      );
    }
  }
  if (setOnInsert !== undefined && !isPlainObject(setOnInsert)) {
    throw new CommandError(ErrorCode.FailedToParse, 'Modifiers operate on fields: $setOnInsert');
  }
  return { operators, setOnInsert };
}

/**
 * mingo's update, with mongod's rule for conflicting paths and its `_id` protection reported
 * under mongod's codes. mongod refuses two paths only when one is the other or lies inside it
 * (`a.$` and `a.$.x`); mingo also refuses paths that merely share an array (`a.$.x` and `a.$.y`,
 * which mongod accepts), so such updates are applied here one path at a time.
 */
function mingoUpdate(
  doc: Document,
  operators: Document,
  arrayFilters: Document[] | undefined,
  condition: Document | undefined,
): string[] {
  refuseMalformedPaths(operators);
  if (sharesAnArray(operators)) {
    // One path at a time: each resolves its positional element against the same filter. The
    // filter's fields are not among the updated ones here (that would be a conflict in mongod
    // only when the paths overlap), so every step finds the same element.
    const changed: string[] = [];
    for (const [operator, argument] of Object.entries(operators)) {
      for (const [path, value] of Object.entries(argument as Document)) {
        changed.push(
          ...mingoUpdateOnce(doc, { [operator]: { [path]: value } }, arrayFilters, condition),
        );
      }
    }
    return [...new Set(changed)].sort();
  }
  return plainUpdate(doc, operators) ?? mingoUpdateOnce(doc, operators, arrayFilters, condition);
}

/**
 * `$set` and `$unset` of top-level fields to plain values (strings, numbers, booleans, null,
 * dates), done here: the inbox marks every event done with one, and mingo builds its operator
 * tables afresh for each update (most of the server's time per command). The same result as
 * mingo: a field set to an equal value or unset when absent is not modified, and the modified
 * fields come back sorted. Anything else (dotted paths, other operators or values): undefined,
 * and mingo does it.
 */
function plainUpdate(doc: Document, operators: Document): string[] | undefined {
  const entries = Object.entries(operators);
  for (const [operator, argument] of entries) {
    if ((operator !== '$set' && operator !== '$unset') || !isPlainObject(argument))
      return undefined;
    const fields = Object.entries(argument);
    if (fields.length === 0) return undefined;
    for (const [path, value] of fields) {
      if (path === '_id' || path.includes('.') || path.startsWith('$') || path === '') {
        return undefined;
      }
      if (operator === '$set' && !isPlainValue(value)) return undefined;
    }
  }
  const modified: string[] = [];
  for (const [operator, argument] of entries) {
    for (const [path, value] of Object.entries(argument as Document)) {
      if (operator === '$set') {
        if (sameValue(doc[path], value)) continue;
        doc[path] = value instanceof Date ? new Date(value.getTime()) : value;
        modified.push(path);
      } else if (Object.hasOwn(doc, path)) {
        const previous = doc[path];
        delete doc[path];
        if (previous !== undefined) modified.push(path);
      }
    }
  }
  return modified.sort();
}

function isPlainValue(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  );
}

/** mingo's equality for the values plainUpdate sets: dates by time, the rest by identity. */
function sameValue(current: unknown, value: unknown): boolean {
  if (current === value || Object.is(current, value)) return true;
  return current instanceof Date && value instanceof Date && current.getTime() === value.getTime();
}

/** Two positional or array-filter paths into the same array: what mingo alone would refuse. */
function sharesAnArray(operators: Document): boolean {
  const arrays = updatedPaths(operators)
    .filter((path) => path.includes('$'))
    .map((path) => path.slice(0, path.indexOf('.$')));
  return new Set(arrays).size < arrays.length;
}

function mingoUpdateOnce(
  doc: Document,
  operators: Document,
  arrayFilters: Document[] | undefined,
  condition: Document | undefined,
): string[] {
  try {
    return update(doc, operators, arrayFilters ?? [], condition);
  } catch (error) {
    if (error instanceof Error && error.message.includes('immutable field')) {
      throw new CommandError(ErrorCode.ImmutableField, error.message);
    }
    throw error;
  }
}

function usesPositional(operators: Document): boolean {
  return Object.values(operators).some(
    (argument) =>
      isPlainObject(argument) && Object.keys(argument).some((path) => POSITIONAL.test(path)),
  );
}

/** A pipeline's result keeps the `_id` it dropped (`$replaceRoot` etc.), as mongod re-adds it. */
function runPipeline(doc: Document, pipeline: Document[], variables?: Document): Document {
  const [result] = compileAggregation(pipeline, variables === undefined ? {} : { variables }).run([
    cloneDocument(doc),
  ]) as Document[];
  if (result === undefined) {
    throw new CommandError(ErrorCode.BadValue, 'update pipeline removed the document');
  }
  if (result._id === undefined && doc._id !== undefined) return { _id: doc._id, ...result };
  return result;
}

function assertSameId(before: Document, after: Document): void {
  if (!valuesEqual(before._id, after._id)) {
    throw new CommandError(
      ErrorCode.ImmutableField,
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
}

/** Canonical form that tells BSON number types apart (int 5 vs int64 5). */
function typedKey(value: unknown): string {
  return EJSON.stringify({ v: value as Document }, { relaxed: false });
}

/** Types the updated view back (see update-types.ts) and reports whether anything changed. */
function typedResult(
  current: TypedDocument,
  next: Document,
  spec: TypedUpdate,
  mingoChanged: boolean,
): UpdateOutcome {
  if (!needsRetype(current.doc, current.view, spec.typed, spec.view)) {
    return { doc: next, view: next, changed: mingoChanged };
  }
  const typedSpec = Array.isArray(spec.typed) ? {} : spec.typed;
  const doc = retype(next, current.doc, hintsFrom(typedSpec, current.doc)) as Document;
  // `$set: {n: Long(5)}` over an int32 5 changes the stored type, which mongod counts as modified.
  const changed = mingoChanged || typedKey(doc) !== typedKey(current.doc);
  return { doc, view: promote(doc), changed };
}

let lastTimestamp = new Timestamp({ t: 0, i: 0 });

/** Now as a BSON timestamp, each one later than the one before (as mongod's are). */
function nextTimestamp(): Timestamp {
  const seconds = Math.floor(Date.now() / 1000);
  const previous = lastTimestamp;
  lastTimestamp =
    seconds > previous.t
      ? new Timestamp({ t: seconds, i: 1 })
      : new Timestamp({ t: previous.t, i: previous.i + 1 });
  return lastTimestamp;
}

/**
 * `$currentDate: {f: {$type: 'timestamp'}}` stores a BSON timestamp in mongod; mingo wrote the
 * milliseconds as a number. Such fields are set as the timestamp itself, the same one in the
 * typed update and in its view.
 */
function withCurrentTimestamps(spec: TypedUpdate): TypedUpdate {
  if (Array.isArray(spec.view) || !isPlainObject(spec.view.$currentDate)) return spec;
  const alsoSet = isPlainObject(spec.view.$set) ? spec.view.$set : {};
  // A field also in $set stays where it is, for the conflict check to refuse.
  const timestampFields = Object.entries(spec.view.$currentDate).filter(
    ([field, kind]) => isPlainObject(kind) && kind.$type === 'timestamp' && !(field in alsoSet),
  );
  if (timestampFields.length === 0) return spec;
  const now = nextTimestamp();
  const rewrite = (operators: Document): Document => {
    const currentDate = { ...(operators.$currentDate as Document) };
    const set = { ...(isPlainObject(operators.$set) ? operators.$set : {}) };
    for (const [field] of timestampFields) {
      delete currentDate[field];
      set[field] = now;
    }
    const { $currentDate: _dropped, ...rest } = operators;
    return {
      ...rest,
      $set: set,
      ...(Object.keys(currentDate).length > 0 ? { $currentDate: currentDate } : {}),
    };
  };
  return { typed: rewrite(spec.typed as Document), view: rewrite(spec.view) };
}

/**
 * Applies `spec` to a copy of `current`. `$setOnInsert` is ignored here: it only acts on upserts
 * (see buildUpsertDocument), and mingo would reject it as an unknown operator.
 */
export function applyUpdate(
  current: TypedDocument,
  given: TypedUpdate,
  params: UpdateParams = {},
): UpdateOutcome {
  const spec = withCurrentTimestamps(given);
  let outcome: UpdateOutcome;
  if (Array.isArray(spec.view)) {
    const next = runPipeline(current.view, spec.view, params.variables);
    outcome = typedResult(current, next, spec, !valuesEqual(current.view, next));
  } else if (isReplacement(spec.view)) {
    const { _id: id, ...fields } = spec.typed as Document;
    if (id !== undefined) assertSameId(current.view, promote(spec.typed as Document));
    const doc = { _id: current.doc._id, ...cloneDocument(fields) };
    outcome = { doc, view: promote(doc), changed: typedKey(doc) !== typedKey(current.doc) };
  } else {
    const { operators } = splitOperators(spec.view);
    refuseMalformedPaths(operators);
    refuseDecimalArithmetic(current.doc, spec.typed as Document);
    refuseWhatMongodRefuses(current.view, operators);
    const next = cloneDocument(current.view);
    const condition = usesPositional(operators) ? params.filter : undefined;
    const paths =
      Object.keys(operators).length === 0
        ? []
        : mingoUpdate(next, operators, params.arrayFilters, condition);
    outcome = typedResult(current, next, spec, paths.length > 0);
  }
  assertSameId(current.view, outcome.view);
  return outcome;
}

/**
 * The equality fields of a filter, as mongod seeds a new upserted document: plain values, `$eq`,
 * single-element `$in`, and the same inside `$and`, dotted paths expanded into sub-documents.
 */
export function seedFromFilter(filter: Document | undefined): Document {
  const seed: Document = {};
  const seeded: string[] = [];
  const seedPath = (field: string, value: unknown): void => {
    // mongod cannot tell which value the new document should hold: it refuses the upsert.
    for (const other of seeded) {
      if (other === field) {
        throw new CommandError(
          ErrorCode.NotSingleValueField,
          `cannot infer query fields to set, path '${field}' is matched twice`,
        );
      }
      if (other.startsWith(`${field}.`) || field.startsWith(`${other}.`)) {
        throw new CommandError(
          ErrorCode.NotSingleValueField,
          `cannot infer query fields to set, both paths '${other}' and '${field}' are matched`,
        );
      }
    }
    seeded.push(field);
    setPath(seed, field, cloneValue(value));
  };
  const visit = (clause: Document): void => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition) if (isPlainObject(part)) visit(part);
        continue;
      }
      if (field.startsWith('$') || condition instanceof RegExp) continue;
      if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
        if ('$eq' in condition) seedPath(field, condition.$eq);
        else if (Array.isArray(condition.$in) && condition.$in.length === 1) {
          seedPath(field, condition.$in[0]);
        }
        continue;
      }
      seedPath(field, condition);
    }
  };
  if (filter !== undefined) visit(filter);
  return seed;
}

/**
 * The document an upsert inserts when nothing matched: seeded from the filter's equality fields
 * (typed, so `{_id: Long(1)}` seeds an int64), then updated like any other document.
 */
export function buildUpsertDocument(
  filter: Document | undefined,
  given: TypedUpdate,
  params: UpdateParams = {},
): TypedDocument {
  const spec = withCurrentTimestamps(given);
  if (!Array.isArray(spec.view) && isReplacement(spec.view)) {
    // A replacement takes only the filter's _id, so no other field of it can conflict.
    const { _id: id } = seedFromFilter(filter?._id === undefined ? undefined : { _id: filter._id });
    const doc = cloneDocument(spec.typed as Document);
    if (doc._id === undefined && id !== undefined) doc._id = id;
    return withIds(doc);
  }
  const seed = seedFromFilter(filter);
  const seedView = promote(seed);
  if (Array.isArray(spec.view)) {
    const outcome = typedResult(
      { doc: seed, view: seedView },
      runPipeline(seedView, spec.view, params.variables),
      spec,
      true,
    );
    return withIds(outcome.doc);
  }
  const split = splitOperators(spec.view);
  const next = cloneDocument(seedView);
  // An upsert may set the new document's _id, which mingo refuses as an _id change.
  const operators = withoutIdAssignments(next, split.operators, '$set');
  const setOnInsert =
    split.setOnInsert === undefined
      ? undefined
      : (withoutIdAssignments(next, { $set: split.setOnInsert }, '$set').$set as Document);
  if (Object.keys(operators).length > 0) {
    mingoUpdate(next, operators, params.arrayFilters, undefined);
  }
  if (setOnInsert !== undefined && Object.keys(setOnInsert).length > 0) {
    mingoUpdate(next, { $set: setOnInsert }, undefined, undefined);
  }
  return withIds(typedResult({ doc: seed, view: seedView }, next, spec, true).doc);
}

/** Applies `operator`'s assignments to `_id` (and `_id.x`) to `doc`; returns the rest. */
function withoutIdAssignments(doc: Document, operators: Document, operator: string): Document {
  const assignments = operators[operator];
  if (!isPlainObject(assignments)) return operators;
  const idPaths = Object.keys(assignments).filter(
    (path) => path === '_id' || path.startsWith('_id.'),
  );
  if (idPaths.length === 0) return operators;
  const rest: Document = { ...assignments };
  for (const path of idPaths) {
    // An _id the filter gave the new document stays: setting another is an _id change.
    if (doc._id !== undefined && !valuesEqual(getPath(doc, path), assignments[path])) {
      throw new CommandError(
        ErrorCode.ImmutableField,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    setPath(doc, path, cloneValue(assignments[path]));
    delete rest[path];
  }
  return { ...operators, [operator]: rest };
}

function withIds(doc: Document): TypedDocument {
  const complete = withId(doc);
  return { doc: complete, view: promote(complete) };
}
