import {
  Decimal128,
  Long,
  MongoClient,
  Timestamp,
  type Collection,
  type Db,
  type Document,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

/** Visits keyed by number, so the order a sort picks is easy to read. */
interface Visit {
  _id: number;
  household?: string;
  attempt?: number;
  outcome?: string;
  latest?: boolean;
  note?: unknown;
}

let visits: Collection<Visit>;

const NOT_IMPLEMENTED = { code: 238, codeName: 'NotImplemented' };
/** Write errors carry the code only, as from mongod. */
const NOT_IMPLEMENTED_WRITE = { code: 238 };

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}fidelity`);
  await client.connect();
  db = client.db();
  visits = db.collection<Visit>('visits');
});

beforeEach(async () => {
  await db.dropDatabase();
  await visits.insertMany([
    { _id: 1, household: 'Tovet 4', attempt: 1, outcome: 'not-home' },
    { _id: 2, household: 'Tovet 4', attempt: 2, outcome: 'not-home' },
    { _id: 3, household: 'Tovet 4', attempt: 3, outcome: 'open' },
  ]);
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

async function collectionNames(): Promise<string[]> {
  return (await db.listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name);
}

describe('embedded mongo: what it cannot do, it refuses like mongod instead of doing something else', () => {
  it('when a view is created, then the server refuses and creates no empty collection in its place', async () => {
    await expect(
      db.createCollection('open_visits', {
        viewOn: 'visits',
        pipeline: [{ $match: { outcome: 'open' } }],
      }),
    ).rejects.toMatchObject(NOT_IMPLEMENTED);
    expect(await collectionNames()).toEqual(['visits']);
  });

  it('when a capped or validated collection is created, then the server refuses the options it would ignore', async () => {
    await expect(db.createCollection('log', { capped: true, size: 4096 })).rejects.toMatchObject(
      NOT_IMPLEMENTED,
    );
    await expect(
      db.createCollection('checked', { validator: { outcome: { $type: 'string' } } }),
    ).rejects.toMatchObject(NOT_IMPLEMENTED);
    expect(await collectionNames()).toEqual(['visits']);
  });

  it('when collMod is sent, then it is refused as not implemented, not as an unknown command', async () => {
    await expect(db.command({ collMod: 'visits', validator: {} })).rejects.toMatchObject(
      NOT_IMPLEMENTED,
    );
  });

  it('when an aggregation writes with $out or $merge, then it is refused and nothing is written', async () => {
    await expect(visits.aggregate([{ $out: 'copy' }]).toArray()).rejects.toMatchObject(
      NOT_IMPLEMENTED,
    );
    await expect(visits.aggregate([{ $merge: { into: 'copy' } }]).toArray()).rejects.toMatchObject(
      NOT_IMPLEMENTED,
    );
    expect(await collectionNames()).toEqual(['visits']);
  });

  it("when a stage is unknown, then the error is mongod's unrecognised stage", async () => {
    await expect(visits.aggregate([{ $teleport: {} }]).toArray()).rejects.toMatchObject({
      code: 40324,
      message: "Unrecognized pipeline stage name: '$teleport'",
    });
  });

  it('when a query asks for a collation, then it is refused rather than compared binary', async () => {
    const caseless = { locale: 'da', strength: 2 };
    await expect(
      visits.find({ outcome: 'OPEN' }, { collation: caseless }).toArray(),
    ).rejects.toMatchObject(NOT_IMPLEMENTED);
    await expect(
      visits.updateOne(
        { outcome: 'OPEN' },
        { $set: { outcome: 'visited' } },
        { collation: caseless },
      ),
    ).rejects.toMatchObject(NOT_IMPLEMENTED_WRITE);
    await expect(
      visits.createIndex({ household: 1 }, { unique: true, collation: caseless }),
    ).rejects.toMatchObject(NOT_IMPLEMENTED);
    // The simple collation is the binary comparison the server does anyway.
    expect(
      await visits.countDocuments({ outcome: 'open' }, { collation: { locale: 'simple' } }),
    ).toBe(1);
  });

  it('when an _id holds a $-prefixed field, then inserts and upserts fail with DollarPrefixedFieldName', async () => {
    const expected = { code: 52 };
    // The driver types _id as an ObjectId; these statements need other shapes.
    const raw = db.collection('visits');
    await expect(
      raw.insertOne({ _id: { $household: 'Tovet 4' } } as Document),
    ).rejects.toMatchObject(expected);
    await expect(
      raw.updateOne({ attempt: 9 }, { $set: { _id: { $gt: 1 } } } as Document, { upsert: true }),
    ).rejects.toMatchObject(expected);
    expect(await visits.countDocuments()).toBe(3);
    // Dotted names inside _id, and $-prefixed names elsewhere, are allowed since MongoDB 5.0.
    await raw.insertOne({ _id: { 'house.number': 4 }, note: { $flag: true } } as Document);
    expect(await visits.countDocuments()).toBe(4);
  });

  it('when updateOne, replaceOne or deleteOne carry a field mongod 7.0 does not know (sort), then the command fails and nothing changes', async () => {
    // It says it is 7.0; sorting an update arrived in 8.0. Code that passed here with a sort
    // would fail on a 7.0 server.
    const unknownField = (path: string) => ({
      code: 40415,
      codeName: 'Location40415',
      message: `BSON field '${path}.sort' is an unknown field.`,
    });
    await expect(
      visits.updateOne(
        { household: 'Tovet 4' },
        { $set: { latest: true } },
        { sort: { attempt: -1 } },
      ),
    ).rejects.toMatchObject(unknownField('update.updates'));
    await expect(
      visits.replaceOne(
        { outcome: 'not-home' },
        { household: 'Tovet 4' },
        { sort: { attempt: -1 } },
      ),
    ).rejects.toMatchObject(unknownField('update.updates'));
    await expect(
      visits.bulkWrite([
        { updateOne: { filter: { _id: 1 }, update: { $set: { latest: true } } } },
        { updateOne: { filter: { _id: 2 }, update: { $set: { latest: true } }, sort: { _id: 1 } } },
      ]),
    ).rejects.toMatchObject(unknownField('update.updates'));
    await expect(
      db.command({ delete: 'visits', deletes: [{ q: { _id: 1 }, limit: 1, sort: { _id: 1 } }] }),
    ).rejects.toMatchObject(unknownField('delete.deletes'));

    expect(await visits.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 1, household: 'Tovet 4', attempt: 1, outcome: 'not-home' },
      { _id: 2, household: 'Tovet 4', attempt: 2, outcome: 'not-home' },
      { _id: 3, household: 'Tovet 4', attempt: 3, outcome: 'open' },
    ]);
  });
});

describe('embedded mongo: transactions', () => {
  it('when a transaction is attempted, then it is refused like on a standalone mongod and nothing is written', async () => {
    const session = client.startSession();
    try {
      await expect(
        session.withTransaction(async () => {
          await visits.insertOne({ _id: 9, household: 'Tovet 6' }, { session });
        }),
        // The driver words code 20 from a standalone this way (MongoDB answers the same).
      ).rejects.toThrow('This MongoDB deployment does not support retryable writes');
    } finally {
      await session.endSession();
    }
    expect(await visits.countDocuments({ _id: 9 })).toBe(0);
  });
});

describe('embedded mongo: options it used to ignore are honoured', () => {
  it('when a pipeline update replaces the root without _id, then the document keeps its _id', async () => {
    await visits.updateOne({ _id: 1 }, [
      { $replaceRoot: { newRoot: { household: '$household', outcome: 'visited' } } },
    ]);
    expect(await visits.findOne({ _id: 1 })).toEqual({
      _id: 1,
      household: 'Tovet 4',
      outcome: 'visited',
    });
  });

  it('when find, update and aggregate use let variables, then $$names resolve', async () => {
    const found = await visits
      .find({ $expr: { $eq: ['$attempt', '$$wanted'] } }, { let: { wanted: 2 } })
      .toArray();
    expect(found.map((visit) => visit._id)).toEqual([2]);

    await visits.updateMany(
      { $expr: { $lt: ['$attempt', '$$limit'] } },
      [{ $set: { note: '$$note' } }],
      { let: { limit: 3, note: { $literal: '$not-a-path' } } },
    );
    expect(
      (await visits.find({ note: '$not-a-path' }).toArray()).map((visit) => visit._id),
    ).toEqual([1, 2]);

    const projected = await visits
      .aggregate([{ $match: { _id: 3 } }, { $project: { label: '$$label' } }], {
        let: { label: 'third' },
      })
      .toArray();
    expect(projected).toEqual([{ _id: 3, label: 'third' }]);
  });
});

describe('embedded mongo: equality is BSON equality, as in mongod', () => {
  interface Household {
    _id: number;
    [field: string]: unknown;
  }

  /** Households whose contact is stored with its fields in one order or the other. */
  async function storeContacts(): Promise<Collection<Household>> {
    const households = db.collection<Household>('households');
    await households.insertMany([
      { _id: 1, contact: { name: 'Jonas', phone: '1234' }, rooms: [[1, 2], 3] },
      { _id: 2, contact: { phone: '1234', name: 'Jonas' }, rooms: [1, 2] },
      { _id: 3, contacts: [{ name: 'Jonas', phone: '1234' }], rooms: [{ floor: 1, size: 2 }] },
    ]);
    return households;
  }

  const idsOf = async (households: Collection<Household>, filter: Document) =>
    (await households.find(filter).sort({ _id: 1 }).toArray()).map((household) => household._id);

  it('when a sub-document is looked for, then only one with the same fields in the same order matches', async () => {
    const households = await storeContacts();
    expect(await idsOf(households, { contact: { name: 'Jonas', phone: '1234' } })).toEqual([1]);
    expect(await idsOf(households, { contact: { phone: '1234', name: 'Jonas' } })).toEqual([2]);
    expect(await idsOf(households, { contacts: { name: 'Jonas', phone: '1234' } })).toEqual([3]);
    expect(
      await idsOf(households, { contact: { $in: [{ phone: '1234', name: 'Jonas' }] } }),
    ).toEqual([2]);
    expect(await idsOf(households, { contact: { $ne: { name: 'Jonas', phone: '1234' } } })).toEqual(
      [2, 3],
    );
  });

  it('when null is looked for, then a field missing on any branch of the path matches too', async () => {
    const households = await storeContacts();
    await households.insertMany([
      { _id: 4, family: { contacts: [{ name: 'Aya' }, { name: 'Ib', phone: '5555' }] } },
      { _id: 5, family: { contacts: [{ name: 'Ole', phone: '6666' }] } },
    ]);
    expect(await idsOf(households, { 'family.contacts.phone': null })).toEqual([1, 2, 3, 4]);
    expect(await idsOf(households, { 'family.contacts.phone': { $in: [null, '6666'] } })).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(await idsOf(households, { 'family.contacts.phone': { $ne: null } })).toEqual([5]);
  });

  it('when null is looked for through an array, then only a sub-document without the field is missing it: plain values and an empty array are not', async () => {
    const doors = db.collection<{ _id: number; rooms?: unknown }>('doors');
    await doors.insertMany([
      { _id: 1, rooms: [{ floor: 5 }] },
      { _id: 2, rooms: [{}] },
      { _id: 3, rooms: [] },
      { _id: 4, rooms: [{}, { floor: 5 }] },
      { _id: 5, rooms: [5, { floor: 5 }] },
      { _id: 6, rooms: [1, 2] },
      { _id: 7, rooms: 5 },
      { _id: 8 },
    ]);
    const nullMatches = [2, 4, 7, 8];
    expect(await idsOf(doors, { 'rooms.floor': null })).toEqual(nullMatches);
    expect(await idsOf(doors, { 'rooms.floor': { $in: [null] } })).toEqual(nullMatches);
    expect(await idsOf(doors, { 'rooms.floor': { $exists: false } })).toEqual([2, 3, 6, 7, 8]);
    await doors.createIndex({ 'rooms.floor': 1 });
    expect(await idsOf(doors, { 'rooms.floor': null })).toEqual(nullMatches);
  });

  it('when $and, $or or $nor is given an empty list, then the query is refused as mongod refuses it', async () => {
    const households = await storeContacts();
    for (const operator of ['$and', '$or', '$nor']) {
      await expect(households.findOne({ [operator]: [] })).rejects.toMatchObject({
        code: 2,
        message: '$and/$or/$nor must be a nonempty array',
      });
    }
  });

  it('when $mod or $in is malformed, then the query is refused as mongod refuses it', async () => {
    const households = await storeContacts();
    const refusals: Array<[Document, string]> = [
      [{ _id: { $mod: [0, 1] } }, 'divisor cannot be 0'],
      [{ _id: { $mod: [2] } }, 'malformed mod, not enough elements'],
      [{ _id: { $mod: [2, 1, 0] } }, 'malformed mod, too many elements'],
      [{ _id: { $mod: ['2', 1] } }, 'malformed mod, divisor not a number'],
      [{ _id: { $in: 2 } }, '$in needs an array'],
      [{ _id: { $nin: 2 } }, '$nin needs an array'],
    ];
    for (const [filter, message] of refusals) {
      await expect(households.findOne(filter)).rejects.toMatchObject({ code: 2, message });
    }
    expect(await idsOf(households, { _id: { $mod: [2, 1] } })).toEqual([1, 3]);
  });

  it('when $size is not a whole, non-negative number, then the query is refused as mongod refuses it', async () => {
    const households = await storeContacts();
    const refusals: Array<[Document, string]> = [
      [{ rooms: { $size: 1.5 } }, '$size must be a whole number'],
      [{ rooms: { $size: -1 } }, '$size may not be negative'],
      [{ rooms: { $size: '2' } }, '$size needs a number'],
    ];
    for (const [filter, message] of refusals) {
      await expect(households.findOne(filter)).rejects.toMatchObject({ code: 2, message });
    }
    expect(await idsOf(households, { rooms: { $size: 2 } })).toEqual([1, 2]);
  });

  it('when an operator is given an operand of the wrong shape, then the query is refused as mongod refuses it', async () => {
    const households = await storeContacts();
    const refusals: Array<[Document, number, string]> = [
      [{ rooms: { $all: 1 } }, 2, '$all needs an array'],
      [{ rooms: { $elemMatch: 1 } }, 2, '$elemMatch needs an Object'],
      [{ rooms: { $not: 1 } }, 2, '$not needs a regex or a document'],
      [{ rooms: { $not: {} } }, 2, '$not cannot be empty'],
      [{ 'contact.name': { $regex: 1 } }, 2, '$regex has to be a string'],
      [{ _id: { $in: [{ $gt: 1 }] } }, 2, 'cannot nest $ under $in'],
      [{ _id: { $bitsAllSet: 1.5 } }, 9, 'Expected an integer: $bitsAllSet: 1.5'],
      [{ _id: { $bitsAnySet: -1 } }, 9, 'Expected a positive number in: $bitsAnySet: -1'],
      [
        { _id: { $bitsAllClear: '1' } },
        2,
        '_id takes an Array, a number, or a BinData but received: $bitsAllClear: "1"',
      ],
    ];
    for (const [filter, code, message] of refusals) {
      await expect(households.findOne(filter)).rejects.toMatchObject({ code, message });
    }
    expect(await idsOf(households, { _id: { $bitsAllSet: 1 } })).toEqual([1, 3]);
    expect(await idsOf(households, { rooms: { $not: { $size: 2 } } })).toEqual([3]);
  });

  it('when $gte or $lte is null, then a missing field matches as null does, and NaN is neither greater nor less than a number', async () => {
    const readings = db.collection<Household>('readings');
    await readings.insertMany([
      { _id: 1, v: null },
      { _id: 2 },
      { _id: 3, v: [1, null] },
      { _id: 4, v: Number.NaN },
      { _id: 5, v: 4 },
    ]);
    for (const indexed of [false, true]) {
      if (indexed) await readings.createIndex({ v: 1 });
      expect(await idsOf(readings, { v: { $gte: null } })).toEqual([1, 2, 3]);
      expect(await idsOf(readings, { v: { $lte: null } })).toEqual([1, 2, 3]);
      expect(await idsOf(readings, { v: { $gt: null } })).toEqual([]);
      expect(await idsOf(readings, { v: { $gte: 0 } })).toEqual([3, 5]);
      expect(await idsOf(readings, { v: { $gte: Number.NaN } })).toEqual([4]);
      expect(await idsOf(readings, { v: { $lt: Number.NaN } })).toEqual([]);
    }
  });

  it('when $all lists values, then each matches as equality does: an array value matches a field that is that array', async () => {
    const households = await storeContacts();
    expect(await idsOf(households, { rooms: { $all: [[1, 2]] } })).toEqual([1, 2]);
    expect(await idsOf(households, { rooms: { $all: [[1, 2], 3] } })).toEqual([1]);
    expect(await idsOf(households, { 'contact.name': { $all: [/^jon/i] } })).toEqual([1, 2]);
  });

  it('when a dotted path meets an array inside an array, then it does not reach into it', async () => {
    const households = await storeContacts();
    expect(await idsOf(households, { 'rooms.floor': 1, 'rooms.size': 2 })).toEqual([3]);
    expect(await idsOf(households, { rooms: [1, 2] })).toEqual([1, 2]);
    expect(await idsOf(households, { 'rooms.0': 1 })).toEqual([1, 2]);
    expect(await idsOf(households, { rooms: { $nin: [3] } })).toEqual([2, 3]);
    await households.insertOne({ _id: 4, rooms: [[{ floor: 2 }]] });
    expect(await idsOf(households, { 'rooms.floor': { $exists: true } })).toEqual([3]);
    expect(await idsOf(households, { 'rooms.floor': { $exists: false } })).toEqual([1, 2, 4]);
  });
});

describe('embedded mongo: an update mongod refuses for what the document holds is refused', () => {
  it('when an array operator meets a field that holds no array, or a path runs through a number, then the update fails like on mongod and nothing changes', async () => {
    const stored = { _id: 1, household: 'Tovet 4', attempt: 1, outcome: 'not-home' };
    await expect(
      visits.updateOne({ _id: 1 }, { $push: { household: 'Tovet 6' } } as Document),
    ).rejects.toMatchObject({
      code: 2,
      message: "The field 'household' must be an array but is of type string in document {_id: 1}",
    });
    await expect(
      visits.updateOne({ _id: 1 }, { $addToSet: { attempt: 2 } } as Document),
    ).rejects.toMatchObject({
      code: 2,
      message:
        "Cannot apply $addToSet to non-array field. Field named 'attempt' has non-array type int",
    });
    await expect(
      visits.updateOne({ _id: 1 }, { $pull: { outcome: 'not-home' } } as Document),
    ).rejects.toMatchObject({ code: 2, message: 'Cannot apply $pull to a non-array value' });
    await expect(
      visits.updateOne({ _id: 1 }, { $pop: { outcome: 1 } } as Document),
    ).rejects.toMatchObject({ code: 14 });
    await expect(
      visits.updateOne({ _id: 1 }, { $set: { 'attempt.second': 2 } } as Document),
    ).rejects.toMatchObject({
      code: 28,
      message: "Cannot create field 'second' in element {attempt: 1}",
    });
    expect(await visits.findOne({ _id: 1 })).toEqual(stored);

    const unset = await visits.updateOne({ _id: 1 }, { $unset: { 'attempt.second': '' } });
    expect(unset.modifiedCount).toBe(0);
  });

  it('when an update names a field on an array, renames through an array, has an empty or conflicting path or a bad $pop, then it fails like on mongod and nothing changes', async () => {
    const raw = db.collection<{ _id: number; [field: string]: unknown }>('visits');
    await raw.insertOne({ _id: 9, attempts: [{ outcome: 'not-home' }], notes: [1, 2] });
    const stored = await raw.findOne({ _id: 9 });
    const refusals: Array<[Document, number, string]> = [
      [
        { $set: { 'attempts.outcome': 'visited' } },
        28,
        'Cannot create field \'outcome\' in element {attempts: [ { outcome: "not-home" } ]}',
      ],
      [
        { $inc: { 'attempts.count': 1 } },
        28,
        'Cannot create field \'count\' in element {attempts: [ { outcome: "not-home" } ]}',
      ],
      [
        { $rename: { notes: 'attempts.notes' } },
        2,
        "The destination field cannot be an array element, 'attempts.notes' in doc with _id: 9 has an array field called 'attempts'",
      ],
      [
        { $rename: { 'attempts.0.outcome': 'outcome' } },
        2,
        "The source field cannot be an array element, 'attempts.0.outcome' in doc with _id: 9 has an array field called 'attempts'",
      ],
      [{ $set: { '': 1 } }, 56, 'An empty update path is not valid.'],
      [
        { $set: { 'a..b': 1 } },
        56,
        "The update path 'a..b' contains an empty field name, which is not allowed.",
      ],
      [
        { $set: { notes: 1 }, $inc: { notes: 1 } },
        40,
        "Updating the path 'notes' would create a conflict at 'notes'",
      ],
      [{ $pop: { notes: 2 } }, 9, '$pop expects 1 or -1, found: 2'],
    ];
    for (const [update, code, message] of refusals) {
      await expect(raw.updateOne({ _id: 9 }, update)).rejects.toMatchObject({ code, message });
    }
    expect(await raw.findOne({ _id: 9 })).toEqual(stored);
  });

  it('when an upsert would change the _id its filter gives, or its filter names a path twice, then it fails like on mongod and inserts nothing', async () => {
    const raw = db.collection<{ _id: number; [field: string]: unknown }>('visits');
    await expect(
      raw.updateOne({ _id: 7 }, { $set: { _id: 8 } }, { upsert: true }),
    ).rejects.toMatchObject({
      code: 66,
      message: "Performing an update on the path '_id' would modify the immutable field '_id'",
    });
    await expect(
      raw.updateOne(
        { household: 'Tovet 4', 'household.door': 4 },
        { $set: { latest: true } },
        { upsert: true },
      ),
    ).rejects.toMatchObject({
      code: 54,
      message:
        "cannot infer query fields to set, both paths 'household' and 'household.door' are matched",
    });
    await expect(
      raw.updateOne(
        { $and: [{ attempt: 5 }, { attempt: 6 }] },
        { $set: { latest: true } },
        { upsert: true },
      ),
    ).rejects.toMatchObject({
      code: 54,
      message: "cannot infer query fields to set, path 'attempt' is matched twice",
    });
    expect(await raw.countDocuments()).toBe(3);
    // The same _id again is no change; a replacement takes only the filter's _id.
    await raw.updateOne({ _id: 7 }, { $set: { _id: 7, attempt: 1 } }, { upsert: true });
    await raw.replaceOne(
      { _id: 8, outcome: 'met', 'outcome.kind': 'x' },
      { attempt: 2 },
      { upsert: true },
    );
    expect(await raw.find({ _id: { $in: [7, 8] } }).toArray()).toEqual([
      { _id: 7, attempt: 1 },
      { _id: 8, attempt: 2 },
    ]);
  });

  it('when $currentDate asks for a timestamp, then a BSON timestamp is stored, not a number', async () => {
    const raw = db.collection<{ _id: number; [field: string]: unknown }>('visits');
    await raw.updateOne({ _id: 1 }, {
      $currentDate: { seenAt: { $type: 'timestamp' }, at: true },
    } as Document);
    const visit = await raw.findOne({ _id: 1 });
    expect(visit?.seenAt).toBeInstanceOf(Timestamp);
    expect(visit?.at).toBeInstanceOf(Date);
    expect(await raw.countDocuments({ seenAt: { $type: 'timestamp' } })).toBe(1);
  });

  it('when an update names an operator mongod does not know, then it fails with FailedToParse', async () => {
    await expect(
      visits.updateOne({ _id: 1 }, { $increment: { attempt: 1 } } as Document),
    ).rejects.toMatchObject({
      code: 9,
      message:
        'Unknown modifier: $increment. Expected a valid update modifier or pipeline-style update specified as an array',
    });
    expect(await visits.findOne({ _id: 1 })).toMatchObject({ attempt: 1 });
  });
});

describe('embedded mongo: decimal128 compares by value as in mongod, or is refused', () => {
  const decimal = (text: string) => Decimal128.fromString(text);
  const ids = (found: Document[]) => found.map((doc) => doc._id as number);
  const amounts = () => db.collection<{ _id: number; v: unknown }>('amounts');

  beforeEach(async () => {
    await amounts().insertMany([
      { _id: 1, v: decimal('1.5') },
      { _id: 2, v: 2 },
      { _id: 3, v: decimal('2.0') },
      { _id: 4, v: 0.5 },
      { _id: 5, v: Long.fromNumber(3) },
      { _id: 6, v: decimal('1E+1') },
    ]);
  });

  it('when decimals a double holds exactly are compared with numbers, then ranges, equality and sorts agree with mongod, with or without an index', async () => {
    for (const indexed of [false, true]) {
      if (indexed) await amounts().createIndex({ v: 1 });
      expect(
        ids(
          await amounts()
            .find({ v: { $gt: 1 } })
            .toArray(),
        ),
      ).toEqual([1, 2, 3, 5, 6]);
      expect(ids(await amounts().find({ v: 1.5 }).toArray())).toEqual([1]);
      expect(
        ids(
          await amounts()
            .find({ v: { $lt: decimal('1.75') } })
            .toArray(),
        ),
      ).toEqual([1, 4]);
      expect(
        ids(
          await amounts()
            .find({ v: { $gte: decimal('2') } })
            .toArray(),
        ),
      ).toEqual([2, 3, 5, 6]);
    }
    expect(
      ids(
        await amounts()
          .find({}, { sort: { v: 1, _id: 1 } })
          .toArray(),
      ),
    ).toEqual([4, 1, 2, 3, 5, 6]);
    // What is stored comes back as stored: a decimal stays a decimal.
    expect(await amounts().findOne({ _id: 3 })).toEqual({ _id: 3, v: decimal('2.0') });
  });

  it('when a decimal no double holds exactly is stored or looked for, or decimals meet $inc/$mul/$min/$max, then it is refused and nothing changes', async () => {
    const refused = NOT_IMPLEMENTED_WRITE;
    await expect(amounts().insertOne({ _id: 7, v: decimal('0.1') })).rejects.toMatchObject({
      code: 238,
      message:
        'decimal128 0.1 (no double holds it exactly) is not supported by the embedded MongoDB server',
    });
    await expect(
      amounts()
        .find({ v: { $lt: decimal('1.6') } })
        .toArray(),
    ).rejects.toMatchObject(NOT_IMPLEMENTED);
    await expect(
      amounts().updateOne({ _id: 1 }, { $inc: { v: 1 } } as Document),
    ).rejects.toMatchObject({
      ...refused,
      message: '$inc on a decimal128 value is not supported by the embedded MongoDB server',
    });
    await expect(amounts().updateOne({ _id: 1 }, { $max: { v: 3 } })).rejects.toMatchObject(
      refused,
    );
    await expect(
      amounts().updateOne({ _id: 2 }, { $mul: { v: decimal('2') } } as Document),
    ).rejects.toMatchObject(refused);
    expect(
      await amounts()
        .find({}, { sort: { _id: 1 } })
        .toArray(),
    ).toEqual([
      { _id: 1, v: decimal('1.5') },
      { _id: 2, v: 2 },
      { _id: 3, v: decimal('2.0') },
      { _id: 4, v: 0.5 },
      { _id: 5, v: 3 }, // the driver reads an int64 as a number
      { _id: 6, v: decimal('1E+1') },
    ]);
  });
});

describe('embedded mongo: aggregation compares and collects as mongod', () => {
  const notes = () => db.collection<{ _id: number; [field: string]: unknown }>('notes');

  beforeEach(async () => {
    await notes().insertMany([
      { _id: 1, v: 2, note: 'madklub', at: new Date(0) },
      { _id: 2, v: 'x', note: null },
      { _id: 3 },
    ]);
  });

  it('when an expression compares values of different types, then the BSON order decides, a missing field below null', async () => {
    const [first] = await db
      .collection('notes')
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            aboveNull: { $gt: ['$v', null] },
            belowText: { $lt: ['$v', 'a'] },
            dateAboveNumber: { $gt: ['$at', 1] },
            missingIsNull: { $eq: ['$nothing', null] },
            missingBelowNull: { $lt: ['$nothing', null] },
            order: { $cmp: ['$v', 'x'] },
          },
        },
      ])
      .toArray();
    expect(first).toEqual({
      aboveNull: true,
      belowText: true,
      dateAboveNumber: true,
      missingIsNull: false,
      missingBelowNull: true,
      order: -1,
    });
    expect(
      (
        await db
          .collection('notes')
          .find({ $expr: { $gt: ['$v', 1] } })
          .toArray()
      ).map((doc) => doc._id),
    ).toEqual([1, 2]);
  });

  it('when $push or $addToSet meet a document without the field, then they leave it out, and keep a null', async () => {
    const [collected] = await db
      .collection('notes')
      .aggregate([
        { $group: { _id: null, notes: { $push: '$note' }, kinds: { $addToSet: '$note' } } },
      ])
      .toArray();
    expect(collected?.notes).toEqual(['madklub', null]);
    expect([...(collected?.kinds as unknown[])].sort()).toEqual(['madklub', null].sort());
  });

  it('when $count meets no document, then there is no result, and $group by a missing field groups under null', async () => {
    expect(
      await notes()
        .aggregate([{ $match: { v: 99 } }, { $count: 'visits' }])
        .toArray(),
    ).toEqual([]);
    expect(
      await notes()
        .aggregate([{ $count: 'visits' }])
        .toArray(),
    ).toEqual([{ visits: 3 }]);
    expect(
      await notes()
        .aggregate([{ $group: { _id: '$nothing', count: { $sum: 1 } } }])
        .toArray(),
    ).toEqual([{ _id: null, count: 3 }]);
  });

  it('when dates are counted in ISO weeks or in local days, then the week-year is the ISO one, local days across a clock change are refused, not shifted, and a missing date gives null', async () => {
    const [weeks] = await notes()
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            newYearsDay: { $isoWeekYear: new Date('2027-01-01T12:00:00Z') },
            lateDecember: { $isoWeekYear: new Date('2025-12-29T12:00:00Z') },
          },
        },
      ])
      .toArray();
    expect(weeks).toEqual({ newYearsDay: 2026, lateDecember: 2026 });
    // Copenhagen moves its clocks on 29 March 2026: that local day has 23 hours.
    const startDate = new Date('2026-03-28T12:00:00Z');
    await expect(
      notes()
        .aggregate([
          {
            $project: {
              next: {
                $dateAdd: { startDate, unit: 'day', amount: 1, timezone: 'Europe/Copenhagen' },
              },
            },
          },
        ])
        .toArray(),
    ).rejects.toMatchObject({ code: 238 });
    const [hourLater] = await notes()
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            at: { $dateAdd: { startDate, unit: 'hour', amount: 1, timezone: 'Europe/Copenhagen' } },
          },
        },
      ])
      .toArray();
    expect(hourLater).toEqual({ at: new Date('2026-03-28T13:00:00Z') });
    // A date that is not there gives null, as on mongod.
    const [noDate] = await notes()
      .aggregate([
        { $match: { _id: 3 } },
        {
          $project: {
            _id: 0,
            year: { $year: '$at' },
            parts: { $dateToParts: { date: '$at' } },
            later: { $dateAdd: { startDate: '$at', unit: 'hour', amount: 1 } },
          },
        },
      ])
      .toArray();
    expect(noDate).toEqual({ year: null, parts: null, later: null });
  });

  it('when $bucket meets a value on a boundary, then it falls in the bucket that starts there, and $project keeps stored order with _id first', async () => {
    const readings = db.collection<{ _id: number; v: unknown }>('readings');
    await readings.insertMany([0, 1, 2, 3, 12].map((v, index) => ({ _id: index, v })));
    expect(
      await readings
        .aggregate([{ $bucket: { groupBy: '$v', boundaries: [0, 2, 10], default: 'above' } }])
        .toArray(),
    ).toEqual([
      { _id: 0, count: 2 },
      { _id: 2, count: 2 },
      { _id: 'above', count: 1 },
    ]);
    await expect(
      readings.aggregate([{ $bucket: { groupBy: '$v', boundaries: [0, 2, 10] } }]).toArray(),
    ).rejects.toMatchObject({
      code: 40066,
      message:
        '$switch could not find a matching branch for an input, and no default was specified.',
    });
    const [projected] = await notes()
      .aggregate([
        { $match: { _id: 1 } },
        { $project: { note: 1, v: 1, doubled: { $add: ['$v', '$v'] } } },
      ])
      .toArray();
    expect(Object.keys(projected ?? {})).toEqual(['_id', 'v', 'note', 'doubled']);
    const automatic = await readings
      .aggregate([{ $bucketAuto: { groupBy: '$v', buckets: 2, output: { n: { $sum: 1 } } } }])
      .toArray();
    expect(automatic.map((bucket) => Object.keys(bucket))).toEqual([
      ['_id', 'n'],
      ['_id', 'n'],
    ]);
  });

  it('when a stage or expression is one mongod refuses, then the aggregation fails with its code', async () => {
    const refusals: Array<[Document[], number, string]> = [
      [[{ $sort: {} }], 15976, '$sort stage must have at least one sort key'],
      [
        [{ $project: {} }],
        51272,
        'Invalid $project :: caused by :: projection specification must have at least one field',
      ],
      [
        [{ $group: { _id: null, total: { $sum: ['$v', 1] } } }],
        40237,
        'The $sum accumulator is a unary operator',
      ],
      [
        [{ $project: { count: { $size: '$note' } } }],
        17124,
        'The argument to $size must be an array. Type of argument: string',
      ],
      [[{ $project: { rest: { $mod: [7, 0] } } }], 16610, "can't $mod by zero"],
      [[{ $project: { share: { $divide: ['$v', 0] } } }], 2, "can't $divide by zero"],
      [
        [{ $project: { sum: { $add: ['$note', 1] } } }],
        14,
        '$add only supports numeric or date types, not string',
      ],
      [
        [{ $project: { sum: { $add: ['$at', '$at'] } } }],
        16612,
        'only one date allowed in an $add expression',
      ],
      [
        [{ $project: { listed: { $in: [1, '$tags'] } } }],
        40081,
        '$in requires an array as a second argument, found: missing',
      ],
      [[{ $limit: 0 }], 15958, 'the limit must be positive'],
      [
        [{ $project: { v: 1, note: 0 } }],
        31254,
        'Cannot do exclusion on field note in inclusion projection',
      ],
      [
        [{ $project: { big: { $gt: ['$v'] } } }],
        16020,
        'Expression $gt takes exactly 2 arguments. 1 were passed in.',
      ],
    ];
    for (const [pipeline, code, message] of refusals) {
      await expect(notes().aggregate(pipeline).toArray()).rejects.toMatchObject({
        code,
        message,
      });
    }
    await expect(
      notes()
        .aggregate([{ $project: { n: { $toInt: '$note' } } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 241, codeName: 'ConversionFailure' });
  });

  it('when $size is given its one-element list form, then it counts the array, not the list', async () => {
    const tallies = db.collection<{ _id: number; rooms: number[] }>('tallies');
    await tallies.insertOne({ _id: 1, rooms: [1, 2, 3] });
    expect(
      await tallies
        .aggregate([
          { $project: { _id: 0, bare: { $size: '$rooms' }, listed: { $size: ['$rooms'] } } },
        ])
        .toArray(),
    ).toEqual([{ bare: 3, listed: 3 }]);
  });

  it('when a date is split into parts, then $dateToParts lists them largest first, and a date part reads the one-element list form', async () => {
    const at = new Date('2026-12-31T23:30:00Z');
    const [split] = await notes()
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            parts: { $dateToParts: { date: at } },
            isoParts: { $dateToParts: { date: at, iso8601: true } },
            year: { $year: [at] },
            isoWeekYear: { $isoWeekYear: [at] },
          },
        },
      ])
      .toArray();
    expect(Object.keys(split?.parts as Document)).toEqual([
      'year',
      'month',
      'day',
      'hour',
      'minute',
      'second',
      'millisecond',
    ]);
    expect(Object.keys(split?.isoParts as Document)).toEqual([
      'isoWeekYear',
      'isoWeek',
      'isoDayOfWeek',
      'hour',
      'minute',
      'second',
      'millisecond',
    ]);
    expect(split).toMatchObject({ year: 2026, isoWeekYear: 2026 });
  });
});

describe('embedded mongo: find projections as mongod', () => {
  const households = () =>
    db.collection<{ _id: number; [field: string]: unknown }>('projected_households');

  beforeEach(async () => {
    await households().insertMany([
      {
        _id: 1,
        door: 'Tovet 4',
        tries: [1, 5, 9],
        visits: [
          { by: 'Birgit', outcome: 'not-home' },
          { by: 'Ahmed', outcome: 'met' },
          { by: 'Lise', outcome: 'met' },
        ],
      },
    ]);
  });

  it('when a projection is positional, then it shows the element the filter matched', async () => {
    expect(
      await households().findOne({ tries: { $gt: 4 } }, { projection: { 'tries.$': 1 } }),
    ).toEqual({ _id: 1, tries: [5] });
    expect(
      await households().findOne(
        { 'visits.outcome': 'met' },
        { projection: { door: 1, 'visits.$': 1 } },
      ),
    ).toEqual({ _id: 1, door: 'Tovet 4', visits: [{ by: 'Ahmed', outcome: 'met' }] });
  });

  it('when $elemMatch projects, then only the first matching element is shown, also for a condition on plain values', async () => {
    expect(
      await households().findOne({}, { projection: { tries: { $elemMatch: { $gt: 4 } } } }),
    ).toEqual({ _id: 1, tries: [5] });
    expect(
      await households().findOne(
        {},
        { projection: { visits: { $elemMatch: { outcome: 'met' } } } },
      ),
    ).toEqual({ _id: 1, visits: [{ by: 'Ahmed', outcome: 'met' }] });
  });

  it('when a projection both keeps and leaves out fields, then the find fails with the code that names the field', async () => {
    await expect(
      households().findOne({}, { projection: { door: 1, tries: 0 } }),
    ).rejects.toMatchObject({
      code: 31254,
      message: 'Cannot do exclusion on field tries in inclusion projection',
    });
    await expect(
      households().findOne({}, { projection: { _id: 1, tries: 0, door: 1 } }),
    ).rejects.toMatchObject({
      code: 31253,
      message: 'Cannot do inclusion on field door in exclusion projection',
    });
    expect(await households().findOne({}, { projection: { _id: 0, door: 1 } })).toEqual({
      door: 'Tovet 4',
    });
  });

  it('when fields are projected, then they come back in stored order, _id first', async () => {
    const found = await households().findOne({}, { projection: { tries: 1, door: 1 } });
    expect(Object.keys(found ?? {})).toEqual(['_id', 'door', 'tries']);
  });
});

describe('embedded mongo: $set and $addFields write fields as mongod does', () => {
  const households = () => db.collection<Document>('households');
  const setOn = async (doc: Document, set: Document): Promise<Document | undefined> => {
    await households().insertOne(doc);
    const [written] = await households()
      .aggregate([{ $set: set }])
      .toArray();
    return written;
  };

  it('when $set gives a document of fields, then they are added to the document there, whose other fields stay', async () => {
    const written = await setOn(
      { _id: 1, household: { name: 'Holm', floor: 2 } },
      { household: { visited: true, contact: { phone: '12 34' } } },
    );
    expect(written).toEqual({
      _id: 1,
      household: { name: 'Holm', floor: 2, visited: true, contact: { phone: '12 34' } },
    });
  });

  it('when a dotted path meets a plain value, then that value becomes a document holding the field', async () => {
    const written = await setOn({ _id: 1, note: 'ring twice' }, { 'note.text': 'hej' });
    expect(written).toEqual({ _id: 1, note: { text: 'hej' } });
  });

  it('when a dotted path meets an array, then every element gets the field, also in arrays inside it', async () => {
    const written = await setOn(
      { _id: 1, rooms: [3, { kind: 'kitchen', doors: [1, {}] }, [4]] },
      { 'rooms.doors.open': true },
    );
    expect(written).toEqual({
      _id: 1,
      rooms: [
        { doors: { open: true } },
        { kind: 'kitchen', doors: [{ open: true }, { open: true }] },
        [{ doors: { open: true } }],
      ],
    });
  });

  it('when a value is missing or $$REMOVE, then the field is left out', async () => {
    const written = await setOn(
      { _id: 1, household: { name: 'Holm', floor: 2 } },
      { gone: '$nowhere', 'household.name': '$$REMOVE' },
    );
    expect(written).toEqual({ _id: 1, household: { floor: 2 } });
  });
});
