import { describe, expect, it } from 'vitest';
import { createEstate, type Household } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, cardsOf, visibleText } from './support/cards.js';
import { SERVICE_URL } from './support/connector.js';
import {
  activityFrom,
  BOT_ID,
  newUser,
  submitFrom,
  textFrom,
  useTeamsHarness,
} from './support/harness.js';
import { ambassadorWith, CHRISTENSEN, teamsAmbassador } from './support/people.js';

/**
 * Teams end to end with authentication off (empty app id): activities posted over HTTP into the
 * real web process, the bot's answers caught by nock on the service URL.
 */

const db = useTestDatabase();
const { connector, teams } = useTeamsHarness(db);

describe('Teams messages, authentication off', () => {
  it('when an ambassador reports a visit in personal chat, then the reply is posted to the conversation and the visit is stored', async () => {
    const { user, estate, person } = await ambassadorWith(db(), [CHRISTENSEN]);

    const response = await teams.deliver(textFrom(user, 'ikke hjemme, lagde mappen i postkassen'));

    expect(response.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    const [reply] = connector.calls;
    expect(reply?.method).toBe('POST');
    expect(reply?.conversationId).toBe(user.conversationId);
    expect(reply?.authorization).toBeUndefined();
    expect(reply?.body).toMatchObject({ type: 'message', textFormat: 'plain' });
    expect(visibleText(reply?.body ?? {})).toContain('Ove og Else Christensen var ikke hjemme');
    const [visit] = await db().visits.listByArea(estate.area.id);
    expect(visit).toMatchObject({ outcome: 'not_home', folderLeft: true });
    // Writing in personal chat keeps the person's proactive address current.
    const link = await db().conversationLinks.get(person.id, 'teams');
    expect(link?.address).toMatchObject({
      serviceUrl: SERVICE_URL,
      conversation: { id: user.conversationId },
    });
    expect(JSON.stringify(link?.address)).not.toContain('Birgit');
  });

  it('when a button on a card is pressed, then the card is replaced without buttons and a confirmation follows', async () => {
    const { user, estate } = await ambassadorWith(db(), [CHRISTENSEN]);
    await teams.deliver(textFrom(user, 'mine besøg'));
    const [list] = connector.calls;
    expect(list?.body.attachments).toBeDefined();
    const card = cardsOf(list?.body ?? {})[0];
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.5',
      $schema: expect.any(String),
    });
    const met = buttonsOf(list?.body ?? {}).find((button) => button.title === 'Mødt');
    expect(met?.data).toMatchObject({ nabo: { flow: 'report', step: 'outcome' } });
    connector.clear();

    const response = await teams.deliver(submitFrom(user, met?.data, list?.resultId ?? ''));

    expect(response.status).toBe(200);
    const update = connector.calls.find((call) => call.method === 'PUT');
    expect(update?.activityId).toBe(list?.resultId);
    expect(buttonsOf(update?.body ?? {})).toEqual([]);
    expect(visibleText(update?.body ?? {})).toContain('Ove og Else Christensen');
    const confirmation = connector.calls.find((call) => call.method === 'POST');
    expect(visibleText(confirmation?.body ?? {})).toContain('du mødte Ove og Else Christensen');
    const [visit] = await db().visits.listByArea(estate.area.id);
    expect(visit).toMatchObject({ status: 'closed', outcome: 'met' });
  });

  it('when an Action.Execute invoke arrives, then it is answered at once with an invoke response and handled like a button', async () => {
    const { user, estate } = await ambassadorWith(db(), [CHRISTENSEN]);
    await teams.deliver(textFrom(user, 'mine besøg'));
    const [list] = connector.calls;
    const met = buttonsOf(list?.body ?? {}).find((button) => button.title === 'Mødt');
    connector.clear();

    const response = await teams.post(
      activityFrom(user, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: list?.resultId,
        value: {
          action: { type: 'Action.Execute', verb: 'nabo', data: met?.data },
          trigger: 'manual',
        },
      }),
    );
    await teams.platform.whenIdle();

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
    expect(connector.calls.map((call) => call.method)).toEqual(['PUT', 'POST']);
    const [visit] = await db().visits.listByArea(estate.area.id);
    expect(visit).toMatchObject({ status: 'closed', outcome: 'met' });
  });

  it('when Teams delivers the same activity twice, then it is handled once', async () => {
    const { user, estate } = await ambassadorWith(db(), [CHRISTENSEN]);
    const activity = textFrom(user, 'mødte dem');

    const first = await teams.deliver(activity);
    const replay = await teams.deliver(activity);

    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(connector.calls).toHaveLength(1);
    const [visit] = await db().visits.listByArea(estate.area.id);
    expect(visit?.attempts).toHaveLength(1);
  });

  it('when someone unknown writes, then they get one polite line and nothing is stored about them', async () => {
    const stranger = newUser();

    await teams.deliver(textFrom(stranger, 'mødte dem'));

    expect(connector.calls).toHaveLength(1);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain(
      'Bed din koordinator om at tilføje dig',
    );
    expect(
      await db().people.findByIdentity({
        platform: 'teams',
        workspaceId: stranger.tenantId,
        userId: stranger.aadObjectId,
      }),
    ).toBeNull();
  });

  it('when the bot is mentioned in a channel, then it answers without any resident name', async () => {
    const { user } = await ambassadorWith(db(), [CHRISTENSEN]);
    const channel = activityFrom(
      user,
      {
        text: '<at>Nabo</at> mine besøg',
        entities: [
          { type: 'mention', text: '<at>Nabo</at>', mentioned: { id: BOT_ID, name: 'Nabo' } },
        ],
      },
      { conversationType: 'channel', conversationId: '19:general@thread.tacv2;messageid=1' },
    );

    await teams.deliver(channel);

    expect(connector.calls).toHaveLength(1);
    const text = visibleText(connector.calls[0]?.body ?? {});
    expect(text).toContain('kun i en privat besked');
    expect(text).not.toContain('Christensen');
    expect(connector.calls[0]?.conversationId).toBe('19:general@thread.tacv2;messageid=1');
  });

  it('when a channel message does not mention Nabo, then Nabo stays silent in the channel', async () => {
    const { user } = await ambassadorWith(db(), [CHRISTENSEN]);
    const chatter = activityFrom(
      user,
      { text: 'testing' },
      { conversationType: 'channel', conversationId: '19:general@thread.tacv2;messageid=2' },
    );

    const response = await teams.deliver(chatter);

    expect(response.status).toBe(200);
    expect(connector.calls).toEqual([]);
  });

  it('when a known person installs the app, then their reference is stored and they are greeted once', async () => {
    const { user, person } = await ambassadorWith(db(), []);
    const conversationUpdate = activityFrom(user, {
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT_ID }],
    });
    const installationUpdate = activityFrom(user, { type: 'installationUpdate', action: 'add' });

    await teams.deliver(conversationUpdate);
    await teams.deliver(installationUpdate);

    expect(connector.calls).toHaveLength(1);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain(
      'Jeg holder styr på dine velkomstbesøg',
    );
    const link = await db().conversationLinks.get(person.id, 'teams');
    expect(link?.address).toMatchObject({
      conversation: { id: user.conversationId, conversationType: 'personal' },
    });
  });

  it('when someone unknown installs the app, then nothing is stored and they are told to ask their coordinator', async () => {
    const stranger = newUser();

    await teams.deliver(
      activityFrom(stranger, { type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] }),
    );

    expect(connector.calls).toHaveLength(1);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain('Bed din koordinator');
  });

  it('when activities the bot has no use for arrive, then they are answered 200 and nothing is sent', async () => {
    const user = newUser();
    const quiet = [
      activityFrom(user, { type: 'typing' }),
      activityFrom(user, { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }),
      activityFrom(user, { type: 'messageUpdate', text: 'rettet' }),
      activityFrom(user, { type: 'conversationUpdate', membersAdded: [{ id: user.userId }] }),
      activityFrom(user, { type: 'invoke', name: 'composeExtension/query', value: {} }),
    ];

    const statuses = [];
    for (const activity of quiet) statuses.push((await teams.deliver(activity)).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(connector.calls).toEqual([]);
  });

  it('when the proactive send goes to a person who installed the bot, then it arrives in their personal chat', async () => {
    const { user, person } = await ambassadorWith(db(), []);
    await teams.deliver(activityFrom(user, { type: 'installationUpdate', action: 'add' }));
    connector.clear();

    const result = await teams.platform.adapter.sendToPerson(person, {
      text: 'Du har fået 2 nye husstande',
      choices: [
        { label: 'Mine besøg', action: { flow: 'menu', step: 'open', value: 'my_visits' } },
      ],
    });

    expect(result).toMatchObject({
      conversationKey: `teams:${user.conversationId}`,
      id: expect.any(String),
    });
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]?.conversationId).toBe(user.conversationId);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain('Du har fået 2 nye husstande');
  });

  it('when the person never installed the bot, then sendToPerson says not_installed and sends nothing', async () => {
    const estate = await createEstate(db());
    const person = await teamsAmbassador(estate, newUser());

    const result = await teams.platform.adapter.sendToPerson(person, { text: 'Hej' });

    expect(result).toEqual({ unreachable: true, reason: 'not_installed' });
    expect(connector.attempts).toEqual([]);
  });

  it('when the person removed or blocked the bot, then sendToPerson says so instead of failing', async () => {
    const { user, person } = await ambassadorWith(db(), []);
    await teams.deliver(textFrom(user, 'hjælp'));
    connector.clear();

    connector.failNext({
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'gone' } },
    });
    const removed = await teams.platform.adapter.sendToPerson(person, { text: 'Hej' });
    connector.failNext({
      status: 403,
      body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } },
    });
    const blocked = await teams.platform.adapter.sendToPerson(person, { text: 'Hej' });

    expect(removed).toEqual({ unreachable: true, reason: 'not_installed' });
    expect(blocked).toEqual({ unreachable: true, reason: 'blocked' });
  });

  it('when a household name carries a mention and a markdown link, then neither survives into the card or the text', async () => {
    const { user } = await ambassadorWith(db(), [
      {
        names: ['<at>Everyone</at>'],
        address: '[klik](https://evil.example)',
        unit: '*1.* _th_',
        moveInDate: '2026-11-20',
      },
    ]);

    await teams.deliver(textFrom(user, 'mine besøg'));
    await teams.deliver(textFrom(user, 'mødte dem'));

    const sent = JSON.stringify(connector.calls.map((call) => call.body));
    expect(sent).not.toContain('<at>');
    expect(sent).not.toContain('](');
    expect(sent).not.toMatch(/[^\\]\*1/);
    // What the person reads is still the name as it was written.
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain('<at>Everyone</at>');
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain('[klik](https://evil.example)');
  });

  it('when the list of visits is too long for one Teams message, then it is split into messages under the limit', async () => {
    const households: Household[] = Array.from({ length: 160 }, (_, index) => ({
      names: [`Husstand ${index} ${'Ø'.repeat(60)}`],
      address: `Lange Allé ${index}`,
      unit: `${index % 5}. tv`,
      moveInDate: '2026-11-10',
    }));
    const { user } = await ambassadorWith(db(), households);

    await teams.deliver(textFrom(user, 'mine besøg'));

    expect(connector.calls.length).toBeGreaterThan(1);
    for (const call of connector.calls) {
      expect(Buffer.byteLength(JSON.stringify(call.body))).toBeLessThan(28_000);
    }
    const text = connector.calls.map((call) => visibleText(call.body)).join('\n');
    for (const index of [0, 80, 159]) expect(text).toContain(`Husstand ${index} `);
    const buttons = connector.calls.flatMap((call) => buttonsOf(call.body));
    expect(buttons.filter((button) => button.title === 'Mødt')).toHaveLength(160);
  });

  it('when a person sends a file in personal chat, then the core gets it as a file event', async () => {
    const { user } = await ambassadorWith(db(), []);

    await teams.deliver(
      activityFrom(user, {
        text: '',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'tilflyttere.csv',
            content: {
              downloadUrl: 'https://files.example.test/download/1',
              uniqueId: 'u1',
              fileType: 'csv',
            },
          },
        ],
      }),
    );

    // An ambassador's file is not a list upload (only coordinators import): the core answers
    // with its file message, which proves the file event reached it.
    expect(connector.calls).toHaveLength(1);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain('Tak for filen');
  });
});

describe('Teams request bodies', () => {
  it('when the body is malformed JSON, then the answer is 400', async () => {
    const response = await teams.postRaw('{"type": "message",');
    expect(response.status).toBe(400);
  });

  it('when the body is JSON but not an activity, then the answer is 400', async () => {
    expect((await teams.postRaw('[1, 2, 3]')).status).toBe(400);
    expect((await teams.post({ hello: 'world' })).status).toBe(400);
  });

  it('when the body is larger than the limit, then the answer is 413 and nothing is sent', async () => {
    const user = newUser();
    const response = await teams.post(textFrom(user, 'x'.repeat(300 * 1024)));
    expect(response.status).toBe(413);
    await teams.platform.whenIdle();
    expect(connector.attempts).toEqual([]);
  });
});
