import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScheduleJobData, SendJobData } from './job-types.js';

export const SCHEDULE_QUEUE = 'schedule';
export const DEFAULT_QUEUE_PREFIX = 'nabo';

/** One send queue per platform; workspace caps are paced per workspace (jobs/delivery/pacer.ts). */
export function sendQueueName(platform: string): string {
  return `send-${platform}`;
}

/**
 * Finished jobs leave Redis after a few days (job data holds ids only anyway); the window is
 * what lets a duplicate trigger of the same job id collapse into the finished job. Retries back
 * off exponentially: 2 s, 4 s, 8 s … about 8.5 minutes over 8 tries, enough for a platform
 * outage blip; the send ledger makes every retry safe.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/**
 * The producer side: the schedule queue and one send queue per platform. The platforms are an
 * open set, so a send queue is opened the first time a platform needs one.
 */
export class JobQueues {
  readonly schedule: Queue<ScheduleJobData>;
  private readonly sends = new Map<string, Queue<SendJobData>>();

  constructor(
    private readonly connection: Redis,
    readonly prefix: string = DEFAULT_QUEUE_PREFIX,
    platforms: readonly string[] = [],
  ) {
    this.schedule = new Queue<ScheduleJobData>(SCHEDULE_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    quiet(this.schedule);
    for (const platform of platforms) this.send(platform);
  }

  send(platform: string): Queue<SendJobData> {
    let queue = this.sends.get(platform);
    if (!queue) {
      queue = new Queue<SendJobData>(sendQueueName(platform), {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      quiet(queue);
      this.sends.set(platform, queue);
    }
    return queue;
  }

  all(): Array<Queue<ScheduleJobData> | Queue<SendJobData>> {
    return [this.schedule, ...this.sends.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close()));
  }

  /** Removes every queue and its jobs (tests and benchmarks clean up after themselves). */
  async obliterate(): Promise<void> {
    for (const queue of this.all()) await queue.obliterate({ force: true });
  }
}

/**
 * The connection's own listener logs Redis problems (start-jobs.ts); without one on the queue,
 * BullMQ prints every refused reconnect of an outage to stderr besides.
 */
function quiet(queue: Queue<ScheduleJobData> | Queue<SendJobData>): void {
  queue.on('error', () => undefined);
}
