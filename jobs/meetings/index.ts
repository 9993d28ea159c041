import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { NaboDatabase } from '../../models/database.js';
import {
  CHECK_IN_REMINDER_AFTER_MS,
  type CheckInScheduler,
} from '../../src/check-ins/check-in-timers.js';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { NaboError } from '../../kernel/errors.js';
import { logger as rootLogger, type Logger } from '../../kernel/logger.js';
import { agendaSendAt, type MeetingTimerScheduler } from '../../src/meetings/meeting-timers.js';
import {
  BoundedMeetingTimers,
  BullmqMeetingTimers,
  MEETING_JOB_OPTIONS,
} from './bullmq-meeting-timers.js';
import {
  CHECK_IN_CADENCE_SCHEDULER,
  MEETINGS_QUEUE,
  type MeetingJobData,
} from './meeting-job-types.js';
import { createMeetingProcessor, type Deliver } from './meeting-processor.js';
import { DEFAULT_TIME_ZONE } from '../../kernel/constants.js';

export type { Deliver, DeliveryTarget } from './meeting-processor.js';
export { MEETINGS_QUEUE, meetingJobIds } from './meeting-job-types.js';

export interface MeetingJobsOptions {
  /** ioredis connection; a worker needs `maxRetriesPerRequest: null` (createRedisConnection). */
  connection: Redis;
  db: NaboDatabase;
  /** How jobs reach people; needed only where the worker runs. */
  deliver?: Deliver;
  /** Redis key prefix (default "nabo"); tests use their own. */
  prefix?: string;
  clock?: Clock;
  logger?: Logger;
  /** Zone of the daily check-in cadence and of areas that have none (NABO_TIMEZONE). */
  timeZone?: string;
  /** When the check-in cadence runs each day (cron, in `timeZone`); default 10:00. */
  cadencePattern?: string;
  worker?: { concurrency?: number; lockDuration?: number; stalledInterval?: number };
  /** How long a conversation turn waits for Redis to take a timer (default 2 s). */
  turnBoundMs?: number;
}

/** How far back the reconcile looks for check-in alerts that may not have gone out. */
const ALERTS_REBUILT_FOR_MS = 7 * 24 * 60 * 60 * 1000;

export interface MeetingJobs {
  /** BotDependencies.meetingTimers: bounded, never fails a turn (BoundedMeetingTimers). */
  timers: MeetingTimerScheduler;
  /** BotDependencies.checkInTimers: bounded likewise. */
  checkInTimers: CheckInScheduler;
  queue: Queue<MeetingJobData>;
  /**
   * Starts processing (worker process only): the worker, the daily check-in cadence, and a
   * reconcile that rebuilds every timer from MongoDB, so a lost Redis loses no meeting.
   */
  startWorker(): Promise<Worker<MeetingJobData>>;
  /** Rebuilds the delayed jobs from MongoDB; safe to run any time (job ids make it idempotent). */
  reconcile(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Network meetings and check-ins on BullMQ: one queue ("meetings") for item timers, the agenda
 * hand-out, proposals, and the check-ins' questions, reminders and alerts.
 */
export function createMeetingJobs(options: MeetingJobsOptions): MeetingJobs {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? rootLogger();
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const queue = new Queue<MeetingJobData>(MEETINGS_QUEUE, {
    connection: options.connection,
    prefix: options.prefix ?? 'nabo',
    defaultJobOptions: MEETING_JOB_OPTIONS,
  });
  // Without a listener a refused connection is printed by BullMQ on every retry.
  queue.on('error', (error) => logger.warn({ err: error }, 'meeting queue: redis problem'));
  // The worker's own use (its processor, the reconcile) waits for Redis and fails to be retried;
  // the flows' use is bounded, so a reply never waits on Redis.
  const timers = new BullmqMeetingTimers(queue, clock);
  const forTurns = new BoundedMeetingTimers(timers, {
    logger,
    ...(options.turnBoundMs ? { boundMs: options.turnBoundMs } : {}),
  });
  let worker: Worker<MeetingJobData> | undefined;

  async function reconcile(): Promise<void> {
    const now = clock.now();
    for (const meeting of await options.db.meetings.listByStatus(['planned', 'running'])) {
      if (meeting.status === 'planned' && !meeting.agendaSentAt) {
        await timers.scheduleAgenda(meeting.id, agendaSendAt(meeting.startsAt));
      }
      const index = meeting.currentItem;
      const item = index === undefined ? undefined : meeting.items[index];
      if (meeting.status === 'running' && index !== undefined && item?.startedAt) {
        await timers.scheduleItem(meeting.id, index, item.startedAt, item.timeboxMinutes);
      }
    }
    for (const checkIn of await options.db.checkIns.listByStatus('pending')) {
      if (checkIn.step === undefined) await timers.begin(checkIn.id);
      else {
        const last = checkIn.lastActivityAt ?? checkIn.askedAt ?? now;
        await timers.scheduleReminder(
          checkIn.id,
          new Date(last.getTime() + CHECK_IN_REMINDER_AFTER_MS),
        );
      }
    }
    // An alert queued by a turn and lost with Redis is queued again; one already sent is not
    // sent twice (the processor claims each coordinator's alert in the send ledger).
    const since = new Date(now.getTime() - ALERTS_REBUILT_FOR_MS);
    for (const checkIn of await options.db.checkIns.listFlaggedSince(since)) {
      for (const flag of checkIn.flags) await timers.alert(checkIn.id, flag);
    }
    logger.info('meeting and check-in timers reconciled');
  }

  return {
    timers: forTurns,
    checkInTimers: forTurns,
    queue,
    reconcile,
    async startWorker() {
      if (!options.deliver) {
        throw new NaboError('CONFIG_INVALID', 'createMeetingJobs needs deliver to run the worker');
      }
      const process = createMeetingProcessor({
        db: options.db,
        deliver: options.deliver,
        timers,
        clock,
        logger,
        timeZone,
      });
      worker = new Worker<MeetingJobData>(MEETINGS_QUEUE, (job) => process(job.data), {
        connection: options.connection,
        prefix: options.prefix ?? 'nabo',
        concurrency: options.worker?.concurrency ?? 5,
        ...(options.worker?.lockDuration ? { lockDuration: options.worker.lockDuration } : {}),
        ...(options.worker?.stalledInterval
          ? { stalledInterval: options.worker.stalledInterval }
          : {}),
      });
      worker.on('failed', (job, error) => {
        logger.warn({ jobId: job?.id, kind: job?.data.kind, err: error }, 'meeting job failed');
      });
      // Without a listener BullMQ prints every refused reconnect of a Redis outage to stderr.
      worker.on('error', (error) => logger.warn({ err: error }, 'meeting worker: redis problem'));
      await queue.upsertJobScheduler(
        CHECK_IN_CADENCE_SCHEDULER,
        { pattern: options.cadencePattern ?? '0 10 * * *', tz: timeZone },
        { name: 'check-in-cadence', data: { kind: 'check-in-cadence' } },
      );
      await reconcile();
      return worker;
    },
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}
