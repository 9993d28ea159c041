import type { HostedPlatform } from '../adapters/http/hosted-platform.js';
import type { PlatformContext } from '../adapters/platform.js';
import { createConsolePlatform } from '../adapters/console/platform.js';
import { MemoryConsoleOutbox, outboxPort, type ConsoleOutbox } from '../adapters/console/outbox.js';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { slackDeliveryLimitsFromEnvironment } from '../adapters/slack/delivery-limits.js';
import { createTeamsPlatform } from '../adapters/teams/index.js';
import { teamsDeliveryLimitsFromEnvironment } from '../adapters/teams/delivery-limits.js';
import { createWebhookPlatform, webhookConfigFromEnvironment } from '../adapters/webhook/index.js';
import type { Config } from '../src/config/config.js';
import type { PlatformAdapter, PlatformRegistry } from '../src/core/platform.js';
import { composeConversation } from './compose.js';
import type { NaboDatabase } from '../models/database.js';
import { systemClock } from '../kernel/clock.js';
import { logger } from '../kernel/logger.js';

/**
 * The platforms of this installation: one line each. A platform whose credentials are absent is
 * not started; the terminal is there outside production only (production has no terminal to
 * write to). Adding a platform is a folder under adapters/ and a line here.
 */
export function configuredPlatforms(
  config: Config,
  context: PlatformContext,
  options: { consoleOutbox?: ConsoleOutbox } = {},
): Array<HostedPlatform | PlatformAdapter> {
  const platforms: Array<HostedPlatform | PlatformAdapter> = [];
  if (config.slack) {
    const delivery = slackDeliveryLimitsFromEnvironment();
    platforms.push(createSlackPlatform(config.slack, context, { delivery }));
  }
  if (config.teams) {
    const delivery = teamsDeliveryLimitsFromEnvironment();
    platforms.push(createTeamsPlatform(config.teams, context, { delivery }));
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
export function deliveryPlatforms(config: Config, db: NaboDatabase): PlatformRegistry {
  const conversation = composeConversation({
    db,
    clock: systemClock,
    logger: logger(),
    timeZone: config.timeZone,
    locale: config.locale,
  });
  for (const platform of configuredPlatforms(config, conversation.context)) {
    conversation.register(platform);
  }
  return conversation.platforms;
}
