import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../adapters/slack/index.js';
import type { Person } from '../../models/types.js';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { visibleText } from './support/fake-slack-api.js';
import { rawPost } from './support/raw-post.js';
import { TEAM, nowSeconds, signature, useSlackHarness } from './support/harness.js';
import { directChannelOf, directMessage } from './support/payloads.js';

const db = useTestDatabase();
const waits: number[] = [];
const slack = useSlackHarness(db, {
  sleep: async (ms) => {
    waits.push(ms);
  },
});

let users = 0;
async function ambassador(): Promise<{ person: Person; user: string }> {
  const estate = await createEstate(db());
  const user = `U${String(++users).padStart(4, '0')}REQ`;
  const person = await estate.ambassador('Birgit Sørensen', {
    platform: 'slack',
    workspaceId: TEAM,
    userId: user,
  });
  await estate.assign(person, [
    { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
  ]);
  return { person, user };
}

describe('Slack requests that must change nothing', () => {
  it('when the signature is forged, then the answer is 401 and nothing is handled', async () => {
    const { person, user } = await ambassador();
    const body = JSON.stringify(directMessage(user, 'mødte dem'));

    const response = await slack.post(body, {
      signature: signature(body, nowSeconds(), 'not-the-secret'),
    });

    expect(response.status).toBe(401);
    expect(slack.api.calls).toEqual([]);
    expect((await db().visits.listOpenForAmbassador(person.id))[0]?.attempts).toEqual([]);
  });

  it('when the signature headers are missing, then the answer is 401', async () => {
    const { user } = await ambassador();
    const response = await slack.post(JSON.stringify(directMessage(user, 'mødte dem')), {
      signature: null,
    });
    expect(response.status).toBe(401);
    expect(slack.api.calls).toEqual([]);
  });

  it('when the body was changed after signing, then the answer is 401', async () => {
    const { user } = await ambassador();
    const signed = JSON.stringify(directMessage(user, 'mine besøg'));
    const timestamp = nowSeconds();
    const response = await slack.post(signed.replace('mine besøg', 'mødte dem'), {
      timestamp,
      signature: signature(signed, timestamp),
    });
    expect(response.status).toBe(401);
  });

  it('when the timestamp is more than five minutes old or ahead, then the answer is 401 although the signature is valid', async () => {
    const { user } = await ambassador();
    const body = JSON.stringify(directMessage(user, 'mødte dem'));

    const stale = await slack.post(body, { timestamp: nowSeconds() - 6 * 60 });
    const ahead = await slack.post(body, { timestamp: nowSeconds() + 6 * 60 });

    expect([stale.status, ahead.status]).toEqual([401, 401]);
    expect(slack.api.calls).toEqual([]);
  });

  it('when the same event id arrives twice, then it is handled once', async () => {
    const { person, user } = await ambassador();
    const event = directMessage(user, 'ikke hjemme');

    const first = await slack.postEvent(event);
    const replay = await slack.postEvent(event);

    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await db().visits.listOpenForAmbassador(person.id))[0]?.attempts).toHaveLength(1);
  });

  it('when Slack retries an event (x-slack-retry-num), then the retry is acknowledged and not handled again', async () => {
    const { person, user } = await ambassador();
    const event = directMessage(user, 'ikke hjemme');

    await slack.postEvent(event);
    const retry = await slack.postEvent(event, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });

    expect(retry.status).toBe(200);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await db().visits.listOpenForAmbassador(person.id))[0]?.attempts).toHaveLength(1);
  });

  it('when a retry arrives for an event that was never handled, then it is handled', async () => {
    const { user } = await ambassador();
    const retry = await slack.postEvent(directMessage(user, 'mine besøg'), {
      headers: { 'x-slack-retry-num': '2' },
    });
    expect(retry.status).toBe(200);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when the declared body is larger than the limit, then the answer is 413 before the body is read', async () => {
    const status = await rawPost(
      slack.url,
      {
        'content-type': 'application/json',
        'content-length': MAX_BODY_BYTES + 1,
        'x-slack-request-timestamp': nowSeconds(),
      },
      // Nothing but the headers is sent: the answer cannot depend on reading the body.
    );
    expect(status).toBe(413);
  });

  it('when a chunked body grows past the limit, then the answer is 413 while it streams', async () => {
    const status = await rawPost(
      slack.url,
      {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
        'x-slack-request-timestamp': nowSeconds(),
      },
      MAX_BODY_BYTES + 64 * 1024,
    );
    expect(status).toBe(413);
    expect(slack.api.calls).toEqual([]);
  });

  it('when a signed body is not JSON, then the answer is 400 and the server keeps serving', async () => {
    const malformed = await slack.post('{"type": "event_callback", ');
    const notAnObject = await slack.post('[1, 2]');
    const healthy = await fetch(slack.url.replace('/slack/events', '/healthz'));

    expect([malformed.status, notAnObject.status]).toEqual([400, 400]);
    expect(healthy.status).toBeLessThan(600);
  });

  it('when a signed form body is malformed, then the answer is 400', async () => {
    const form = { contentType: 'application/x-www-form-urlencoded' };
    const badPayload = await slack.post('payload=%7B%22type%22%3A', form);
    const badEscape = await slack.post('payload=%E0%A4%A', form);
    const neither = await slack.post('foo=bar', form);
    const wrongType = await slack.post('hello', { contentType: 'text/plain' });

    expect([badPayload.status, badEscape.status, neither.status, wrongType.status]).toEqual([
      400, 400, 400, 400,
    ]);
    expect(slack.api.calls).toEqual([]);
  });
});

