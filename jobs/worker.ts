import type { MessagingPlatform, PlatformContext } from '../adapters/platform.js';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { createTeamsPlatform } from '../adapters/teams/index.js';
import { connectDatabase } from '../models/database.js';
import { databaseUri, loadConfig, type Config } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { processClock } from '../src/core/clock.js';
import { isNaboError } from '../src/errors.js';
import { createLogger, setLogger } from '../src/logging/logger.js';
import { MemoryConsoleOutbox } from './delivery/console-outbox.js';
import { assertRedisReachable, createRedisConnection } from './redis-connection.js';
import { createRetentionJobs } from './retention/index.js';
import { isNoRoute, isUnreachable } from './delivery/person-messenger.js';
import { createMeetingJobs } from './meetings/index.js';
import { startJobs } from './start-jobs.js';
import {
  deliveryLimitsFromEnvironment,
  isEvictionCheckSkipped,
  queuePrefixFromEnvironment,
  sendConcurrencyFromEnvironment,
} from './settings.js';

/**
 * The `worker` process (Procfile: `worker: node dist/jobs/worker.js`): monthly hand-outs,
 * revisit reminders, first-visit deadlines, and every proactive message they send. Several may
 * run against one Redis; schedulers and send keys keep the work single.
 */

/** The platforms whose credentials are configured; a platform without them is not started. */
function configuredPlatforms(config: Config, context: PlatformContext): MessagingPlatform[] {
  const platforms: MessagingPlatform[] = [];
  if (config.slack) platforms.push(createSlackPlatform(config.slack, context));
  if (config.teams) platforms.push(createTeamsPlatform(config.teams, context));
  return platforms;
}

async function main(): Promise<void> {
  loadEnvironmentFile();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  setLogger(logger);
  await assertRedisReachable(config.redisUrl);
  // NABO_NOW (tests and local runs, never production) starts this process's clock elsewhere.
  const clock = processClock(config.now);
  const db = await connectDatabase(databaseUri(config), { now: () => clock.now() });
  const context: PlatformContext = {
    db,
    clock,
    logger,
    timeZone: config.timeZone,
    locale: config.locale,
  };
  const platforms = configuredPlatforms(config, context);
  // Console people exist only in the demo and local runs; production has no terminal to write to.
  const consoleOutbox =
    config.environment === 'production'
      ? undefined
      : new MemoryConsoleOutbox((handle, message) => console.log(`[to ${handle}] ${message.text}`));

  let jobs;
  try {
    jobs = await startJobs({
      db,
      redisUrl: config.redisUrl,
      platforms,
      ...(consoleOutbox ? { consoleOutbox } : {}),
      clock,
      logger,
      limits: deliveryLimitsFromEnvironment(),
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
    clock,
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
    clock,
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
        logger.error(
          { error: error instanceof Error ? error.message : String(error) },
          'unclean stop',
        );
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
