import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/cards.js';
import {
  activityFrom,
  newUser,
  textFrom,
  useTeamsHarness,
  type TeamsUser,
} from './support/harness.js';
import { ambassadorWith, CHRISTENSEN } from './support/people.js';

/** Teams: buttons answer once, resident data stays in personal chat, bad activities are 400. */

const db = useTestDatabase();
const { connector, teams } = useTeamsHarness(db);

/** "mine besøg" in personal chat, and the button with this title on the card. */
async function listedButton(user: TeamsUser, title: string) {
  await teams.deliver(textFrom(user, 'mine besøg'));
  const [list] = connector.calls;
  const button = buttonsOf(list?.body ?? {}).find((candidate) => candidate.title === title);
  connector.clear();
  return { data: button?.data, cardId: list?.resultId ?? '' };
}

function invoke(
  user: TeamsUser,
  data: unknown,
  cardId: string,
  where: { conversationType?: 'personal' | 'channel' | 'groupChat'; conversationId?: string } = {},
) {
  return activityFrom(
    user,
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardId,
      value: { action: { type: 'Action.Execute', verb: 'nabo', data }, trigger: 'manual' },
    },
    where,
  );
}

describe('Teams buttons answer once', () => {
  it('when the same "Ikke hjemme" invoke comes twice (a second click, and a replay), then one attempt is recorded', async () => {
    const { user, estate } = await ambassadorWith(db(), [CHRISTENSEN]);
    const { data, cardId } = await listedButton(user, 'Ikke hjemme');

    const first = invoke(user, data, cardId);
    await teams.deliver(first);
    connector.clear();
    const secondClick = await teams.deliver(invoke(user, data, cardId));
    const replay = await teams.deliver(first);

    expect([secondClick.status, replay.status]).toEqual([200, 200]);
    const [visit] = await db().visits.listByArea(estate.area.id);
    expect(visit?.attempts).toHaveLength(1);
    expect(visit?.status).toBe('open');
    const said = connector.calls.map((call) => visibleText(call.body)).join('\n');
    expect(said).toContain('Det er allerede registreret');
    expect(said).toContain('(1 forsøg i alt)');
  });
});

describe('Teams: resident data only in personal chat', () => {
  it('when a report button is pressed in a team channel, then nothing is recorded and no name is posted there', async () => {
    const { user, estate } = await ambassadorWith(db(), [CHRISTENSEN]);
    const { data, cardId } = await listedButton(user, 'Mødt');

    const response = await teams.deliver(
      invoke(user, data, cardId, {
        conversationType: 'channel',
        conversationId: '19:general@thread.tacv2',
      }),
    );

    expect(response.status).toBe(200);
    const said = connector.calls.map((call) => visibleText(call.body)).join('\n');
    expect(said).not.toContain('Christensen');
    expect(said).not.toContain('Gudrunsvej');
    expect(said).toContain('privat besked');
    expect(connector.calls.every((call) => call.method !== 'PUT')).toBe(true);
    const [visit] = await db().visits.listByArea(estate.area.id);
    expect(visit?.attempts).toEqual([]);
    const trail = await db().auditEvents.listForSubject('person', visit!.ambassadorId);
    expect(trail.map((entry) => entry.action)).toContain('chat.not_private_refused');
  });
});

describe('Teams: proactive messages naming residents', () => {
  it('when the stored link is a team channel, then a message naming a resident is not sent there', async () => {
    const { user, person } = await ambassadorWith(db(), []);
    await teams.deliver(textFrom(user, 'hej'));
    const link = await db().conversationLinks.get(person.id, 'teams');
    const address = link?.address as { conversation: Record<string, unknown> };
    await db().conversationLinks.upsert({
      personId: person.id,
      platform: 'teams',
      address: {
        ...address,
        conversation: {
          ...address.conversation,
          id: '19:general@thread.tacv2',
          conversationType: 'channel',
        },
      },
    });
    connector.clear();

    const result = await teams.platform.adapter.sendToPerson(person, {
      text: 'Ove og Else Christensen, Gudrunsvej 10',
      residentData: true,
    });

    expect(result).toMatchObject({ unreachable: true });
    expect(connector.calls).toEqual([]);
  });
});

describe('Teams: bad activities are 400, never 500', () => {
  it.each([
    ['attachments as an object', { attachments: { contentType: 'text/html' } }],
    ['text as a number', { text: 42 }],
    ['no from', { from: undefined }],
    ['entities as a string', { entities: 'mention' }],
    ['a conversation without an id', { conversation: { conversationType: 'personal' } }],
  ])(
    'when an activity has %s, then it is answered 400 without a stack trace',
    async (_name, fields) => {
      const user = newUser();
      const response = await teams.post(activityFrom(user, { text: 'hej', ...fields }));
      await teams.platform.whenIdle();

      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(connector.calls).toEqual([]);
    },
  );
});
