import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { NaboError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import { aggregateWorkerMetrics } from './metrics.js';

/**
 * Several web workers on one port (node:cluster): the primary only forks, watches and stops
 * workers; each worker is a whole web process (its own MongoDB and Redis connections, platforms
 * and turns). The primary hands connections to the workers in turn. Nothing one worker needs
 * from another lives in process memory: conversation state, processed events and Teams'
 * conversation references are in MongoDB, queued work is in Redis.
 */

export const WEB_CONCURRENCY = 'WEB_CONCURRENCY';

/**
 * How many web workers to run: WEB_CONCURRENCY when set; otherwise one per core in production
 * and one elsewhere (the demo, tests and local runs stay a single process).
 */
export function webConcurrency(
  env: NodeJS.ProcessEnv,
  production: boolean,
  cores: number = availableParallelism(),
): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (raw === undefined || raw === '') return production ? Math.max(1, cores) : 1;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new NaboError(
      'CONFIG_INVALID',
      `Configuration error: ${WEB_CONCURRENCY} must be a whole number of at least 1, got '${raw}'`,
      { userFacing: true },
    );
  }
  return value;
}

export interface SupervisorOptions {
  workers: number;
  logger: Logger;
  /** How long workers get to finish their turns on SIGTERM before they are killed. */
  stopTimeoutMs?: number;
}

/**
 * V8's heap settings for each web worker, each unless the operator set it (the command line or
 * NODE_OPTIONS). Measured with bench/slack-ack-latency.ts at 200 Slack DMs/s: a worker's live
 * heap under load is ~100 MB (heap snapshot mid-load, ~80 MB idle), but with V8's defaults its
 * RSS climbed to 240–300 MB and stayed there, mostly heap V8 let grow between collections:
 *   - max-old-space-size: V8 lets the old generation grow by a factor scaled by its limit, up
 *     to 4× the live heap when the limit is large (by default a share of the machine's memory:
 *     4 GB on a 24 GB host), ~1.4× at 512 MB. 512 MB is still five times the live heap under
 *     load, whose waiting turns are bounded (MAX_QUEUED_TURNS), so it does not bring a worker
 *     near an out-of-memory stop.
 *   - max-semi-space-size: both halves of the young generation stay committed at their 16 MB
 *     default once grown, idle or not. At 4 MB scavenges run more often: the workers' CPU per
 *     event and the ack and reply percentiles did not move beyond the run-to-run noise.
 */
export const WEB_WORKER_V8_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=4'];

/**
 * The node options a web worker starts with: the primary's own, plus WEB_WORKER_V8_FLAGS for
 * each setting the operator did not choose.
 */
export function webWorkerExecArgv(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): string[] {
  const chosen = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  const settingOf = (flag: string): string => flag.split('=')[0]!.replaceAll('_', '-');
  const added = WEB_WORKER_V8_FLAGS.filter(
    (flag) => !chosen.some((option) => settingOf(option) === settingOf(flag)),
  );
  return [...execArgv, ...added];
}

/**
 * glibc's malloc gives threads that allocate at once arenas of their own, up to 8 per core, and
 * each keeps what was freed in it: a web worker's (V8's GC helpers, libuv's pool) held ~17 MB
 * after load, ~6 MB with two arenas. Only glibc reads it, when the worker starts; an operator's
 * own value wins (empty, as `.env.example` has it, means not set).
 */
export function webWorkerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.MALLOC_ARENA_MAX ? {} : { MALLOC_ARENA_MAX: '2' };
}

/** A worker that dies within this long of its start is restarted after a growing pause. */
const QUICK_DEATH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 10_000;

/**
 * The primary: forks the workers, forks a new one when a worker dies, and on SIGTERM (or SIGINT)
 * asks every worker to stop and exits once all have. A worker that fails before it ever listened
 * (bad credentials, MongoDB unreachable) stops the whole process with exit code 1, as a single
 * web process would: restarting it would only fail again.
 */
export function superviseWebWorkers(options: SupervisorOptions): void {
  const { logger } = options;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  let stopping = false;
  let restartDelayMs = 0;
  const startedAt = new Map<Worker, number>();
  const listened = new Set<Worker>();

  aggregateWorkerMetrics();
  cluster.setupPrimary({ execArgv: webWorkerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });

  const fork = (then?: () => void): void => {
    const worker = cluster.fork(webWorkerEnv(process.env));
    startedAt.set(worker, Date.now());
    worker.once('listening', () => {
      listened.add(worker);
      logger.info({ worker: worker.id, pid: worker.process.pid }, 'web worker listening');
      then?.();
    });
  };

  const stopAll = (exitCode: number): void => {
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(exitCode);
    }, stopTimeoutMs).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    const wasListening = listened.delete(worker);
    if (stopping) return;
    if (!wasListening) {
      logger.error(
        { worker: worker.id, code, signal },
        'web worker failed before it listened: stopping',
      );
      stopping = true;
      stopAll(1);
      return;
    }
    restartDelayMs =
      lived < QUICK_DEATH_MS
        ? Math.min(MAX_RESTART_DELAY_MS, Math.max(500, restartDelayMs * 2))
        : 0;
    logger.warn(
      { worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: restartDelayMs },
      'web worker died: starting a new one',
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs);
  });

  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'web process stopping: letting every worker finish');
    stopAll(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  logger.info({ workers: options.workers }, 'web process starting workers');
  // The first worker alone, the others once it listens: a start-up failure (bad credentials,
  // MongoDB refused) is reported once, not once per worker.
  fork(() => {
    for (let index = 1; index < options.workers; index++) fork();
  });
}
