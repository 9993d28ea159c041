import { Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { NaboDatabase } from '../models/database.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { logger as rootLogger, type Logger } from '../kernel/logger.js';
import { Pacer } from './delivery/pacer.js';
import type { PlatformRegistry } from '../src/core/platform.js';
import { PersonMessenger } from './delivery/person-messenger.js';
import { DEFAULT_QUEUE_PREFIX, JobQueues, SCHEDULE_QUEUE, sendQueueName } from './job-queues.js';
import type { ScheduleJobData, SendJobData, SendOutcome } from './job-types.js';
import { createScheduleProcessor } from './processors/schedule-processor.js';
import { createSendProcessor } from './processors/send-processor.js';
import { AssignmentBatches } from './delivery/assignment-batch.js';
import { reconcile, type ReconcileReport } from './reconcile.js';
import { DEFAULT_RECONCILE_INTERVAL_MS, JobKeeper } from './keeper.js';
import { finishesWithin } from './bounded-redis.js';
import { createRedisConnection } from './redis-connection.js';
import { assertNoEviction } from './redis-eviction-check.js';
import { BullmqReminderScheduler } from './reminder-jobs.js';
import { DEFAULT_PACING_MARGIN_MS } from './settings.js';

export interface JobsOptions {
  db: NaboDatabase;
  redisUrl: string;
  /** Redis key prefix of every queue; tests and benchmarks use their own. */
  prefix?: string;
  /**
   * The platforms jobs deliver on, in the order a person is tried on. A process that only queues
   * (the web process, the CLI) passes the same platforms as the worker, unstarted: routing a
   * message to a platform's queue asks its adapter, and sending happens in the worker.
   */
  platforms: PlatformRegistry;
  clock?: Clock;
  logger?: Logger;
  /** Added to every pace window (see DEFAULT_PACING_MARGIN_MS). */
  pacingMarginMs?: number;
  /** How late a paced send may leave on its token (PacerOptions.lateToleranceMs). */
  pacingToleranceMs?: number;
  /** Parallel sends per platform queue in this process. */
  sendConcurrency?: number;
  /**
   * Every worker on a queue must use the same short lock settings, or the slowest decides how
   * long a crashed worker's job waits (FIELD-NOTES). BullMQ's defaults are 30 s / 30 s.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Refuse to start on a Redis that may evict keys (default true). */
  checkEviction?: boolean;
  /** Rebuild schedulers and reminders from MongoDB at start (default true). */
  reconcileAtStart?: boolean;
  /**
   * How often the worker checks Redis against MongoDB (JobKeeper): an emptied Redis is rebuilt,
   * new areas get their scheduler, sends BullMQ gave up on are queued again. 0: never.
   */
  reconcileIntervalMs?: number;
  /**
   * How long `close()` lets running jobs finish before it drops them (they are locked jobs, and
   * come back to another worker as stalled); Redis being unreachable must not hold a stop.
   */
  closeTimeoutMs?: number;
  /**
   * Other queues the keeper rebuilds from MongoDB with the schedule queue (the meeting and
   * check-in timers): after Redis came back, emptied or not, and at every full check.
   */
  alsoRebuild?: () => Promise<void>;
  /** How long a conversation turn waits for Redis to take a reminder (DEFAULT_REMINDER_BOUND_MS). */
  reminderBoundMs?: number;
  /** The producer side opened earlier (the bot already schedules reminders through it). */
  client?: JobClient;
}

/** The producer side, enough for the CLI and the web process: queues and reminders, no workers. */
export interface JobClient {
  queues: JobQueues;
  reminders: BullmqReminderScheduler;
  messenger: PersonMessenger;
  close(): Promise<void>;
}

export interface RunningJobs extends JobClient {
  workers: Array<Worker<ScheduleJobData> | Worker<SendJobData, SendOutcome>>;
  reconciled: ReconcileReport | undefined;
  /** Watches Redis against MongoDB; undefined when reconcileIntervalMs is 0. */
  keeper: JobKeeper | undefined;
  /** The send workers' pacer (its count of tokens given up to late wake-ups, for benchmarks). */
  pacer: Pacer;
  /** The hand-outs' message data, shared by the schedule and send workers (assignment-batch.ts). */
  batches: AssignmentBatches;
}

/** Default bound on a graceful stop of the jobs; the process exits within 10 s (app/worker.ts). */
export const DEFAULT_CLOSE_TIMEOUT_MS = 7_000;

export function openJobClient(options: JobsOptions): JobClient {
  const connection = createRedisConnection(options.redisUrl, { forWorker: true });
  const clientLog = (options.logger ?? rootLogger()).child({ component: 'jobs' });
  // Reconnects by itself; without a listener ioredis prints every refused connection.
  connection.on('error', (error) => clientLog.warn({ err: error }, 'redis connection problem'));
  const messenger = new PersonMessenger(options.platforms);
  const queues = new JobQueues(
    connection,
    options.prefix ?? DEFAULT_QUEUE_PREFIX,
    messenger.platformIds,
  );
  const clock = options.clock ?? systemClock;
  return {
    queues,
    reminders: new BullmqReminderScheduler(options.db, queues, clock, {
      logger: clientLog,
      ...(options.reminderBoundMs ? { boundMs: options.reminderBoundMs } : {}),
    }),
    messenger,
    async close() {
      await queues.close();
      await quit(connection);
    },
  };
}

/**
 * The worker process's jobs: checks Redis, reconciles from MongoDB, then runs one worker for the
 * schedule queue and one per registered platform. `close()` lets running jobs finish.
 */
export async function startJobs(options: JobsOptions): Promise<RunningJobs> {
  const log = (options.logger ?? rootLogger()).child({ component: 'jobs' });
  const clock = options.clock ?? systemClock;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const client = options.client ?? openJobClient({ ...options, clock });
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const connection = createRedisConnection(options.redisUrl, { forWorker: true });
    connection.on('error', (error) => log.warn({ err: error }, 'redis connection problem'));
    connections.push(connection);
    return connection;
  };
  const workers: RunningJobs['workers'] = [];

  let keeper: JobKeeper | undefined;

  const closeAll = async (): Promise<void> => {
    keeper?.stop();
    const graceful = (async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await client.close();
      await Promise.all(connections.map(quit));
    })();
    const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    if (await finishesWithin(graceful, closeTimeoutMs)) return;
    // Redis is not answering (or a job will not end): drop everything. Jobs still locked come
    // back as stalled to the next worker, and the ledger keeps their sends honest.
    log.warn({ closeTimeoutMs }, 'jobs did not stop in time; closing connections');
    for (const connection of connections) connection.disconnect();
    // Not awaited: a close already begun cannot be forced (BullMQ hands back the pending one),
    // and awaiting it held the stop for as long as a Redis reconnect took.
    for (const worker of workers) void worker.close(true).catch(() => undefined);
  };

  try {
    const pacerConnection = connect();
    if (options.checkEviction ?? true) await assertNoEviction(pacerConnection);
    const pacer = new Pacer(pacerConnection, prefix, {
      marginMs: options.pacingMarginMs ?? DEFAULT_PACING_MARGIN_MS,
      ...(options.pacingToleranceMs === undefined
        ? {}
        : { lateToleranceMs: options.pacingToleranceMs }),
    });
    // Shared by the platforms' send workers: one fetch per area's hand-out, not per message.
    const batches = new AssignmentBatches(options.db);
    const base: Omit<WorkerOptions, 'connection'> = {
      prefix,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
    };

    const reconciled =
      (options.reconcileAtStart ?? true)
        ? await reconcile({
            db: options.db,
            queues: client.queues,
            reminders: client.reminders,
            messenger: client.messenger,
            logger: log,
          })
        : undefined;
    const reconcileIntervalMs = options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
    if (reconcileIntervalMs > 0) {
      keeper = new JobKeeper(
        {
          db: options.db,
          queues: client.queues,
          reminders: client.reminders,
          messenger: client.messenger,
          logger: log,
          redis: pacerConnection,
          prefix,
          ...(options.alsoRebuild ? { alsoRebuild: options.alsoRebuild } : {}),
        },
        reconcileIntervalMs,
      );
    }

    const scheduleWorker = new Worker<ScheduleJobData>(
      SCHEDULE_QUEUE,
      createScheduleProcessor({
        db: options.db,
        queues: client.queues,
        messenger: client.messenger,
        reminders: client.reminders,
        clock,
        logger: log,
        batches,
      }),
      { ...base, connection: connect(), concurrency: 4 },
    );
    workers.push(scheduleWorker);

    for (const platform of options.platforms.list()) {
      const processor = createSendProcessor({
        db: options.db,
        batches,
        messenger: client.messenger,
        pacer,
        clock,
        logger: log,
      });
      // No BullMQ limiter: the platform's workspace cap is the pacer's workspace bucket.
      const worker = new Worker<SendJobData, SendOutcome>(sendQueueName(platform.id), processor, {
        ...base,
        connection: connect(),
        concurrency: options.sendConcurrency ?? 10,
      });
      workers.push(worker);
    }

    for (const worker of workers) {
      worker.on('failed', (job, error) => {
        log.warn(
          { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error },
          'job failed',
        );
      });
      worker.on('error', (error) => log.error({ queue: worker.name, err: error }, 'worker error'));
    }
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    await keeper?.start();
    log.info({ queues: workers.map((worker) => worker.name), prefix }, 'jobs started');
    return { ...client, workers, reconciled, keeper, pacer, batches, close: closeAll };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  await connection.quit().catch(() => connection.disconnect());
}
