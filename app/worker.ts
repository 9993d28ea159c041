import type { PlatformContext } from '../adapters/platform.js';
import { createConsolePlatform } from '../adapters/console/platform.js';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { slackDeliveryLimitsFromEnvironment } from '../adapters/slack/delivery-limits.js';
import { createTeamsPlatform } from '../adapters/teams/index.js';
import { teamsDeliveryLimitsFromEnvironment } from '../adapters/teams/delivery-limits.js';
import { createPlatformRegistry, type MutablePlatformRegistry } from '../src/core/platform.js';
import { connectDatabase } from '../models/database.js';
import { databaseUri, loadConfig, type Config } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { systemClock } from '../kernel/clock.js';
import { isNaboError } from '../kernel/errors.js';
import { createLogger, setLogger } from '../kernel/logger.js';
import { MemoryConsoleOutbox, outboxPort } from '../adapters/console/outbox.js';
import { assertRedisReachable, createRedisConnection } from '../jobs/redis-connection.js';
import { createRetentionJobs } from '../jobs/retention/index.js';
import { isNoRoute, isUnreachable } from '../jobs/delivery/person-messenger.js';
import { createMeetingJobs } from '../jobs/meetings/index.js';
import { startJobs } from '../jobs/start-jobs.js';
import {
  isEvictionCheckSkipped,
  queuePrefixFromEnvironment,
  sendConcurrencyFromEnvironment,
} from '../jobs/settings.js';

/**
 * The `worker` process (Procfile: `worker: node dist/jobs/worker.js`): monthly hand-outs,
 * revisit reminders, first-visit deadlines, and every proactive message they send. Several may
 * run against one Redis; schedulers and send keys keep the work single.
 */

/** The platforms whose credentials are configured; a platform without them is not started. */
function configuredPlatforms(config: Config, context: PlatformContext): MutablePlatformRegistry {
  const registry = createPlatformRegistry();
  if (config.slack) {
    const delivery = slackDeliveryLimitsFromEnvironment();
    registry.register(createSlackPlatform(config.slack, context, { delivery }).adapter);
  }
  if (config.teams) {
    const delivery = teamsDeliveryLimitsFromEnvironment();
    registry.register(createTeamsPlatform(config.teams, context, { delivery }).adapter);
  }
  return registry;
}

async function main(): Promise<void> {
  loadEnvironmentFile();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  setLogger(logger);
  await assertRedisReachable(config.redisUrl);
  const db = await connectDatabase(databaseUri(config));
  const context: PlatformContext = {
    db,
    clock: systemClock,
    logger,
    timeZone: config.timeZone,
    locale: config.locale,
  };
  const platforms = configuredPlatforms(config, context);
  // Console people exist only in the demo and local runs; production has no terminal to write to.
  if (config.environment !== 'production') {
    const outbox = new MemoryConsoleOutbox((handle, message) =>
      console.log(`[to ${handle}] ${message.text}`),
    );
    platforms.register(createConsolePlatform(outboxPort(outbox), outbox));
  }

  let jobs;
  try {
    jobs = await startJobs({
      db,
      redisUrl: config.redisUrl,
      platforms,
      logger,
      sendConcurrency: sendConcurrencyFromEnvironment(),
      checkEviction: !isEvictionCheckSkipped(),
      ...queuePrefixFromEnvironment(),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const running = jobs;

  // The deletion deadlines (slettefrister) run daily on their own scheduler.
  const retentionConnection = createRedisConnection(config.redisUrl, { forWorker: true });
  const retention = createRetentionJobs({
    connection: retentionConnection,
    db,
    logger,
    timeZone: config.timeZone,
    ...queuePrefixFromEnvironment(),
  });
  await retention.schedule();
  retention.startWorker();

  // Meeting timers, agenda hand-outs and check-ins reach people the same way as assignments.
  const meetingConnection = createRedisConnection(config.redisUrl, { forWorker: true });
  const meetingJobs = createMeetingJobs({
    connection: meetingConnection,
    db,
    logger,
    timeZone: config.timeZone,
    ...queuePrefixFromEnvironment(),
    deliver: async ({ personId }, message) => {
      const person = await db.people.findById(personId);
      if (!person) return;
      const route = await running.messenger.route(person);
      if (isNoRoute(route)) {
        logger.warn({ personId, on: route.on }, 'meeting message: person cannot be reached');
        return;
      }
      const result = await running.messenger.send(route, person, message);
      if (isUnreachable(result)) {
        logger.warn({ personId, reason: result.reason }, 'meeting message not delivered');
      }
    },
  });
  await meetingJobs.startWorker();

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: letting running jobs finish');
    void (async () => {
      try {
        await meetingJobs.close();
        await meetingConnection.quit();
        await retention.close();
        await retentionConnection.quit();
        await running.close();
        await db.close();
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // One clear line for the operator; details only for the unexpected.
  if (isNaboError(error)) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
