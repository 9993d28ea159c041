import type { Aggregator } from 'mingo/aggregator';
import {
  canonicalKey,
  cloneDocument,
  fieldValuesAt,
  isPlainObject,
  rememberTyped,
  typedOriginal,
  type Document,
} from '../bson-values.js';
import type { Collection } from '../collection.js';
import { compileAggregation } from '../mingo.js';
import { nonPositiveLimit, refuseMalformedStages } from '../pipeline-refusals.js';
import { withStoredTypes } from '../stages.js';
import {
  addLookupStats,
  indexedLookup,
  newLookupStats,
  runIndexedLookup,
  type LookupStats,
} from '../lookup.js';
import { CommandError, ErrorCode } from '../errors.js';
import {
  findDocuments,
  letVariables,
  matchStored,
  optionalDocument,
  optionalNumber,
  queryStored,
  type FindSpec,
  type QueryStats,
} from '../query-engine.js';
import {
  collectionArgument,
  cursorReply,
  documentArray,
  type CommandContext,
  type CommandHandler,
} from './context.js';
import { refuseCollation, refuseFindOptions } from './refusals.js';

function batchSizeOf(source: Document, field = 'batchSize'): number | undefined {
  const batchSize = optionalNumber(source, field);
  if (batchSize !== undefined && batchSize < 0) {
    throw new CommandError(
      ErrorCode.BadValue,
      `BatchSize value must be non-negative, but received: ${batchSize}`,
    );
  }
  return batchSize;
}

/** The query part of a `find` command, shared with `explain`. */
export function findSpecOf(body: Document): FindSpec & { singleBatch: boolean } {
  refuseFindOptions(body);
  let limit = optionalNumber(body, 'limit') ?? 0;
  let singleBatch = body.singleBatch === true;
  // A negative limit is the legacy way of asking for one batch of at most |limit| documents.
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const skip = optionalNumber(body, 'skip') ?? 0;
  if (skip < 0) throw new CommandError(ErrorCode.BadValue, 'skip value must be non-negative');
  return {
    filter: optionalDocument(body, 'filter'),
    sort: optionalDocument(body, 'sort'),
    projection: optionalDocument(body, 'projection'),
    hint: body.hint,
    variables: letVariables(body),
    skip,
    limit,
    singleBatch,
  };
}

const find: CommandHandler = (body, { storage, cursors, database }) => {
  const name = collectionArgument(body, 'find');
  const spec = findSpecOf(body);
  const docs = findDocuments(storage.getCollection(database, name), spec);
  return cursorReply(
    cursors.open(`${database}.${name}`, docs, batchSizeOf(body), spec.singleBatch),
    true,
  );
};

const getMore: CommandHandler = (body, { cursors }) => {
  const collection = typeof body.collection === 'string' ? body.collection : '';
  return cursorReply(cursors.getMore(body.getMore, collection, batchSizeOf(body)), false);
};

const killCursors: CommandHandler = (body, { cursors }) => {
  collectionArgument(body, 'killCursors');
  const ids = body.cursors;
  if (!Array.isArray(ids)) {
    throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'cursors' must be an array");
  }
  const { killed, notFound } = cursors.kill(ids);
  return {
    cursorsKilled: killed,
    cursorsNotFound: notFound,
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
};

/** `count`: the number of matches after skip, capped by limit. */
export function countMatches(
  collection: Collection | undefined,
  body: Document,
  stats?: QueryStats,
): number {
  refuseCollation(body);
  const skip = Math.max(0, optionalNumber(body, 'skip') ?? 0);
  const limit = Math.abs(optionalNumber(body, 'limit') ?? 0);
  const matched = queryStored(
    collection,
    { filter: optionalDocument(body, 'query'), skip, limit, hint: body.hint },
    stats,
  );
  return matched.length;
}

const count: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'count');
  return { n: countMatches(storage.getCollection(database, name), body), ok: 1 };
};

export function distinctValues(
  collection: Collection | undefined,
  body: Document,
  stats?: QueryStats,
): unknown[] {
  refuseCollation(body);
  const key = body.key;
  if (typeof key !== 'string' || key === '') {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      "BSON field 'distinct.key' must be a non-empty string",
    );
  }
  const seen = new Map<string, unknown>();
  for (const { doc, view } of matchStored(collection, optionalDocument(body, 'query'), stats)) {
    const typedValues = fieldValuesAt(doc, key);
    fieldValuesAt(view, key).forEach((value, index) => {
      const valueKey = canonicalKey(value);
      if (!seen.has(valueKey)) seen.set(valueKey, typedValues[index]);
    });
  }
  return [...seen.values()];
}

