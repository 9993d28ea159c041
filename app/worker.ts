import { MemoryConsoleOutbox } from '../adapters/console/outbox.js';
import { isNaboError } from '../kernel/errors.js';
import { assertRedisReachable } from '../jobs/redis-connection.js';
import { loadConfig } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { composeProcess } from './compose.js';
import { configuredPlatforms } from './platforms.js';

/**
 * The `worker` process (Procfile): monthly hand-outs, revisit reminders, first-visit deadlines,
 * meeting timers, check-ins, the daily deletion deadlines, and every proactive message they
 * send. Several may run against one Redis; schedulers and send keys keep the work single.
 */
/** A stop (SIGTERM) ends the process within this, whatever Redis does. */
const STOP_BOUND_MS = 9_000;

async function main(): Promise<void> {
  loadEnvironmentFile();
  const config = loadConfig();
  await assertRedisReachable(config.redisUrl);
  // Terminal people exist in local runs only: their messages are printed here.
  const consoleOutbox = new MemoryConsoleOutbox((handle, message) =>
    console.log(`[to ${handle}] ${message.text}`),
  );
  const nabo = await composeProcess(config, {
    role: 'worker',
    platforms: (context) => configuredPlatforms(config, context, { consoleOutbox }),
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    nabo.logger.info({ signal }, 'worker stopping: letting running jobs finish');
    // Whatever Redis or a job does, the process is gone within the bound: a job cut short comes
    // back to the next worker as stalled, and the send ledger keeps its message single.
    setTimeout(() => {
      nabo.logger.warn({ afterMs: STOP_BOUND_MS }, 'worker did not stop in time; exiting');
      process.exit(1);
    }, STOP_BOUND_MS).unref();
    void nabo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        nabo.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  nabo.logger.info('worker ready');
}

main().catch((error: unknown) => {
  // One clear line for the operator; details only for the unexpected.
  if (isNaboError(error)) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
