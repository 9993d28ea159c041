import { canonicalKey, isPlainObject } from '../bson-values.js';
import type { Collection } from '../collection.js';
import { CommandError, ErrorCode } from '../errors.js';
import { describeIndex, ID_INDEX_NAME, parseIndexSpec } from '../index-spec.js';
import { optionalDocument, optionalNumber } from '../query-engine.js';
import {
  collectionArgument,
  cursorReply,
  type CommandContext,
  type CommandHandler,
} from './context.js';
import { refuseCollation } from './refusals.js';

function existingCollection(context: CommandContext, name: string): Collection {
  const collection = context.storage.getCollection(context.database, name);
  if (collection === undefined) {
    throw new CommandError(
      ErrorCode.NamespaceNotFound,
      `ns does not exist: ${context.database}.${name}`,
    );
  }
  return collection;
}

const createIndexes: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'createIndexes');
  const rawSpecs = body.indexes;
  if (!Array.isArray(rawSpecs) || rawSpecs.length === 0) {
    throw new CommandError(ErrorCode.BadValue, 'Must specify at least one index to create');
  }
  for (const raw of rawSpecs) if (isPlainObject(raw)) refuseCollation(raw);
  const specs = rawSpecs.map(parseIndexSpec);
  const { collection, created } = storage.ensureCollection(database, name);
  const before = collection.indexSpecs().length;
  const added: string[] = [];
  try {
    for (const spec of specs) if (collection.createIndex(spec)) added.push(spec.name);
  } catch (error) {
    // mongod builds the whole list or nothing.
    for (const indexName of added) collection.dropIndex(indexName);
    if (created) storage.dropCollection(database, name);
    throw error;
  }
  return {
    numIndexesBefore: before,
    numIndexesAfter: collection.indexSpecs().length,
    createdCollectionAutomatically: created,
    ...(added.length === 0 ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: CommandHandler = (body, context) => {
  const name = collectionArgument(body, 'listIndexes');
  const collection = existingCollection(context, name);
  const batchSize = optionalNumber(optionalDocument(body, 'cursor') ?? {}, 'batchSize');
  const entries = collection.indexSpecs().map(describeIndex);
  return cursorReply(context.cursors.open(collection.ns, entries, batchSize ?? Infinity), true);
};

/** Index names selected by `index`: a name, a key pattern, a list of names, or '*'. */
function selectIndexes(collection: Collection, index: unknown): string[] {
  const specs = collection.indexSpecs();
  if (index === '*') {
    return specs.map((spec) => spec.name).filter((indexName) => indexName !== ID_INDEX_NAME);
  }
  if (typeof index === 'string') return [index];
  if (Array.isArray(index) && index.every((item) => typeof item === 'string')) {
    return index as string[];
  }
  if (isPlainObject(index)) {
    const matching = specs.filter((spec) => canonicalKey(spec.key) === canonicalKey(index));
    if (matching.length === 0) {
      throw new CommandError(
        ErrorCode.IndexNotFound,
        `can't find index with key: ${JSON.stringify(index)}`,
      );
    }
    if (matching.length > 1) {
      throw new CommandError(
        ErrorCode.IndexNotFound,
        'index key pattern matches several indexes; drop by name',
      );
    }
    return matching.map((spec) => spec.name);
  }
  throw new CommandError(
    ErrorCode.TypeMismatch,
    "BSON field 'dropIndexes.index' is the wrong type",
  );
}

const dropIndexes: CommandHandler = (body, context) => {
  const command = 'dropIndexes' in body ? 'dropIndexes' : 'deleteIndexes';
  const collection = existingCollection(context, collectionArgument(body, command));
  const before = collection.indexSpecs().length;
  const names = selectIndexes(collection, body.index);
  const known = new Set(collection.indexSpecs().map((spec) => spec.name));
  // Validate first so a bad name in a list drops nothing.
  for (const indexName of names) {
    if (indexName === ID_INDEX_NAME) {
      throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    }
    if (!known.has(indexName)) {
      throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${indexName}]`);
    }
  }
  for (const indexName of names) collection.dropIndex(indexName);
  return { nIndexesWas: before, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
