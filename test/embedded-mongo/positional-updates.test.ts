import { MongoClient, type Collection, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';

/**
 * Several fields of one array element set in one update, as mongod allows: an ambassador's answer
 * and its time on her invitation. Overlapping paths stay refused with mongod's code.
 */
interface Invitation {
  personId: string;
  answer?: string;
  at?: number;
}
interface Event {
  _id: number;
  invitations: Invitation[];
}

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;
let events: Collection<Event>;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(`${server.uri}positional`);
  await client.connect();
  db = client.db();
  events = db.collection<Event>('events');
});

beforeEach(async () => {
  await db.dropDatabase();
  await events.insertOne({ _id: 1, invitations: [{ personId: 'a' }, { personId: 'b' }] });
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('updating one array element in several places', () => {
  it('when two fields of the matched element are set, then both land on that element only', async () => {
    const result = await events.updateOne(
      { _id: 1, 'invitations.personId': 'b' },
      { $set: { 'invitations.$.answer': 'coming', 'invitations.$.at': 5 } },
    );
    expect(result.modifiedCount).toBe(1);
    expect((await events.findOne({ _id: 1 }))?.invitations).toEqual([
      { personId: 'a' },
      { personId: 'b', answer: 'coming', at: 5 },
    ]);
  });

  it('when two fields are set through one array filter, then both land on the filtered element', async () => {
    await events.updateOne(
      { _id: 1 },
      { $set: { 'invitations.$[me].answer': 'maybe', 'invitations.$[me].at': 7 } },
      { arrayFilters: [{ 'me.personId': 'a' }] },
    );
    expect((await events.findOne({ _id: 1 }))?.invitations).toEqual([
      { personId: 'a', answer: 'maybe', at: 7 },
      { personId: 'b' },
    ]);
  });

  it('when one path lies inside the other, then the update is refused with ConflictingUpdateOperators', async () => {
    await expect(
      events.updateOne(
        { _id: 1, 'invitations.personId': 'a' },
        { $set: { 'invitations.$': { personId: 'a' }, 'invitations.$.answer': 'coming' } },
      ),
    ).rejects.toMatchObject({ code: 40 });
    expect((await events.findOne({ _id: 1 }))?.invitations[0]).toEqual({ personId: 'a' });
  });
});
