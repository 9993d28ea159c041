import { resolve } from 'mingo/util';
import {
  cloneDocument,
  fieldPath,
  isPlainObject,
  rememberTyped,
  type Document,
} from './bson-values.js';
import type { Collection, StoredDocument } from './collection.js';
import { isPointValue } from './index-bounds.js';
import { compileAggregation } from './mingo.js';
import { newQueryStats, queryStored } from './query-engine.js';
import { carryTypes, typedForm, withJoined } from './stages.js';

/** What one `$lookup` stage read, as mongod's explain reports it per stage. */
export interface LookupStats {
  docsExamined: number;
  keysExamined: number;
  collectionScans: number;
  indexesUsed: Set<string>;
  /** Documents the stage produced; undefined when mingo ran it. */
  nReturned: number | undefined;
}

export function newLookupStats(): LookupStats {
  return {
    docsExamined: 0,
    keysExamined: 0,
    collectionScans: 0,
    indexesUsed: new Set(),
    nReturned: undefined,
  };
}

/** How a `$lookup` finds the foreign documents of one input document. */
type Join =
  | {
      readonly kind: 'fields';
      readonly localField: string;
      readonly foreignField: string;
      /** A pipeline to run on the matched documents (MongoDB 5.0's concise correlated form). */
      readonly pipeline: Document[];
    }
  | {
      readonly kind: 'expr';
      /** The foreign field the leading `$match: {$expr: {$eq: …}}` compares with `variable`. */
      readonly foreignField: string;
      readonly variable: string;
      readonly pipeline: Document[];
    };

export interface IndexedLookup {
  readonly from: Collection | undefined;
  readonly as: string;
  readonly letExpression: Document | undefined;
  readonly join: Join;
}

/**
 * Values the index looks up directly. Others (documents, nested arrays, binary data; a regular
 * expression, which `$in` would read as a pattern) would need a scan per input document, so
 * such a join stays with mingo's single hash join.
 */
function isLookupValue(value: unknown): boolean {
  return isPointValue(value);
}

/** `'$name'` (a plain top-level field path), else undefined. */
function topLevelFieldPath(value: unknown): string | undefined {
  const field = fieldPath(value);
  return field === undefined || field === '' || field.includes('.') ? undefined : field;
}

/** `'$$name'`, else undefined. */
function variableName(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('$$')) return undefined;
  const name = value.slice(2);
  return name === '' || name.includes('.') ? undefined : name;
}

/**
 * The `{$eq: ['$field', '$$var']}` a pipeline's leading `$match` makes with `$expr` (alone or in
 * an `$and`): the foreign documents it can keep are among those whose field equals the variable
 * in query terms, so the index on that field finds them.
 */
function exprEquality(pipeline: Document[]): { field: string; variable: string } | undefined {
  const first = pipeline[0];
  if (first === undefined || Object.keys(first).length !== 1 || !isPlainObject(first.$match)) {
    return undefined;
  }
  const expr = first.$match.$expr;
  if (!isPlainObject(expr)) return undefined;
  const candidates = Array.isArray(expr.$and) ? (expr.$and as unknown[]) : [expr];
  for (const candidate of candidates) {
    if (!isPlainObject(candidate) || Object.keys(candidate).length !== 1) continue;
    const operands = candidate.$eq;
    if (!Array.isArray(operands) || operands.length !== 2) continue;
    const [a, b] = operands as [unknown, unknown];
    const field = topLevelFieldPath(a) ?? topLevelFieldPath(b);
    const variable = variableName(b) ?? variableName(a);
    if (field !== undefined && variable !== undefined) return { field, variable };
  }
  return undefined;
}

/** Whether `field` of `collection` has an index that answers equality on it for every value. */
function hasEqualityIndex(collection: Collection, field: string): boolean {
  return collection
    .indexAccess()
    .some(
      (index) =>
        index.fields[0] === field &&
        !index.numericPath &&
        !index.sparse &&
        index.partialFilterExpression === undefined,
    );
}

/**
 * A `$lookup` stage the server answers through the foreign collection's index instead of handing
 * mingo a copy of the whole collection: equality joins (`localField`/`foreignField`, with or
 * without a pipeline) and pipeline joins that start with `$match: {$expr: {$eq: [field, $$var]}}`,
 * when the foreign field has a plain index. Anything else stays with mingo.
 */
export function indexedLookup(
  stage: Document,
  collectionOf: (name: string) => Collection | undefined,
): IndexedLookup | undefined {
  if (Object.keys(stage).length !== 1 || !isPlainObject(stage.$lookup)) return undefined;
  const spec = stage.$lookup;
  const { from, as, localField, foreignField } = spec;
  if (typeof from !== 'string' || typeof as !== 'string') return undefined;
  // A dotted `as` nests the result: leave that to mingo.
  if (as === '' || as.includes('.') || as.startsWith('$')) return undefined;
  const pipeline = spec.pipeline === undefined ? [] : spec.pipeline;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) return undefined;
  const letExpression = spec.let === undefined ? undefined : spec.let;
  if (letExpression !== undefined && !isPlainObject(letExpression)) return undefined;
  const collection = collectionOf(from);
  if (typeof localField === 'string' && typeof foreignField === 'string') {
    if (collection !== undefined && !hasEqualityIndex(collection, foreignField)) return undefined;
    return {
      from: collection,
      as,
      letExpression,
      join: { kind: 'fields', localField, foreignField, pipeline },
    };
  }
  if (localField !== undefined || foreignField !== undefined || letExpression === undefined) {
    return undefined;
  }
  const equality = exprEquality(pipeline);
  if (equality === undefined || !(equality.variable in letExpression)) return undefined;
  if (collection !== undefined && !hasEqualityIndex(collection, equality.field)) return undefined;
  return {
    from: collection,
    as,
    letExpression,
    join: {
      kind: 'expr',
      foreignField: equality.field,
      variable: equality.variable,
      pipeline,
    },
  };
}

