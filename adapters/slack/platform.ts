import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Express } from 'express';
import type { SlackConfig } from '../../src/config/config.js';
import { NaboError } from '../../kernel/errors.js';
import { isSharedWithOtherWorkspaces } from './slack-connect.js';
import type { HostedPlatform } from '../http/hosted-platform.js';
import type { PlatformContext } from '../platform.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import { DEFAULT_SLACK_DELIVERY_LIMITS, type SlackDeliveryLimits } from './delivery-limits.js';
import {
  mapBlockAction,
  mapDirectMessage,
  mapHomeOpened,
  mapMention,
  mapSlashCommand,
  mapViewSubmission,
  type MapperContext,
  type Mapped,
} from './inbound.js';
import { boltLogger } from './logger.js';
import { slackMessages } from './messages.js';
import { SlackOutbound } from './outbound.js';
import { linkAddressOf } from './address.js';
import { downloadSharedFile } from './files.js';
import { SlackReach } from './reach.js';
import { SlackHttpReceiver } from './receiver.js';
import { createSlackApi } from './web-api.js';
import { MAX_CONCURRENT_TURNS, MAX_QUEUED_TURNS } from './limits.js';
import { TurnQueue } from './turn-queue.js';
import { WorkTracker } from './work-tracker.js';

/** The route Slack posts events, interactivity and the slash command to (set in the manifest). */
export const SLACK_EVENTS_PATH = '/slack/events';

export type SlackTransport = 'http' | 'socket';

export interface SlackPlatformOptions {
  /** Now in ms for signature windows and trigger ages; the bot's own clock is context.clock. */
  nowMs?: () => number;
  /** Waiting out a 429; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** How fast jobs may write to people (slackDeliveryLimitsFromEnvironment). */
  delivery?: SlackDeliveryLimits;
}

export interface SlackPlatform extends HostedPlatform {
  readonly transport: SlackTransport;
  /** Resolves when every turn started so far has finished (tests await this; no sleeping). */
  settled(): Promise<void>;
}

/** Socket Mode when an app-level token is configured (no public URL needed); HTTP otherwise. */
export function chooseTransport(
  config: Pick<SlackConfig, 'appToken' | 'signingSecret'>,
): SlackTransport {
  if (config.appToken) return 'socket';
  if (!config.signingSecret) {
    throw new NaboError(
      'CONFIG_INVALID',
      'Slack needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)',
      {
        userFacing: true,
      },
    );
  }
  return 'http';
}

/**
 * Nabo in a Slack workspace. Bolt receives (HTTP on the web process's Express app, or Socket
 * Mode) and dispatches to small listeners; each listener acknowledges first, maps the payload to
 * the core's inbound event and hands it to the pipeline; the core answers through the Slack
 * outbound port (Block Kit).
 */
