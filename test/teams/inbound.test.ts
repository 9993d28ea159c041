import type { Activity } from 'botbuilder';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  downloadSharedFile,
  sharedFile,
  TEAMS_FILE_DOWNLOAD_INFO,
} from '../../adapters/teams/files.js';
import { interpretActivity, type Interpreted } from '../../adapters/teams/inbound.js';
import { activityFrom, BOT_ID, newUser } from './support/harness.js';

const receivedAt = new Date('2026-11-27T09:00:00Z');
const user = newUser();

function interpret(activity: Record<string, unknown>): Interpreted {
  return interpretActivity(activity as unknown as Activity, { receivedAt });
}

function eventOf(interpreted: Interpreted) {
  if (interpreted.kind !== 'event') throw new Error(`expected an event, got ${interpreted.kind}`);
  return interpreted.event;
}

afterEach(() => nock.cleanAll());

describe('Teams activities as inbound events', () => {
  it('when a person writes in personal chat, then it is a direct message from their tenant and object id', () => {
    const activity = activityFrom(user, { text: '  mine besøg  ' });
    const event = eventOf(interpret(activity));

    expect(event).toMatchObject({
      kind: 'message',
      text: 'mine besøg',
      eventId: activity.id,
      receivedAt,
      actor: { platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId },
      conversation: { platform: 'teams', key: `teams:${user.conversationId}`, isDirect: true },
    });
    expect(event.conversation.address).toMatchObject({
      serviceUrl: activity.serviceUrl,
      conversation: { id: user.conversationId },
      bot: { id: BOT_ID },
    });
  });

  it('when the tenant is only in channelData, then it is taken from there', () => {
    const activity = activityFrom(user, { text: 'hej' });
    (activity.conversation as Record<string, unknown>).tenantId = undefined;
    expect(eventOf(interpret(activity)).actor).toMatchObject({ workspaceId: user.tenantId });
  });

  it.each(['channel', 'groupChat'] as const)(
    'when a message comes from a %s, then it is not direct and the mention is removed',
    (type) => {
      const activity = activityFrom(
        user,
        {
          text: '<at>Nabo</at> hjælp',
          entities: [{ type: 'mention', text: '<at>Nabo</at>', mentioned: { id: BOT_ID } }],
        },
        { conversationType: type, conversationId: '19:abc@thread.v2' },
      );
      expect(eventOf(interpret(activity))).toMatchObject({
        kind: 'message',
        text: 'hjælp',
        conversation: { isDirect: false },
      });
    },
  );

  it.each(['channel', 'groupChat'] as const)(
    'when a message in a %s does not mention Nabo, then it is ignored without a word',
    (type) => {
      const activity = activityFrom(
        user,
        {
          text: '<at>Birgit</at> kan du tage mødet i morgen?',
          entities: [
            {
              type: 'mention',
              text: '<at>Birgit</at>',
              mentioned: { id: '29:someone-else', aadObjectId: user.aadObjectId },
            },
          ],
        },
        { conversationType: type, conversationId: '19:abc@thread.v2' },
      );
      expect(interpret(activity)).toEqual({ kind: 'ignored', reason: 'not_mentioned' });
      const plain = activityFrom(
        user,
        { text: 'testing' },
        { conversationType: type, conversationId: '19:abc@thread.v2' },
      );
      expect(interpret(plain)).toEqual({ kind: 'ignored', reason: 'not_mentioned' });
    },
  );

  it('when a Nabo button is submitted, then it is an action whose source is the card', () => {
    const activity = activityFrom(user, {
      value: { nabo: { flow: 'report', step: 'outcome', value: 'v1:met' } },
      replyToId: 'card-1',
    });
    expect(eventOf(interpret(activity))).toMatchObject({
      kind: 'action',
      action: { flow: 'report', step: 'outcome', value: 'v1:met' },
      source: { conversationKey: `teams:${user.conversationId}`, id: 'card-1' },
    });
  });

  it('when a Nabo form is submitted, then it is a form submit with the inputs as strings', () => {
    const activity = activityFrom(user, {
      value: { nabo: { form: 'report:note' }, note: 'to katte', count: 2 },
      replyToId: 'card-2',
    });
    expect(eventOf(interpret(activity))).toMatchObject({
      kind: 'form_submit',
      formId: 'report:note',
      values: { note: 'to katte', count: '2' },
      source: { id: 'card-2' },
    });
  });

  it('when an Action.Execute invoke arrives, then its data is read like a submit', () => {
    const activity = activityFrom(user, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          data: { nabo: { flow: 'menu', step: 'open', value: 'help' } },
        },
      },
    });
    expect(eventOf(interpret(activity))).toMatchObject({
      kind: 'action',
      action: { flow: 'menu', value: 'help' },
    });
  });

  it("when a submit carries data that is not Nabo's, then it is ignored", () => {
    expect(interpret(activityFrom(user, { value: { something: 'else' } }))).toMatchObject({
      kind: 'ignored',
    });
    expect(
      interpret(activityFrom(user, { value: { nabo: { flow: 1, step: 'x', value: 'y' } } })),
    ).toMatchObject({ kind: 'ignored' });
    expect(
      interpret(
        activityFrom(user, { value: { nabo: { flow: 'x'.repeat(600), step: 'x', value: 'y' } } }),
      ),
    ).toMatchObject({
      kind: 'ignored',
    });
  });

  it('when the bot is added to a conversation, then it is an install; other members joining are ignored', () => {
    expect(
      interpret(activityFrom(user, { type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] })),
    ).toMatchObject({
      kind: 'event',
      event: {
        kind: 'installed',
        // One id per conversation: the two activities of one install are greeted once.
        eventId: `welcome:teams:${user.conversationId}`,
        actor: { userId: user.aadObjectId },
        workspaceId: user.tenantId,
      },
    });
    expect(
      interpret(activityFrom(user, { type: 'installationUpdate', action: 'add' })),
    ).toMatchObject({ kind: 'event', event: { kind: 'installed' } });
    expect(
      interpret(activityFrom(user, { type: 'installationUpdate', action: 'remove' })),
    ).toMatchObject({ kind: 'ignored' });
    expect(
      interpret(
        activityFrom(user, { type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] }),
      ),
    ).toMatchObject({
      kind: 'ignored',
    });
  });

  it('when the activity has no Entra object id, then it is ignored rather than guessed', () => {
    const activity = activityFrom(user, { text: 'hej', from: { id: 'emulator-user' } });
    expect(interpret(activity)).toMatchObject({ kind: 'ignored', reason: 'no_identity' });
  });
});

