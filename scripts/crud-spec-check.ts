/**
 * Runs MongoDB's own CRUD specification tests (the unified test format, from a checkout of
 * github.com/mongodb/specifications) against the embedded server, through the real driver, and
 * prints what passed, what failed and what was skipped and why. It finds where the embedded
 * server answers otherwise than mongod. The tests are not part of Nabo (their licence does not
 * allow copying them here): point this at a checkout you have.
 *
 *   npx tsx scripts/crud-spec-check.ts <specifications checkout> [file filter] [--verbose]
 *
 * It covers what the server decides: results, errors (code, code name, message) and the
 * collection afterwards. Not covered: the commands the driver sends (`expectEvents`: the
 * driver's business), fail points, and tests for servers other than a 7.0 standalone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Binary, Decimal128, EJSON, Long, ObjectId, Timestamp, type Document } from 'bson';
import {
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type ClientSession,
  type Collection,
  type Db,
  type FindCursor,
} from 'mongodb';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';

const SERVER_VERSION = [7, 0, 0];

type Entities = Map<string, unknown>;
type Outcome = { status: 'pass' } | { status: 'fail' | 'refused' | 'skip'; reason: string };
/** What the embedded server refuses on purpose (collations, views, $out/$merge): NotImplemented. */
const NOT_IMPLEMENTED = 238;

class Skip extends Error {}

interface UnifiedFile {
  description: string;
  runOnRequirements?: Requirement[];
  createEntities?: Document[];
  initialData?: CollectionData[];
  tests: UnifiedTest[];
}
interface Requirement {
  minServerVersion?: string;
  maxServerVersion?: string;
  topologies?: string[];
  serverless?: string;
  auth?: boolean;
  csfle?: boolean;
  serverParameters?: Document;
}
interface CollectionData {
  collectionName: string;
  databaseName: string;
  documents: Document[];
}
interface UnifiedTest {
  description: string;
  runOnRequirements?: Requirement[];
  skipReason?: string;
  operations: Operation[];
  outcome?: CollectionData[];
}
interface Operation {
  name: string;
  object: string;
  arguments?: Document;
  expectResult?: unknown;
  expectError?: ExpectedError;
  saveResultAsEntity?: string;
  ignoreResultAndError?: boolean;
}
interface ExpectedError {
  isError?: boolean;
  isClientError?: boolean;
  errorCode?: number;
  errorCodeName?: string;
  errorContains?: string;
  expectResult?: unknown;
}

function versionOf(text: string): number[] {
  return text.split('.').map(Number);
}
function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Why the embedded server (7.0, standalone, no auth) is not what these requirements ask for. */
function unmetRequirement(requirements: Requirement[] | undefined): string | undefined {
  if (!requirements || requirements.length === 0) return undefined;
  const reasons = requirements.map((r) => {
    if (r.minServerVersion && compareVersions(SERVER_VERSION, versionOf(r.minServerVersion)) < 0)
      return `needs server ≥ ${r.minServerVersion}`;
    if (r.maxServerVersion && compareVersions(SERVER_VERSION, versionOf(r.maxServerVersion)) > 0)
      return `needs server ≤ ${r.maxServerVersion}`;
    if (r.topologies && !r.topologies.includes('single')) return `needs ${r.topologies.join('/')}`;
    if (r.serverless === 'require') return 'needs serverless';
    if (r.auth === true) return 'needs auth';
    if (r.csfle === true) return 'needs csfle';
    if (r.serverParameters) return 'needs server parameters';
    return undefined;
  });
  return reasons.includes(undefined) ? undefined : reasons[0];
}

// ── matching (the unified format's rules) ────────────────────────────────────────────────────

function isPlainDocument(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  );
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  return undefined;
}

