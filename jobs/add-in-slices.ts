import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Queue } from 'bullmq';

/**
 * How many jobs one slice queues. BullMQ's `addBulk` builds every job of the call (its options,
 * its packed data, one script call each) in one synchronous stretch, ~0.4 ms a job: 400 first-try
 * deadlines of an area held the event loop for 120–200 ms, and the sends already under way in the
 * same process woke that late for their pacing tokens, gave them up, and left the workspace's
 * rate unused. Small slices, because a BullMQ worker fetches its jobs one round trip at a time
 * until it holds `concurrency` of them, and each round trip waits for what the loop runs in
 * between: with 25 jobs a slice the send worker took ~190 ms to fill its 20 slots, and only its
 * first message went out meanwhile (bench:fanout at cap 50 reached 94.8–95.2 % of the cap with
 * 25 a slice, 95.4–96.1 % with 5).
 */
export const JOBS_PER_SLICE = 5;

type BulkJobs<Q> = Q extends Queue<infer Data> ? Parameters<Queue<Data>['addBulk']>[0] : never;

/**
 * `queue.addBulk(jobs)` in slices, each after the event loop's next turn, so the timers and I/O of
 * other work (a fan-out's paced sends) run between them. Each job keeps its id, so a run cut off
 * between slices and run again queues only what is missing.
 */
export async function addInSlices<Q extends Queue>(
  queue: Q,
  jobs: BulkJobs<Q>,
  perSlice: number = JOBS_PER_SLICE,
): Promise<void> {
  for (let from = 0; from < jobs.length; from += perSlice) {
    if (from > 0) await nextTurn();
    await queue.addBulk(jobs.slice(from, from + perSlice));
  }
}
