import nock from 'nock';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef } from '../../adapters/slack/address.js';
import { slackMessages } from '../../adapters/slack/messages.js';
import { SlackOutbound } from '../../adapters/slack/outbound.js';
import { createSlackApi } from '../../adapters/slack/web-api.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { SendTooLateError } from '../../kernel/errors.js';
import { createLogger } from '../../kernel/logger.js';
import { FakeSlackApi } from './support/fake-slack-api.js';

const api = new FakeSlackApi();
let now = 1_000_000;
const outbound = new SlackOutbound(
  createSlackApi({ token: 'xoxb-1', apiUrl: undefined, logger: createLogger({ level: 'silent' }) }),
  {
    messages: slackMessages('da'),
    nowMs: () => now,
    logger: createLogger({ level: 'silent' }),
  },
);

const withForm: OutboundMessage = {
  text: 'Skriv en note',
  form: {
    id: 'report:note',
    title: 'Note om besøget',
    submitLabel: 'Gem',
    fields: [{ id: 'note', label: 'Note', kind: 'multiline' }],
  },
};

function conversation(trigger?: { triggerId: string; triggerAt: number }) {
  return conversationRef(
    { teamId: 'T1', channel: 'D1', surface: 'message', userId: 'U1', ...trigger },
    true,
  );
}

beforeEach(() => {
  api.reset();
  api.install();
});
afterEach(() => {
  nock.cleanAll();
});

describe('forms as modals', () => {
  it('when a form is sent with a fresh trigger, then it opens as a modal with views.open', async () => {
    const ref = await outbound.send(
      conversation({ triggerId: 'trig-1', triggerAt: now - 500 }),
      withForm,
    );

    const [open] = api.callsTo('views.open');
    expect(open?.params.trigger_id).toBe('trig-1');
    const view = JSON.parse(open!.params.view!) as {
      type: string;
      callback_id: string;
      private_metadata: string;
    };
    expect(view).toMatchObject({ type: 'modal', callback_id: 'report:note' });
    expect(JSON.parse(view.private_metadata)).toEqual({ teamId: 'T1', channel: 'D1' });
    expect(ref.id).toMatch(/^view:V/);
  });

  it('when the trigger is older than Slack allows, then a friendly message is posted instead', async () => {
    await outbound.send(conversation({ triggerId: 'trig-2', triggerAt: now - 5_000 }), withForm);

    expect(api.callsTo('views.open')).toEqual([]);
    expect(api.callsTo('chat.postMessage')[0]?.params.text).toContain(
      'Formularen kunne ikke åbnes i tide',
    );
  });

  it('when Slack answers expired_trigger_id, then a friendly message is posted instead', async () => {
    api.failNext('views.open', { body: { ok: false, error: 'expired_trigger_id' } });
    await outbound.send(conversation({ triggerId: 'trig-3', triggerAt: now }), withForm);
    expect(api.callsTo('chat.postMessage')[0]?.params.text).toContain(
      'Formularen kunne ikke åbnes i tide',
    );
  });

  it('when there is no trigger (a proactive message), then a friendly message is posted instead', async () => {
    await outbound.send(conversation(), withForm);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('long messages', () => {
  it('when a message needs several pages, then each is posted with a fallback text and the first is referenced', async () => {
    const sections = Array.from({ length: 30 }, (_, index) => ({
      text: `Husstand ${index}`,
      choices: [
        { label: 'Mødt', action: { flow: 'report', step: 'outcome', value: `${index}:met` } },
      ],
    }));
    now += 1;
    const ref = await outbound.send(conversation(), { text: 'Du har 30 åbne besøg:', sections });

    const posts = api.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    for (const post of posts)
      expect(JSON.parse(post.params.blocks!).length).toBeLessThanOrEqual(50);
    expect(ref.id).toBe(`D1:${String(posts[0]?.response.ts)}`);
  });
});

describe('sends paced by the jobs', () => {
  it('when a paced send would leave after its token has passed, then nothing is posted and the caller is told it was too late', async () => {
    const sending = outbound.post('slack:T1:D1', 'D1', { text: 'Dine husstande' }, undefined, {
      sendKey: 'k-late',
      paced: true,
      notAfter: performance.now() - 1,
    });

    await expect(sending).rejects.toBeInstanceOf(SendTooLateError);
    expect(api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('when Slack answers 429 to a paced send, then it is handed back at once (the jobs pause the workspace), while an unpaced post waits and tries again', async () => {
    const limited = {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': '0' },
    };
    api.failNext('chat.postMessage', limited);
    const paced = outbound.post('slack:T1:D1', 'D1', { text: 'Dine husstande' }, undefined, {
      sendKey: 'k-429',
      paced: true,
    });
    await expect(paced).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);

    api.failNext('chat.postMessage', limited);
    await outbound.post('slack:T1:D1', 'D1', { text: 'Tak for i dag' });
    expect(api.callsTo('chat.postMessage')).toHaveLength(3);
  });
});
