import { describe, expect, it } from 'vitest';
import type { Person } from '../../models/types.js';
import { createEstate, type Household } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { blocksOf, buttonsOf, visibleText } from './support/fake-slack-api.js';
import { BOT_USER, TEAM, slackHeaders, useSlackHarness } from './support/harness.js';
import {
  buttonPress,
  directChannelOf,
  directMessage,
  eventEnvelope,
  homeOpened,
  slashCommand,
} from './support/payloads.js';

const db = useTestDatabase();
const slack = useSlackHarness(db);

const CHRISTENSEN: Household = {
  names: ['Ove Christensen', 'Else Christensen'],
  address: 'Gudrunsvej 10',
  unit: '1. th',
  moveInDate: '2026-11-18',
};
const MADSEN: Household = {
  names: ['Jonas Madsen'],
  address: 'Gudrunsvej 10',
  unit: '3. tv',
  moveInDate: '2026-11-22',
};

let users = 0;

/** An ambassador known by their Slack identity, with the households handed to them. */
async function ambassadorWith(households: Household[]): Promise<{ person: Person; user: string }> {
  const estate = await createEstate(db());
  const user = `U${String(++users).padStart(4, '0')}AMB`;
  const person = await estate.ambassador('Birgit Sørensen', {
    platform: 'slack',
    workspaceId: TEAM,
    userId: user,
  });
  if (households.length > 0) await estate.assign(person, households);
  return { person, user };
}

