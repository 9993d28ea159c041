import { calculateObjectSize } from 'bson';
import type { Document } from '../bson-values.js';
import { compileQuery } from '../mingo.js';
import { optionalDocument, optionalNumber } from '../query-engine.js';
import { collectionArgument, cursorReply, type CommandHandler } from './context.js';
import { refuseCreateOptions } from './refusals.js';

/** Fields every command may carry that are not collection options. */
const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  'txnNumber',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'comment',
  'autocommit',
  'startTransaction',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

const create: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'create');
  refuseCreateOptions(body);
  const options: Document = {};
  for (const [field, value] of Object.entries(body)) {
    if (field !== 'create' && !GENERIC_FIELDS.has(field)) options[field] = value;
  }
  storage.createCollection(database, name, options);
  return { ok: 1 };
};

const drop: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'drop');
  const dropped = storage.dropCollection(database, name);
  // Since 7.0 mongod answers ok for a collection that does not exist.
  return { ns: `${database}.${name}`, nIndexesWas: dropped?.indexSpecs().length ?? 0, ok: 1 };
};

const dropDatabase: CommandHandler = (_body, { storage, database }) => {
  storage.dropDatabase(database);
  return { dropped: database, ok: 1 };
};

const listCollections: CommandHandler = (body, { storage, cursors, database }) => {
  const filter = optionalDocument(body, 'filter');
  const nameOnly = body.nameOnly === true;
  const query = filter === undefined ? undefined : compileQuery(filter);
  const entries = storage
    .collections(database)
    .map((collection): Document => ({
      name: collection.name,
      type: 'collection',
      options: collection.options,
      info: { readOnly: false },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }))
    .filter((entry) => query === undefined || query.test(entry))
    .map((entry) => (nameOnly ? { name: entry.name, type: entry.type } : entry));
  const batchSize = optionalNumber(optionalDocument(body, 'cursor') ?? {}, 'batchSize');
  return cursorReply(
    cursors.open(`${database}.$cmd.listCollections`, entries, batchSize ?? Infinity),
    true,
  );
};

function sizeOf(docs: Document[]): number {
  return docs.reduce((total, doc) => total + calculateObjectSize(doc), 0);
}

const listDatabases: CommandHandler = (body, { storage }) => {
  const databases = storage.databaseNames().map((name) => ({
    name,
    sizeOnDisk: storage
      .collections(name)
      .reduce((total, collection) => total + sizeOf(collection.all()), 0),
    empty: false,
  }));
  const totalSize = databases.reduce((total, db) => total + db.sizeOnDisk, 0);
  return {
    databases: body.nameOnly === true ? databases.map(({ name }) => ({ name })) : databases,
    totalSize,
    totalSizeMb: Math.round(totalSize / 1024 / 1024),
    ok: 1,
  };
};

const dbStats: CommandHandler = (_body, { storage, database }) => {
  const collections = storage.collections(database);
  const objects = collections.reduce((total, collection) => total + collection.size, 0);
  const dataSize = collections.reduce((total, collection) => total + sizeOf(collection.all()), 0);
  const indexes = collections.reduce(
    (total, collection) => total + collection.indexSpecs().length,
    0,
  );
  return {
    db: database,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: objects === 0 ? 0 : dataSize / objects,
    dataSize,
    storageSize: dataSize,
    indexes,
    indexSize: 0,
    totalSize: dataSize,
    scaleFactor: 1,
    ok: 1,
  };
};

export const catalogCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  dbStats,
};
