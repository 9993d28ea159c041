import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../models/database.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
const box = createSecretBox(randomBytes(32));
const installations = () => db().slackInstallations.sealedWith(box);
const team = (teamId: string) => ({ teamId, isEnterpriseInstall: false });

async function rawDocuments(): Promise<Array<Record<string, unknown>>> {
  const client = await MongoClient.connect(db.uri());
  try {
    return await client.db(db.dbName()).collection('slackinstallations').find({}).toArray();
  } finally {
    await client.close();
  }
}

describe('Slack installations (contract)', () => {
  it('when a workspace installs, then its installation is found again opened, and stored sealed', async () => {
    const secret = JSON.stringify({ team: { id: 'T1' }, bot: { token: 'xoxb-one-secret' } });
    await installations().save({ ...team('T1'), installationJson: secret });

    expect(await installations().find(team('T1'))).toBe(secret);
    expect(await installations().find(team('T2'))).toBeUndefined();
    const [stored] = await rawDocuments();
    expect(stored).toMatchObject({ key: 'T1', teamId: 'T1', isEnterpriseInstall: false });
    expect(JSON.stringify(stored)).not.toContain('xoxb-one-secret');
  });

  it('when the same workspace installs again, then the new installation replaces the old one', async () => {
    const again = JSON.stringify({ team: { id: 'T1' }, bot: { token: 'xoxb-one-again' } });
    await installations().save({ ...team('T1'), installationJson: again });

    expect(await installations().find(team('T1'))).toBe(again);
    expect(await db().slackInstallations.listKeys()).toEqual(['T1']);
  });

  it('when a sealed installation is copied onto another workspace’s record, then it does not open there', async () => {
    await installations().save({ ...team('T2'), installationJson: '{"team":{"id":"T2"}}' });
    const client = await MongoClient.connect(db.uri());
    try {
      const collection = client.db(db.dbName()).collection('slackinstallations');
      const one = await collection.findOne({ key: 'T1' });
      await collection.updateOne({ key: 'T2' }, { $set: { sealed: one?.sealed } });
    } finally {
      await client.close();
    }

    await expect(installations().find(team('T2'))).rejects.toThrow(/could not be opened/);
  });

  it('when a workspace is erased, then it is gone and erasing it again says there was none', async () => {
    expect(await installations().delete(team('T2'))).toBe(true);
    expect(await installations().delete(team('T2'))).toBe(false);
    expect(await db().slackInstallations.listKeys()).toEqual(['T1']);
  });
});
