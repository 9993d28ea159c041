import type { TeamsConfig } from '../../src/config/config.js';
import type { HostedPlatform } from '../http/hosted-platform.js';
import type { PlatformContext } from '../platform.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import { DEFAULT_TEAMS_DELIVERY_LIMITS, type TeamsDeliveryLimits } from './delivery-limits.js';
import { TeamsCloudAdapter } from './cloud-adapter.js';
import { DEFAULT_MAX_FILE_BYTES, downloadSharedFile } from './files.js';
import { asConversationReference, storableReference } from './references.js';
import { TeamsOutbound } from './outbound.js';
import { sendToPerson } from './proactive.js';
import { createReceiver } from './receiver.js';
import { ReferenceBook } from './references.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import { mountMessagesRoute } from './route.js';
import { WorkQueue } from './work-queue.js';

/**
 * Nabo in Microsoft Teams: wires botbuilder's CloudAdapter, the route, the outbound port and the
 * core together. Authentication is on whenever an app id is configured and off only for the
 * empty app id (local use with the Bot Framework Emulator or the tests).
 */

export interface TeamsPlatformOptions {
  /** Overrides of the connector retry policy (tests pass a sleep that does not wait). */
  retry?: Partial<RetryPolicy>;
  maxFileBytes?: number;
  bodyLimit?: string | number;
  /** Below Teams' ~28 KB message limit by default. */
  maxActivityBytes?: number;
  fetchImpl?: typeof fetch;
  /** How fast jobs may write to people (teamsDeliveryLimitsFromEnvironment). */
  delivery?: TeamsDeliveryLimits;
  /** Told of every 429 the connector answers that is waited out (the web process's /metrics). */
  onRateLimited?: () => void;
}

export interface TeamsPlatform extends HostedPlatform {
  /** Resolves when every message received so far has been fully handled (tests, shutdown). */
  whenIdle(): Promise<void>;
}

/** Any Teams service URL does for the credentials check: it only builds a client, no call goes there. */
const CHECK_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export function createTeamsPlatform(
  config: TeamsConfig,
  context: PlatformContext,
  options: TeamsPlatformOptions = {},
): TeamsPlatform {
  const logger = context.logger.child({ platform: 'teams' });
  if (config.appId === '') {
    logger.warn('Teams authentication is OFF (empty MicrosoftAppId): for local use only');
  }
  const cloudAdapter = new TeamsCloudAdapter(config, logger);
  const references = new ReferenceBook(context.db.conversationReferences, () =>
    context.clock.now().getTime(),
  );
  const work = new WorkQueue(logger);
  const outbound = new TeamsOutbound({
    adapter: cloudAdapter,
    references,
    retry: { ...defaultRetryPolicy, ...options.retry },
    logger,
    ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    ...(options.maxActivityBytes !== undefined
      ? { maxActivityBytes: options.maxActivityBytes }
      : {}),
  });
  const receiver = createReceiver({
    adapter: cloudAdapter,
    pipeline: context.pipeline,
    clock: context.clock,
    logger,
    references,
  });
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;

  const delivery = options.delivery ?? DEFAULT_TEAMS_DELIVERY_LIMITS;
  const adapter: PlatformAdapter = {
    id: 'teams',
    displayName: 'Teams',
    outbound,
    allowedWorkspaces: config.allowedTenants,
    sendToPerson: (person, message) =>
      sendToPerson({ db: context.db, outbound, logger }, person, message),
    // A bot can only write to someone who installed it or wrote to it: that left a link.
    canReach: async (person) =>
      (await context.db.conversationLinks.get(person.id, 'teams')) !== null,
    deliveryPace: (identity) =>
      delivery.perConversation.map((limit, index) => ({
        key: `teams:${identity.workspaceId}:${identity.userId}:${index}`,
        ...limit,
      })),
    deliveryCapPerSecond: delivery.tenantPerSecond,
    downloadFile: (file) => downloadSharedFile(file, maxFileBytes, options.fetchImpl),
    // The conversation reference, without the names Teams puts in it: enough to write later.
    linkAddress: (conversation) => {
      const reference = asConversationReference(conversation.address);
      return reference ? storableReference(reference) : undefined;
    },
  };

  return {
    adapter,
    mount(app) {
      mountMessagesRoute(app, {
        receiver,
        schedule: (background) => work.run(background.key, background.label, background.run),
        logger,
        ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
      });
    },
    async start() {
      // Teams is HTTP only: nothing to connect.
    },
    async stop() {
      // The server no longer accepts requests; let the answers already under way go out.
      await work.whenIdle();
    },
    check: () => cloudAdapter.checkCredentials(CHECK_SERVICE_URL),
    whenIdle: () => work.whenIdle(),
  };
}
