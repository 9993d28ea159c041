import express, { type Express, type Request, type Response } from 'express';
import type { HostedPlatform } from '../http/hosted-platform.js';
import type { PlatformContext } from '../platform.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import type { WebhookConfig } from './config.js';
import { mapEvent, WEBHOOK_PLATFORM, conversationOf } from './inbound.js';
import { WebhookOutbound } from './outbound.js';
import { isSignedBy, SIGNATURE_HEADER } from './signature.js';

/** The route the chat system posts its events to. */
export const WEBHOOK_EVENTS_PATH = '/webhook/events';

export interface WebhookPlatform extends HostedPlatform {
  /** Resolves when every event received so far has been answered (tests, shutdown). */
  settled(): Promise<void>;
}

/**
 * A plain HTTP JSON platform: any chat system that can sign a POST can carry Nabo. Like every
 * adapter it only verifies (the signature), maps (JSON → inbound event) and renders (the core's
 * message as JSON to the callback URL); the pipeline does the rest.
 */
export function createWebhookPlatform(
  config: WebhookConfig,
  context: PlatformContext,
  options: { fetchImpl?: typeof fetch } = {},
): WebhookPlatform {
  const logger = context.logger.child({ platform: WEBHOOK_PLATFORM });
  const outbound = new WebhookOutbound({ ...config, ...options });
  const running = new Set<Promise<void>>();

  const adapter: PlatformAdapter = {
    id: WEBHOOK_PLATFORM,
    displayName: 'Webhook',
    outbound,
    allowedWorkspaces: config.allowedWorkspaces,
    async sendToPerson(person, message) {
      const link = await context.db.conversationLinks.get(person.id, WEBHOOK_PLATFORM);
      const address = link?.address as { workspace?: unknown; conversation?: unknown } | undefined;
      if (typeof address?.workspace !== 'string' || typeof address.conversation !== 'string') {
        return { unreachable: true, reason: 'no_link' };
      }
      return outbound.send(conversationOf(address.workspace, address.conversation, true), message);
    },
    linkAddress: (conversation) => conversation.address,
  };

  async function receive(request: Request, response: Response): Promise<void> {
    const raw = request.body instanceof Buffer ? request.body : Buffer.alloc(0);
    if (!isSignedBy(config.secret, raw, request.header(SIGNATURE_HEADER))) {
      response.status(401).json({ error: 'bad signature' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      response.status(400).json({ error: 'malformed JSON' });
      return;
    }
    const mapped = mapEvent(payload, context.clock.now());
    if (mapped.kind === 'ignore') {
      logger.debug({ reason: mapped.reason }, 'webhook event ignored');
      response.status(200).json({ accepted: false });
      return;
    }
    let acceptance;
    try {
      acceptance = await context.pipeline.accept(mapped.event);
    } catch (error) {
      // Not stored, so not acknowledged: the sender should deliver it again.
      logger.error({ err: error }, 'webhook event not stored');
      response.status(503).json({ error: 'unavailable' });
      return;
    }
    // Answered at once: the turn runs after, and its messages go to the callback URL.
    response.status(202).json({ accepted: acceptance.accepted });
    if (!acceptance.accepted) return;
    const turn = context.pipeline.process(mapped.event).catch((error: unknown) => {
      logger.error({ err: error }, 'webhook turn failed');
    });
    running.add(turn);
    void turn.finally(() => running.delete(turn));
  }

  return {
    adapter,
    mount(app: Express) {
      app.post(
        WEBHOOK_EVENTS_PATH,
        express.raw({ type: 'application/json', limit: '64kb' }),
        (request, response, next) => {
          receive(request, response).catch(next);
        },
      );
    },
    async start() {},
    async stop() {
      await Promise.allSettled([...running]);
    },
    async check() {},
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
