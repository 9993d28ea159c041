import { Queue, type Job, type JobType } from 'bullmq';
import type { Redis } from 'ioredis';
import { RETENTION_QUEUE } from './retention-queue.js';
import { SCHEDULE_QUEUE } from '../job-queues.js';

/**
 * Erasure reaches Redis too: every BullMQ job, scheduler and event whose id or data mentions one
 * of the ids (a resident, its visits, a person) is removed, in every queue under the prefix.
 * Jobs carry ids only (job-types.ts), but an id in Redis still says "this household had a
 * reminder on this day", and erasure means gone.
 *
 * Queues are found two ways: the names jobs/ declares, and a SCAN for `<prefix>:*:meta` (every
 * BullMQ queue writes that key), so a queue added later is not missed. SCAN never blocks Redis
 * the way KEYS does.
 */
export interface QueuedJobErasure {
  queuesScanned: number;
  jobsRemoved: number;
  schedulersRemoved: number;
  eventsRemoved: number;
  /** Leftover keys naming an id (logs, deduplication) deleted after the jobs. */
  keysRemoved: number;
  /** Jobs a worker holds right now: they cannot be removed; run the erasure again later. */
  stillRunning: number;
}

/** Every state a job can rest in (a paused queue keeps its jobs in `wait`), finished ones too. */
const RESTING_STATES: JobType[] = [
  'wait',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
];

export function knownQueueNames(): string[] {
  // Send queues (one per platform, an open set) are found by the SCAN below.
  return [SCHEDULE_QUEUE, RETENTION_QUEUE];
}

export async function eraseQueuedJobs(
  connection: Redis,
  prefix: string,
  ids: readonly string[],
): Promise<QueuedJobErasure> {
  const wanted = ids.filter((id) => id.trim() !== '');
  const result: QueuedJobErasure = {
    queuesScanned: 0,
    jobsRemoved: 0,
    schedulersRemoved: 0,
    eventsRemoved: 0,
    keysRemoved: 0,
    stillRunning: 0,
  };
  if (wanted.length === 0) return result;
  const mentions = (text: string | null | undefined): boolean =>
    typeof text === 'string' && wanted.some((id) => text.includes(id));

  const queueNames = new Set(knownQueueNames());
  for (const key of await scanKeys(connection, `${globEscape(prefix)}:*:meta`)) {
    const name = key.slice(prefix.length + 1, -':meta'.length);
    if (name !== '' && !name.includes(':')) queueNames.add(name);
  }

  const running = new Set<string>();
  for (const name of queueNames) {
    const queue = new Queue(name, { connection, prefix });
    try {
      if (!(await connection.exists(`${prefix}:${name}:meta`, `${prefix}:${name}:id`))) continue;
      result.queuesScanned += 1;
      for (const job of await queue.getJobs(RESTING_STATES, 0, -1)) {
        if (!job?.id || !jobMentions(job, mentions)) continue;
        try {
          await job.remove();
          result.jobsRemoved += 1;
        } catch {
          // Taken by a worker between listing and removing: counted as running.
          running.add(`${prefix}:${name}:${job.id}`);
        }
      }
      for (const job of await queue.getJobs(['active'], 0, -1)) {
        if (job?.id && jobMentions(job, mentions)) running.add(`${prefix}:${name}:${job.id}`);
      }
      for (const scheduler of await queue.getJobSchedulers(0, -1)) {
        const described = [scheduler.key, scheduler.id ?? '', JSON.stringify(scheduler.template)];
        if (described.some(mentions) && (await queue.removeJobScheduler(scheduler.key))) {
          result.schedulersRemoved += 1;
        }
      }
      result.eventsRemoved += await eraseEvents(connection, `${prefix}:${name}:events`, mentions);
    } finally {
      await queue.close();
    }
  }

  for (const id of wanted) {
    for (const key of await scanKeys(connection, `${globEscape(prefix)}:*${globEscape(id)}*`)) {
      if ([...running].some((job) => key === job || key.startsWith(`${job}:`))) continue;
      result.keysRemoved += await connection.del(key);
    }
  }
  result.stillRunning = running.size;
  return result;
}

function jobMentions(job: Job, mentions: (text: string | null | undefined) => boolean): boolean {
  return [
    job.id,
    job.name,
    JSON.stringify(job.data ?? null),
    JSON.stringify(job.returnvalue ?? null),
    job.failedReason,
  ].some(mentions);
}

/** Events name job ids (and BullMQ may copy data into them): drop the entries that mention one. */
async function eraseEvents(
  connection: Redis,
  key: string,
  mentions: (text: string) => boolean,
): Promise<number> {
  const entries = (await connection.xrange(key, '-', '+')) as Array<[string, string[]]>;
  const matching = entries.filter(([, fields]) => fields.some(mentions)).map(([id]) => id);
  if (matching.length === 0) return 0;
  return connection.xdel(key, ...matching);
}

async function scanKeys(connection: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await connection.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return [...new Set(keys)];
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
