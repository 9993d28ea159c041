import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MongoClient,
  ObjectId,
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
/** `_id`s here are numbers of several BSON types; the driver's typings assume ObjectId. */
interface Meter {
  _id: number | Long;
  [field: string]: unknown;
}

let meters: Collection<Meter>;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}types`);
  await client.connect();
  db = client.db();
  meters = db.collection<Meter>('meters');
});

beforeEach(async () => {
  await meters.deleteMany({});
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

/** The BSON type names of a stored document's fields, read without the driver's promotion. */
async function storedTypes(id: number | Long): Promise<Document> {
  const doc = await meters.findOne({ _id: id as number }, { promoteValues: false });
  if (doc === null) throw new Error(`no document ${String(id)}`);
  return typesOf(doc) as Document;
}

function typesOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(typesOf);
  if (value !== null && typeof value === 'object') {
    const tag = (value as { _bsontype?: string })._bsontype;
    if (tag !== undefined) return `${tag}(${String(value)})`;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typesOf(item)]));
  }
  return value;
}

describe('embedded mongo: BSON number types survive the round trip', () => {
  it('when int64 and double values are inserted, then they come back as int64 and double', async () => {
    await meters.insertOne({
      _id: 1,
      small: 7,
      count: Long.fromNumber(5),
      beyondDouble: Long.fromString('9007199254740993'),
      ratio: new Double(2),
      half: 2.5,
      nested: { total: Long.fromNumber(12) },
      readings: [Long.fromNumber(1), new Double(3), 4],
    });
    expect(await storedTypes(1)).toEqual({
      _id: 'Int32(1)',
      small: 'Int32(7)',
      count: 'Long(5)',
      beyondDouble: 'Long(9007199254740993)',
      ratio: 'Double(2)',
      half: 'Double(2.5)',
      nested: { total: 'Long(12)' },
      readings: ['Long(1)', 'Double(3)', 'Int32(4)'],
    });
    // With the driver's default promotion they are plain numbers again, as from mongod.
    expect(await meters.findOne({ _id: 1 })).toMatchObject({
      count: 5,
      ratio: 2,
      readings: [1, 3, 4],
    });
  });

  it('when numbers of different types are queried, then they match by value like mongod', async () => {
    await meters.insertMany([
      { _id: 1, n: Long.fromNumber(5) },
      { _id: 2, n: new Double(5) },
      { _id: 3, n: 5 },
      { _id: 4, n: 6 },
    ]);
    await meters.createIndex({ n: 1 });
    expect((await meters.find({ n: 5 }).toArray()).map((doc) => doc._id)).toEqual([1, 2, 3]);
    expect((await meters.find({ n: { $gte: Long.fromNumber(5) } }).toArray()).length).toBe(4);
    expect(await meters.distinct('n')).toEqual([5, 6]);
  });

  it('when $inc and $mul compute, then the result type widens like mongod (int → long → double)', async () => {
    await meters.insertOne({
      _id: 1,
      int: 1,
      nearMax: 2_147_483_647,
      long: Long.fromNumber(10),
      double: new Double(1),
      untouched: Long.fromNumber(3),
    });
    await meters.updateOne({ _id: 1 }, {
      $inc: { int: 1, nearMax: 1, long: 1, double: 1, fresh: Long.fromNumber(2) },
      $mul: { untouchedCopy: new Double(2) },
    } as Document);
    expect(await storedTypes(1)).toEqual({
      _id: 'Int32(1)',
      int: 'Int32(2)',
      nearMax: 'Long(2147483648)',
      long: 'Long(11)',
      double: 'Double(2)',
      untouched: 'Long(3)',
      fresh: 'Long(2)',
      untouchedCopy: 'Double(0)',
    });
  });

  it('when $inc or $mul meets a field that holds no number, then the update is refused like mongod and nothing changes', async () => {
    await meters.insertOne({ _id: 1, reading: 'broken', unit: { name: 'kWh' }, count: 5 });
    await expect(
      meters.updateOne({ _id: 1 }, { $inc: { reading: 1 } } as Document),
    ).rejects.toMatchObject({
      code: 14,
      message:
        "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'reading' of non-numeric type string",
    });
    await expect(
      meters.updateOne({ _id: 1 }, { $mul: { count: 2, 'unit.name': 2 } } as Document),
    ).rejects.toMatchObject({ code: 14 });
    await expect(
      meters.updateOne({ _id: 1 }, { $inc: { count: 'one' } } as Document),
    ).rejects.toMatchObject({
      code: 14,
      message: 'Cannot increment with non-numeric argument: {count: "one"}',
    });
    expect(await meters.findOne({ _id: 1 })).toEqual({
      _id: 1,
      reading: 'broken',
      unit: { name: 'kWh' },
      count: 5,
    });
    await meters.updateOne({ _id: 1 }, {
      $inc: { count: 1, fresh: Long.fromNumber(2) },
    } as Document);
    expect(await storedTypes(1)).toMatchObject({ count: 'Int32(6)', fresh: 'Long(2)' });
  });

  it('when $set changes only the type of a value, then the document counts as modified', async () => {
    await meters.insertOne({ _id: 1, n: 3, label: 'a' });
    const result = await meters.updateOne({ _id: 1 }, { $set: { n: Long.fromNumber(3) } });
    expect(result.modifiedCount).toBe(1);
    expect(await storedTypes(1)).toMatchObject({ n: 'Long(3)' });
    const again = await meters.updateOne({ _id: 1 }, { $set: { label: 'b' } });
    expect(again.modifiedCount).toBe(1);
    expect(await storedTypes(1)).toMatchObject({ n: 'Long(3)', label: 'b' });
  });

  it('when documents are replaced, upserted, pushed to or returned by findOneAndUpdate, then types are kept', async () => {
    await meters.insertOne({ _id: 1, n: 1 });
    await meters.replaceOne({ _id: 1 }, { n: Long.fromNumber(4), d: new Double(8) });
    expect(await storedTypes(1)).toEqual({ _id: 'Int32(1)', n: 'Long(4)', d: 'Double(8)' });

    await meters.updateOne(
      { _id: Long.fromNumber(2) },
      { $set: { seen: new Int32(1) }, $setOnInsert: { since: Long.fromNumber(2026) } },
      { upsert: true },
    );
    expect(await storedTypes(Long.fromNumber(2))).toEqual({
      _id: 'Long(2)',
      seen: 'Int32(1)',
      since: 'Long(2026)',
    });

    await meters.updateOne({ _id: 1 }, {
      $push: { log: { $each: [Long.fromNumber(9), 10] } },
    } as Document);
    expect(await storedTypes(1)).toMatchObject({ log: ['Long(9)', 'Int32(10)'] });

    const after = await meters.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } } as Document, {
      returnDocument: 'after',
      promoteValues: false,
    });
    expect(typesOf(after)).toMatchObject({ n: 'Long(5)', d: 'Double(8)' });
  });

  it('when a document that was already read is written in any way, then the next read returns the written version', async () => {
    // Replies reuse a stored document's BSON once it has been sent: every write must show.
    await meters.insertOne({ _id: 1, n: 1, label: 'a' });
    const read = async (): Promise<Document> => {
      await storedTypes(1);
      return storedTypes(1);
    };
    await read();
    await meters.updateOne({ _id: 1 }, { $set: { n: Long.fromNumber(1) } });
    expect(await read()).toEqual({ _id: 'Int32(1)', n: 'Long(1)', label: 'a' });
    await meters.replaceOne({ _id: 1 }, { n: new Double(2) });
    expect(await read()).toEqual({ _id: 'Int32(1)', n: 'Double(2)' });
    await meters.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } } as Document);
    expect(await read()).toEqual({ _id: 'Int32(1)', n: 'Double(3)' });
    await meters.findOneAndReplace({ _id: 1 }, { label: 'b' });
    expect(await read()).toEqual({ _id: 'Int32(1)', label: 'b' });
    await meters.updateOne({ _id: 1 }, { $set: { label: 'c' } }, { upsert: true });
    expect(await read()).toEqual({ _id: 'Int32(1)', label: 'c' });
    await meters.updateMany({}, [{ $set: { label: 'e' } }]);
    expect(await read()).toEqual({ _id: 'Int32(1)', label: 'e' });
    await meters.deleteOne({ _id: 1 });
    await meters.insertOne({ _id: 1, label: 'd' });
    expect(await read()).toEqual({ _id: 'Int32(1)', label: 'd' });
  });

  it('when a cursor is open and its documents are then written, then it still returns them as they were', async () => {
    await meters.insertMany([
      { _id: 1, n: Long.fromNumber(1) },
      { _id: 2, n: Long.fromNumber(2) },
    ]);
    await meters.find({}).toArray();
    const cursor = meters.find({}, { batchSize: 1, promoteValues: false });
    const first = await cursor.next();
    await meters.updateMany({}, { $set: { n: new Double(9) } });
    const second = await cursor.next();
    await cursor.close();
    expect([first, second].map(typesOf)).toEqual([
      { _id: 'Int32(1)', n: 'Long(1)' },
      { _id: 'Int32(2)', n: 'Long(2)' },
    ]);
    expect((await meters.find({}, { promoteValues: false }).toArray()).map(typesOf)).toEqual([
      { _id: 'Int32(1)', n: 'Double(9)' },
      { _id: 'Int32(2)', n: 'Double(9)' },
    ]);
  });

  it('when a positional update changes one array element, then the other elements keep their types', async () => {
    await meters.insertOne({
      _id: 1,
      rooms: [
        { name: 'kitchen', count: 1 },
        { name: 'hall', count: 1 },
      ],
    });
    await meters.updateOne({ _id: 1, 'rooms.name': 'hall' }, {
      $inc: { 'rooms.$.count': Long.fromNumber(1) },
    } as Document);
    expect(await storedTypes(1)).toMatchObject({
      rooms: [
        { name: 'kitchen', count: 'Int32(1)' },
        { name: 'hall', count: 'Long(2)' },
      ],
    });
  });

  it('when an aggregation only filters and sorts, then its documents keep their types', async () => {
    await meters.insertMany([
      { _id: 1, n: Long.fromNumber(1), d: new Double(1) },
      { _id: 2, n: Long.fromNumber(2), d: new Double(2) },
    ]);
    const docs = await meters
      .aggregate([{ $match: { n: { $gte: 1 } } }, { $sort: { n: -1 } }], { promoteValues: false })
      .toArray();
    expect(docs.map(typesOf)).toEqual([
      { _id: 'Int32(2)', n: 'Long(2)', d: 'Double(2)' },
      { _id: 'Int32(1)', n: 'Long(1)', d: 'Double(1)' },
    ]);
  });

  it('when an aggregation reshapes documents, then the values it passes through keep their types', async () => {
    await meters.insertOne({
      _id: 1,
      n: Long.fromNumber(5),
      d: new Double(2),
      price: Decimal128.fromString('1.5'),
      rooms: [{ count: Long.fromNumber(3) }],
      note: 'x',
    });
    const [reshaped] = await meters
      .aggregate(
        [
          { $addFields: { seen: true } },
          { $set: { label: '$note' } },
          { $unset: 'note' },
          { $project: { n: 1, d: 1, price: 1, rooms: 1, label: 1, seen: 1 } },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(typesOf(reshaped)).toEqual({
      _id: 'Int32(1)',
      n: 'Long(5)',
      d: 'Double(2)',
      price: 'Decimal128(1.5)',
      rooms: [{ count: 'Long(3)' }],
      seen: true,
      label: 'x',
    });
  });

  it('when $set or $addFields computes a nested field from itself, then the new value comes back, not the stored one', async () => {
    await meters.insertOne({ _id: 1, reading: { n: Long.fromNumber(9), d: new Double(2) } });
    const [changed] = await meters
      .aggregate([
        { $set: { 'reading.n': { $add: ['$reading.n', 1] } } },
        { $addFields: { 'reading.d': { $multiply: ['$reading.d', 3] } } },
        { $project: { reading: 1 } },
      ])
      .toArray();
    // The values, whatever their number type: a computed int64 is a plain number here (README).
    expect(changed).toEqual({ _id: 1, reading: { n: 10, d: 6 } });
  });

  it('when $unwind, $replaceRoot or $lookup passes stored values on, then they keep their types', async () => {
    await meters.insertOne({
      _id: 1,
      n: Long.fromNumber(5),
      readings: [Long.fromNumber(7), new Double(3)],
      site: { floor: Long.fromNumber(2), area: new Double(40) },
    });
    const sites = db.collection<Meter>('sites');
    await sites.deleteMany({});
    await sites.insertOne({ _id: 1, rent: new Double(5000), rooms: Long.fromNumber(3) });
    const options = { promoteValues: false };
    const unwound = await meters.aggregate([{ $unwind: '$readings' }], options).toArray();
    expect(unwound.map(typesOf)).toEqual([
      {
        _id: 'Int32(1)',
        n: 'Long(5)',
        readings: 'Long(7)',
        site: { floor: 'Long(2)', area: 'Double(40)' },
      },
      {
        _id: 'Int32(1)',
        n: 'Long(5)',
        readings: 'Double(3)',
        site: { floor: 'Long(2)', area: 'Double(40)' },
      },
    ]);
    const replaced = await meters
      .aggregate([{ $replaceRoot: { newRoot: '$site' } }, { $set: { seen: true } }], options)
      .toArray();
    expect(replaced.map(typesOf)).toEqual([{ floor: 'Long(2)', area: 'Double(40)', seen: true }]);
    const joined = await meters
      .aggregate(
        [
          { $lookup: { from: 'sites', localField: '_id', foreignField: '_id', as: 'sites' } },
          { $project: { n: 1, sites: 1 } },
        ],
        options,
      )
      .toArray();
    expect(joined.map(typesOf)).toEqual([
      {
        _id: 'Int32(1)',
        n: 'Long(5)',
        sites: [{ _id: 'Int32(1)', rent: 'Double(5000)', rooms: 'Long(3)' }],
      },
    ]);
  });

  it('when $facet, $replaceWith or a $lookup on a field without an index passes stored values on, then they keep their types', async () => {
    await meters.insertOne({ _id: 1, n: Long.fromNumber(5), site: { area: new Double(40) } });
    const readings = db.collection<Meter>('readings');
    await readings.deleteMany({});
    await readings.insertOne({ _id: 7, meter: 1, kwh: new Double(12), at: Long.fromNumber(3) });
    const [faceted] = await meters
      .aggregate(
        [
          {
            $facet: {
              plain: [{ $project: { n: 1 } }],
              sites: [{ $replaceWith: '$site' }],
              joined: [
                {
                  $lookup: { from: 'readings', localField: '_id', foreignField: 'meter', as: 'r' },
                },
                { $unwind: '$r' },
                { $project: { r: 1 } },
              ],
            },
          },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(typesOf(faceted)).toEqual({
      plain: [{ _id: 'Int32(1)', n: 'Long(5)' }],
      sites: [{ area: 'Double(40)' }],
      joined: [
        {
          _id: 'Int32(1)',
          r: { _id: 'Int32(7)', meter: 'Int32(1)', kwh: 'Double(12)', at: 'Long(3)' },
        },
      ],
    });
  });

  it('when $group gathers stored values by their paths, then they keep their types', async () => {
    await meters.insertMany([
      { _id: 1, site: Long.fromNumber(10), floor: 1, kwh: new Double(4), at: Long.fromNumber(3) },
      { _id: 2, site: Long.fromNumber(10), floor: 1, kwh: new Double(2), at: Long.fromNumber(9) },
      { _id: 3, site: Long.fromNumber(20), floor: 2, kwh: new Double(7), at: Long.fromNumber(5) },
    ]);
    const groups = await meters
      .aggregate(
        [
          { $sort: { _id: 1 } },
          {
            $group: {
              _id: '$site',
              first: { $first: '$kwh' },
              last: { $last: '$at' },
              all: { $push: '$kwh' },
              kinds: { $addToSet: '$site' },
              least: { $min: '$kwh' },
              latest: { $max: '$at' },
            },
          },
          { $sort: { _id: 1 } },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(groups.map(typesOf)).toEqual([
      {
        _id: 'Long(10)',
        first: 'Double(4)',
        last: 'Long(9)',
        all: ['Double(4)', 'Double(2)'],
        kinds: ['Long(10)'],
        least: 'Double(2)',
        latest: 'Long(9)',
      },
      {
        _id: 'Long(20)',
        first: 'Double(7)',
        last: 'Long(5)',
        all: ['Double(7)'],
        kinds: ['Long(20)'],
        least: 'Double(7)',
        latest: 'Long(5)',
      },
    ]);
    const [byPlace] = await meters
      .aggregate([{ $group: { _id: { site: '$site', floor: '$floor' } } }, { $sort: { _id: 1 } }], {
        promoteValues: false,
      })
      .toArray();
    expect(typesOf(byPlace)).toEqual({ _id: { site: 'Long(10)', floor: 'Int32(1)' } });
  });

  it('when a pipeline computes from stored numbers, then the result has the type mongod gives it', async () => {
    await meters.insertMany([
      { _id: 1, site: 'a', n: Long.fromNumber(5), d: new Double(2), top: 2147483647, k: 6 },
      { _id: 2, site: 'a', n: Long.fromNumber(7), d: new Double(4), top: 1, k: 4 },
    ]);
    const [computed] = await meters
      .aggregate(
        [
          { $match: { _id: 1 } },
          {
            $set: {
              next: { $add: ['$n', 1] },
              doubled: { $multiply: ['$d', 2] },
              overflow: { $add: ['$top', 1] },
              long: { $toLong: '$k' },
              int: { $toInt: '$d' },
              ratio: { $divide: ['$k', 3] },
              rounded: { $round: ['$n', 0] },
              copy: '$n',
              nested: { next: { $add: ['$n', 1] }, copy: '$d' },
            },
          },
          {
            $project: {
              next: 1,
              doubled: 1,
              overflow: 1,
              long: 1,
              int: 1,
              ratio: 1,
              rounded: 1,
              copy: 1,
              nested: 1,
              plusOne: { $add: ['$next', 1] },
              sub: { twice: { $multiply: ['$n', 2] } },
            },
          },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(typesOf(computed)).toEqual({
      _id: 'Int32(1)',
      next: 'Long(6)',
      doubled: 'Double(4)',
      overflow: 'Long(2147483648)',
      long: 'Long(6)',
      int: 'Int32(2)',
      ratio: 'Double(2)',
      rounded: 'Long(5)',
      copy: 'Long(5)',
      nested: { next: 'Long(6)', copy: 'Double(2)' },
      plusOne: 'Long(7)',
      sub: { twice: 'Long(10)' },
    });
    const [summed] = await meters
      .aggregate(
        [
          {
            $group: {
              _id: '$site',
              total: { $sum: '$n' },
              ints: { $sum: '$k' },
              count: { $sum: 1 },
              mean: { $avg: '$k' },
            },
          },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(typesOf(summed)).toEqual({
      _id: 'a',
      total: 'Long(12)',
      ints: 'Int32(10)',
      count: 'Int32(2)',
      mean: 'Double(5)',
    });
  });
});

describe('embedded mongo: $type tells BSON types apart like mongod', () => {
  /** One meter per kind of stored value; `_id`s say which. */
  async function storeOneOfEachType(): Promise<void> {
    await meters.insertMany([
      { _id: 1, kind: 'int', v: 7 },
      { _id: 2, kind: 'long', v: Long.fromNumber(7) },
      { _id: 3, kind: 'integral double', v: new Double(7) },
      { _id: 4, kind: 'fraction', v: 7.5 },
      { _id: 5, kind: 'beyond int32', v: 2 ** 40 },
      { _id: 6, kind: 'decimal', v: Decimal128.fromString('7') },
      { _id: 7, kind: 'objectId', v: new ObjectId('0123456789abcdef01234567') },
      { _id: 8, kind: 'binData', v: new Binary(Buffer.from('nabo')) },
      { _id: 9, kind: 'timestamp', v: new Timestamp({ t: 1, i: 1 }) },
      { _id: 10, kind: 'maxKey', v: new MaxKey() },
      { _id: 11, kind: 'array', v: [Long.fromNumber(1), 'one'] },
      { _id: 12, kind: 'empty array', v: [] },
      { _id: 13, kind: 'missing' },
      { _id: 14, kind: 'null', v: null },
    ]);
  }

  const idsOf = async (filter: Document): Promise<unknown[]> =>
    (await meters.find(filter).sort({ _id: 1 }).toArray()).map((meter) => meter._id);

  it('when meters are found by the type of their value, then int, long, double and decimal are told apart', async () => {
    await storeOneOfEachType();
    expect(await idsOf({ v: { $type: 'int' } })).toEqual([1]);
    expect(await idsOf({ v: { $type: 'long' } })).toEqual([2, 11]);
    expect(await idsOf({ v: { $type: 'double' } })).toEqual([3, 4, 5]);
    expect(await idsOf({ v: { $type: 'decimal' } })).toEqual([6]);
    expect(await idsOf({ v: { $type: 'number' } })).toEqual([1, 2, 3, 4, 5, 6, 11]);
    expect(await idsOf({ v: { $type: 18 } })).toEqual([2, 11]);
    expect(await idsOf({ v: { $type: ['int', Long.fromNumber(19)] } })).toEqual([1, 6]);
  });

  it('when meters are found by any other type, then each BSON type is recognised and a missing field has none', async () => {
    await storeOneOfEachType();
    expect(await idsOf({ v: { $type: 'objectId' } })).toEqual([7]);
    expect(await idsOf({ v: { $type: 'binData' } })).toEqual([8]);
    expect(await idsOf({ v: { $type: 'timestamp' } })).toEqual([9]);
    expect(await idsOf({ v: { $type: 'maxKey' } })).toEqual([10]);
    expect(await idsOf({ v: { $type: 'string' } })).toEqual([11]);
    expect(await idsOf({ v: { $type: 'array' } })).toEqual([11, 12]);
    expect(await idsOf({ v: { $type: 'null' } })).toEqual([14]);
    expect(await meters.countDocuments({ v: { $not: { $type: 'number' } } })).toBe(7);
  });

  it('when the path crosses an array of documents, then each of their values is looked at', async () => {
    await meters.insertMany([
      {
        _id: 1,
        readings: [
          { at: 1, n: 7 },
          { at: 2, n: Long.fromNumber(8) },
        ],
      },
      { _id: 2, readings: [{ at: 1, n: 7 }] },
    ]);
    expect(await idsOf({ 'readings.n': { $type: 'long' } })).toEqual([1]);
    await meters.deleteMany({ 'readings.n': { $type: 'int' } });
    expect(await meters.countDocuments()).toBe(0);
  });

  it('when an aggregation asks for the type of a field, then it names the BSON type, or "missing", and says whether it is a number', async () => {
    await storeOneOfEachType();
    const types = await meters
      .aggregate([
        { $match: { _id: { $in: [1, 2, 3, 6, 7, 13] } } },
        { $project: { type: { $type: '$v' }, isNumber: { $isNumber: '$v' } } },
      ])
      .toArray();
    expect(types.map((meter) => [meter._id, meter.type, meter.isNumber])).toEqual([
      [1, 'int', true],
      [2, 'long', true],
      [3, 'double', true],
      [6, 'decimal', true],
      [7, 'objectId', false],
      [13, 'missing', false],
    ]);
  });

  it("when $type names no type, then the query is refused with mongod's error and code", async () => {
    await storeOneOfEachType();
    await expect(meters.findOne({ v: { $type: 'missing' as never } })).rejects.toMatchObject({
      code: 2,
      message: 'Unknown type name alias: missing',
    });
    await expect(meters.findOne({ v: { $type: 99 as never } })).rejects.toMatchObject({
      code: 2,
      message: 'Invalid numerical type code: 99',
    });
    await expect(meters.findOne({ v: { $type: [] as never } })).rejects.toMatchObject({
      code: 9,
      message: 'v must match at least one type',
    });
  });
});
