import type { HostedPlatform } from '../adapters/http/hosted-platform.js';
import type { PlatformContext } from '../adapters/platform.js';
import { createConsolePlatform } from '../adapters/console/platform.js';
import { MemoryConsoleOutbox, outboxPort, type ConsoleOutbox } from '../adapters/console/outbox.js';
import { createWebhookPlatform, webhookConfigFromEnvironment } from '../adapters/webhook/index.js';
import type { Config } from '../src/config/config.js';
import type { PlatformAdapter, PlatformRegistry } from '../src/core/platform.js';
import { composeConversation } from './compose.js';
import type { NaboDatabase } from '../models/database.js';
import { systemClock } from '../kernel/clock.js';
import { logger } from '../kernel/logger.js';

/** What a process wants to know about its platforms' traffic (the web process's /metrics). */
export interface PlatformObservers {
  /** A platform answered 429 and the send waits before trying again. */
  rateLimited?(platform: string): void;
}

/**
 * The platforms of this installation: one line each. A platform whose credentials are absent is
 * not started; the terminal is there outside production only (production has no terminal to
 * write to). Adding a platform is a folder under adapters/ and a line here.
 *
 * The platform SDKs are imported here, on demand, and nowhere else statically: a Slack-only
 * installation never loads botbuilder (~54 MB of RSS per process), a Teams-only one never loads
 * Bolt.
 */
export async function configuredPlatforms(
  config: Config,
  context: PlatformContext,
  options: { consoleOutbox?: ConsoleOutbox; observe?: PlatformObservers } = {},
): Promise<Array<HostedPlatform | PlatformAdapter>> {
  const platforms: Array<HostedPlatform | PlatformAdapter> = [];
  const observe = options.observe ?? {};
  if (config.slack) {
    const { createSlackPlatform } = await import('../adapters/slack/index.js');
    const { slackDeliveryLimitsFromEnvironment } =
      await import('../adapters/slack/delivery-limits.js');
    const delivery = slackDeliveryLimitsFromEnvironment();
    const rateLimited = observe.rateLimited;
    platforms.push(
      createSlackPlatform(config.slack, context, {
        delivery,
        ...(rateLimited
          ? {
              sleep: (ms: number) => {
                rateLimited('slack');
                return new Promise<void>((resolve) => setTimeout(resolve, ms));
              },
            }
          : {}),
      }),
    );
  }
  if (config.teams) {
    const { createTeamsPlatform } = await import('../adapters/teams/index.js');
    const { teamsDeliveryLimitsFromEnvironment } =
      await import('../adapters/teams/delivery-limits.js');
    const delivery = teamsDeliveryLimitsFromEnvironment();
    const rateLimited = observe.rateLimited;
    platforms.push(
      createTeamsPlatform(config.teams, context, {
        delivery,
        ...(rateLimited ? { onRateLimited: () => rateLimited('teams') } : {}),
      }),
    );
  }
  const webhook = webhookConfigFromEnvironment();
  if (webhook) platforms.push(createWebhookPlatform(webhook, context));
  if (config.environment !== 'production') {
    const outbox = options.consoleOutbox ?? new MemoryConsoleOutbox();
    platforms.push(createConsolePlatform(outboxPort(outbox), outbox));
  }
  return platforms;
}

export function adapterOf(platform: HostedPlatform | PlatformAdapter): PlatformAdapter {
  return 'adapter' in platform ? platform.adapter : platform;
}

/**
 * The platforms the worker delivers on, for a command that only queues messages (`nabo assign`):
 * built from the same configuration, never started. Queuing asks each platform whether it can
 * reach a person, and which queue is its; the worker sends.
 */
export async function deliveryPlatforms(
  config: Config,
  db: NaboDatabase,
): Promise<PlatformRegistry> {
  const conversation = composeConversation({
    db,
    clock: systemClock,
    logger: logger(),
    timeZone: config.timeZone,
    locale: config.locale,
  });
  for (const platform of await configuredPlatforms(config, conversation.context)) {
    conversation.register(platform);
  }
  return conversation.platforms;
}
