import { MongoBulkWriteError, MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo({ ttlMonitorIntervalMs: 50 });
  client = new MongoClient(`${server.uri}indexes`);
  await client.connect();
  db = client.db();
});

beforeEach(async () => {
  await db.dropDatabase();
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

describe('embedded mongo: unique indexes', () => {
  it('rejects a duplicate on insert with mongod error fields', async () => {
    const c = db.collection('people');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'anna@example.dk' });
    const error = await c.insertOne({ email: 'anna@example.dk' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'anna@example.dk' },
    });
    expect((error as Error).message).toBe(
      'E11000 duplicate key error collection: indexes.people index: email_1 dup key: { email: "anna@example.dk" }',
    );
    expect(await c.countDocuments()).toBe(1);
  });

  it('when two documents hold an empty array in a unique index, then the message names the key as mongod does, undefined', async () => {
    const c = db.collection('languages');
    await c.createIndex({ spoken: 1 }, { unique: true });
    await c.insertOne({ spoken: [] });
    const error = await c.insertOne({ spoken: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { spoken: 1 } });
    // mongod indexes an empty array as undefined (below null), and prints it so.
    expect((error as Error).message).toBe(
      'E11000 duplicate key error collection: indexes.languages index: spoken_1 dup key: { spoken: undefined }',
    );
    expect(await c.countDocuments()).toBe(1);
  });

  it('enforces compound unique indexes on insert, update, upsert and findOneAndUpdate', async () => {
    const c = db.collection('assignments');
    await c.createIndex({ area: 1, resident: 1 }, { unique: true, name: 'area_resident' });
    await c.insertMany([
      { area: 'Gellerup', resident: 'r1' },
      { area: 'Gellerup', resident: 'r2' },
      { area: 'Trige', resident: 'r1' },
    ]);
    const expected = {
      code: 11000,
      keyPattern: { area: 1, resident: 1 },
      keyValue: { area: 'Gellerup', resident: 'r1' },
    };
    await expect(c.insertOne({ area: 'Gellerup', resident: 'r1' })).rejects.toMatchObject(expected);
    await expect(
      c.updateOne({ resident: 'r2' }, { $set: { resident: 'r1' } }),
    ).rejects.toMatchObject(expected);
    // The failed update left the document as it was.
    expect(await c.countDocuments({ resident: 'r2' })).toBe(1);
    await expect(
      c.updateOne(
        { area: 'Gellerup', resident: 'r1', extra: 1 },
        { $set: { x: 1 } },
        { upsert: true },
      ),
    ).rejects.toMatchObject(expected);
    await expect(
      c.findOneAndUpdate(
        { area: 'Trige' },
        { $set: { area: 'Gellerup' } },
        { returnDocument: 'after' },
      ),
    ).rejects.toMatchObject({ ...expected, codeName: 'DuplicateKey' });
    await expect(
      c.findOneAndUpdate({ area: 'Trige' }, { $set: { note: 'fine' } }),
    ).resolves.toMatchObject({ area: 'Trige' });
    expect(await c.countDocuments()).toBe(3);
  });

  it('reports ordered and unordered insertMany duplicates as writeErrors', async () => {
    const c = db.collection('batch');
    await c.createIndex({ k: 1 }, { unique: true });
    const docs = [{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }];
    const ordered = await c.insertMany(docs.map((d) => ({ ...d }))).catch((e: unknown) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    const orderedError = ordered as MongoBulkWriteError;
    expect(orderedError.insertedCount).toBe(1);
    expect(orderedError.writeErrors).toHaveLength(1);
    expect(await c.countDocuments()).toBe(1);

    await c.deleteMany({});
    const unordered = (await c
      .insertMany(
        docs.map((d) => ({ ...d })),
        { ordered: false },
      )
      .catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(unordered.insertedCount).toBe(3);
    const writeErrors = Array.isArray(unordered.writeErrors)
      ? unordered.writeErrors
      : [unordered.writeErrors];
    expect(writeErrors.map((e) => e.index)).toEqual([1, 3]);
    expect(writeErrors[0]?.code).toBe(11000);
    expect(await c.countDocuments()).toBe(3);
  });

  it('treats missing fields as null unless the index is sparse', async () => {
    const plain = db.collection('plain');
    await plain.createIndex({ slackId: 1 }, { unique: true });
    await plain.insertOne({ name: 'a' });
    await expect(plain.insertOne({ name: 'b' })).rejects.toMatchObject({
      code: 11000,
      keyValue: { slackId: null },
    });

    const sparse = db.collection('sparse');
    await sparse.createIndex({ slackId: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'a' }, { name: 'b' }, { slackId: 'U1' }]);
    await expect(sparse.insertOne({ slackId: 'U1' })).rejects.toMatchObject({ code: 11000 });
    expect(await sparse.countDocuments({ slackId: null })).toBe(2);
  });

  it('only enforces a partial unique index on matching documents', async () => {
    const c = db.collection('partial');
    await c.createIndex(
      { email: 1 },
      { unique: true, partialFilterExpression: { active: true }, name: 'active_email' },
    );
    await c.insertMany([
      { email: 'x@example.dk', active: false },
      { email: 'x@example.dk', active: false },
      { email: 'x@example.dk', active: true },
    ]);
    await expect(c.insertOne({ email: 'x@example.dk', active: true })).rejects.toMatchObject({
      code: 11000,
    });
    await expect(c.updateOne({ active: false }, { $set: { active: true } })).rejects.toMatchObject({
      code: 11000,
    });
    const indexes = await c.listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'active_email')).toMatchObject({
      unique: true,
      partialFilterExpression: { active: true },
    });
  });

  it('enforces uniqueness per array element (multikey)', async () => {
    const c = db.collection('multikey');
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ tags: ['a', 'b'] });
    await expect(c.insertOne({ tags: ['c', 'b'] })).rejects.toMatchObject({
      code: 11000,
      keyValue: { tags: 'b' },
    });
    expect(await c.findOne({ tags: 'a' })).not.toBeNull();
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = db.collection('dups');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
  });

  it('accepts an identical index twice and rejects conflicting definitions', async () => {
    const c = db.collection('conflicts');
    await c.createIndex({ k: 1 }, { unique: true });
    await expect(c.createIndex({ k: 1 }, { unique: true })).resolves.toBe('k_1');
    await expect(c.createIndex({ k: 1 }, { name: 'k_1' })).rejects.toMatchObject({ code: 85 });
    await expect(c.createIndex({ other: 1 }, { name: 'k_1' })).rejects.toMatchObject({ code: 86 });
    await expect(c.createIndex({ k: 1 }, { unique: true, name: 'another' })).rejects.toMatchObject({
      code: 85,
    });
  });

  it('finds through a non-unique index and keeps the index in step with updates and deletes', async () => {
    const c = db.collection('lookup');
    await c.createIndex({ area: 1 });
    await c.insertMany([
      { area: 'A', n: 1 },
      { area: 'B', n: 2 },
      { area: 'A', n: 3 },
    ]);
    expect((await c.find({ area: 'A' }).toArray()).map((d) => d.n)).toEqual([1, 3]);
    await c.updateOne({ n: 1 }, { $set: { area: 'B' } });
    await c.deleteOne({ n: 3 });
    expect((await c.find({ area: 'A' }).toArray()).map((d) => d.n)).toEqual([]);
    expect((await c.find({ area: { $eq: 'B' } }).toArray()).map((d) => d.n)).toEqual([1, 2]);
    expect((await c.find({ area: 'B', n: { $gt: 1 } }).toArray()).map((d) => d.n)).toEqual([2]);
  });
});

