import type { Logger } from '../kernel/logger.js';

/** How long a conversation turn waits for Redis to take a job before it answers without it. */
export const DEFAULT_TURN_BOUND_MS = 2_000;

/** `done`: Redis took it; `late`: still waiting when the bound ran out; `failed`: Redis refused. */
export type BoundedOutcome = 'done' | 'late' | 'failed';

/**
 * Queues work for the worker from the middle of a conversation turn without ever holding the
 * reply for longer than `boundMs`: with Redis down, BullMQ (and ioredis' offline queue) would
 * wait for it without bound. What the work is about is in MongoDB already, and the worker
 * rebuilds its jobs from there; an add still under way completes if Redis comes back in time.
 * Logs ids only.
 */
export async function withinBound(
  work: () => Promise<unknown>,
  options: { boundMs?: number; logger?: Logger; what: string; ids?: Record<string, string> },
): Promise<BoundedOutcome> {
  const boundMs = options.boundMs ?? DEFAULT_TURN_BOUND_MS;
  let timer: NodeJS.Timeout | undefined;
  const running = (async () => work())();
  try {
    const late = await Promise.race([
      running.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), boundMs);
      }),
    ]);
    if (!late) return 'done';
    running.catch(() => undefined);
    options.logger?.warn(
      { ...options.ids, what: options.what, boundMs },
      'Redis did not answer in time; the job is rebuilt from MongoDB by the worker',
    );
    return 'late';
  } catch (error) {
    options.logger?.warn(
      { ...options.ids, what: options.what, err: error },
      'job not queued (Redis unavailable); the worker rebuilds it from MongoDB',
    );
    return 'failed';
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Whether the work finished within `ms` (true) or the time ran out first (false): for stops that
 * must not wait on Redis without bound. A failure within the time is thrown; one that comes
 * after it is ignored, as the caller has moved on.
 */
export async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
