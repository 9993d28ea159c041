import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import { connectDatabase } from '../../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { CommandCounter } from '../support/command-counter.js';
import { createEstate } from '../support/estate.js';
import {
  assertExaminesAboutWhatItReturns,
  explainAggregate,
  explainCommand,
  lookupCosts,
} from '../support/explain.js';
import { seededRandom } from '../support/seeded-random.js';

/** The app's and the server's clock here: states expire by it, never by the wall clock. */
const NOW = new Date('2026-12-01T08:00:00Z');

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo({ now: () => NOW.getTime() });
  client = new MongoClient(`${server.uri}lookups`);
  await client.connect();
  db = client.db();
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

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

  it("when a join's own pipeline joins again (an ambassador's open visits with their households), then the inner join reads through its index too", async () => {
    const people = db.collection('nested_people');
    const visits = db.collection('nested_visits');
    const residents = db.collection('nested_residents');
    await Promise.all([people, visits, residents].map((c) => c.drop().catch(() => undefined)));
    await visits.createIndex({ ambassadorId: 1, isOpen: 1 });
    const residentIds = Array.from({ length: 1000 }, () => new ObjectId());
    await residents.insertMany(residentIds.map((_id, n) => ({ _id, names: [`Familie ${n}`] })));
    const personIds = Array.from({ length: 30 }, () => new ObjectId());
    await people.insertMany(personIds.map((_id, n) => ({ _id, key: `p-${n}` })));
    // Ten visits per ambassador, every other one open.
    await visits.insertMany(
      Array.from({ length: 300 }, (_, n) => ({
        ambassadorId: personIds[n % 30],
        residentId: residentIds[(n * 7) % 1000],
        isOpen: Math.floor(n / 30) % 2 === 0,
        n,
      })),
    );

    const pipeline = [
      { $match: { key: 'p-4' } },
      { $limit: 1 },
      {
        $lookup: {
          from: 'nested_visits',
          localField: '_id',
          foreignField: 'ambassadorId',
          pipeline: [
            { $match: { isOpen: true } },
            { $sort: { n: 1 } },
            {
              $lookup: {
                from: 'nested_residents',
                localField: 'residentId',
                foreignField: '_id',
                as: 'household',
              },
            },
          ],
          as: 'openVisits',
        },
      },
    ];
    const [joined] = await people.aggregate(pipeline).toArray();
    const open = (joined?.openVisits ?? []) as Document[];
    expect(open.map((visit) => visit.n)).toEqual([4, 64, 124, 184, 244]);
    expect(open.map((visit) => (visit.household as Document[])[0]?.names)).toEqual(
      [4, 64, 124, 184, 244].map((n) => [`Familie ${(n * 7) % 1000}`]),
    );
    // The ambassador's ten visits, then the five open ones' households: not 1,000 per visit.
    expect(lookupCosts(await explainAggregate(people, pipeline))).toEqual([
      {
        docsExamined: 15,
        keysExamined: 15,
        collectionScans: 0,
        indexesUsed: ['ambassadorId_1_isOpen_1', '_id_'],
      },
    ]);
  });

  it('when joins meet arrays, nulls, missing fields and mixed types, then the index gives what a full read gives, in the same order', async () => {
    const next = seededRandom(5);
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

    // A document as the join value: compared whole, by mingo's single pass over the collection
    // rather than a scan per input document.
    await local.insertOne({ _id: 1000 as never, l: { n: 1 }, i: 1000 });
    await indexed.insertOne({ _id: 1000 as never, k: { n: 1 }, i: 1000 });
    const byDocument = {
      $lookup: { from: 'foreignIndexed', localField: 'l', foreignField: 'k', as: 'joined' },
    };
    const [withDocument] = await local.aggregate([{ $match: { _id: 1000 } }, byDocument]).toArray();
    expect(withDocument?.joined).toEqual([{ _id: 1000, k: { n: 1 }, i: 1000 }]);
  });

  it('when a turn loads its context, then the person, their states, check-ins and areas come from indexes in one command', async () => {
    const counter = new CommandCounter();
    const database = await connectDatabase(server.uri, {
      dbName: 'lookups_app',
      commandListener: counter.listener,
      now: () => NOW,
    });
    try {
      const areas = await Promise.all(
        ['gellerup', 'trige', 'hasle'].map((key) => database.areas.create({ key, name: key })),
      );
      const people = [];
      for (let n = 0; n < 60; n += 1) {
        people.push(
          await database.people.add({
            name: `Person ${n}`,
            roles: [{ areaId: (areas[n % 3] as (typeof areas)[number]).id, role: 'ambassador' }],
            identities: [consoleIdentity(`person-${n}`)],
          }),
        );
      }
      for (const [n, person] of people.entries()) {
        for (const key of ['console:a', 'console:b']) {
          await database.conversationStates.save({
            personId: person.id,
            conversationKey: `${key}-${n}`,
            flow: 'report',
            step: 'ask',
            ttlSeconds: 600,
          });
        }
      }
      const { byName, commands, result } = await counter.count(() =>
        database.turnContext.load(consoleIdentity('person-7'), 'console:a-7'),
      );
      expect(result?.person.name).toBe('Person 7');
      expect(result?.state?.conversationKey).toBe('console:a-7');
      expect(result?.areas.map((area) => area.key)).toEqual(['trige']);
      expect(byName).toEqual({ aggregate: 1 });

      const db = client.db('lookups_app');
      const command = commands[0]?.command ?? {};
      assertExaminesAboutWhatItReturns(await explainCommand(db, command));
      const { aggregate: _name, pipeline } = command as { aggregate: string; pipeline: Document[] };
      const joins = lookupCosts(await explainAggregate(db.collection('people'), pipeline));
      // Two states of this person out of 120, no check-ins, one area out of three.
      expect(joins.map((join) => join.docsExamined)).toEqual([2, 0, 1]);
      expect(joins.every((join) => join.collectionScans === 0)).toBe(true);
    } finally {
      await database.drop();
      await database.close();
    }
  });

  it('when a turn reads its visits ahead, then the open and the recently closed ones and their households come from indexes in the same command', async () => {
    const counter = new CommandCounter();
    const database = await connectDatabase(server.uri, {
      dbName: 'lookups_visits',
      commandListener: counter.listener,
      now: () => NOW,
    });
    try {
      const estate = await createEstate(database);
      const ambassadors = [];
      for (let n = 0; n < 8; n += 1) {
        const ambassador = await estate.ambassador(`Ambassadør ${n}`, `ambassador-${n}`);
        await estate.assign(
          ambassador,
          [0, 1, 2].map((h) => ({
            names: [`Familie ${n}-${h}`],
            address: `Vej ${n}`,
            unit: `${h}`,
          })),
        );
        ambassadors.push(ambassador);
      }
      const [first] = await database.visits.listOpenForAmbassador(ambassadors[3]?.id ?? '');
      await database.visits.close(first?.id ?? '', 'met');

      const { byName, commands, result } = await counter.count(() =>
        database.turnContext.load(consoleIdentity('ambassador-3'), 'console:ambassador-3', {
          openVisits: true,
          recentlyClosedVisits: 20,
        }),
      );
      expect(byName).toEqual({ aggregate: 1 });
      expect(result?.openVisits?.map((visit) => visit.resident.names)).toEqual([
        ['Familie 3-1'],
        ['Familie 3-2'],
      ]);
      expect(result?.recentlyClosedVisits?.map((visit) => visit.resident.names)).toEqual([
        ['Familie 3-0'],
      ]);

      const { aggregate: _name, pipeline } = (commands[0]?.command ?? {}) as {
        aggregate: string;
        pipeline: Document[];
      };
      const joins = lookupCosts(
        await explainAggregate(client.db('lookups_visits').collection('people'), pipeline),
      );
      // States, check-ins, areas; then her three visits and the two open ones' households, her
      // three visits and the closed one's household: of 24 visits and 24 households.
      expect(joins.map((join) => join.docsExamined)).toEqual([0, 0, 1, 5, 4]);
      expect(joins.every((join) => join.collectionScans === 0)).toBe(true);
    } finally {
      await database.drop();
      await database.close();
    }
  });
});
