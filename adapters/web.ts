import { connectDatabase } from '../models/database.js';
import { createRedisConnection } from '../jobs/redis-connection.js';
import { databaseUri, loadConfig } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { processClock } from '../src/core/clock.js';
import { createLogger } from '../src/logging/logger.js';
import { describeFailure } from './cli/exit-codes.js';
import { startWebProcess } from './http/web-process.js';
import { createMeetingJobs } from '../jobs/meetings/index.js';
import { openJobClient } from '../jobs/start-jobs.js';
import { queuePrefixFromEnvironment } from '../jobs/settings.js';
import { createPersonNotifier } from './person-notifier.js';
import type { MessagingPlatform, PlatformContext } from './platform.js';
import { createSlackPlatform } from './slack/index.js';
import { createTeamsPlatform } from './teams/index.js';

/**
 * The `web` process (Procfile): HTTP endpoints for Slack and Teams and the health check. It
 * keeps no state of its own, so many replicas can run behind a load balancer. A platform whose
 * credentials are absent is not started.
 */
async function startWeb(): Promise<void> {
  loadEnvironmentFile();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  // NABO_NOW (tests and local runs, never production) starts this process's clock elsewhere.
  const clock = processClock(config.now);
  const db = await connectDatabase(databaseUri(config), { now: () => clock.now() });
  const redis = createRedisConnection(config.redisUrl);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));

  // The web process only queues jobs (revisit reminders); the worker process runs them.
  const jobs = openJobClient({
    db,
    redisUrl: config.redisUrl,
    clock,
    ...queuePrefixFromEnvironment(),
  });
  const meetingJobs = createMeetingJobs({
    connection: redis,
    db,
    clock,
    ...queuePrefixFromEnvironment(),
  });
  const platforms: MessagingPlatform[] = [];
  const context: PlatformContext = {
    db,
    clock,
    logger,
    timeZone: config.timeZone,
    locale: config.locale,
    services: {
      reminders: jobs.reminders,
      notifier: createPersonNotifier(db, platforms),
      meetingTimers: meetingJobs.timers,
      checkInTimers: meetingJobs.checkInTimers,
    },
  };
  if (config.slack) platforms.push(createSlackPlatform(config.slack, context));
  if (config.teams) platforms.push(createTeamsPlatform(config.teams, context));

  const web = await startWebProcess({ port: config.port, db, redis, platforms });
  logger.info({ port: web.port, platforms: platforms.map((p) => p.name) }, 'web process listening');

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'web process stopping');
    void web
      .close()
      .then(() => Promise.allSettled([meetingJobs.close(), jobs.close(), db.close(), redis.quit()]))
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

startWeb().catch((error: unknown) => {
  console.error(describeFailure(error));
  process.exit(1);
});
