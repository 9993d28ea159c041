import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { explainAggregate, lookupCosts } from '../support/explain.js';

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}lookups`);
  await client.connect();
  db = client.db();
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays the same way. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IDS = Array.from(
  { length: 4 },
  (_, i) => new ObjectId(`65b0000000000000000000${String(i).padStart(2, '0')}`),
);

/** A join key of one of the types a join meets: numbers, strings, ids, dates, null, arrays. */
function joinValue(next: () => number): unknown {
  const n = Math.floor(next() * 6);
  switch (Math.floor(next() * 8)) {
    case 0:
      return n;
    case 1:
      return `k${n}`;
    case 2:
      return IDS[n % IDS.length];
    case 3:
      return new Date(Date.UTC(2026, 0, 1 + n));
    case 4:
      return null;
    case 5:
      return undefined; // left out
    case 6:
      return [n, `k${n + 1}`];
    default:
      return [];
  }
}

function rows(count: number, field: string, next: () => number): Document[] {
  return Array.from({ length: count }, (_, i) => {
    const value = joinValue(next);
    return { _id: i, ...(value === undefined ? {} : { [field]: value }), i };
  });
}

describe('embedded mongo: $lookup through the foreign index', () => {
  it('when a join reads an indexed foreign field, then it examines only the documents it joins', async () => {
    const people = db.collection('people');
    const states = db.collection('states');
    const areas = db.collection('areas');
    await Promise.all([people, states, areas].map((c) => c.drop().catch(() => undefined)));
    await states.createIndex({ personId: 1 });
    const areaIds = Array.from({ length: 20 }, () => new ObjectId());
    await areas.insertMany(areaIds.map((_id, n) => ({ _id, name: `Område ${n}` })));
    const personIds = Array.from({ length: 200 }, () => new ObjectId());
    await people.insertMany(
      personIds.map((_id, n) => ({
        _id,
        key: `p-${n}`,
        roles: [{ areaId: areaIds[n % 20] }, { areaId: areaIds[(n + 7) % 20] }],
      })),
    );
    await states.insertMany(
      Array.from({ length: 1000 }, (_, n) => ({ personId: personIds[n % 200], n })),
    );

    const pipeline = [
      { $match: { key: 'p-7' } },
      { $limit: 1 },
      { $lookup: { from: 'states', localField: '_id', foreignField: 'personId', as: 'states' } },
      { $lookup: { from: 'areas', localField: 'roles.areaId', foreignField: '_id', as: 'areas' } },
      {
        $lookup: {
          from: 'states',
          let: { person: '$_id' },
          pipeline: [
            { $match: { $expr: { $eq: ['$personId', '$$person'] } } },
            { $sort: { n: -1 } },
            { $limit: 2 },
            { $project: { _id: 0, n: 1 } },
          ],
          as: 'latest',
        },
      },
    ];
    const [joined] = await people.aggregate(pipeline).toArray();
    expect(joined?.states.map((state: Document) => state.n)).toEqual([7, 207, 407, 607, 807]);
    // In the order of the person's roles, as mingo's join gave it before.
    expect(joined?.areas.map((area: Document) => area.name)).toEqual(['Område 7', 'Område 14']);
    expect(joined?.latest).toEqual([{ n: 807 }, { n: 607 }]);

    const costs = lookupCosts(await explainAggregate(people, pipeline));
    expect(costs).toEqual([
      { docsExamined: 5, keysExamined: 5, collectionScans: 0, indexesUsed: ['personId_1'] },
      { docsExamined: 2, keysExamined: 2, collectionScans: 0, indexesUsed: ['_id_'] },
      { docsExamined: 5, keysExamined: 5, collectionScans: 0, indexesUsed: ['personId_1'] },
    ]);

    // Without an index on the foreign field the join reads the whole collection, as mongod does.
    const unindexed = lookupCosts(
      await explainAggregate(people, [
        { $match: { key: 'p-7' } },
        { $lookup: { from: 'states', localField: '_id', foreignField: 'n', as: 'byN' } },
      ]),
    );
    expect(unindexed).toEqual([
      { docsExamined: 1000, keysExamined: 0, collectionScans: 1, indexesUsed: [] },
    ]);
  });

  it('when joins meet arrays, nulls, missing fields and mixed types, then the index gives what a full read gives, in the same order', async () => {
    const next = random(5);
    const local = db.collection('local');
    const indexed = db.collection('foreignIndexed');
    const plain = db.collection('foreignPlain');
    await Promise.all([local, indexed, plain].map((c) => c.drop().catch(() => undefined)));
    await indexed.createIndex({ k: 1 });
    const foreignRows = rows(150, 'k', next);
    await indexed.insertMany(foreignRows);
    await plain.insertMany(foreignRows);
    await local.insertMany(rows(60, 'l', next));

    for (const form of ['fields', 'expr'] as const) {
      const join = (from: string): Document =>
        form === 'fields'
          ? { $lookup: { from, localField: 'l', foreignField: 'k', as: 'joined' } }
          : {
              $lookup: {
                from,
                let: { value: '$l' },
                pipeline: [{ $match: { $expr: { $eq: ['$k', '$$value'] } } }],
                as: 'joined',
              },
            };
      const throughIndex = await local.aggregate([join('foreignIndexed')]).toArray();
      const fullRead = await local.aggregate([join('foreignPlain')]).toArray();
      expect(throughIndex, form).toEqual(fullRead);
      expect(throughIndex.some((row) => row.joined.length > 0)).toBe(true);

      if (form === 'fields') {
        const [cost] = lookupCosts(await explainAggregate(local, [join('foreignIndexed')]));
        expect(cost?.collectionScans).toBe(0);
        // Each local value (each element of a local array; null when missing) is looked up
        // once, and examines exactly the foreign documents equal to it.
        let matching = 0;
        for (const row of await local.find().toArray()) {
          const values: unknown[] = Array.isArray(row.l) ? row.l : [row.l ?? null];
          for (const value of values)
            matching += await plain.countDocuments({ k: { $in: [value] } });
        }
        expect(cost?.docsExamined).toBe(matching);
        expect(cost?.docsExamined).toBeLessThan(foreignRows.length * 10);
      }
    }
  });
});
