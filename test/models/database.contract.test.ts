import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../models/database.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

async function indexesOf(collection: string): Promise<Array<Record<string, unknown>>> {
  const client = await MongoClient.connect(db.uri());
  try {
    return await client.db(db.dbName()).collection(collection).listIndexes().toArray();
  } finally {
    await client.close();
  }
}

describe('database (contract)', () => {
  it('when connected, then the server answers a ping', async () => {
    await expect(db().ping()).resolves.toBeUndefined();
  });

  it('when connected, then every invariant index exists before first use', async () => {
    expect(await indexesOf('areas')).toContainEqual(
      expect.objectContaining({ key: { key: 1 }, unique: true }),
    );
    expect(await indexesOf('visits')).toContainEqual(
      expect.objectContaining({
        key: { residentId: 1 },
        unique: true,
        partialFilterExpression: { isOpen: { $eq: true } },
      }),
    );
    expect(await indexesOf('residents')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { naturalKey: 1 }, unique: true }),
        expect.objectContaining({ key: { flatKey: 1 } }),
      ]),
    );
    // One key per platform identity, whatever the platform: the set of platforms is open.
    expect(await indexesOf('people')).toContainEqual(
      expect.objectContaining({
        key: { identityKeys: 1 },
        unique: true,
        partialFilterExpression: expect.any(Object),
      }),
    );
    expect(await indexesOf('conversationstates')).toContainEqual(
      expect.objectContaining({ key: { personId: 1, conversationKey: 1 }, unique: true }),
    );
    expect(await indexesOf('conversationlinks')).toContainEqual(
      expect.objectContaining({ key: { personId: 1, platform: 1 }, unique: true }),
    );
    expect(await indexesOf('sendledger')).toContainEqual(
      expect.objectContaining({ key: { key: 1 }, unique: true }),
    );
    expect(await indexesOf('processedevents')).toContainEqual(
      expect.objectContaining({ key: { eventId: 1 }, unique: true }),
    );
  });

  it('when a second connection opens the same database, then both work side by side', async () => {
    const second = await connectDatabase(db.uri(), { dbName: db.dbName() });
    try {
      await second.areas.create({ key: 'side-by-side', name: 'Side' });
      expect((await db().areas.findByKey('side-by-side'))?.name).toBe('Side');
    } finally {
      await second.close();
    }
    await expect(db().ping()).resolves.toBeUndefined();
  });

  it('when the server cannot be reached, then DEPENDENCY_UNAVAILABLE without credentials', async () => {
    const failure = connectDatabase('mongodb://nabo:secret@127.0.0.1:9/', {
      serverSelectionTimeoutMS: 300,
    });
    await expect(failure).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    await expect(failure).rejects.not.toThrow(/secret/);
  });

  it('when dropped, then the data is gone and the store still works', async () => {
    await db().areas.create({ key: 'to-drop', name: 'Drop' });
    await db().drop();
    expect(await db().areas.findByKey('to-drop')).toBeNull();
  });
});
