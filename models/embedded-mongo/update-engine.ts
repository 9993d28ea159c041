import { Aggregator, update } from 'mingo';
import {
  cloneDocument,
  cloneValue,
  isPlainObject,
  setPath,
  valuesEqual,
  withId,
  type Document,
} from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/** An update as sent in `u`/`update`: operator document, replacement, or aggregation pipeline. */
export type UpdateSpec = Document | Document[];

export interface UpdateOutcome {
  readonly doc: Document;
  readonly changed: boolean;
}

export interface UpdateParams {
  readonly arrayFilters?: Document[];
  /** The statement's filter, needed by mingo to resolve the positional `$` operator. */
  readonly filter?: Document;
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

function splitOperators(spec: Document): {
  operators: Document;
  setOnInsert: Document | undefined;
} {
  const { $setOnInsert: setOnInsert, ...operators } = spec;
  for (const [operator, argument] of Object.entries(operators)) {
    if (!operator.startsWith('$')) {
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

/** mingo's update, with its `_id` protection reported under mongod's ImmutableField code. */
function mingoUpdate(
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

function runPipeline(doc: Document, pipeline: Document[]): Document {
  const [result] = new Aggregator(pipeline, {}).run([cloneDocument(doc)]) as Document[];
  if (result === undefined) {
    throw new CommandError(ErrorCode.BadValue, 'update pipeline removed the document');
  }
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

/**
 * Applies `spec` to a copy of `current`. `$setOnInsert` is ignored here: it only acts on upserts
 * (see buildUpsertDocument), and mingo would reject it as an unknown operator.
 */
export function applyUpdate(
  current: Document,
  spec: UpdateSpec,
  params: UpdateParams = {},
): UpdateOutcome {
  let next: Document;
  let changed: boolean;
  if (Array.isArray(spec)) {
    next = runPipeline(current, spec);
    changed = !valuesEqual(current, next);
  } else if (isReplacement(spec)) {
    const { _id: id, ...fields } = spec;
    if (id !== undefined) assertSameId(current, spec);
    next = { _id: current._id, ...cloneDocument(fields) };
    changed = !valuesEqual(current, next);
  } else {
    const { operators } = splitOperators(spec);
    next = cloneDocument(current);
    const condition = usesPositional(operators) ? params.filter : undefined;
    const paths =
      Object.keys(operators).length === 0
        ? []
        : mingoUpdate(next, operators, params.arrayFilters, condition);
    changed = paths.length > 0;
  }
  assertSameId(current, next);
  return { doc: next, changed };
}

/**
 * The equality fields of a filter, as mongod seeds a new upserted document: plain values, `$eq`,
 * single-element `$in`, and the same inside `$and`, dotted paths expanded into sub-documents.
 */
export function seedFromFilter(filter: Document | undefined): Document {
  const seed: Document = {};
  const visit = (clause: Document): void => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition) if (isPlainObject(part)) visit(part);
        continue;
      }
      if (field.startsWith('$') || condition instanceof RegExp) continue;
      if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
        if ('$eq' in condition) setPath(seed, field, cloneValue(condition.$eq));
        else if (Array.isArray(condition.$in) && condition.$in.length === 1) {
          setPath(seed, field, cloneValue(condition.$in[0]));
        }
        continue;
      }
      setPath(seed, field, cloneValue(condition));
    }
  };
  if (filter !== undefined) visit(filter);
  return seed;
}

/** The document an upsert inserts when nothing matched `filter`. */
export function buildUpsertDocument(
  filter: Document | undefined,
  spec: UpdateSpec,
  params: UpdateParams = {},
): Document {
  const seed = seedFromFilter(filter);
  if (Array.isArray(spec)) return withId(runPipeline(seed, spec));
  if (isReplacement(spec)) {
    const doc = cloneDocument(spec);
    if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
    return withId(doc);
  }
  const { operators, setOnInsert } = splitOperators(spec);
  const doc = seed;
  if (Object.keys(operators).length > 0) {
    mingoUpdate(doc, operators, params.arrayFilters, undefined);
  }
  if (setOnInsert !== undefined && Object.keys(setOnInsert).length > 0) {
    mingoUpdate(doc, { $set: setOnInsert }, undefined, undefined);
  }
  return withId(doc);
}
