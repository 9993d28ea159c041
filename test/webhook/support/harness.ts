import { Redis } from 'ioredis';
import nock from 'nock';
import { composeConversation } from '../../../app/compose.js';
import { startWebProcess, type WebProcess } from '../../../adapters/http/web-process.js';
import {
  createWebhookPlatform,
  sign,
  SIGNATURE_HEADER,
  WEBHOOK_EVENTS_PATH,
  type WebhookPlatform,
} from '../../../adapters/webhook/index.js';
import { fixedClock } from '../../../kernel/clock.js';
import { createLogger } from '../../../kernel/logger.js';
import type { NaboDatabase } from '../../../models/database.js';
import type { OutboundMessage } from '../../../src/core/outbound.js';

export const SECRET = 'webhook-test-secret';
export const CALLBACK = 'https://chat.example.test';

/** One message Nabo posted to the chat system, as it shows now (after any update). */
export interface Posted {
  id: string;
  conversation: string;
  message: OutboundMessage;
}

export interface WebhookHarness {
  platform: WebhookPlatform;
  /** Every message Nabo posted, in order; updates replace the message they name. */
  posted: Posted[];
  /** Posts a signed event and waits until Nabo has answered it. */
  send(event: Record<string, unknown>, options?: { signature?: string }): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real web process with the webhook platform mounted, on port 0, built by the composition
 * root's conversation; the chat system's callback endpoint is answered by nock and recorded.
 */
export async function startWebhook(db: NaboDatabase, now: string): Promise<WebhookHarness> {
  const posted: Posted[] = [];
  nock(CALLBACK)
    .persist()
    .post('/nabo')
    .reply(async (request: Request) => {
      const payload = JSON.parse(await request.text()) as {
        type: string;
        id: string;
        conversation: string;
        message: OutboundMessage;
      };
      const earlier = posted.find((entry) => entry.id === payload.id);
      if (payload.type === 'update' && earlier) earlier.message = payload.message;
      else
        posted.push({
          id: payload.id,
          conversation: payload.conversation,
          message: payload.message,
        });
      return [200, { ok: true }];
    });
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  const conversation = composeConversation({
    db,
    clock: fixedClock(now),
    logger: createLogger({ level: 'silent' }),
    timeZone: 'Europe/Copenhagen',
    locale: 'da',
  });
  const platform = conversation.register(
    createWebhookPlatform(
      { secret: SECRET, callbackUrl: `${CALLBACK}/nabo` },
      conversation.context,
    ),
  );
  const web: WebProcess = await startWebProcess({
    port: 0,
    host: '127.0.0.1',
    db,
    redis,
    platforms: [platform],
  });
  return {
    platform,
    posted,
    async send(event, options = {}) {
      const body = JSON.stringify(event);
      const response = await fetch(`http://127.0.0.1:${web.port}${WEBHOOK_EVENTS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: options.signature ?? sign(SECRET, body),
        },
        body,
      });
      await platform.settled();
      return response.status;
    },
    async close() {
      await web.close();
      redis.disconnect();
      nock.cleanAll();
    },
  };
}
