import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversationKey } from '../../adapters/teams/inbound.js';
import { createEstate, type Household } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { FakeConnector } from './support/connector.js';
import { buttonsOf, visibleText } from './support/cards.js';
import { newUser, startTeams, submitFrom, textFrom, type TeamsHarness } from './support/harness.js';
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
    const person = await teamsAmbassador(estate, user);
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

  it('when the web process restarted after sending a card, then a button pressed on that card updates it and records the report', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    const person = await teamsAmbassador(estate, user);
    await estate.assign(person, [HANSEN]);
    const before = await startTeams(db());
    await before.deliver(textFrom(user, 'mine besøg'));
    const [list] = connector.calls;
    const button = buttonsOf(list?.body ?? {}).find(
      (candidate) => candidate.title === 'Ikke hjemme',
    );
    expect(button).toBeDefined();
    // The process that sent the card is gone; a new one has heard nothing of this conversation.
    await before.close();
    connector.clear();
    const after = await startTeams(db());
    try {
      const pressed = await after.deliver(submitFrom(user, button?.data, list?.resultId ?? ''));

      expect(pressed.status).toBe(200);
      expect(connector.calls).toContainEqual(
        expect.objectContaining({
          method: 'PUT',
          conversationId: user.conversationId,
          activityId: list?.resultId,
        }),
      );
      const said = connector.calls.map((call) => visibleText(call.body)).join('\n');
      expect(said).toContain('Per Hansen var ikke hjemme');
      const [visit] = await db().visits.listByArea(estate.area.id);
      expect(visit?.attempts).toHaveLength(1);
    } finally {
      await after.close();
    }
  });

  it('when a reference is stored, then it carries no display name and expires when the conversation is silent', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    await teamsAmbassador(estate, user);

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
