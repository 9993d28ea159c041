import { NaboError } from '../kernel/errors.js';

/**
 * Job settings that belong to no platform. Each platform's own send limits (Slack's one message
 * per second per DM, Teams' per-conversation windows) live with its adapter, which hands them to
 * the jobs as pace rules; every value can be overridden by an environment variable (docs/jobs.md).
 */

/**
 * Added to every pace window: our clock (Redis TIME at pacing) and the platform's (arrival of the
 * request) differ by the request's latency, which varies.
 */
export const DEFAULT_PACING_MARGIN_MS = 50;

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

/**
 * BullMQ's limiter counts jobs in fixed windows, so "max N per 1,000 ms" can let up to 2N through
 * in a sliding second that straddles two windows — and platforms count in sliding windows. Split
 * the second into k short windows of m jobs each with m·(k+1) ≤ cap: any sliding second touches
 * at most k+1 windows, so the cap holds, and the sends come evenly spaced. Picks the k that lets
 * the most through (e.g. 50/s → 1 job per 20.4 ms = 49/s).
 */
export function slidingSafeLimiter(capPerSecond: number): { max: number; duration: number } {
  // 5 % headroom: requests reach the platform with varying latency, so our spacing is not theirs.
  const budget = capPerSecond >= 10 ? Math.floor(capPerSecond * 0.95) : capPerSecond;
  let best = { max: Math.max(1, Math.floor(budget / 2)), duration: 1_000 };
  for (let windows = 1; windows <= 100; windows += 1) {
    const duration = Math.floor(1_000 / windows);
    if (duration < 10) break;
    const max = Math.floor(budget / (windows + 1));
    if (max < 1) break;
    if ((max * 1_000) / duration > (best.max * 1_000) / best.duration) best = { max, duration };
  }
  return best;
}

/** `{ prefix }` when NABO_QUEUE_PREFIX is set, so every process finds the same queues. */
export function queuePrefixFromEnvironment(env: NodeJS.ProcessEnv = process.env): {
  prefix?: string;
} {
  const prefix = env[ENVIRONMENT_VARIABLES.queuePrefix]?.trim();
  return prefix ? { prefix } : {};
}
