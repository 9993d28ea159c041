import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { TEAM, useSlackHarness } from './support/harness.js';
import { buttonPress, directChannelOf, directMessage, eventEnvelope } from './support/payloads.js';

/** Signed (so past the signature check) but with fields of the wrong shape: 400, never 500. */
const db = useTestDatabase();
const slack = useSlackHarness(db);

const press = () =>
  buttonPress({
    user: 'U0SHAPE',
    channel: directChannelOf('U0SHAPE'),
    messageTs: '1790000000.000001',
    actionId: 'report:outcome#0',
    value: 'x:met:0',
    label: 'Mødt',
  });

describe('Slack payloads of the wrong shape', () => {
  it.each([
    ['an event that is a string', { ...directMessage('U0SHAPE', 'hej'), event: 'message' }],
    ['a message whose text is a number', directMessage('U0SHAPE', 'hej', { text: 42 })],
    ['a message whose user is an object', directMessage('U0SHAPE', 'hej', { user: { id: 'U1' } })],
    ['an event without an id', { ...directMessage('U0SHAPE', 'hej'), event_id: 7 }],
  ])('when %s arrives, then it is answered 400 and nothing is posted', async (_name, payload) => {
    const response = await slack.postEvent(payload);

    expect(response.status).toBe(400);
    expect(response.text).toBe('');
    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it.each([
    ['actions as an object', { ...press(), actions: { action_id: 'report:outcome#0' } }],
    ['a user without an id', { ...press(), user: { name: 'birgit' } }],
    ['a button value that is a number', { ...press(), actions: [{ action_id: 'a#0', value: 5 }] }],
  ])('when a button press has %s, then it is answered 400', async (_name, payload) => {
    const response = await slack.postInteraction(payload);

    expect(response.status).toBe(400);
    expect(slack.api.calls).toEqual([]);
  });

  it('when the app is uninstalled or its tokens revoked, then a log line and an audit entry say so', async () => {
    slack.logs.lines.length = 0;

    const uninstall = await slack.postEvent(eventEnvelope({ type: 'app_uninstalled' }));
    const revoked = await slack.postEvent(
      eventEnvelope({ type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } }),
    );

    expect([uninstall.status, revoked.status]).toEqual([200, 200]);
    const lines = slack.logs.lines.filter((line) => line.msg === 'Slack app access ended');
    expect(lines.map((line) => [line.kind, line.workspace])).toEqual([
      ['app_uninstalled', TEAM],
      ['tokens_revoked', TEAM],
    ]);
    const trail = await db().auditEvents.listForSubject('workspace', `slack:${TEAM}`);
    expect(trail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['platform.app_uninstalled', 'platform.tokens_revoked']),
    );
  });
});