describe('Slack adapter, end to end over HTTP', () => {
  it('when an ambassador reports a visit in a DM, then the visit is stored and a confirmation is posted there', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN]);

    const response = await slack.postEvent(
      directMessage(user, 'ikke hjemme, lagde mappen i postkassen'),
    );

    expect(response.status).toBe(200);
    const [posted, ...others] = slack.api.callsTo('chat.postMessage');
    expect(others).toEqual([]);
    expect(posted?.params.channel).toBe(directChannelOf(user));
    expect(posted?.params.text).toContain('Ove og Else Christensen var ikke hjemme');
    expect(visibleText(posted!)).toContain('Næste forsøg: mandag 30. november');
    expect(blocksOf(posted!)[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    const [visit] = await db().visits.listOpenForAmbassador(person.id);
    expect(visit?.attempts).toHaveLength(1);
    expect(visit).toMatchObject({ outcome: 'not_home', folderLeft: true });
    // Writing in the DM makes it the person's ConversationLink for proactive messages.
    const link = await db().conversationLinks.get(person.id, 'slack');
    expect(link?.address).toEqual({ teamId: TEAM, channel: directChannelOf(user) });
  });

  it('when a button on the list is pressed, then the list is edited without its buttons and a confirmation is posted', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN]);
    await slack.postEvent(directMessage(user, 'mine besøg'));
    const list = slack.api.callsTo('chat.postMessage')[0]!;
    const met = buttonsOf(list).find((button) => button.label === 'Mødt')!;
    expect(met.actionId).toMatch(/^report:outcome#\d+$/);
    expect(buttonsOf(list).map((button) => button.actionId)).toHaveLength(
      new Set(buttonsOf(list).map((b) => b.actionId)).size,
    );
    slack.api.reset();

    const ts = '1790000000.000001';
    const response = await slack.postInteraction(
      buttonPress({
        user,
        channel: directChannelOf(user),
        messageTs: ts,
        actionId: met.actionId,
        value: met.value,
        label: met.label,
      }),
    );

    expect(response.status).toBe(200);
    const [update] = slack.api.callsTo('chat.update');
    expect(update?.params).toMatchObject({ channel: directChannelOf(user), ts });
    expect(buttonsOf(update!)).toEqual([]);
    expect(visibleText(update!)).toContain('✓ Ove og Else Christensen: Mødt');
    const [confirmation] = slack.api.callsTo('chat.postMessage');
    expect(visibleText(confirmation!)).toContain('du mødte Ove og Else Christensen');
    const visits = await db().visits.listOpenForAmbassador(person.id);
    expect(visits).toEqual([]);
  });

  it('when a report could be about two households, then one question with a button per household is posted', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN, MADSEN]);

    await slack.postEvent(directMessage(user, 'ingen hjemme, lagde mappen'));

    const [question] = slack.api.callsTo('chat.postMessage');
    expect(visibleText(question!)).toContain('Hvilken husstand handler det om?');
    expect(buttonsOf(question!).map((button) => button.label)).toEqual([
      'Ove og Else Christensen, Gudrunsvej 10, 1. th',
      'Jonas Madsen, Gudrunsvej 10, 3. tv',
    ]);
  });

  it('when /nabo help is typed in a channel, then it is acknowledged empty and the help is sent to the DM', async () => {
    const { user } = await ambassadorWith([]);

    const response = await slack.postCommand(slashCommand(user, 'help'));

    expect(response).toEqual({ status: 200, text: '' });
    expect(slack.api.callsTo('conversations.open')[0]?.params.users).toBe(user);
    const [help] = slack.api.callsTo('chat.postMessage');
    expect(help?.params.channel).toBe(directChannelOf(user));
    expect(visibleText(help!)).toContain('Jeg holder styr på dine velkomstbesøg');
  });

  it('when /nabo besøg is typed, then the open visits are listed in the DM', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);

    await slack.postCommand(slashCommand(user, 'mine besøg'));

    const [list] = slack.api.callsTo('chat.postMessage');
    expect(visibleText(list!)).toContain('Du har 1 åbent besøg');
  });

  it('when the App Home is opened, then the open visits are published as the Home tab, not sent as a DM', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);

    await slack.postEvent(homeOpened(user));

    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);
    const [publish] = slack.api.callsTo('views.publish');
    expect(publish?.params.user_id).toBe(user);
    const view = JSON.parse(publish!.params.view!) as { type: string };
    expect(view.type).toBe('home');
    expect(visibleText(publish!)).toContain('Ove og Else Christensen — Gudrunsvej 10, 1. th');
    expect(buttonsOf(publish!).map((button) => button.label)).toContain('Mødt');
  });

  it('when a Home tab button is pressed, then the confirmation goes to the DM and the Home is republished', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);
    await slack.postEvent(homeOpened(user));
    const met = buttonsOf(slack.api.callsTo('views.publish')[0]!).find(
      (button) => button.label === 'Mødt',
    )!;
    slack.api.reset();

    const press = {
      ...buttonPress({
        user,
        channel: 'unused',
        messageTs: '1',
        actionId: met.actionId,
        value: met.value,
        label: met.label,
      }),
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home' },
    } as Record<string, unknown>;
    delete press.channel;
    delete press.message;
    await slack.postInteraction(press);

    expect(slack.api.callsTo('views.publish')[0]?.params.user_id).toBe(user);
    const [confirmation] = slack.api.callsTo('chat.postMessage');
    expect(confirmation?.params.channel).toBe(directChannelOf(user));
    expect(visibleText(confirmation!)).toContain('du mødte Ove og Else Christensen');
  });

  it('when a person nobody added writes, then they get one polite line and nothing about them is stored', async () => {
    const stranger = 'U9STRANGER';

    await slack.postEvent(directMessage(stranger, 'mødte dem'));

    const [reply] = slack.api.callsTo('chat.postMessage');
    expect(visibleText(reply!)).toContain('Bed din koordinator om at tilføje dig');
    expect(
      await db().people.findByIdentity({ platform: 'slack', workspaceId: TEAM, userId: stranger }),
    ).toBeNull();
  });

  it('when a household is named <!channel>, then the name is escaped and notifies nobody', async () => {
    const { user } = await ambassadorWith([
      { names: ['<!channel>'], address: 'Gudrunsvej 12 & <@U1>', moveInDate: '2026-11-20' },
    ]);

    await slack.postEvent(directMessage(user, 'mine besøg'));

    const [list] = slack.api.callsTo('chat.postMessage');
    const raw = list!.params.blocks!;
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<@U1>');
    expect(raw).toContain('&lt;!channel&gt;');
    expect(raw).toContain('&amp; &lt;@U1&gt;');
    expect(list!.params.text).not.toContain('<');
  });

  it("when the bot's own message or an edit arrives, then it is ignored", async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);

    await slack.postEvent(
      directMessage(BOT_USER, 'Du har 1 åbent besøg', {
        bot_id: 'B0BOT',
        channel: directChannelOf(user),
      }),
    );
    await slack.postEvent(directMessage(user, 'mødte dem', { subtype: 'message_changed' }));
    await slack.postEvent(
      directMessage('U0OTHERBOT', 'hello', { subtype: 'bot_message', bot_id: 'B0OTHER' }),
    );

    expect(slack.api.calls).toEqual([]);
  });

  it('when the bot is mentioned in a channel, then names stay out of the channel', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);
    const mention = eventEnvelope({
      type: 'app_mention',
      user,
      text: `<@${BOT_USER}> mine besøg`,
      channel: 'C0GENERAL',
      ts: '1790000000.000200',
      event_ts: '1790000000.000200',
    });

    await slack.postEvent(mention);

    const [reply] = slack.api.callsTo('chat.postMessage');
    expect(reply?.params.channel).toBe('C0GENERAL');
    expect(visibleText(reply!)).toContain('Beboernes navne viser jeg kun i en privat besked');
    expect(reply?.params.blocks).not.toContain('Christensen');
  });

  it('when a reply is written in a thread of the DM, then the answer goes to that thread', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    const threadTs = '1790000000.000900';

    await slack.postEvent(
      directMessage(user, 'ingen hjemme, lagde mappen', { thread_ts: threadTs }),
    );
    const [question] = slack.api.callsTo('chat.postMessage');
    expect(question?.params.thread_ts).toBe(threadTs);
    expect(visibleText(question!)).toContain('Hvilken husstand handler det om?');

    // The answer below the question, in the same thread, completes the report.
    await slack.postEvent(directMessage(user, 'det var Madsen', { thread_ts: threadTs }));
    const [, confirmation] = slack.api.callsTo('chat.postMessage');
    expect(confirmation?.params.thread_ts).toBe(threadTs);
    expect(visibleText(confirmation!)).toContain('Jonas Madsen var ikke hjemme');
    const open = await db().visits.listOpenForAmbassador(person.id);
    expect(open.find((visit) => visit.resident.names[0] === 'Jonas Madsen')?.attempts).toHaveLength(
      1,
    );

    // A message at the top of the DM is answered at the top.
    await slack.postEvent(directMessage(user, 'mine besøg'));
    const [, , list] = slack.api.callsTo('chat.postMessage');
    expect(list?.params.thread_ts).toBeUndefined();
  });

  it('when the bot is mentioned in a thread of a channel, then it answers in the thread', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);
    await slack.postEvent(
      eventEnvelope({
        type: 'app_mention',
        user,
        text: `<@${BOT_USER}> hjælp`,
        channel: 'C0GENERAL',
        ts: '1790000000.000300',
        thread_ts: '1790000000.000100',
        event_ts: '1790000000.000300',
      }),
    );
    const [reply] = slack.api.callsTo('chat.postMessage');
    expect(reply?.params.channel).toBe('C0GENERAL');
    expect(reply?.params.thread_ts).toBe('1790000000.000100');
  });

  it('when a file is shared in the DM, then the bot answers without downloading it unasked', async () => {
    const { user } = await ambassadorWith([]);
    const share = directMessage(user, '', {
      subtype: 'file_share',
      files: [
        {
          id: 'F1',
          name: 'liste.csv',
          mimetype: 'text/csv',
          size: 10,
          url_private: 'https://files.slack.com/files-pri/T-F1/liste.csv',
        },
      ],
    });

    const response = await slack.postEvent(share);

    expect(response.status).toBe(200);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when Slack checks the request URL, then the challenge is echoed', async () => {
    const response = await slack.postEvent({
      token: 'x',
      challenge: 'c-123',
      type: 'url_verification',
    });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'c-123' });
  });

  it('when a modal form is submitted, then the core gets a form_submit in the conversation the form came from', async () => {
    const { user } = await ambassadorWith([]);
    const submission = {
      type: 'view_submission',
      team: { id: TEAM, domain: 'testparken' },
      user: { id: user, team_id: TEAM },
      trigger_id: 'submit.trigger.1',
      view: {
        id: 'V0FORM',
        hash: 'h1',
        type: 'modal',
        callback_id: 'unknownflow:note',
        private_metadata: JSON.stringify({ teamId: TEAM, channel: directChannelOf(user) }),
        state: { values: { note: { note: { type: 'plain_text_input', value: 'hej' } } } },
      },
    };

    const response = await slack.postInteraction(submission);

    expect(response).toEqual({ status: 200, text: '' });
    // No flow owns "unknownflow", so the core asks what the person wants, in the DM.
    const [answer] = slack.api.callsTo('chat.postMessage');
    expect(answer?.params.channel).toBe(directChannelOf(user));
  });

  it('when an event arrives, then Slack is answered before the bot has finished its work (ack first)', async () => {
    const { user } = await ambassadorWith([CHRISTENSEN]);
    const held = slack.api.holdNext('chat.postMessage');

    // Without waiting for settled(): the answer arrives while the bot's reply is still held.
    const response = await fetchUnsettled(slack.url, directMessage(user, 'mine besøg'));
    expect(response.status).toBe(200);
    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);

    held.release();
    await slack.platform.settled();
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

function fetchUnsettled(url: string, payload: object): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(url, { method: 'POST', headers: slackHeaders(body), body });
}