describe('embedded mongo: index and collection catalog', () => {
  it('lists, drops by name, by key and all indexes', async () => {
    const c = db.collection('catalog');
    await c.createIndexes([
      { key: { a: 1 } },
      { key: { b: -1 }, name: 'b_desc' },
      { key: { c: 1, d: 1 } },
    ]);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual([
      '_id_',
      'a_1',
      'b_desc',
      'c_1_d_1',
    ]);
    expect((await c.listIndexes().toArray())[0]).toEqual({ v: 2, key: { _id: 1 }, name: '_id_' });
    await c.dropIndex('a_1');
    await c.dropIndex({ b: -1 } as never);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1_d_1']);
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    await expect(db.collection('nothing').listIndexes().toArray()).rejects.toMatchObject({
      code: 26,
    });
  });

  it('creates, lists, filters and drops collections and databases', async () => {
    await db.createCollection('explicit');
    await expect(db.createCollection('explicit')).rejects.toMatchObject({ code: 48 });
    await db.collection('implicit').insertOne({ a: 1 });
    await db.collection('byIndex').createIndex({ a: 1 });
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['byIndex', 'explicit', 'implicit']);
    expect((await db.listCollections({ name: 'implicit' }).toArray()).map((c) => c.name)).toEqual([
      'implicit',
    ]);
    expect(await db.listCollections({}, { nameOnly: true }).toArray()).toContainEqual({
      name: 'explicit',
      type: 'collection',
    });

    expect(await db.collection('implicit').drop()).toBe(true);
    expect(await db.collection('never-existed').drop()).toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual([
      'byIndex',
      'explicit',
    ]);

    const other = client.db('indexes_other');
    await other.collection('x').insertOne({ a: 1 });
    const dbs = (await client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs).toEqual(expect.arrayContaining(['indexes', 'indexes_other']));
    await other.dropDatabase();
    expect(await other.listCollections().toArray()).toEqual([]);
    expect(await other.collection('x').countDocuments()).toBe(0);
  });
});