const distinct: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'distinct');
  return { values: distinctValues(storage.getCollection(database, name), body), ok: 1 };
};

/**
 * Stages the embedded server refuses rather than imitating: writing stages ($out, $merge) and
 * server-state stages. mongod knows them, so the refusal is NotImplemented, not an unknown stage.
 */
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$currentOp',
  '$listSessions',
  '$collStats',
  '$indexStats',
  '$planCacheStats',
  '$changeStream',
  '$search',
  '$listLocalSessions',
  '$listCatalog',
  '$listSearchIndexes',
  '$searchMeta',
  '$vectorSearch',
]);

/** Stages that pass documents through unchanged, so their output keeps the stored BSON types. */
const PASS_THROUGH_STAGES = new Set(['$match', '$sort', '$skip', '$limit', '$sample']);

/** The leading stages the query layer answers from indexes, as mongod pushes them down. */
export interface PushedDown {
  readonly spec: FindSpec;
  readonly rest: Document[];
}

function positiveInteger(stage: string, value: unknown): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof (value as { toNumber?: unknown })?.toNumber === 'function'
        ? (value as { toNumber(): number }).toNumber()
        : NaN;
  if (!Number.isInteger(number) || number < 0) {
    throw new CommandError(ErrorCode.BadValue, `invalid argument to ${stage} stage`);
  }
  return number;
}

/** Splits `$match` (merged), then `$sort`, then `$skip`/`$limit` off the front of a pipeline. */
export function pushDown(pipeline: Document[], variables?: Document, hint?: unknown): PushedDown {
  let position = 0;
  const matches: Document[] = [];
  while (
    isPlainObject(pipeline[position]?.$match) &&
    Object.keys(pipeline[position] as Document).length === 1
  ) {
    matches.push((pipeline[position] as Document).$match as Document);
    position += 1;
  }
  let sort: Document | undefined;
  const sortStage = pipeline[position];
  if (
    sortStage !== undefined &&
    isPlainObject(sortStage.$sort) &&
    Object.keys(sortStage).length === 1
  ) {
    sort = sortStage.$sort;
    position += 1;
  }
  let skip = 0;
  let limit = Infinity;
  for (;;) {
    const stage = pipeline[position];
    if (stage === undefined || Object.keys(stage).length !== 1) break;
    if ('$skip' in stage) {
      const n = positiveInteger('$skip', stage.$skip);
      skip += n;
      limit = Math.max(0, limit - n);
    } else if ('$limit' in stage) {
      const n = positiveInteger('$limit', stage.$limit);
      if (n === 0) throw nonPositiveLimit();
      limit = Math.min(limit, n);
    } else {
      break;
    }
    position += 1;
  }
  const filter =
    matches.length === 0 ? {} : matches.length === 1 ? (matches[0] as Document) : { $and: matches };
  return {
    spec: { filter, sort, skip, limit: limit === Infinity ? 0 : limit, variables, hint },
    rest: limit === 0 ? [{ $limit: 0 }] : pipeline.slice(position),
  };
}

function checkStages(pipeline: Document[]): void {
  for (const stage of pipeline) {
    const operator = Object.keys(stage)[0];
    if (operator !== undefined && UNSUPPORTED_STAGES.has(operator)) {
      throw new CommandError(
        ErrorCode.NotImplemented,
        `${operator} is not supported by the embedded MongoDB server`,
      );
    }
  }
}

/**
 * Runs an aggregation; `stats` gets the cost of the pushed-down query part and `lookups` one
 * entry per top-level `$lookup` stage, in order.
 */
