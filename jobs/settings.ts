import { NaboError } from '../kernel/errors.js';

/**
 * Job settings that belong to no platform. Each platform's own send limits (Slack's one message
 * per second per DM, Teams' per-conversation windows) live with its adapter, which hands them to
 * the jobs as pace rules; every value can be overridden by an environment variable (docs/jobs.md).
 */

/**
 * Added to every pace window: our clock (Redis TIME at pacing) and the platform's (arrival of the
 * request) differ by the request's latency, which varies. A sliding window sees more than its
 * limit only when that latency varies by more than the margin between two sends
 * (jobs/delivery/pacer.ts). 40 ms keeps 96.2 % of a cap; on the fan-out bench under heavy load
 * (2 cores, load average ~19) 30 ms brought 429s and 50 ms could not reach 95 %.
 */
export const DEFAULT_PACING_MARGIN_MS = 40;

export const ENVIRONMENT_VARIABLES = {
  sendConcurrency: 'NABO_SEND_CONCURRENCY',
  skipRedisEvictionCheck: 'NABO_SKIP_REDIS_EVICTION_CHECK',
  queuePrefix: 'NABO_QUEUE_PREFIX',
  reconcileInterval: 'NABO_RECONCILE_INTERVAL_MS',
} as const;

/** How often the worker checks Redis against MongoDB (default a minute). */
export function reconcileIntervalFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return positiveFromEnvironment(env, ENVIRONMENT_VARIABLES.reconcileInterval, 60_000);
}

export function sendConcurrencyFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return positiveFromEnvironment(env, ENVIRONMENT_VARIABLES.sendConcurrency, 10);
}

export function isEvictionCheckSkipped(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env[ENVIRONMENT_VARIABLES.skipRedisEvictionCheck]?.trim() ?? '');
}

/** A positive number from the environment; anything else stops start-up with one line. */
export function positiveFromEnvironment(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new NaboError(
      'CONFIG_INVALID',
      `Configuration error: ${name} must be a positive number, got '${raw}'`,
      {
        userFacing: true,
      },
    );
  }
  return value;
}

/** `{ prefix }` when NABO_QUEUE_PREFIX is set, so every process finds the same queues. */
export function queuePrefixFromEnvironment(env: NodeJS.ProcessEnv = process.env): {
  prefix?: string;
} {
  const prefix = env[ENVIRONMENT_VARIABLES.queuePrefix]?.trim();
  return prefix ? { prefix } : {};
}