describe('embedded mongo: TTL indexes', () => {
  it('expires documents whose date is older than expireAfterSeconds', async () => {
    const c = db.collection('sessions');
    await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await c.createIndex({ touchedAt: 1 }, { expireAfterSeconds: 3600 });
    await c.insertMany([
      { name: 'expired', expiresAt: new Date(Date.now() - 1000) },
      { name: 'future', expiresAt: new Date(Date.now() + 3_600_000) },
      { name: 'array', expiresAt: [new Date(Date.now() + 3_600_000), new Date(Date.now() - 5000)] },
      { name: 'not a date', expiresAt: 'tomorrow' },
      { name: 'recently touched', touchedAt: new Date() },
      { name: 'touched long ago', touchedAt: new Date(Date.now() - 7_200_000) },
    ]);
    await expect
      .poll(
        async () =>
          (await c.find({}, { projection: { _id: 0, name: 1 } }).toArray()).map((d) => d.name),
        {
          timeout: 5000,
          interval: 50,
        },
      )
      .toEqual(['future', 'not a date', 'recently touched']);
    const ttl = (await c.listIndexes().toArray()).find((i) => i.name === 'expiresAt_1');
    expect(ttl?.expireAfterSeconds).toBe(0);
  });

  it('when a test fakes Date, then expiry follows the faked clock at every sweep', async () => {
    // The server was started before Date was faked (beforeAll), as in the retention tests.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2001-11-30T10:00:00Z') });
    try {
      const c = db.collection('faked');
      await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await c.insertOne({ name: 'until tomorrow', expiresAt: new Date('2001-12-01T10:00:00Z') });
      // Several sweeps (every 50 ms, real timers): by the real clock it expired long ago.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await c.countDocuments()).toBe(1);
      vi.setSystemTime(new Date('2001-12-02T10:00:00Z'));
      await expect.poll(() => c.countDocuments(), { timeout: 5000, interval: 50 }).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the server is given a clock (the demo with --now), then expiry counts on that clock', async () => {
    // A moment long before any real date this runs on: by the wall clock all of it has expired.
    const demoNow = new Date('2001-11-30T10:00:00Z').getTime();
    const demo = await startEmbeddedMongo({ ttlMonitorIntervalMs: 50, now: () => demoNow });
    const demoClient = new MongoClient(`${demo.uri}ttl-clock`);
    try {
      await demoClient.connect();
      const c = demoClient.db().collection('states');
      await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await c.insertMany([
        { name: 'until tomorrow', expiresAt: new Date(demoNow + 86_400_000) },
        { name: 'yesterday', expiresAt: new Date(demoNow - 86_400_000) },
      ]);
      await expect
        .poll(async () => (await c.find({}).toArray()).map((d) => d.name), {
          timeout: 5000,
          interval: 50,
        })
        .toEqual(['until tomorrow']);
    } finally {
      await demoClient.close();
      await demo.stop();
    }
  });
});
