import type { NaboDatabase } from '../models/database.js';
import { systemClock } from '../kernel/clock.js';
import { logger } from '../kernel/logger.js';
import type { Config } from '../src/config/config.js';
import { createPlatformRegistry, type PlatformRegistry } from '../src/core/platform.js';
import { createConsolePlatform } from '../adapters/console/platform.js';
import { MemoryConsoleOutbox, outboxPort } from '../adapters/console/outbox.js';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { slackDeliveryLimitsFromEnvironment } from '../adapters/slack/delivery-limits.js';
import { createTeamsPlatform } from '../adapters/teams/index.js';
import { teamsDeliveryLimitsFromEnvironment } from '../adapters/teams/delivery-limits.js';

/**
 * The platforms the worker delivers on, as a command that only queues sees them: built from the
 * same configuration, never started. Queuing asks each platform whether it can reach a person
 * (and which queue is its); the worker sends.
 */
export function deliveryPlatforms(config: Config, db: NaboDatabase): PlatformRegistry {
  const context = {
    db,
    clock: systemClock,
    logger: logger(),
    timeZone: config.timeZone,
    locale: config.locale,
  };
  const registry = createPlatformRegistry();
  if (config.slack) {
    const delivery = slackDeliveryLimitsFromEnvironment();
    registry.register(createSlackPlatform(config.slack, context, { delivery }).adapter);
  }
  if (config.teams) {
    const delivery = teamsDeliveryLimitsFromEnvironment();
    registry.register(createTeamsPlatform(config.teams, context, { delivery }).adapter);
  }
  if (config.environment !== 'production') {
    const outbox = new MemoryConsoleOutbox();
    registry.register(createConsolePlatform(outboxPort(outbox), outbox));
  }
  return registry;
}
