import cluster from 'node:cluster';
import { describeFailure } from '../adapters/cli/exit-codes.js';
import { superviseWebWorkers, webConcurrency } from '../adapters/http/cluster.js';
import { loadConfig } from '../src/config/config.js';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import { createLogger } from '../kernel/logger.js';
import { INBOX_LEASE_MS } from '../src/core/pipeline.js';

/**
 * The `web` process (Procfile): HTTP endpoints for Slack and Teams, /healthz and /metrics. It
 * keeps no state of its own, so it runs as several workers on one port (WEB_CONCURRENCY, node:
 * cluster; one per core in production) and many replicas can run behind a load balancer. It
 * only queues jobs (revisit reminders, meeting timers); the worker process runs them.
 */
async function startWeb(): Promise<void> {
  // Imported here: the cluster's primary only forks and watches, and does not carry the app.
  const { startWebApp } = await import('./web-app.js');
  const { nabo, web } = await startWebApp(loadConfig());
  // Events a process acknowledged and then died with (crash, deploy) are answered now, and
  // every lease period after, in case a turn failed in a process that lives on. Several workers
  // may look at once: each abandoned event is taken over by one of them (a lease in the inbox).
  const resume = (): void => {
    nabo.pipeline.resume().catch((error: unknown) => {
      nabo.logger.error({ err: error }, 'resuming abandoned events failed');
    });
  };
  resume();
  setInterval(resume, INBOX_LEASE_MS).unref();
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    nabo.logger.info({ signal }, 'web process stopping');
    // Whatever Redis does, the process is gone within the bound (the platforms retry requests).
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
    void web
      .close()
      .then(() => nabo.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** A stop (SIGTERM) ends the process within this, whatever Redis does. */
const STOP_BOUND_MS = 9_000;

function main(): void {
  loadEnvironmentFile();
  if (cluster.isPrimary) {
    // A bad configuration stops start-up with one line here, not once per worker.
    const config = loadConfig();
    const workers = webConcurrency(process.env, config.environment === 'production');
    if (workers > 1) {
      superviseWebWorkers({ workers, logger: createLogger({ level: config.logLevel }) });
      return;
    }
  }
  startWeb().catch((error: unknown) => {
    console.error(describeFailure(error));
    process.exit(1);
  });
}

try {
  main();
} catch (error) {
  console.error(describeFailure(error));
  process.exit(1);
}