function typeMatches(type: string, actual: unknown): boolean {
  switch (type) {
    case 'int':
    case 'long':
      return asNumber(actual) !== undefined && Number.isInteger(asNumber(actual));
    case 'double':
    case 'number':
      return asNumber(actual) !== undefined || actual instanceof Decimal128;
    case 'string':
      return typeof actual === 'string';
    case 'object':
      return isPlainDocument(actual);
    case 'array':
      return Array.isArray(actual);
    case 'bool':
      return typeof actual === 'boolean';
    case 'objectId':
      return actual instanceof ObjectId;
    case 'date':
      return actual instanceof Date;
    case 'null':
      return actual === null;
    case 'binData':
      return actual instanceof Binary;
    case 'timestamp':
      return actual instanceof Timestamp;
    case 'decimal':
      return actual instanceof Decimal128;
    default:
      return false;
  }
}

/** Where `actual` differs from `expected`, or undefined when it matches. */
function mismatch(
  expected: unknown,
  actual: unknown,
  path: string,
  root: boolean,
): string | undefined {
  if (isPlainDocument(expected)) {
    const keys = Object.keys(expected);
    const only = keys.length === 1 ? keys[0] : undefined;
    if (only?.startsWith('$$')) return special(only, expected[only], actual, path, root);
    if (!isPlainDocument(actual)) return `${path}: expected a document, got ${show(actual)}`;
    for (const key of keys) {
      const want = expected[key];
      if (isPlainDocument(want) && 'exists' in want) continue;
      const problem = mismatch(want, actual[key], `${path}.${key}`, false);
      if (problem) return problem;
    }
    if (!root) {
      const extra = Object.keys(actual).filter((key) => !(key in expected));
      if (extra.length > 0) return `${path}: unexpected field(s) ${extra.join(', ')}`;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} element(s), got ${actual.length}: ${show(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = mismatch(expected[i], actual[i], `${path}[${i}]`, root);
      if (problem) return problem;
    }
    return undefined;
  }
  const wantNumber = asNumber(expected);
  if (wantNumber !== undefined) {
    return asNumber(actual) === wantNumber
      ? undefined
      : `${path}: expected ${wantNumber}, got ${show(actual)}`;
  }
  if (expected instanceof ObjectId || expected instanceof Decimal128 || expected instanceof Binary)
    return EJSON.stringify(expected) === EJSON.stringify(actual as Document)
      ? undefined
      : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  if (expected instanceof Date)
    return actual instanceof Date && actual.getTime() === expected.getTime()
      ? undefined
      : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  if (expected !== null && typeof expected === 'object')
    return EJSON.stringify(expected as Document) === EJSON.stringify(actual as Document)
      ? undefined
      : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  return Object.is(expected, actual) || (expected === null && actual === null)
    ? undefined
    : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

function special(operator: string, operand: unknown, actual: unknown, path: string, root: boolean) {
  switch (operator) {
    case '$$exists':
      return (actual !== undefined) === operand
        ? undefined
        : `${path}: exists should be ${String(operand)}`;
    case '$$type': {
      const types = Array.isArray(operand) ? (operand as string[]) : [operand as string];
      return types.some((type) => typeMatches(type, actual))
        ? undefined
        : `${path}: expected type ${types.join('|')}, got ${show(actual)}`;
    }
    case '$$unsetOrMatches':
      return actual === undefined ? undefined : mismatch(operand, actual, path, root);
    case '$$matchesEntity':
    case '$$sessionLsid':
      return undefined;
    case '$$lte':
      return (asNumber(actual) ?? Infinity) <= (asNumber(operand) ?? -Infinity)
        ? undefined
        : `${path}: expected ≤ ${show(operand)}, got ${show(actual)}`;
    case '$$matchAsRoot':
      return mismatch(operand, actual, path, true);
    case '$$matchAsDocument':
      return typeof actual === 'string'
        ? mismatch(operand, EJSON.parse(actual, { relaxed: true }), path, false)
        : `${path}: expected a JSON string`;
    default:
      throw new Skip(`matcher ${operator}`);
  }
}

function show(value: unknown): string {
  try {
    const text = EJSON.stringify(value as Document, { relaxed: true });
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

// ── operations ───────────────────────────────────────────────────────────────────────────────

const OPTION_NAMES = new Set([
  'ordered',
  'upsert',
  'sort',
  'projection',
  'limit',
  'skip',
  'batchSize',
  'hint',
  'let',
  'comment',
  'collation',
  'arrayFilters',
  'bypassDocumentValidation',
  'allowDiskUse',
  'maxTimeMS',
  'min',
  'max',
  'returnKey',
  'showRecordId',
  'allowPartialResults',
]);

function optionsOf(args: Document, entities: Entities): Document {
  const options: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (OPTION_NAMES.has(key)) options[key] = value;
    if (key === 'returnDocument') options.returnDocument = String(value).toLowerCase();
    if (key === 'session') options.session = entities.get(String(value)) as ClientSession;
  }
  return options;
}

function withoutKeys(args: Document, ...keys: string[]): Document {
  return Object.fromEntries(Object.entries(args).filter(([key]) => !keys.includes(key)));
}

function plainBulkResult(result: {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
  insertedIds: Record<number, unknown>;
  upsertedIds: Record<number, unknown>;
}): Document {
  return {
    insertedCount: result.insertedCount,
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    deletedCount: result.deletedCount,
    upsertedCount: result.upsertedCount,
    insertedIds: { ...result.insertedIds },
    upsertedIds: { ...result.upsertedIds },
  };
}

async function collectionOperation(
  collection: Collection,
  name: string,
  args: Document,
  entities: Entities,
): Promise<unknown> {
  const options = optionsOf(args, entities);
  const filter = (args.filter ?? {}) as Document;
  switch (name) {
    case 'insertOne':
      return collection.insertOne(args.document as Document, options);
    case 'insertMany':
      return collection.insertMany(args.documents as Document[], options);
    case 'updateOne':
      return collection.updateOne(filter, args.update as Document, options);
    case 'updateMany':
      return collection.updateMany(filter, args.update as Document, options);
    case 'replaceOne':
      return collection.replaceOne(filter, args.replacement as Document, options);
    case 'deleteOne':
      return collection.deleteOne(filter, options);
    case 'deleteMany':
      return collection.deleteMany(filter, options);
    case 'find':
      return collection.find(filter, options).toArray();
    case 'findOne':
      return collection.findOne(filter, options);
    case 'createFindCursor':
      return collection.find(filter, options);
    case 'findOneAndUpdate':
      return collection.findOneAndUpdate(filter, args.update as Document, options);
    case 'findOneAndReplace':
      return collection.findOneAndReplace(filter, args.replacement as Document, options);
    case 'findOneAndDelete':
      return collection.findOneAndDelete(filter, options);
    case 'aggregate':
      return collection.aggregate(args.pipeline as Document[], options).toArray();
    case 'countDocuments':
      return collection.countDocuments(filter, options);
    case 'count': {
      // The count command itself (the driver no longer has a helper for it).
      const reply = await collection.db.command({
        count: collection.collectionName,
        query: filter,
        ...withoutKeys(args, 'filter', 'session'),
      });
      return reply.n as number;
    }
    case 'estimatedDocumentCount':
      return collection.estimatedDocumentCount(options);
    case 'distinct':
      return collection.distinct(String(args.fieldName), filter, options);
    case 'bulkWrite':
      return plainBulkResult(
        await collection.bulkWrite(args.requests as AnyBulkWriteOperation[], options),
      );
    case 'createIndex':
      return collection.createIndex(args.keys as Document, withoutKeys(args, 'keys', 'session'));
    case 'dropIndex':
      return collection.dropIndex(String(args.name));
    case 'listIndexes':
      return collection.listIndexes().toArray();
    case 'drop':
      return collection.drop();
    default:
      throw new Skip(`collection operation ${name}`);
  }
}

async function databaseOperation(db: Db, name: string, args: Document, entities: Entities) {
  const options = optionsOf(args, entities);
  switch (name) {
    case 'aggregate':
      return db.aggregate(args.pipeline as Document[], options).toArray();
    case 'runCommand':
      return db.command(args.command as Document);
    case 'createCollection':
      return db.createCollection(
        String(args.collection),
        withoutKeys(args, 'collection', 'session'),
      );
    case 'dropCollection':
      return db.dropCollection(String(args.collection));
    case 'listCollections':
      return db.listCollections(args.filter as Document).toArray();
    default:
      throw new Skip(`database operation ${name}`);
  }
}

async function runOperation(operation: Operation, entities: Entities): Promise<unknown> {
  const target = entities.get(operation.object);
  const args = operation.arguments ?? {};
  if (operation.object === 'testRunner') throw new Skip(`testRunner.${operation.name}`);
  if (target === undefined) throw new Skip(`entity ${operation.object}`);
  if (operation.name === 'iterateUntilDocumentOrError' || operation.name === 'iterateOnce')
    return (target as FindCursor).next();
  if (operation.name === 'close') return (target as FindCursor).close();
  if (operation.name === 'startTransaction' || operation.name.endsWith('Transaction'))
    throw new Skip('transactions');
  if ((target as { constructor?: { name?: string } }).constructor?.name === 'Collection')
    return collectionOperation(target as Collection, operation.name, args, entities);
  if ((target as { constructor?: { name?: string } }).constructor?.name === 'Db')
    return databaseOperation(target as Db, operation.name, args, entities);
  throw new Skip(`operation ${operation.object}.${operation.name}`);
}

function checkError(expected: ExpectedError, error: unknown): string | undefined {
  const server = error instanceof MongoServerError ? error : undefined;
  if (expected.isClientError === true && server)
    return `expected a client-side error, server said ${server.code} ${server.message}`;
  if (expected.isClientError === false && !server)
    return `expected a server error, got ${String(error)}`;
  if (expected.errorCode !== undefined && server?.code !== expected.errorCode)
    return `expected error code ${expected.errorCode}, got ${server?.code} (${String((error as Error).message)})`;
  if (expected.errorCodeName !== undefined && server?.codeName !== expected.errorCodeName)
    return `expected ${expected.errorCodeName}, got ${server?.codeName ?? 'none'} (${String((error as Error).message)})`;
  if (
    expected.errorContains !== undefined &&
    !String((error as Error).message)
      .toLowerCase()
      .includes(expected.errorContains.toLowerCase())
  )
    return `expected the message to contain "${expected.errorContains}", got "${String((error as Error).message)}"`;
  if (expected.expectResult !== undefined) {
    const partial = (error as { result?: unknown }).result;
    if (partial && typeof partial === 'object' && 'insertedCount' in partial)
      return mismatch(
        expected.expectResult,
        plainBulkResult(partial as never),
        'partial result',
        true,
      );
  }
  return undefined;
}

// ── files and tests ──────────────────────────────────────────────────────────────────────────

async function setUp(client: MongoClient, file: UnifiedFile, entities: Entities) {
  for (const data of file.initialData ?? []) {
    const db = client.db(data.databaseName);
    await db.dropCollection(data.collectionName).catch(() => undefined);
    await db.createCollection(data.collectionName);
    if (data.documents.length > 0)
      await db.collection(data.collectionName).insertMany(data.documents);
  }
  for (const spec of file.createEntities ?? []) {
    const [kind, body] = Object.entries(spec)[0] as [string, Document];
    if (kind === 'client') entities.set(String(body.id), client);
    else if (kind === 'database')
      entities.set(
        String(body.id),
        client.db(String(body.databaseName), body.databaseOptions as Document | undefined),
      );
    else if (kind === 'collection') {
      const db = entities.get(String(body.database)) as Db;
      entities.set(
        String(body.id),
        db.collection(String(body.collectionName), body.collectionOptions as Document | undefined),
      );
    } else if (kind === 'session') entities.set(String(body.id), client.startSession());
    else throw new Skip(`entity kind ${kind}`);
  }
}

async function runTest(
  client: MongoClient,
  file: UnifiedFile,
  test: UnifiedTest,
): Promise<Outcome> {
  const unmet = unmetRequirement(test.runOnRequirements);
  if (unmet) return { status: 'skip', reason: unmet };
  if (test.skipReason) return { status: 'skip', reason: test.skipReason };
  const entities: Entities = new Map();
  try {
    await setUp(client, file, entities);
    for (const [index, operation] of test.operations.entries()) {
      const label = `operation ${index + 1} (${operation.name})`;
      let result: unknown;
      let error: unknown;
      try {
        result = await runOperation(operation, entities);
      } catch (caught) {
        if (caught instanceof Skip) throw caught;
        error = caught;
      }
      if (operation.ignoreResultAndError) continue;
      if (operation.expectError) {
        if (error === undefined)
          return { status: 'fail', reason: `${label}: expected an error, got ${show(result)}` };
        const problem = checkError(operation.expectError, error);
        if (problem) return { status: 'fail', reason: `${label}: ${problem}` };
        continue;
      }
      if (error !== undefined) {
        const refused = error instanceof MongoServerError && error.code === NOT_IMPLEMENTED;
        return {
          status: refused ? 'refused' : 'fail',
          reason: `${label}: ${String((error as Error).message ?? error)}`,
        };
      }
      if (operation.saveResultAsEntity) entities.set(operation.saveResultAsEntity, result);
      if (operation.expectResult !== undefined) {
        const problem = mismatch(operation.expectResult, result, 'result', true);
        if (problem) return { status: 'fail', reason: `${label}: ${problem}` };
      }
    }
    for (const data of test.outcome ?? []) {
      const actual = await client
        .db(data.databaseName)
        .collection(data.collectionName)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      const problem = mismatch(data.documents, actual, `outcome ${data.collectionName}`, false);
      if (problem) return { status: 'fail', reason: problem };
    }
    return { status: 'pass' };
  } catch (caught) {
    if (caught instanceof Skip) return { status: 'skip', reason: `unsupported: ${caught.message}` };
    throw caught;
  } finally {
    for (const value of entities.values()) {
      if (value && typeof value === 'object' && 'endSession' in value)
        await (value as ClientSession).endSession();
    }
  }
}

async function main(): Promise<void> {
  const [checkout, filter] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const verbose = process.argv.includes('--verbose');
  if (!checkout) {
    console.error('usage: npx tsx scripts/crud-spec-check.ts <specifications checkout> [filter]');
    process.exit(2);
  }
  const folder = join(checkout, 'source/crud/tests/unified');
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json') && (!filter || name.includes(filter)))
    .sort();
  const mongo = await startEmbeddedMongo();
  const client = new MongoClient(mongo.uri);
  const counts = { pass: 0, fail: 0, refused: 0, skip: 0 };
  const skipReasons = new Map<string, number>();
  try {
    for (const name of files) {
      const file = EJSON.parse(readFileSync(join(folder, name), 'utf8'), {
        relaxed: true,
      }) as UnifiedFile;
      const unmet = unmetRequirement(file.runOnRequirements);
      for (const test of file.tests) {
        const outcome: Outcome = unmet
          ? { status: 'skip', reason: unmet }
          : await runTest(client, file, test);
        counts[outcome.status] += 1;
        if (outcome.status === 'skip')
          skipReasons.set(outcome.reason, (skipReasons.get(outcome.reason) ?? 0) + 1);
        if (outcome.status === 'fail' || (verbose && outcome.status !== 'pass'))
          console.log(
            `${outcome.status.toUpperCase()} ${name} — ${test.description}\n     ${outcome.reason}`,
          );
      }
    }
  } finally {
    await client.close();
    await mongo.stop();
  }
  console.log(
    `\n${files.length} files: ${counts.pass} passed, ${counts.fail} failed, ${counts.refused} refused as not implemented, ${counts.skip} skipped`,
  );
  for (const [reason, count] of [...skipReasons].sort((a, b) => b[1] - a[1]))
    console.log(`  skipped ${String(count).padStart(3)}: ${reason}`);
}

await main();
