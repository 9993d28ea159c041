import { App, SocketModeReceiver, type Authorize, type Receiver } from '@slack/bolt';
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
import { ACKNOWLEDGE, SlackHttpReceiver, type SlackAcknowledge } from './receiver.js';
import { createSlackApi } from './web-api.js';
import { createSlackInstaller, type SlackInstaller } from './install.js';
import { mongoInstallationStore } from './installations.js';
import { installedWorkspaces, singleWorkspace, type SlackWorkspaces } from './workspaces.js';
import { createSecretBox } from '../../models/database.js';
import { eventKeyOf, type PersonEvent } from '../../src/core/inbound.js';
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
  /** 'oauth': installs in several workspaces (/slack/install); 'token': one bot token. */
  readonly mode: 'oauth' | 'token';
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

  const messages = slackMessages(context.locale);
  // One bot token for one workspace, or each workspace's own from its OAuth install.
  let workspaces: SlackWorkspaces;
  let installer: SlackInstaller | undefined;
  if (config.oauth) {
    const store = mongoInstallationStore(
      context.db.slackInstallations.sealedWith(createSecretBox(config.oauth.tokenEncryptionKey)),
    );
    const installed = installedWorkspaces({
      store,
      apiUrl: config.apiUrl,
      logger,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    workspaces = installed;
    installer = createSlackInstaller({
      oauth: config.oauth,
      store,
      apiUrl: config.apiUrl,
      allowedWorkspaces: config.allowedWorkspaces,
      messages,
      lang: context.locale,
      logger,
      onInstalled: (teamId) => installed.forget(teamId),
    });
  } else if (config.botToken) {
    const api = createSlackApi({
      token: config.botToken,
      apiUrl: config.apiUrl,
      logger,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    workspaces = singleWorkspace(api, config.botToken);
  } else {
    throw new NaboError(
      'CONFIG_INVALID',
      'Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
      { userFacing: true },
    );
  }
  const apiFor = (teamId: string) => workspaces.api(teamId);
  const outbound = new SlackOutbound(apiFor, { messages, nowMs, logger });
  const reach = new SlackReach({ db: context.db, apiFor, outbound, logger });
  const extraHosts = config.apiUrl ? [new URL(config.apiUrl).host] : [];

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

  const botToken = config.botToken;
  // One workspace: its token, with no auth.test per start. OAuth: the installation of the
  // event's workspace; none (never installed, or uninstalled) and no listener runs.
  const authorize: Authorize<boolean> = installer
    ? (source) => installer.provider.authorize(source)
    : async () => ({ botToken });
  const app = new App({
    receiver,
    authorize,
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
    if (error.code === 'slack_bolt_authorization_error') {
      logger.warn(
        { reason: error.message.slice(0, 200) },
        'Slack event from a workspace where Nabo is not installed: ignored',
      );
      return;
    }
    logger.error({ err: error }, 'Slack listener failed');
  });

  /** The mappers' view of the workspace an event came from (its DMs are opened with its token). */
  const mapperFor = (teamId: string | undefined): MapperContext => ({
    now: () => context.clock.now(),
    nowMs,
    openDirectChannel: (userId) => {
      if (!teamId) throw new NaboError('INVALID_INPUT', 'Slack payload without a workspace');
      return reach.openDirectChannel(teamId, userId);
    },
  });

  /**
   * One payload: mapped, marked when another organisation can read the conversation (Slack
   * Connect), then accepted and processed by the pipeline — which allows workspaces, handles
   * each event once and answers.
   */
  async function handle(
    map: () => Mapped | Promise<Mapped>,
    body: unknown,
    acknowledge: (stored: boolean) => Promise<void>,
  ): Promise<void> {
    let event;
    try {
      const mapped = await map();
      if (mapped.kind === 'ignore') {
        logger.debug({ reason: mapped.reason }, 'Slack payload ignored');
        await acknowledge(true);
        return;
      }
      if (mapped.directChannel) reach.noteDirectChannel(mapped.directChannel);
      event = withFileWorkspace(
        isSharedWithOtherWorkspaces(body, mapped.event.actor.workspaceId)
          ? {
              ...mapped.event,
              conversation: { ...mapped.event.conversation, sharedWithOtherWorkspaces: true },
            }
          : mapped.event,
      );
    } catch (error) {
      logger.error({ err: error }, 'Slack payload could not be read');
      await acknowledge(true);
      return;
    }
    // Stored in the inbox before Slack hears "got it"; not stored: 503 and Slack retries.
    let acceptance;
    try {
      acceptance = await context.pipeline.accept(event);
    } catch (error) {
      logger.error({ err: error, eventId: eventKeyOf(event) }, 'Slack event not stored');
      await acknowledge(false);
      return;
    }
    await acknowledge(true);
    if (!acceptance.accepted) return;
    const accepted = event;
    try {
      // Only the turn waits its turn: storing and acknowledging never queue behind other turns.
      await turns.run(() => context.pipeline.process(accepted));
    } catch (error) {
      logger.error({ err: error, eventId: eventKeyOf(accepted) }, 'Slack turn failed');
    }
  }
  /**
   * Over HTTP the receiver answers when `acknowledge` says so; in Socket Mode Bolt's ack is
   * used, and withheld for an event not stored (Slack redelivers unacknowledged envelopes).
   */
  function acknowledgerOf(
    boltContext: Record<string, unknown>,
    ack?: () => Promise<void>,
  ): (stored: boolean) => Promise<void> {
    const viaReceiver = boltContext[ACKNOWLEDGE] as SlackAcknowledge | undefined;
    if (viaReceiver) return async (stored) => viaReceiver(stored);
    return async (stored) => {
      if (stored) await ack?.();
    };
  }
  const run = (
    map: () => Mapped | Promise<Mapped>,
    body: unknown,
    acknowledge: (stored: boolean) => Promise<void>,
  ): Promise<void> => tracker.track(handle(map, body, acknowledge));

  // Every listener acknowledges through `acknowledge`, once the event is in the inbox.
  app.event('message', ({ body, context: bolt }) =>
    run(() => mapDirectMessage(body, mapperFor(bolt.teamId)), body, acknowledgerOf(bolt)),
  );
  app.event('app_mention', ({ body, context: bolt }) =>
    run(() => mapMention(body, mapperFor(bolt.teamId)), body, acknowledgerOf(bolt)),
  );
  app.event('app_home_opened', ({ body, context: bolt }) =>
    run(() => mapHomeOpened(body, mapperFor(bolt.teamId)), body, acknowledgerOf(bolt)),
  );
  // The app was removed from a workspace, or its tokens revoked: nothing more will reach or
  // leave that workspace. Logged and audited (ids only); in OAuth mode the installation itself is
  // erased as well (below).
  const uninstalled = async (body: unknown, kind: string): Promise<void> => {
    const teamId =
      typeof (body as { team_id?: unknown }).team_id === 'string'
        ? (body as { team_id: string }).team_id
        : 'unknown';
    logger.warn({ platform: 'slack', workspace: teamId, kind }, 'Slack app access ended');
    try {
      await context.db.auditEvents.record({
        action: `platform.${kind}`,
        subjectType: 'workspace',
        subjectId: `slack:${teamId}`,
        platform: 'slack',
        details: { kind },
      });
    } catch (error) {
      logger.error({ err: error, kind }, 'Slack uninstall not audited');
    }
  };
  app.event('app_uninstalled', ({ body }) => tracker.track(uninstalled(body, 'app_uninstalled')));
  app.event('tokens_revoked', ({ body }) => tracker.track(uninstalled(body, 'tokens_revoked')));
  app.action(/.*/, async ({ ack, body, context: bolt }) => {
    const acknowledge = acknowledgerOf(bolt, ack);
    if (body.type === 'block_actions')
      await run(() => mapBlockAction(body, mapperFor(bolt.teamId)), body, acknowledge);
    else await acknowledge(true);
  });
  app.view({ type: 'view_submission' }, async ({ ack, body, context: bolt }) => {
    await run(
      () => mapViewSubmission(body, mapperFor(bolt.teamId)),
      body,
      acknowledgerOf(bolt, ack),
    );
  });
  app.command('/nabo', async ({ ack, body, context: bolt }) => {
    await run(() => mapSlashCommand(body, mapperFor(bolt.teamId)), body, acknowledgerOf(bolt, ack));
  });
  if (installer) {
    // Bolt runs these without authorize: the installation may already be gone at Slack's end.
    const store = installer.provider.installationStore;
    const erase = async (
      body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean },
      why: string,
    ): Promise<void> => {
      const teamId = body.team_id;
      await store.deleteInstallation?.({
        teamId,
        enterpriseId: body.enterprise_id,
        isEnterpriseInstall: body.is_enterprise_install === true,
      });
      if (teamId) workspaces.forget(teamId);
      logger.info({ teamId }, `Slack installation erased: ${why}`);
    };
    app.event('app_uninstalled', ({ body }) =>
      tracker.track(erase(body, 'the app was uninstalled')),
    );
    app.event('tokens_revoked', ({ body, event }) => {
      // Nabo keeps only the bot's token; a revoked user token leaves it working.
      if ((event.tokens.bot ?? []).length === 0) return Promise.resolve();
      return tracker.track(erase(body, 'its bot token was revoked'));
    });
  }

  const delivery = options.delivery ?? DEFAULT_SLACK_DELIVERY_LIMITS;
  const adapter: PlatformAdapter = {
    id: 'slack',
    displayName: 'Slack',
    outbound,
    allowedWorkspaces: config.allowedWorkspaces,
    sendToPerson: (person, message, options) => reach.sendToPerson(person, message, options),
    findSent: (person, sendKey, since) => reach.findSent(person, sendKey, since),
    prepareSend: (person) => reach.prepareSend(person),
    // One message per second per DM; the key names the person's DM with the bot.
    deliveryPace: (identity) => [
      { key: `slack:${identity.workspaceId}:${identity.userId}`, ...delivery.perChannel },
    ],
    deliveryCapPerSecond: delivery.workspacePerSecond,
    // With the token of the workspace the file was shared in.
    downloadFile: async (file) => {
      const teamId = typeof file.ref.teamId === 'string' ? file.ref.teamId : '';
      return downloadSharedFile(file, { token: await workspaces.token(teamId), extraHosts });
    },
    // The person's DM with the bot: a channel to post to, any time later.
    linkAddress: (conversation) => linkAddressOf(conversation.address),
  };

  return {
    adapter,
    transport,
    mode: installer ? 'oauth' : 'token',
    mount(target: Express) {
      if (httpReceiver) target.post(SLACK_EVENTS_PATH, httpReceiver.handler());
      installer?.mount(target);
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
    check: () => workspaces.check(),
    settled: () => tracker.settled(),
  };
}

/** A shared file remembers its workspace: it is fetched later, with that workspace's token. */
function withFileWorkspace(event: PersonEvent): PersonEvent {
  if (event.kind !== 'file') return event;
  return {
    ...event,
    file: { ...event.file, ref: { ...event.file.ref, teamId: event.actor.workspaceId } },
  };
}