/**
 * Foreign documents whose `field` equals one of `values` in query terms (arrays hold a value when
 * an element equals it; null stands for missing too), through the index: per value in order, each
 * value's matches in natural order, each document once. That is the order mingo's hash join
 * gives, which the answers kept before this path existed.
 */
function matchesOf(
  collection: Collection,
  field: string,
  values: readonly unknown[],
  stats: LookupStats,
): StoredDocument[] {
  const seen = new Set<number>();
  const found: StoredDocument[] = [];
  for (const value of values) {
    const queryStats = newQueryStats();
    // `$in` rather than the bare value, so a document value is compared, never read as operators.
    const matched = queryStored(collection, { filter: { [field]: { $in: [value] } } }, queryStats);
    stats.docsExamined += queryStats.docsExamined;
    stats.keysExamined += queryStats.keysExamined;
    const plan = queryStats.plan;
    if (plan?.kind === 'collscan') stats.collectionScans += 1;
    else if (plan?.kind === 'ixscan') stats.indexesUsed.add(plan.index.name);
    else if (plan?.kind === 'idhack') stats.indexesUsed.add('_id_');
    for (const stored of matched) {
      if (seen.has(stored.seq)) continue;
      seen.add(stored.seq);
      found.push(stored);
    }
  }
  return found;
}

/** The let variables for one input document, evaluated as mingo evaluates `$lookup`'s `let`. */
function letValues(doc: Document, letExpression: Document | undefined): Document {
  if (letExpression === undefined || Object.keys(letExpression).length === 0) return {};
  const [evaluated] = compileAggregation([{ $replaceWith: letExpression }]).run([
    doc,
  ]) as Document[];
  return evaluated ?? {};
}

/**
 * Runs an `indexedLookup` stage over `inputs` (mingo-ready copies): each gets `as` set to its
 * foreign documents (query views, copied), after the stage's pipeline when it has one.
 * Returns undefined when a local value cannot be looked up by index (a regular expression, which
 * `$in` would read as a pattern): the caller then hands the stage to mingo.
 */
export function runIndexedLookup(
  lookup: IndexedLookup,
  inputs: Document[],
  variables: Document | undefined,
  /**
   * Runs the join's own pipeline over the matched documents the way the server runs any
   * pipeline, so a `$lookup` nested in it is answered through an index too (the open visits a
   * turn reads with their households), not by a copy of the whole collection per input document.
   */
  runPipeline: (pipeline: Document[], docs: Document[], variables: Document) => Document[],
  stats: LookupStats,
): Document[] | undefined {
  const { join, from } = lookup;
  const keysPerInput: unknown[][] = [];
  const letPerInput: Document[] = [];
  for (const input of inputs) {
    let keys: unknown[];
    if (join.kind === 'fields') {
      const local = (resolve(input, join.localField) as unknown) ?? null;
      keys = Array.isArray(local) ? local : [local];
    } else {
      const values = letValues(input, lookup.letExpression);
      letPerInput.push(values);
      const value = values[join.variable] ?? null;
      if (Array.isArray(value)) {
        // `$eq` compares whole arrays; a document equal to [a, …] has `a` among its index keys,
        // so looking up the first element finds a superset the `$match` then narrows. An empty
        // array has no such element: mingo reads the collection.
        if (value.length === 0) return undefined;
        keys = [value[0]];
      } else {
        keys = [value];
      }
    }
    if (!keys.every(isLookupValue)) return undefined;
    keysPerInput.push(keys);
  }
  const pipeline = join.pipeline;
  return inputs.map((input, position) => {
    const matched =
      from === undefined
        ? []
        : matchesOf(from, join.foreignField, keysPerInput[position] as unknown[], stats);
    let joined = matched.map((stored) => rememberTyped(cloneDocument(stored.view), stored.doc));
    if (pipeline.length > 0) {
      const own =
        join.kind === 'fields' ? letValues(input, lookup.letExpression) : letPerInput[position];
      joined = runPipeline(pipeline, joined, { ...variables, ...own });
    }
    stats.nReturned = (stats.nReturned ?? 0) + 1;
    const output = { ...input, [lookup.as]: joined };
    return carryTypes(output, withJoined(typedForm(input), output, lookup.as));
  });
}

/** Adds what a nested join read to the stage that holds it (its documents, keys, scans). */
export function addLookupStats(into: LookupStats, nested: LookupStats): void {
  into.docsExamined += nested.docsExamined;
  into.keysExamined += nested.keysExamined;
  into.collectionScans += nested.collectionScans;
  for (const index of nested.indexesUsed) into.indexesUsed.add(index);
}
