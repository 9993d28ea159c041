import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../models/database.js';
import { useTestDatabase } from '../support/database.js';

/**
 * People stored before the set of platforms was opened carry one field per platform
 * (`identities.slack`, `.teams`, `.console`). Connecting rewrites them into the list every
 * platform uses, once, and they are found by their identities as before.
 */
const db = useTestDatabase();
let client: MongoClient;

beforeAll(async () => {
  client = await MongoClient.connect(db.uri());
});
afterAll(async () => {
  await client?.close();
});

const people = () => client.db(db.dbName()).collection('people');

function oldPerson(name: string, identities: Record<string, unknown>) {
  const now = new Date('2026-10-01T10:00:00Z');
  return {
    _id: new ObjectId(),
    name,
    roles: [],
    identities,
    languages: ['da'],
    monthlyCapacity: 4,
    status: { state: 'active' },
    locale: 'da',
    createdAt: now,
    updatedAt: now,
  };
}

describe('people stored with one identity field per platform', () => {
  it('when the database is opened, then they are found by their Slack, Teams and terminal identities', async () => {
    const mette = oldPerson('Mette Holm', {
      slack: { teamId: 'TOLD1', userId: 'UOLDMETTE' },
      teams: { tenantId: 'tenant-old', aadObjectId: 'aad-old-mette' },
    });
    const birgit = oldPerson('Birgit Sørensen', { console: { handle: 'birgit-old' } });
    const nobody = oldPerson('Karen Uden Chat', {});
    await people().insertMany([mette, birgit, nobody]);

    const reopened = await connectDatabase(db.uri(), { dbName: db.dbName() });
    try {
      const bySlack = await reopened.people.findByIdentity({
        platform: 'slack',
        workspaceId: 'TOLD1',
        userId: 'UOLDMETTE',
      });
      expect(bySlack?.id).toBe(mette._id.toHexString());
      expect(bySlack?.identities).toEqual([
        { platform: 'slack', workspaceId: 'TOLD1', userId: 'UOLDMETTE' },
        { platform: 'teams', workspaceId: 'tenant-old', userId: 'aad-old-mette' },
      ]);
      const byTeams = await reopened.people.findByIdentity({
        platform: 'teams',
        workspaceId: 'tenant-old',
        userId: 'aad-old-mette',
      });
      expect(byTeams?.name).toBe('Mette Holm');
      const byHandle = await reopened.people.findByIdentity({
        platform: 'console',
        workspaceId: 'local',
        userId: 'birgit-old',
      });
      expect(byHandle?.name).toBe('Birgit Sørensen');
      expect((await reopened.people.findById(nobody._id.toHexString()))?.identities).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('when the database is opened again, then the migrated people are left as they are', async () => {
    const before = await people().find({}).sort({ _id: 1 }).toArray();
    const again = await connectDatabase(db.uri(), { dbName: db.dbName() });
    await again.close();
    expect(await people().find({}).sort({ _id: 1 }).toArray()).toEqual(before);
  });

  it("when a migrated person's identity is given to someone else, then it is refused as taken", async () => {
    await expect(
      db().people.add({
        name: 'Kopi',
        roles: [],
        identities: [{ platform: 'slack', workspaceId: 'TOLD1', userId: 'UOLDMETTE' }],
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
