import { Long, MongoClient, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}crud`);
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

interface Visit {
  _id?: ObjectId;
  resident: string;
  at: Date;
  attempts: number;
  area?: string;
  tags?: string[];
}

const day = (n: number): Date => new Date(Date.UTC(2025, 0, n));

describe('embedded mongo: inserts and reads', () => {
  it('round-trips documents and filters by ObjectId and Date', async () => {
    const visits = db.collection<Visit>('visits');
    const result = await visits.insertMany([
      { resident: 'Anna', at: day(3), attempts: 1 },
      { resident: 'Bo', at: day(1), attempts: 2 },
      { resident: 'Carl', at: day(2), attempts: 3 },
    ]);
    expect(result.insertedCount).toBe(3);
    const annaId = result.insertedIds[0] as ObjectId;
    expect(annaId).toBeInstanceOf(ObjectId);

    const anna = await visits.findOne({ _id: new ObjectId(annaId.toHexString()) });
    expect(anna).toMatchObject({ resident: 'Anna', attempts: 1 });
    expect(anna?.at).toEqual(day(3));

    const byIn = await visits.find({ _id: { $in: [annaId] } }).toArray();
    expect(byIn.map((v) => v.resident)).toEqual(['Anna']);

    const later = await visits
      .find({ at: { $gte: day(2) } })
      .sort({ at: 1 })
      .toArray();
    expect(later.map((v) => v.resident)).toEqual(['Carl', 'Anna']);

    const byDate = await visits.findOne({ at: day(1) });
    expect(byDate?.resident).toBe('Bo');

    const byIdDesc = await visits.find().sort({ _id: -1 }).toArray();
    expect(byIdDesc.map((v) => v.resident)).toEqual(['Carl', 'Bo', 'Anna']);
  });

  it('keeps natural order, generates _id first and rejects duplicate _id', async () => {
    const c = db.collection('plain');
    await c.insertOne({ b: 1 });
    await c.insertOne({ _id: 'fixed' as never, b: 2 });
    const docs = await c.find().toArray();
    expect(Object.keys(docs[0] ?? {})[0]).toBe('_id');
    expect(docs.map((d) => d.b)).toEqual([1, 2]);
    await expect(c.insertOne({ _id: 'fixed' as never })).rejects.toMatchObject({
      code: 11000,
      keyPattern: { _id: 1 },
      keyValue: { _id: 'fixed' },
    });
  });

  it('applies projection, skip and limit', async () => {
    const c = db.collection('people');
    await c.insertMany(
      Array.from({ length: 10 }, (_, i) => ({ n: i, name: `p${i}`, secret: 's' })),
    );
    const page = await c
      .find({}, { projection: { name: 1, _id: 0 } })
      .sort({ n: -1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(page).toEqual([{ name: 'p7' }, { name: 'p6' }, { name: 'p5' }]);
    const excluded = await c.findOne({ n: 4 }, { projection: { secret: 0 } });
    expect(excluded).not.toHaveProperty('secret');
    expect(excluded).toHaveProperty('name', 'p4');
  });

  it('returns data in batches and continues with getMore', async () => {
    const c = db.collection('many');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const started: Array<{ name: string; command: Record<string, unknown> }> = [];
    const listener = (event: { commandName: string; command: Record<string, unknown> }): void => {
      started.push({ name: event.commandName, command: event.command });
    };
    const monitored = new MongoClient(`${server.uri}crud`, { monitorCommands: true });
    monitored.on('commandStarted', listener);
    const all = await monitored.db().collection('many').find({}).batchSize(40).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const getMores = started.filter((e) => e.name === 'getMore');
    expect(getMores.length).toBe(6);
    expect(getMores[0]?.command.getMore).toBeInstanceOf(Long);

    // Default first batch is 101; the rest comes with getMore.
    const cursor = monitored.db().collection('many').find({});
    await cursor.hasNext();
    expect(cursor.bufferedCount()).toBe(101);
    expect((await cursor.toArray()).length).toBe(250);
    await monitored.close();
  });

  it('honours a negative limit as a single batch', async () => {
    const c = db.collection('neg');
    await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
    const reply = await db.command({ find: 'neg', limit: -5 });
    expect(reply.cursor.firstBatch.length).toBe(5);
    expect(Number(reply.cursor.id)).toBe(0);
    // Unlike a positive limit, no cursor stays open for the rest.
    const positive = await db.command({ find: 'neg', limit: 5, batchSize: 2 });
    expect(Number(positive.cursor.id)).not.toBe(0);
  });

  it('kills cursors and reports unknown ones', async () => {
    await db.collection('kill').insertMany(Array.from({ length: 10 }, (_, i) => ({ i })));
    const opened = await db.command({ find: 'kill', batchSize: 2 });
    // db.command promotes Longs that fit a double; the server accepts either form back.
    const id = Long.fromValue(opened.cursor.id as number);
    expect(id.isZero()).toBe(false);
    const killed = await db.command({ killCursors: 'kill', cursors: [id, Long.fromNumber(99)] });
    expect(killed.cursorsKilled.map(String)).toEqual([id.toString()]);
    expect(killed.cursorsNotFound.map(String)).toEqual(['99']);
    await expect(db.command({ getMore: id, collection: 'kill' })).rejects.toMatchObject({
      code: 43,
    });
    // The driver's own cursor.close() issues killCursors too.
    const cursor = db.collection('kill').find({}).batchSize(2);
    await cursor.next();
    await cursor.close();
  });

  it('counts and finds distinct values', async () => {
    const c = db.collection<Visit>('visits');
    await c.insertMany([
      { resident: 'A', at: day(1), attempts: 1, area: 'Gellerup', tags: ['x', 'y'] },
      { resident: 'B', at: day(2), attempts: 2, area: 'Trige', tags: ['y'] },
      { resident: 'C', at: day(3), attempts: 2, area: 'Gellerup' },
    ]);
    expect(await c.countDocuments({ area: 'Gellerup' })).toBe(2);
    expect(await c.countDocuments({}, { skip: 1, limit: 1 })).toBe(1);
    expect(await c.estimatedDocumentCount()).toBe(3);
    expect(await db.command({ count: 'visits', query: { attempts: 2 } })).toMatchObject({ n: 2 });
    expect((await c.distinct('area')).sort()).toEqual(['Gellerup', 'Trige']);
    expect((await c.distinct('tags')).sort()).toEqual(['x', 'y']);
    expect(await c.distinct('area', { attempts: 1 })).toEqual(['Gellerup']);
    expect(await db.collection('missing').distinct('x')).toEqual([]);
  });
});

describe('embedded mongo: updates and deletes', () => {
  it('when $set and $unset touch top-level fields, then only real changes count as modified, dates by their time', async () => {
    const c = db.collection<{ _id: number; [field: string]: unknown }>('plain_updates');
    const at = new Date('2026-11-30T12:00:00.000Z');
    await c.insertOne({ _id: 1, state: 'accepted', payload: 'x', at });
    const unchanged = await c.updateOne(
      { _id: 1 },
      { $set: { state: 'accepted', at: new Date(at.getTime()) }, $unset: { gone: '' } },
    );
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const done = await c.updateOne(
      { _id: 1 },
      {
        $set: { state: 'done', doneAt: at, count: 0, flag: false, none: null },
        $unset: { payload: '' },
      },
    );
    expect(done).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      state: 'done',
      at,
      doneAt: at,
      count: 0,
      flag: false,
      none: null,
    });
    await expect(
      c.updateOne({ _id: 1 }, { $set: { state: 'a' }, $unset: { state: '' } }),
    ).rejects.toMatchObject({ code: 40 });
  });

  it('updates one or many and reports matched and modified counts', async () => {
    const c = db.collection('u');
    await c.insertMany([
      { k: 1, v: 1 },
      { k: 1, v: 1 },
      { k: 2, v: 1 },
    ]);
    const one = await c.updateOne({ k: 1 }, { $inc: { v: 1 } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const many = await c.updateMany({ k: 1 }, { $set: { v: 5 } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const noop = await c.updateMany({ k: 1 }, { $set: { v: 5 } });
    expect(noop).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    const replaced = await c.replaceOne({ k: 2 }, { k: 2, replaced: true });
    expect(replaced.modifiedCount).toBe(1);
    expect(await c.findOne({ k: 2 }, { projection: { _id: 0 } })).toEqual({ k: 2, replaced: true });
    await expect(c.updateOne({ k: 2 }, { $set: { _id: 'other' } })).rejects.toMatchObject({
      code: 66,
    });
  });

  it('upserts with $setOnInsert and seeds the document from the filter', async () => {
    const c = db.collection('up');
    const result = await c.updateOne(
      { 'owner.slackId': 'U1', area: { $eq: 'Gellerup' }, attempts: { $gt: 0 } },
      { $set: { note: 'first' }, $setOnInsert: { createdAt: day(5) }, $inc: { visits: 1 } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await c.findOne({ _id: result.upsertedId as ObjectId });
    expect(doc).toMatchObject({
      owner: { slackId: 'U1' },
      area: 'Gellerup',
      note: 'first',
      createdAt: day(5),
      visits: 1,
    });
    expect(doc).not.toHaveProperty('attempts');

    // A second upsert matches: $setOnInsert is ignored.
    const again = await c.updateOne(
      { 'owner.slackId': 'U1', area: 'Gellerup' },
      { $set: { note: 'second' }, $setOnInsert: { createdAt: day(9) } },
      { upsert: true },
    );
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await c.findOne({ area: 'Gellerup' })).toMatchObject({
      note: 'second',
      createdAt: day(5),
    });

    const replacement = await c.replaceOne(
      { _id: 'fixed' as never },
      { whole: true },
      { upsert: true },
    );
    expect(replacement.upsertedId).toBe('fixed');
  });

  it('supports the positional $ operator and arrayFilters', async () => {
    const c = db.collection('agenda');
    await c.insertOne({
      meeting: 'm1',
      items: [
        { title: 'Velkomst', minutes: 5 },
        { title: 'Kaffe', minutes: 10 },
      ],
    });
    await c.updateOne(
      { meeting: 'm1', 'items.title': 'Kaffe' },
      { $set: { 'items.$.minutes': 15 } },
    );
    await c.updateOne(
      { meeting: 'm1' },
      { $inc: { 'items.$[item].minutes': 1 } },
      { arrayFilters: [{ 'item.minutes': { $lt: 10 } }] },
    );
    const doc = await c.findOne({ meeting: 'm1' });
    expect(doc?.items).toEqual([
      { title: 'Velkomst', minutes: 6 },
      { title: 'Kaffe', minutes: 15 },
    ]);
  });

  it('runs pipeline updates and reports bad operators as write errors', async () => {
    const c = db.collection('pipe');
    await c.insertOne({ k: 'p', a: 2, b: 3 });
    await c.updateOne({ k: 'p' }, [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'a' }]);
    expect(await c.findOne({ k: 'p' }, { projection: { _id: 0 } })).toEqual({
      k: 'p',
      b: 3,
      total: 5,
    });
    await expect(c.updateOne({ k: 'p' }, { $frobnicate: { a: 1 } } as never)).rejects.toMatchObject(
      { code: 9 },
    );
    await expect(c.updateOne({ k: 'p' }, { plain: 1, $set: { a: 1 } } as never)).rejects.toThrow();
    expect(await c.countDocuments({ k: 'p' })).toBe(1);
  });

  it('deletes one or many', async () => {
    const c = db.collection('d');
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await c.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect((await c.deleteMany({ k: 3 })).deletedCount).toBe(0);
    expect(await c.countDocuments()).toBe(1);
  });

  it('findOneAndUpdate/Delete/Replace return the right image', async () => {
    const c = db.collection('fam');
    await c.insertMany([
      { k: 'a', v: 2 },
      { k: 'a', v: 1 },
    ]);
    const before = await c.findOneAndUpdate({ k: 'a' }, { $set: { v: 10 } }, { sort: { v: 1 } });
    expect(before).toMatchObject({ v: 1 });
    const after = await c.findOneAndUpdate(
      { k: 'a', v: 2 },
      { $inc: { v: 1 } },
      { returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(after).toEqual({ k: 'a', v: 3 });
    const none = await c.findOneAndUpdate({ k: 'zzz' }, { $set: { v: 1 } });
    expect(none).toBeNull();
    const upserted = await c.findOneAndUpdate(
      { k: 'new' },
      { $setOnInsert: { fresh: true } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(upserted.value).toMatchObject({ k: 'new', fresh: true });
    expect(upserted.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(upserted.lastErrorObject?.upserted).toBeInstanceOf(ObjectId);
    const replaced = await c.findOneAndReplace(
      { k: 'new' },
      { k: 'newer' },
      { returnDocument: 'after' },
    );
    expect(replaced).toMatchObject({ k: 'newer' });
    expect(replaced).not.toHaveProperty('fresh');
    const deleted = await c.findOneAndDelete({ k: 'newer' });
    expect(deleted).toMatchObject({ k: 'newer' });
    expect(await c.countDocuments({ k: 'newer' })).toBe(0);
  });
});

describe('embedded mongo: aggregation', () => {
  it('runs $match, $group, $sort, $project, $unwind, $count and $lookup', async () => {
    const visits = db.collection('visits');
    const residents = db.collection('residents');
    await residents.insertMany([
      { _id: 'r1' as never, name: 'Anna' },
      { _id: 'r2' as never, name: 'Bo' },
    ]);
    await visits.insertMany([
      { resident: 'r1', area: 'Gellerup', attempts: 1, tags: ['folder'] },
      { resident: 'r1', area: 'Gellerup', attempts: 2, tags: ['folder', 'card'] },
      { resident: 'r2', area: 'Trige', attempts: 1, tags: [] },
    ]);
    const perArea = await visits
      .aggregate([
        { $match: { attempts: { $gte: 1 } } },
        { $group: { _id: '$area', total: { $sum: '$attempts' }, visits: { $sum: 1 } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, area: '$_id', total: 1, visits: 1 } },
      ])
      .toArray();
    expect(perArea).toEqual([
      { area: 'Gellerup', total: 3, visits: 2 },
      { area: 'Trige', total: 1, visits: 1 },
    ]);

    const tags = await visits.aggregate([{ $unwind: '$tags' }, { $count: 'n' }]).toArray();
    expect(tags).toEqual([{ n: 3 }]);

    const joined = await visits
      .aggregate([
        { $match: { area: 'Trige' } },
        { $lookup: { from: 'residents', localField: 'resident', foreignField: '_id', as: 'who' } },
        { $limit: 1 },
        { $skip: 0 },
      ])
      .toArray();
    expect(joined[0]?.who).toEqual([{ _id: 'r2', name: 'Bo' }]);

    const batched = await visits
      .aggregate([{ $sort: { attempts: 1 } }], { batchSize: 1 })
      .toArray();
    expect(batched.length).toBe(3);
  });

  it('answers unsupported stages with an error and leaves the input untouched', async () => {
    const c = db.collection('agg');
    await c.insertOne({ nested: { a: 1 } });
    await expect(c.aggregate([{ $out: 'elsewhere' }]).toArray()).rejects.toMatchObject({
      code: 238,
    });
    await c.aggregate([{ $addFields: { 'nested.b': 2 } }]).toArray();
    expect(await c.findOne({}, { projection: { _id: 0 } })).toEqual({ nested: { a: 1 } });
  });
});