describe('files sent to the bot', () => {
  const attachment = (downloadUrl: string) => ({
    contentType: TEAMS_FILE_DOWNLOAD_INFO,
    name: 'tilflyttere.csv',
    content: { downloadUrl, fileType: 'csv', uniqueId: 'u1' },
  });

  it('when a file comes in personal chat, then it is a file event that downloads within the limit', async () => {
    nock('https://files.example.test').get('/ok').reply(200, 'navn;adresse\n');
    const event = eventOf(
      interpret(activityFrom(user, { attachments: [attachment('https://files.example.test/ok')] })),
    );
    if (event.kind !== 'file') throw new Error('expected a file event');

    expect(event.file).toMatchObject({ name: 'tilflyttere.csv', mimeType: 'text/csv' });
    // The event holds the file as data; the adapter fetches it when the core asks.
    expect(JSON.parse(JSON.stringify(event.file))).toEqual(event.file);
    expect((await downloadSharedFile(event.file, 1_000)).toString()).toBe('navn;adresse\n');
  });

  it('when the file is larger than the limit, then the download is refused, with or without content-length', async () => {
    nock('https://files.example.test').get('/declared').reply(200, 'x'.repeat(2_000));
    nock('https://files.example.test')
      .get('/undeclared')
      .reply(200, () => Buffer.alloc(5_000, 'y'), { 'transfer-encoding': 'chunked' });

    const declared = sharedFile(attachment('https://files.example.test/declared'))!;
    const undeclared = sharedFile(attachment('https://files.example.test/undeclared'))!;

    await expect(downloadSharedFile(declared, 1_000)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    await expect(downloadSharedFile(undeclared, 1_000)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
  });

  it('when the download URL is not https, then the attachment is not taken as a file', () => {
    expect(sharedFile(attachment('http://files.example.test/x'))).toBeUndefined();
    expect(sharedFile({ contentType: 'text/html', content: '<p>hej</p>' })).toBeUndefined();
  });
});