export function runAggregation(
  body: Document,
  context: CommandContext,
  stats?: QueryStats,
  lookups?: LookupStats[],
): Document[] {
  const pipeline = documentArray(body, 'pipeline');
  checkStages(pipeline);
  // Also here: a leading $sort or $project may be answered without mingo (pushDown).
  refuseMalformedStages(pipeline);
  refuseCollation(body);
  const { storage, database } = context;
  const variables = letVariables(body);
  const target = body.aggregate;
  let stages = pipeline;
  let source: Array<{ doc: Document; view: Document }> = [];
  if (typeof target === 'string') {
    const pushed = pushDown(pipeline, variables, body.hint);
    const emptyLimit = pushed.rest.length === 1 && pushed.rest[0]?.$limit === 0;
    source = emptyLimit
      ? []
      : queryStored(storage.getCollection(database, target), pushed.spec, stats);
    stages = emptyLimit ? [] : pushed.rest;
  } else if (target !== 1) {
    throw new CommandError(
      ErrorCode.InvalidNamespace,
      "BSON field 'aggregate' must be a collection name or 1",
    );
  }
  if (stages.length === 0) return source.map((stored) => stored.doc);
  // mingo may modify its input (e.g. $addFields on nested paths): hand it copies, each
  // remembered as standing for its typed document.
  const inputs = source.map((stored) => rememberTyped(cloneDocument(stored.view), stored.doc));
  const collectionOf = (name: string): Collection | undefined =>
    storage.getCollection(database, name);
  // $lookup (and $unionWith, $graphLookup) that mingo runs read other collections of the same
  // database as copies of every document.
  const resolver = (name: string): Document[] =>
    Array.from(collectionOf(name)?.stored() ?? [], (stored) =>
      rememberTyped(cloneDocument(stored.view), stored.doc),
    );
  const results = runStages(stages, inputs, variables, collectionOf, resolver, lookups);
  const passThrough = stages.every((stage) => PASS_THROUGH_STAGES.has(Object.keys(stage)[0] ?? ''));
  // Only inputs come out of these stages: each gives back the typed document it stands for.
  if (passThrough) return results.map((result) => typedOriginal(result) as Document);
  return results.map(withStoredTypes);
}

/**
 * Runs the stages after the pushed-down query: runs of stages through mingo, and the `$lookup`s
 * that an index answers here (lookup.ts), so a join reads the foreign documents it needs rather
 * than a copy of the whole foreign collection per stage.
 */
function runStages(
  stages: Document[],
  inputs: Document[],
  variables: Document | undefined,
  collectionOf: (name: string) => Collection | undefined,
  resolver: (name: string) => Document[],
  lookups: LookupStats[] | undefined,
): Document[] {
  let docs = inputs;
  let pending: Document[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    docs = runMingo(
      compileAggregation(pending, {
        collectionResolver: resolver,
        ...(variables === undefined ? {} : { variables }),
      }),
      docs,
    );
    pending = [];
  };
  for (const stage of stages) {
    if (!('$lookup' in stage)) {
      pending.push(stage);
      continue;
    }
    const lookupStats = newLookupStats();
    lookups?.push(lookupStats);
    const lookup = indexedLookup(stage, collectionOf);
    if (lookup !== undefined) {
      flush();
      const joined = runIndexedLookup(
        lookup,
        docs,
        variables,
        (pipeline, matched, own) => {
          // What a nested join reads counts as this stage's reading, as mongod's explain does.
          const nested: LookupStats[] = [];
          const result = runStages(pipeline, matched, own, collectionOf, resolver, nested);
          for (const inner of nested) addLookupStats(lookupStats, inner);
          return result;
        },
        lookupStats,
      );
      if (joined !== undefined) {
        docs = joined;
        continue;
      }
    }
    // mingo reads a copy of the whole foreign collection for this stage.
    const from = (stage.$lookup as Document | undefined)?.from;
    const foreign = typeof from === 'string' ? collectionOf(from) : undefined;
    if (foreign !== undefined) {
      lookupStats.collectionScans += 1;
      lookupStats.docsExamined += foreign.size;
    }
    pending.push(stage);
  }
  flush();
  return docs;
}

/** mingo's "unregistered pipeline operator" is mongod's unknown-stage error (code 40324). */
function runMingo(aggregator: Aggregator, inputs: Document[]): Document[] {
  try {
    return aggregator.run(inputs) as Document[];
  } catch (error) {
    const unknown =
      error instanceof Error ? /unregistered pipeline operator (\$\w+)/.exec(error.message) : null;
    if (unknown !== null) {
      throw new CommandError(
        ErrorCode.UnrecognizedPipelineStage,
        `Unrecognized pipeline stage name: '${unknown[1] ?? ''}'`,
      );
    }
    throw error;
  }
}

const aggregate: CommandHandler = (body, context) => {
  const cursorOptions = optionalDocument(body, 'cursor');
  if (cursorOptions === undefined && body.explain !== true) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const results = runAggregation(body, context);
  const ns =
    typeof body.aggregate === 'string'
      ? `${context.database}.${body.aggregate}`
      : `${context.database}.$cmd.aggregate`;
  return cursorReply(context.cursors.open(ns, results, batchSizeOf(cursorOptions ?? {})), true);
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
