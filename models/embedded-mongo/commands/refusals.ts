import { isPlainObject, type Document } from '../bson-values.js';
import { CommandError, ErrorCode } from '../errors.js';
import type { CommandHandler } from './context.js';

/**
 * The embedded server answers what it cannot do faithfully with an error instead of doing
 * something else quietly: mongod knows these features, so the answer is NotImplemented (238),
 * not CommandNotFound, and names what was refused.
 */
export function notImplemented(what: string): CommandError {
  return new CommandError(
    ErrorCode.NotImplemented,
    `${what} is not supported by the embedded MongoDB server`,
  );
}

/** Commands mongod has that the embedded server does not imitate. */
const UNSUPPORTED_COMMANDS = [
  'collMod',
  'renameCollection',
  'mapReduce',
  'bulkWrite',
  'validate',
  'compact',
  'convertToCapped',
  'cloneCollectionAsCapped',
  'reIndex',
  'geoSearch',
  'createSearchIndexes',
  'updateSearchIndex',
  'dropSearchIndex',
  'listSearchIndexes',
  'setFeatureCompatibilityVersion',
  'createUser',
  'updateUser',
  'dropUser',
  'createRole',
  'shardCollection',
  'replSetGetStatus',
  'fsync',
];

export const refusedCommands: Record<string, CommandHandler> = Object.fromEntries(
  UNSUPPORTED_COMMANDS.map((name): [string, CommandHandler] => [
    name,
    () => {
      throw notImplemented(`the '${name}' command`);
    },
  ]),
);

/**
 * `create` options that change what a collection does (views, capped size limits, validators,
 * time series, default collation, clustered storage). Ignoring them would store and answer
 * differently from mongod, so `create` refuses them.
 */
const UNSUPPORTED_CREATE_OPTIONS = [
  'viewOn',
  'pipeline',
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'collation',
  'encryptedFields',
  'changeStreamPreAndPostImages',
];

export function refuseCreateOptions(body: Document): void {
  for (const option of UNSUPPORTED_CREATE_OPTIONS) {
    const value = body[option];
    if (value === undefined || value === false) continue;
    throw notImplemented(
      option === 'viewOn' || option === 'pipeline'
        ? 'views (create with viewOn)'
        : `create option '${option}'`,
    );
  }
}

/**
 * A collation other than the simple binary one would change what matches and how strings sort;
 * the server compares binary, so it refuses rather than answer as if no collation were given.
 */
export function refuseCollation(source: Document): void {
  const collation = source.collation;
  if (collation === undefined || collation === null) return;
  if (isPlainObject(collation) && collation.locale === 'simple') return;
  throw notImplemented('collation');
}

/** find options that change the result and that the server does not implement. */
const UNSUPPORTED_FIND_OPTIONS = [
  'min',
  'max',
  'returnKey',
  'showRecordId',
  'tailable',
  'awaitData',
];

export function refuseFindOptions(body: Document): void {
  for (const option of UNSUPPORTED_FIND_OPTIONS) {
    const value = body[option];
    if (value === undefined || value === false) continue;
    throw notImplemented(`find option '${option}'`);
  }
  refuseCollation(body);
}