describe('Slack Web API trouble', () => {
  it('when chat.postMessage is rate limited, then the send waits for Retry-After and is retried', async () => {
    const { user } = await ambassador();
    waits.length = 0;
    slack.api.failNext('chat.postMessage', {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': '3' },
    });

    await slack.postEvent(directMessage(user, 'mine besøg'));

    expect(waits).toEqual([3000]);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('when the token is revoked, then it is logged once and /healthz reports slack unavailable', async () => {
    const { user } = await ambassador();
    slack.logs.lines.length = 0;
    slack.api.failNext('chat.postMessage', { body: { ok: false, error: 'token_revoked' } });
    slack.api.failNext('chat.postMessage', { body: { ok: false, error: 'token_revoked' } });

    await slack.postEvent(directMessage(user, 'mine besøg'));
    await slack.postEvent(directMessage(user, 'hjælp'));
    const health = await fetch(slack.url.replace('/slack/events', '/healthz'));

    const tokenLines = slack.logs.lines.filter(
      (line) => line.slackError === 'token_revoked' && line.level === 50,
    );
    expect(tokenLines).toHaveLength(1);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { checks: Record<string, string> }).checks.slack).toBe(
      'unavailable',
    );

    // Once Slack accepts the token again, the health check recovers.
    await slack.postEvent(directMessage(user, 'hjælp'));
    const recovered = await fetch(slack.url.replace('/slack/events', '/healthz'));
    expect(((await recovered.json()) as { checks: Record<string, string> }).checks.slack).toBe(
      'ok',
    );
  });

  it('when messages are handled, then no log line carries what people wrote or residents’ names', async () => {
    const { user } = await ambassador();
    slack.logs.lines.length = 0;
    await slack.postEvent(directMessage(user, 'ikke hjemme hos Jonas Madsen, han har en kat'));
    expect(slack.logs.text()).not.toMatch(/Jonas|Madsen|kat/);
  });
});

describe('Reaching a person proactively (sendToPerson)', () => {
  it('when there is no link yet, then a DM is opened, the link stored and the message posted', async () => {
    const { person, user } = await ambassador();

    const ref = await slack.platform.adapter.sendToPerson(person, {
      text: 'Du har fået en ny husstand.',
    });

    expect(ref).toEqual({
      conversationKey: `slack:${TEAM}:${directChannelOf(user)}`,
      id: expect.stringMatching(/^D.+:\d+\.\d+$/),
    });
    expect(slack.api.callsTo('conversations.open')[0]?.params.users).toBe(user);
    expect(visibleText(slack.api.callsTo('chat.postMessage')[0]!)).toBe(
      'Du har fået en ny husstand.',
    );
    expect((await db().conversationLinks.get(person.id, 'slack'))?.address).toEqual({
      teamId: TEAM,
      channel: directChannelOf(user),
    });
  });

  it('when a link is stored, then it is used without opening a DM', async () => {
    const { person } = await ambassador();
    await db().conversationLinks.upsert({
      personId: person.id,
      platform: 'slack',
      address: { teamId: TEAM, channel: 'D0STORED' },
    });

    await slack.platform.adapter.sendToPerson(person, { text: 'Påmindelse' });

    expect(slack.api.callsTo('conversations.open')).toEqual([]);
    expect(slack.api.callsTo('chat.postMessage')[0]?.params.channel).toBe('D0STORED');
  });

  it('when the person has no Slack identity, then they are unreachable (no_link), not an error', async () => {
    const estate = await createEstate(db());
    const person = await estate.ambassador('Karen Holm', `karen-${Date.now()}`);
    await expect(slack.platform.adapter.sendToPerson(person, { text: 'Hej' })).resolves.toEqual({
      unreachable: true,
      reason: 'no_link',
    });
    expect(slack.api.calls).toEqual([]);
  });

  it('when Slack says user_not_found or cannot_dm_bot, then the person is unreachable (blocked)', async () => {
    const first = await ambassador();
    slack.api.failNext('conversations.open', { body: { ok: false, error: 'user_not_found' } });
    await expect(
      slack.platform.adapter.sendToPerson(first.person, { text: 'Hej' }),
    ).resolves.toEqual({
      unreachable: true,
      reason: 'blocked',
    });

    const second = await ambassador();
    slack.api.failNext('chat.postMessage', { body: { ok: false, error: 'cannot_dm_bot' } });
    await expect(
      slack.platform.adapter.sendToPerson(second.person, { text: 'Hej' }),
    ).resolves.toEqual({
      unreachable: true,
      reason: 'blocked',
    });
  });

  it('when a stored DM was archived, then a fresh DM is opened and the message still arrives', async () => {
    const { person, user } = await ambassador();
    await db().conversationLinks.upsert({
      personId: person.id,
      platform: 'slack',
      address: { teamId: TEAM, channel: 'D0OLD' },
    });
    slack.api.failNext('chat.postMessage', { body: { ok: false, error: 'is_archived' } });

    const ref = await slack.platform.adapter.sendToPerson(person, { text: 'Hej' });

    expect(ref).toMatchObject({ conversationKey: `slack:${TEAM}:${directChannelOf(user)}` });
    expect((await db().conversationLinks.get(person.id, 'slack'))?.address).toEqual({
      teamId: TEAM,
      channel: directChannelOf(user),
    });
  });
});
