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
  // Listened for before anything starts: a stop that arrives while the worker is still starting
  // (a deploy right after a restart, the cluster stopping a worker that has just listened) is
  // carried out once it is up, so the process still closes its connections and exits on its own
  // instead of dying by the signal in the middle of its start.
  let stop: ((signal: string) => void) | undefined = undefined;
  let stopRequested: string | undefined;
  const onSignal = (signal: string): void => {
    if (stop) return stop(signal);
    if (stopRequested !== undefined) return;
    stopRequested = signal;
    // Whatever the start waits for (MongoDB, Redis), the process is gone within the bound.
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

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
  let stopping = false;
  stop = (signal: string): void => {
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
  if (stopRequested !== undefined) return stop(stopRequested);
  resume();
  setInterval(resume, INBOX_LEASE_MS).unref();
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
