import { Aggregator } from 'mingo';
import {
  canonicalKey,
  cloneDocument,
  fieldValuesAt,
  isPlainObject,
  type Document,
} from '../bson-values.js';
import { CommandError, ErrorCode } from '../errors.js';
import {
  findDocuments,
  matchDocuments,
  optionalDocument,
  optionalNumber,
} from '../query-engine.js';
import {
  collectionArgument,
  cursorReply,
  documentArray,
  type CommandContext,
  type CommandHandler,
} from './context.js';

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

const find: CommandHandler = (body, { storage, cursors, database }) => {
  const name = collectionArgument(body, 'find');
  let limit = optionalNumber(body, 'limit') ?? 0;
  let singleBatch = body.singleBatch === true;
  // A negative limit is the legacy way of asking for one batch of at most |limit| documents.
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const skip = optionalNumber(body, 'skip') ?? 0;
  if (skip < 0) throw new CommandError(ErrorCode.BadValue, 'skip value must be non-negative');
  const docs = findDocuments(storage.getCollection(database, name), {
    filter: optionalDocument(body, 'filter'),
    sort: optionalDocument(body, 'sort'),
    projection: optionalDocument(body, 'projection'),
    collation: optionalDocument(body, 'collation'),
    skip,
    limit,
  });
  return cursorReply(
    cursors.open(`${database}.${name}`, docs, batchSizeOf(body), singleBatch),
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

const count: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'count');
  const matched = matchDocuments(
    storage.getCollection(database, name),
    optionalDocument(body, 'query'),
  );
  const skip = Math.max(0, optionalNumber(body, 'skip') ?? 0);
  const limit = Math.abs(optionalNumber(body, 'limit') ?? 0);
  const n = Math.max(0, matched.length - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
};

const distinct: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'distinct');
  const key = body.key;
  if (typeof key !== 'string' || key === '') {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      "BSON field 'distinct.key' must be a non-empty string",
    );
  }
  const seen = new Map<string, unknown>();
  for (const doc of matchDocuments(
    storage.getCollection(database, name),
    optionalDocument(body, 'query'),
  )) {
    for (const value of fieldValuesAt(doc, key)) {
      const valueKey = canonicalKey(value);
      if (!seen.has(valueKey)) seen.set(valueKey, value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

/** Stages that write elsewhere; mingo cannot run them against our storage. */
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$currentOp',
  '$listSessions',
  '$collStats',
  '$indexStats',
]);

function aggregationSource(
  body: Document,
  context: CommandContext,
  pipeline: Document[],
): { source: Document[]; stages: Document[] } {
  const target = body.aggregate;
  if (typeof target !== 'string') {
    if (target === 1) return { source: [], stages: pipeline };
    throw new CommandError(
      ErrorCode.InvalidNamespace,
      "BSON field 'aggregate' must be a collection name or 1",
    );
  }
  const collection = context.storage.getCollection(context.database, target);
  const [first, ...rest] = pipeline;
  // A leading $match uses the indexes (countDocuments is $match + $group).
  if (first !== undefined && isPlainObject(first.$match) && Object.keys(first).length === 1) {
    return { source: matchDocuments(collection, first.$match), stages: rest };
  }
  return { source: collection?.all() ?? [], stages: pipeline };
}

const aggregate: CommandHandler = (body, context) => {
  const pipeline = documentArray(body, 'pipeline');
  for (const stage of pipeline) {
    const operator = Object.keys(stage)[0];
    if (operator !== undefined && UNSUPPORTED_STAGES.has(operator)) {
      throw new CommandError(
        ErrorCode.NotImplemented,
        `${operator} is not supported by the embedded MongoDB server`,
      );
    }
  }
  const cursorOptions = optionalDocument(body, 'cursor');
  if (cursorOptions === undefined && body.explain !== true) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const { source, stages } = aggregationSource(body, context, pipeline);
  const { storage, database } = context;
  const aggregator = new Aggregator(stages, {
    // $lookup (and $unionWith, $graphLookup) read other collections of the same database.
    collectionResolver: (name) =>
      storage.getCollection(database, name)?.all().map(cloneDocument) ?? [],
  });
  // mingo may modify its input (e.g. $addFields on nested paths): hand it copies.
  const results = aggregator.run(source.map(cloneDocument)) as Document[];
  const ns =
    typeof body.aggregate === 'string'
      ? `${database}.${body.aggregate}`
      : `${database}.$cmd.aggregate`;
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