export function createSlackPlatform(
  config: SlackConfig,
  context: PlatformContext,
  options: SlackPlatformOptions = {},
): SlackPlatform {
  const nowMs = options.nowMs ?? Date.now;
  const logger = context.logger.child({ platform: 'slack' });
  const transport = chooseTransport(config);
  const tracker = new WorkTracker();
  const turns = new TurnQueue(MAX_CONCURRENT_TURNS, MAX_QUEUED_TURNS);

  const api = createSlackApi({
    token: config.botToken,
    apiUrl: config.apiUrl,
    logger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const outbound = new SlackOutbound(api, {
    messages: slackMessages(context.locale),
    nowMs,
    logger,
  });
  const reach = new SlackReach({ db: context.db, api, outbound, logger });
  const files = {
    token: config.botToken,
    extraHosts: config.apiUrl ? [new URL(config.apiUrl).host] : [],
  };

  const httpReceiver =
    transport === 'http' && config.signingSecret
      ? new SlackHttpReceiver({
          signingSecret: config.signingSecret,
          logger,
          nowMs,
          tracker,
          isOverloaded: () => turns.isFull,
        })
      : undefined;
  const receiver: Receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: config.appToken ?? '',
      logger: boltLogger(logger, 'slack-socket-mode'),
    });

  const app = new App({
    receiver,
    // One workspace, one bot token: no auth.test per start, and no OAuth installation store.
    authorize: async () => ({ botToken: config.botToken }),
    // Our own and other bots' messages are filtered by the mappers (bot_id), with no botUserId needed.
    ignoreSelf: false,
    convoStore: false,
    logger: boltLogger(logger, 'slack-bolt'),
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: { retries: 0 },
    },
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });

  const mapperContext: MapperContext = {
    now: () => context.clock.now(),
    nowMs,
    openDirectChannel: (userId) => reach.openDirectChannel(userId),
  };

  /**
   * One payload: mapped, marked when another organisation can read the conversation (Slack
   * Connect), then accepted and processed by the pipeline — which allows workspaces, handles
   * each event once and answers.
   */
  async function handle(map: () => Mapped | Promise<Mapped>, body: unknown): Promise<void> {
    try {
      const mapped = await map();
      if (mapped.kind === 'ignore') {
        logger.debug({ reason: mapped.reason }, 'Slack payload ignored');
        return;
      }
      if (mapped.directChannel) reach.noteDirectChannel(mapped.directChannel);
      const event = isSharedWithOtherWorkspaces(body, mapped.event.actor.workspaceId)
        ? {
            ...mapped.event,
            conversation: { ...mapped.event.conversation, sharedWithOtherWorkspaces: true },
          }
        : mapped.event;
      if ((await context.pipeline.accept(event)).accepted) await context.pipeline.process(event);
    } catch (error) {
      logger.error({ err: error }, 'Slack turn failed');
    }
  }
  const run = (map: () => Mapped | Promise<Mapped>, body: unknown): Promise<void> =>
    tracker.track(turns.run(() => handle(map, body)));

  // Events are acknowledged by Bolt before listeners run; interactivity and commands ack here first.
  app.event('message', ({ body }) => run(() => mapDirectMessage(body, mapperContext), body));
  app.event('app_mention', ({ body }) => run(() => mapMention(body, mapperContext), body));
  app.event('app_home_opened', ({ body }) => run(() => mapHomeOpened(body, mapperContext), body));
  app.action(/.*/, async ({ ack, body }) => {
    await ack();
    if (body.type === 'block_actions') await run(() => mapBlockAction(body, mapperContext), body);
  });
  app.view({ type: 'view_submission' }, async ({ ack, body }) => {
    await ack();
    await run(() => mapViewSubmission(body, mapperContext), body);
  });
  app.command('/nabo', async ({ ack, body }) => {
    await ack();
    await run(() => mapSlashCommand(body, mapperContext), body);
  });

  const delivery = options.delivery ?? DEFAULT_SLACK_DELIVERY_LIMITS;
  const adapter: PlatformAdapter = {
    id: 'slack',
    displayName: 'Slack',
    outbound,
    allowedWorkspaces: config.allowedWorkspaces,
    sendToPerson: (person, message, options) => reach.sendToPerson(person, message, options),
    findSent: (person, sendKey, since) => reach.findSent(person, sendKey, since),
    // One message per second per DM; the key names the person's DM with the bot.
    deliveryPace: (identity) => [
      { key: `slack:${identity.workspaceId}:${identity.userId}`, ...delivery.perChannel },
    ],
    deliveryCapPerSecond: delivery.workspacePerSecond,
    downloadFile: (file) => downloadSharedFile(file, files),
    // The person's DM with the bot: a channel to post to, any time later.
    linkAddress: (conversation) => linkAddressOf(conversation.address),
  };

  return {
    adapter,
    transport,
    mount(target: Express) {
      if (httpReceiver) target.post(SLACK_EVENTS_PATH, httpReceiver.handler());
    },
    async start() {
      if (transport === 'socket') {
        try {
          await app.start();
        } catch (error) {
          throw new NaboError(
            'DEPENDENCY_UNAVAILABLE',
            'Could not connect to Slack in Socket Mode (check SLACK_APP_TOKEN)',
            {
              cause: error,
            },
          );
        }
      }
    },
    async stop() {
      if (transport === 'socket') await app.stop();
      await tracker.settled();
    },
    check: () => api.check(),
    settled: () => tracker.settled(),
  };
}
