import type { Redis } from 'ioredis';
import { upsertAssignmentSchedulers } from './assignment-jobs.js';
import { reconcile, reconcileSends, type ReconcileDeps } from './reconcile.js';

/** How often the worker checks Redis against MongoDB (NABO_RECONCILE_INTERVAL_MS). */
export const DEFAULT_RECONCILE_INTERVAL_MS = 60_000;
/** Every this many checks, reminders and deadlines are rebuilt too (a producer may have died). */
export const FULL_RECONCILE_EVERY = 15;
/** The sentinel outlives any pause between checks by far; a missing one only costs a rebuild. */
const SENTINEL_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Redis is a cache of work; MongoDB is the truth. The keeper writes a sentinel key next to the
 * queues after each rebuild. Every interval (and whenever the connection is ready again after a
 * drop) it looks: a missing sentinel means Redis came back empty (restarted without persistence,
 * flushed, failed over to an empty replica), and everything is rebuilt from MongoDB at once —
 * hand-out schedulers, revisit reminders, first-visit deadlines, unfinished sends. Otherwise
 * it upserts the area schedulers (an area created or changed with `nabo area …` while the worker
 * runs gets its scheduler) and queues again the sends BullMQ gave up on.
 */
export class JobKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private ticks = 0;
  private stopped = false;
  private readonly sentinel: string;
  /** Set when the connection is ready again after a drop: the next check rebuilds in full. */
  private reconnected = false;
  private readonly onReady = (): void => {
    this.reconnected = true;
    void this.check();
  };

  constructor(
    private readonly deps: ReconcileDeps & {
      redis: Redis;
      prefix: string;
      /**
       * Other queues rebuilt from MongoDB whenever the schedule queue is (the meeting and
       * check-in timers, jobs/meetings): Redis back empty, back after a drop, every full check.
       */
      alsoRebuild?: () => Promise<void>;
    },
    private readonly intervalMs: number = DEFAULT_RECONCILE_INTERVAL_MS,
  ) {
    this.sentinel = `${deps.prefix}:nabo:reconciled`;
  }

  /** After the start-up reconcile: marks Redis as rebuilt and starts watching. */
  async start(): Promise<void> {
    await this.markRebuilt();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
    this.deps.redis.on('ready', this.onReady);
  }

  /** One check now (tests and the `ready` event); a check already running is not doubled. */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.tick()
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'could not check the jobs against MongoDB');
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Stops watching; a check waiting on an unreachable Redis is left behind, not awaited. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.deps.redis.off('ready', this.onReady);
  }

  private async tick(): Promise<void> {
    this.ticks += 1;
    const present = (await this.deps.redis.exists(this.sentinel)) === 1;
    // Cleared only once the rebuild is done: one cut short by another drop is tried again.
    const reconnected = this.reconnected;
    if (!present || reconnected) {
      // Back after a drop, even with its data: what a web turn could not queue meanwhile (it
      // waits a bounded while, jobs/bounded-redis.ts) is only in MongoDB.
      this.deps.logger.warn(
        { emptied: !present },
        'Redis is back; rebuilding the jobs from MongoDB',
      );
      await this.rebuild();
      await this.markRebuilt();
      if (reconnected) this.reconnected = false;
      return;
    }
    if (this.ticks % FULL_RECONCILE_EVERY === 0) {
      await this.rebuild();
    } else {
      await upsertAssignmentSchedulers(this.deps.queues, await this.deps.db.areas.list());
      await reconcileSends(this.deps);
    }
    await this.deps.redis.expire(this.sentinel, SENTINEL_TTL_SECONDS);
  }

  private async rebuild(): Promise<void> {
    await reconcile(this.deps);
    await this.deps.alsoRebuild?.();
  }

  private async markRebuilt(): Promise<void> {
    await this.deps.redis.set(this.sentinel, '1', 'EX', SENTINEL_TTL_SECONDS);
  }
}
