import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { NaboDatabase } from '../../models/database.js';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { logger as rootLogger, type Logger } from '../../kernel/logger.js';
import { applyRetention, type RetentionCounts } from '../../src/privacy/apply-retention.js';
import { ERASURE_ACTIONS } from '../../src/privacy/erase-subject.js';
import { DEFAULT_QUEUE_PREFIX } from '../job-queues.js';
import { eraseQueuedJobs } from './erase-queued-jobs.js';
import {
  RETENTION_PATTERN,
  RETENTION_QUEUE,
  RETENTION_SCHEDULER_ID,
  RETENTION_TIME_ZONE,
  type RetentionJobData,
} from './retention-queue.js';

/**
 * The daily deletion-deadline job: a BullMQ job scheduler (`retention:daily`, 03:30 Copenhagen
 * time) whose run applies every area's deadlines (src/privacy/apply-retention.ts) and then
 * clears Redis of jobs that still name anything erased in chat since the last runs (the chat
 * process has no Redis scan of its own). Upserting the scheduler again keeps one, so every
 * worker may call `schedule()` at start.
 */
export interface RetentionRunResult extends RetentionCounts {
  queuedJobsRemoved: number;
}

export interface RetentionJobsOptions {
  /** A worker connection (`createRedisConnection(url, { forWorker: true })`). */
  connection: Redis;
  db: NaboDatabase;
  prefix?: string;
  clock?: Clock;
  logger?: Logger;
  timeZone?: string;
}

export interface RetentionJobs {
  queue: Queue<RetentionJobData>;
  /** Creates or updates the daily scheduler. */
  schedule(): Promise<void>;
  /** Starts processing runs in this process (the worker). */
  startWorker(): Worker<RetentionJobData, RetentionRunResult>;
  /** One run now, without the queue (the CLI's `nabo retention run`, tests). */
  runNow(): Promise<RetentionRunResult>;
  /** Closes the worker, if started, and the queue; the connection stays the caller's. */
  close(): Promise<void>;
}

/** How far back the Redis sweep looks for erasures: two missed nights are still caught. */
const ERASURE_LOOKBACK_MS = 3 * 24 * 3600 * 1000;

export function createRetentionJobs(options: RetentionJobsOptions): RetentionJobs {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const clock = options.clock ?? systemClock;
  const log = (options.logger ?? rootLogger()).child({ component: 'retention' });
  const queue = new Queue<RetentionJobData>(RETENTION_QUEUE, {
    connection: options.connection,
    prefix,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      // A month of run results (counts only) for the operator to look back on.
      removeOnComplete: { count: 31 },
      removeOnFail: { count: 31 },
    },
  });
  // Without listeners BullMQ prints every refused reconnect of a Redis outage to stderr.
  queue.on('error', (error) => log.warn({ err: error }, 'retention queue: redis problem'));
  let worker: Worker<RetentionJobData, RetentionRunResult> | undefined;

  async function run(): Promise<RetentionRunResult> {
    const now = clock.now();
    const counts = await applyRetention(options.db, now, { logger: log });
    const erasures = await options.db.privacy.auditEventsWithAction(
      ERASURE_ACTIONS,
      new Date(now.getTime() - ERASURE_LOOKBACK_MS),
    );
    const ids = [...new Set(erasures.flatMap(erasedIds))];
    const swept = await eraseQueuedJobs(options.connection, prefix, ids);
    const result = { ...counts, queuedJobsRemoved: swept.jobsRemoved + swept.schedulersRemoved };
    log.info(
      { ...result, subjectsSwept: ids.length, stillRunning: swept.stillRunning },
      'retention run finished',
    );
    return result;
  }

  return {
    queue,
    async schedule() {
      await queue.upsertJobScheduler(
        RETENTION_SCHEDULER_ID,
        { pattern: RETENTION_PATTERN, tz: options.timeZone ?? RETENTION_TIME_ZONE },
        { name: 'apply-retention', data: { kind: 'apply-retention' } },
      );
    },
    startWorker() {
      worker ??= new Worker<RetentionJobData, RetentionRunResult>(
        RETENTION_QUEUE,
        async (_job: Job<RetentionJobData>) => run(),
        // One run at a time: two overlapping runs would only do the same work twice.
        { connection: options.connection, prefix, concurrency: 1 },
      );
      worker.on('error', (error) => log.warn({ err: error }, 'retention worker: redis problem'));
      return worker;
    },
    runNow: run,
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}

/** The subject and, for a household, its visits (stored as ids in the audit details). */
function erasedIds(event: Record<string, unknown>): string[] {
  const subject = typeof event.subjectId === 'string' ? [event.subjectId] : [];
  const details = event.details as { visitIds?: unknown } | undefined;
  const visits = Array.isArray(details?.visitIds)
    ? details.visitIds.filter((id): id is string => typeof id === 'string')
    : [];
  return [...subject, ...visits];
}
