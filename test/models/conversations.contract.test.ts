import { MongoClient } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
let birgit: Person;
let ahmed: Person;

beforeAll(async () => {
  birgit = await db().people.add({ name: 'Birgit Sørensen', roles: [] });
  ahmed = await db().people.add({ name: 'Ahmed Hassan', roles: [] });
});

async function rawCount(collection: string, filter: Record<string, unknown>): Promise<number> {
  const client = await MongoClient.connect(db.uri());
  try {
    return await client.db(db.dbName()).collection(collection).countDocuments(filter);
  } finally {
    await client.close();
  }
}

async function rawIndexes(collection: string): Promise<Array<Record<string, unknown>>> {
  const client = await MongoClient.connect(db.uri());
  try {
    return await client.db(db.dbName()).collection(collection).listIndexes().toArray();
  } finally {
    await client.close();
  }
}

describe('conversation states (contract)', () => {
  it('when a step is saved, then it reads back for that person and conversation only', async () => {
    const saved = await db().conversationStates.save({
      personId: birgit.id,
      conversationKey: 'console:birgit',
      flow: 'report-visit',
      step: 'ask-outcome',
      data: { visitId: 'v1', attempt: 2, nested: { folder: true } },
      ttlSeconds: 3600,
    });
    expect(saved.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    const read = await db().conversationStates.get(birgit.id, 'console:birgit');
    expect(read).toMatchObject({
      personId: birgit.id,
      conversationKey: 'console:birgit',
      flow: 'report-visit',
      step: 'ask-outcome',
      data: { visitId: 'v1', attempt: 2, nested: { folder: true } },
    });
    expect(await db().conversationStates.get(birgit.id, 'slack:T1:D1')).toBeNull();
    expect(await db().conversationStates.get(ahmed.id, 'console:birgit')).toBeNull();
  });

  it('when the same conversation saves again, then the one state is replaced', async () => {
    await db().conversationStates.save({
      personId: birgit.id,
      conversationKey: 'console:birgit',
      flow: 'report-visit',
      step: 'ask-note',
      ttlSeconds: 3600,
    });
    const read = await db().conversationStates.get(birgit.id, 'console:birgit');
    expect(read).toMatchObject({ step: 'ask-note', data: {} });
    expect(await rawCount('conversationstates', {})).toBe(1);
  });

  it('when the state is cleared, then it is gone (and clearing again is harmless)', async () => {
    await db().conversationStates.clear(birgit.id, 'console:birgit');
    expect(await db().conversationStates.get(birgit.id, 'console:birgit')).toBeNull();
    await expect(
      db().conversationStates.clear(birgit.id, 'console:birgit'),
    ).resolves.toBeUndefined();
  });

  it('when the TTL is not positive, then INVALID_INPUT', async () => {
    await expect(
      db().conversationStates.save({
        personId: birgit.id,
        conversationKey: 'c',
        flow: 'f',
        step: 's',
        ttlSeconds: 0,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('when the state expires, then get ignores it at once and MongoDB deletes it by TTL', async () => {
    const indexes = await rawIndexes('conversationstates');
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
    );
    await db().conversationStates.save({
      personId: ahmed.id,
      conversationKey: 'slack:T1:D9',
      flow: 'check-in',
      step: 'q1',
      ttlSeconds: 1,
    });
    expect(await db().conversationStates.get(ahmed.id, 'slack:T1:D9')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await db().conversationStates.get(ahmed.id, 'slack:T1:D9')).toBeNull();

    // A real mongod sweeps TTL indexes every 60 s: there the index assertion above stands in
    // for watching the deletion (see docs in test/support/database.ts).
    if (db.isRealMongo) return;
    const deadline = Date.now() + 5_000;
    while (
      (await rawCount('conversationstates', { personId: { $exists: true }, step: 'q1' })) > 0
    ) {
      if (Date.now() > deadline) throw new Error('TTL monitor did not delete the expired state');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

describe('conversation links (contract)', () => {
  it('when a link is stored and stored again, then one link per platform with the latest address', async () => {
    await db().conversationLinks.upsert({
      personId: birgit.id,
      platform: 'slack',
      address: { teamId: 'T1', channel: 'D1' },
    });
    const updated = await db().conversationLinks.upsert({
      personId: birgit.id,
      platform: 'slack',
      address: { teamId: 'T1', channel: 'D2' },
    });
    expect(updated).toMatchObject({
      personId: birgit.id,
      platform: 'slack',
      address: { teamId: 'T1', channel: 'D2' },
    });
    expect(await rawCount('conversationlinks', {})).toBe(1);
    expect(await db().conversationLinks.get(birgit.id, 'slack')).toMatchObject({
      address: { teamId: 'T1', channel: 'D2' },
    });
  });

  it('when asking without a platform, then the most recently updated link wins', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db().conversationLinks.upsert({
      personId: birgit.id,
      platform: 'teams',
      address: { serviceUrl: 'https://smba.example/', conversationId: 'a:1' },
    });
    expect((await db().conversationLinks.get(birgit.id))?.platform).toBe('teams');
    expect((await db().conversationLinks.get(birgit.id, 'slack'))?.platform).toBe('slack');
  });

  it('when there is no link, then null; when the address is missing, INVALID_INPUT', async () => {
    expect(await db().conversationLinks.get(ahmed.id, 'console')).toBeNull();
    expect(await db().conversationLinks.get('nope')).toBeNull();
    await expect(
      db().conversationLinks.upsert({ personId: ahmed.id, platform: 'console', address: null }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
