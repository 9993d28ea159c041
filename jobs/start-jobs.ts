import { Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { MessagingPlatform } from '../adapters/platform.js';
import type { NaboDatabase } from '../models/database.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { logger as rootLogger, type Logger } from '../kernel/logger.js';
import type { ConsoleOutbox } from './delivery/console-outbox.js';
import { Pacer } from './delivery/pacer.js';
import { PersonMessenger, type DeliveryPlatform } from './delivery/person-messenger.js';
import { DEFAULT_QUEUE_PREFIX, JobQueues, SCHEDULE_QUEUE, sendQueueName } from './job-queues.js';
import type { ScheduleJobData, SendJobData, SendOutcome } from './job-types.js';
import { createScheduleProcessor } from './processors/schedule-processor.js';
import { createSendProcessor } from './processors/send-processor.js';
import { reconcile, type ReconcileReport } from './reconcile.js';
import { createRedisConnection } from './redis-connection.js';
import { assertNoEviction } from './redis-eviction-check.js';
import { BullmqReminderScheduler } from './reminder-jobs.js';
import { DEFAULT_DELIVERY_LIMITS, slidingSafeLimiter, type DeliveryLimits } from './settings.js';

export interface JobsOptions {
  db: NaboDatabase;
  redisUrl: string;
  /** Redis key prefix of every queue; tests and benchmarks use their own. */
  prefix?: string;
  /** The platforms this process can deliver on (Slack, Teams). */
  platforms?: readonly MessagingPlatform[];
  /** Delivery for people known by a console handle (demo, local runs). */
  consoleOutbox?: ConsoleOutbox;
  /** For a process that only queues (the CLI): the platforms the worker delivers on. */
  routeTo?: readonly DeliveryPlatform[];
  clock?: Clock;
  logger?: Logger;
  limits?: DeliveryLimits;
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
}

export function openJobClient(options: JobsOptions): JobClient {
  const connection = createRedisConnection(options.redisUrl, { forWorker: true });
  const queues = new JobQueues(connection, options.prefix ?? DEFAULT_QUEUE_PREFIX);
  const clock = options.clock ?? systemClock;
  const messenger = new PersonMessenger(
    options.db,
    options.platforms ?? [],
    options.limits ?? DEFAULT_DELIVERY_LIMITS,
    options.consoleOutbox,
    options.routeTo,
  );
  return {
    queues,
    reminders: new BullmqReminderScheduler(options.db, queues, clock),
    messenger,
    async close() {
      await queues.close();
      await quit(connection);
    },
  };
}

/**
 * The worker process's jobs: checks Redis, reconciles from MongoDB, then runs one worker for the
 * schedule queue and one per platform it can deliver on. `close()` lets running jobs finish.
 */
export async function startJobs(options: JobsOptions): Promise<RunningJobs> {
  const log = (options.logger ?? rootLogger()).child({ component: 'jobs' });
  const clock = options.clock ?? systemClock;
  const limits = options.limits ?? DEFAULT_DELIVERY_LIMITS;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const client = openJobClient({ ...options, clock });
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const connection = createRedisConnection(options.redisUrl, { forWorker: true });
    connections.push(connection);
    return connection;
  };
  const workers: RunningJobs['workers'] = [];

  const closeAll = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.close()));
    await client.close();
    await Promise.all(connections.map(quit));
  };

  try {
    const pacerConnection = connect();
    if (options.checkEviction ?? true) await assertNoEviction(pacerConnection);
    const pacer = new Pacer(pacerConnection, prefix, limits.marginMs);
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
            logger: log,
          })
        : undefined;

    const scheduleWorker = new Worker<ScheduleJobData>(
      SCHEDULE_QUEUE,
      createScheduleProcessor({
        db: options.db,
        queues: client.queues,
        messenger: client.messenger,
        reminders: client.reminders,
        clock,
        logger: log,
      }),
      { ...base, connection: connect(), concurrency: 4 },
    );
    workers.push(scheduleWorker);

    for (const platform of client.messenger.platformNames) {
      // The processor needs its worker (for rateLimit), and the worker needs the processor.
      const holder: { worker?: Worker<SendJobData, SendOutcome> } = {};
      const processor = createSendProcessor({
        db: options.db,
        messenger: client.messenger,
        pacer,
        clock,
        logger: log,
        worker: () => {
          if (!holder.worker) throw new Error('send worker not started');
          return holder.worker;
        },
      });
      const cap = platformCap(platform, limits);
      const worker = new Worker<SendJobData, SendOutcome>(sendQueueName(platform), processor, {
        ...base,
        connection: connect(),
        concurrency: options.sendConcurrency ?? 10,
        ...(cap ? { limiter: slidingSafeLimiter(cap) } : {}),
      });
      holder.worker = worker;
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
    log.info({ queues: workers.map((worker) => worker.name), prefix }, 'jobs started');
    return { ...client, workers, reconciled, close: closeAll };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

/** The workspace (Slack) or tenant (Teams) cap, as BullMQ's queue-wide limiter. */
function platformCap(platform: DeliveryPlatform, limits: DeliveryLimits): number | undefined {
  if (platform === 'slack') return limits.slack.workspacePerSecond;
  if (platform === 'teams') return limits.teams.tenantPerSecond;
  return undefined;
}

async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  await connection.quit().catch(() => connection.disconnect());
}
