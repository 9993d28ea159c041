import mongoose, { Schema, type Connection, type Model, type Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';

interface Ambassador {
  name: string;
  slackId?: string;
  area: string;
  createdAt?: Date;
  updatedAt?: Date;
}

interface Visit {
  ambassador: Types.ObjectId;
  resident: string;
  area: string;
  attempts: number;
  outcome?: string;
  visitedAt: Date;
}

interface Counter {
  key: string;
  value: number;
  firstSeen?: Date;
  createdAt?: Date;
  updatedAt?: Date;
}

const ambassadorSchema = new Schema<Ambassador>(
  {
    name: { type: String, required: true },
    slackId: String,
    area: { type: String, required: true },
  },
  { timestamps: true },
);
ambassadorSchema.index({ area: 1, name: 1 }, { unique: true });

const visitSchema = new Schema<Visit>(
  {
    ambassador: { type: Schema.Types.ObjectId, ref: 'Ambassador', required: true },
    resident: { type: String, required: true },
    area: String,
    attempts: { type: Number, default: 1 },
    outcome: String,
    visitedAt: { type: Date, required: true },
  },
  { timestamps: true },
);

const counterSchema = new Schema<Counter>(
  { key: { type: String, unique: true }, value: Number, firstSeen: Date },
  { timestamps: true },
);

let server: EmbeddedMongo;
let connection: Connection;
let Ambassadors: Model<Ambassador>;
let Visits: Model<Visit>;
let Counters: Model<Counter>;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  connection = await mongoose.createConnection(`${server.uri}nabo`).asPromise();
  Ambassadors = connection.model<Ambassador>('Ambassador', ambassadorSchema);
  Visits = connection.model<Visit>('Visit', visitSchema);
  Counters = connection.model<Counter>('Counter', counterSchema);
  await Promise.all([Ambassadors.init(), Visits.init(), Counters.init()]);
});

afterAll(async () => {
  await connection.close();
  await server.stop();
});

describe('embedded mongo through mongoose', () => {
  it('connects, creates collections and builds schema indexes', async () => {
    expect(connection.readyState).toBe(1);
    const indexes = await Ambassadors.listIndexes();
    expect(indexes.find((i) => i.name === 'area_1_name_1')).toMatchObject({
      unique: true,
      key: { area: 1, name: 1 },
    });
    // Model.init() again (autoCreate on an existing collection) is harmless.
    await expect(Ambassadors.init()).resolves.toBeUndefined();
  });

  it('saves with timestamps and queries by ObjectId and Date', async () => {
    const anna = await Ambassadors.create({ name: 'Anna', area: 'Gellerup', slackId: 'U1' });
    expect(anna.createdAt).toBeInstanceOf(Date);
    expect(anna.updatedAt).toBeInstanceOf(Date);
    const found = await Ambassadors.findById(anna._id).lean();
    expect(found).toMatchObject({ name: 'Anna', area: 'Gellerup' });

    const visitedAt = new Date(Date.UTC(2025, 2, 1, 10));
    await Visits.create([
      { ambassador: anna._id, resident: 'r1', area: 'Gellerup', visitedAt },
      {
        ambassador: anna._id,
        resident: 'r2',
        area: 'Gellerup',
        visitedAt: new Date(visitedAt.getTime() + 3_600_000),
      },
    ]);
    const since = await Visits.find({ ambassador: anna._id, visitedAt: { $gt: visitedAt } }).lean();
    expect(since.map((v) => v.resident)).toEqual(['r2']);
    expect(await Visits.countDocuments({ ambassador: anna._id })).toBe(2);
  });

  it('rejects duplicates on the compound unique index with E11000', async () => {
    await Ambassadors.create({ name: 'Bo', area: 'Trige' });
    const error = await Ambassadors.create({ name: 'Bo', area: 'Trige' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { area: 1, name: 1 },
      keyValue: { area: 'Trige', name: 'Bo' },
    });
    await expect(Ambassadors.create({ name: 'Bo', area: 'Gellerup' })).resolves.toBeDefined();
  });

  it('upserts via findOneAndUpdate with $setOnInsert and timestamps', async () => {
    const firstSeen = new Date(Date.UTC(2025, 0, 1));
    const created = await Counters.findOneAndUpdate(
      { key: 'welcome-folders' },
      { $inc: { value: 1 }, $setOnInsert: { firstSeen } },
      { upsert: true, new: true },
    ).lean();
    expect(created).toMatchObject({ key: 'welcome-folders', value: 1, firstSeen });
    expect(created?.createdAt).toBeInstanceOf(Date);
    expect(created?.updatedAt).toBeInstanceOf(Date);

    const updated = await Counters.findOneAndUpdate(
      { key: 'welcome-folders' },
      { $inc: { value: 1 }, $setOnInsert: { firstSeen: new Date() } },
      { upsert: true, new: true },
    ).lean();
    expect(updated).toMatchObject({ value: 2, firstSeen });
    expect(updated?.createdAt).toEqual(created?.createdAt);

    const result = await Counters.updateOne(
      { key: 'cards' },
      { $set: { value: 7 } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(await Counters.countDocuments()).toBe(2);
    await expect(
      Counters.findOneAndUpdate({ key: 'cards' }, { key: 'welcome-folders' }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('populates references', async () => {
    const carl = await Ambassadors.create({ name: 'Carl', area: 'Løget' });
    await Visits.create({
      ambassador: carl._id,
      resident: 'r9',
      area: 'Løget',
      visitedAt: new Date(),
    });
    const visit = await Visits.findOne({ resident: 'r9' })
      .populate<{ ambassador: Ambassador }>('ambassador')
      .lean();
    expect(visit?.ambassador.name).toBe('Carl');
  });

  it('aggregates and sorts through mongoose', async () => {
    const perArea = await Visits.aggregate<{ _id: string; n: number }>([
      { $group: { _id: '$area', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(perArea).toEqual([
      { _id: 'Gellerup', n: 2 },
      { _id: 'Løget', n: 1 },
    ]);
    const newestFirst = await Visits.find().sort({ visitedAt: -1 }).select('resident -_id').lean();
    expect(newestFirst[0]).toEqual({ resident: 'r9' });
  });

  it('closes a connection that used sessions without hanging, and the server keeps serving', async () => {
    const other = await mongoose.createConnection(`${server.uri}nabo`).asPromise();
    const OtherAmbassadors = other.model<Ambassador>('Ambassador', ambassadorSchema);
    const session = await other.startSession();
    await OtherAmbassadors.findOne({ name: 'Anna' }).session(session);
    await session.endSession();
    // Closing sends endSessions with moreToCome, which must get no reply.
    await other.close();
    expect(await Ambassadors.countDocuments()).toBeGreaterThan(0);
  });
});
