import { describeFailure } from '../adapters/cli/exit-codes.js';
import { startWebProcess } from '../adapters/http/web-process.js';
import { loadConfig } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { composeProcess } from './compose.js';
import { configuredPlatforms } from './platforms.js';

/**
 * The `web` process (Procfile): HTTP endpoints for Slack and Teams and the health check. It
 * keeps no state of its own, so many replicas can run behind a load balancer. It only queues
 * jobs (revisit reminders, meeting timers); the worker process runs them.
 */
async function startWeb(): Promise<void> {
  loadEnvironmentFile();
  const config = loadConfig();
  const nabo = await composeProcess(config, {
    role: 'web',
    platforms: (context) => configuredPlatforms(config, context),
  });
  const web = await startWebProcess({
    port: config.port,
    db: nabo.db,
    redis: nabo.redis,
    platforms: nabo.hosted,
  });
  nabo.logger.info(
    { port: web.port, platforms: nabo.platforms.list().map((platform) => platform.id) },
    'web process listening',
  );

  const shutdown = (signal: string): void => {
    nabo.logger.info({ signal }, 'web process stopping');
    // Whatever Redis does, the process is gone within the bound (the platforms retry requests).
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
    void web
      .close()
      .then(() => nabo.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** A stop (SIGTERM) ends the process within this, whatever Redis does. */
const STOP_BOUND_MS = 9_000;

startWeb().catch((error: unknown) => {
  console.error(describeFailure(error));
  process.exit(1);
});
