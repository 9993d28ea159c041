import { connectDatabase } from '../models/database.js';
import { createRedisConnection } from '../jobs/redis-connection.js';
import { databaseUri, loadConfig } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { systemClock } from '../kernel/clock.js';
import { createLogger } from '../kernel/logger.js';
import { describeFailure } from '../adapters/cli/exit-codes.js';
import { startWebProcess } from '../adapters/http/web-process.js';
import { createMeetingJobs } from '../jobs/meetings/index.js';
import { openJobClient } from '../jobs/start-jobs.js';
import { queuePrefixFromEnvironment } from '../jobs/settings.js';
import { createPersonNotifier } from '../src/core/person-notifier.js';
import { createPlatformRegistry } from '../src/core/platform.js';
import type { HostedPlatform } from '../adapters/http/hosted-platform.js';
import type { PlatformContext } from '../adapters/platform.js';
import { slackDeliveryLimitsFromEnvironment } from '../adapters/slack/delivery-limits.js';
import { teamsDeliveryLimitsFromEnvironment } from '../adapters/teams/delivery-limits.js';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { createTeamsPlatform } from '../adapters/teams/index.js';

/**
 * The `web` process (Procfile): HTTP endpoints for Slack and Teams and the health check. It
 * keeps no state of its own, so many replicas can run behind a load balancer. A platform whose
 * credentials are absent is not started.
 */
async function startWeb(): Promise<void> {
  loadEnvironmentFile();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const db = await connectDatabase(databaseUri(config));
  const redis = createRedisConnection(config.redisUrl);
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection problem'));

  // The web process only queues jobs (revisit reminders); the worker process runs them.
  const registry = createPlatformRegistry();
  const jobs = openJobClient({
    db,
    redisUrl: config.redisUrl,
    platforms: registry,
    ...queuePrefixFromEnvironment(),
  });
  const meetingJobs = createMeetingJobs({ connection: redis, db, ...queuePrefixFromEnvironment() });
  const platforms: HostedPlatform[] = [];
  const context: PlatformContext = {
    db,
    clock: systemClock,
    logger,
    timeZone: config.timeZone,
    locale: config.locale,
    services: {
      reminders: jobs.reminders,
      notifier: createPersonNotifier(db, registry),
      platforms: registry,
      meetingTimers: meetingJobs.timers,
      checkInTimers: meetingJobs.checkInTimers,
    },
  };
  if (config.slack) {
    platforms.push(
      createSlackPlatform(config.slack, context, {
        delivery: slackDeliveryLimitsFromEnvironment(),
      }),
    );
  }
  if (config.teams) {
    platforms.push(
      createTeamsPlatform(config.teams, context, {
        delivery: teamsDeliveryLimitsFromEnvironment(),
      }),
    );
  }
  for (const platform of platforms) registry.register(platform.adapter);

  const web = await startWebProcess({ port: config.port, db, redis, platforms });
  logger.info(
    { port: web.port, platforms: platforms.map((p) => p.adapter.id) },
    'web process listening',
  );

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
