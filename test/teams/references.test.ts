import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversationKey } from '../../adapters/teams/inbound.js';
import { createEstate, type Household } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { FakeConnector } from './support/connector.js';
import { newUser, startTeams, textFrom, type TeamsHarness } from './support/harness.js';
import { teamsAmbassador } from './support/people.js';

/**
 * Card updates need the conversation's reference (its service URL); a message ref carries only
 * the key. With several web workers (WEB_CONCURRENCY) or replicas, the turn that updates a card
 * may run in another process than the one that heard the conversation: the reference is in
 * MongoDB. Two Teams web processes over one database play the two workers here.
 */

const db = useTestDatabase();
const connector = new FakeConnector();
let first: TeamsHarness;
let second: TeamsHarness;

const HANSEN: Household = {
  names: ['Per Hansen'],
  address: 'Gudrunsvej 12',
  unit: 'st. tv',
  moveInDate: '2026-11-18',
};

beforeAll(async () => {
  connector.install();
  first = await startTeams(db());
  second = await startTeams(db());
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

beforeEach(() => connector.clear());

describe('Teams conversation references', () => {
  it('when one web worker heard a conversation, then another can update a card in it', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    const person = await teamsAmbassador(db(), estate, user);
    await estate.assign(person, [HANSEN]);

    await first.deliver(textFrom(user, 'mine besøg'));
    const [list] = connector.calls;
    expect(list?.method).toBe('POST');

    await second.platform.adapter.outbound.update(
      { conversationKey: conversationKey(user.conversationId), id: list?.resultId ?? '' },
      { text: '✓ Per Hansen' },
    );

    const update = connector.calls.at(-1);
    expect(update).toMatchObject({
      method: 'PUT',
      conversationId: user.conversationId,
      activityId: list?.resultId,
    });
  });

  it('when a reference is stored, then it carries no display name and expires when the conversation is silent', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    await teamsAmbassador(db(), estate, user);

    await first.deliver(textFrom(user, 'hjælp'));

    const client = await MongoClient.connect(db.uri());
    try {
      const collection = client.db(db.dbName()).collection('conversationreferences');
      const stored = await collection.findOne({
        conversationKey: conversationKey(user.conversationId),
      });
      expect(stored?.reference).toMatchObject({ conversation: { id: user.conversationId } });
      expect(JSON.stringify(stored)).not.toContain('Birgit');
      expect(await collection.listIndexes().toArray()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: { platform: 1, conversationKey: 1 }, unique: true }),
          expect.objectContaining({ key: { seenAt: 1 }, expireAfterSeconds: 60 * 24 * 60 * 60 }),
        ]),
      );
    } finally {
      await client.close();
    }
  });

  it('when a conversation nobody heard is updated, then the update is refused as not found', async () => {
    await expect(
      second.platform.adapter.outbound.update(
        { conversationKey: conversationKey('a:never-heard'), id: 'x' },
        { text: '✓' },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
