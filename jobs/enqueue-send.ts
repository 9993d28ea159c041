import type { NaboDatabase } from '../models/database.js';
import type { Person } from '../models/types.js';
import type { UnreachableOn } from '../src/assignment/messages.js';
import { isNoRoute, type PersonMessenger } from './delivery/person-messenger.js';
import { addInSlices } from './add-in-slices.js';
import type { JobQueues } from './job-queues.js';
import type { SendJobData } from './job-types.js';

export interface EnqueueDeps {
  db: NaboDatabase;
  queues: JobQueues;
  messenger: PersonMessenger;
}

/**
 * Queues one message for a person on the platform they are reached on; the send key is the job
 * id, so queuing the same message twice (a retried fan-out, a second worker) keeps one job.
 * The send is recorded in the SendLedger first (`queued`, with the job's ids): if Redis loses
 * the job, or BullMQ gives up on it after a crash, the reconcile queues it again from MongoDB.
 * Returns where the person cannot be reached instead of queuing nothing silently.
 */
export async function enqueueSend(
  deps: EnqueueDeps,
  person: Person,
  key: string,
  data: SendJobData,
): Promise<{ queued: true } | { queued: false; unreachableOn: UnreachableOn }> {
  const route = await deps.messenger.route(person);
  if (isNoRoute(route)) return { queued: false, unreachableOn: route.on };
  const { confirmedMessageId: _confirmed, ...ids } = data;
  await deps.db.sendLedger.record(key, { name: data.kind, data: ids });
  await deps.queues.send(route.platform).add(data.kind, data, { jobId: key });
  return { queued: true };
}

/**
 * `enqueueSend` for a fan-out: every reachable person's send recorded in one command, then
 * their jobs queued. Results in the order of `sends`.
 */
export async function enqueueSends(
  deps: EnqueueDeps,
  sends: ReadonlyArray<{ person: Person; key: string; data: SendJobData }>,
): Promise<Array<{ queued: true } | { queued: false; unreachableOn: UnreachableOn }>> {
  const routed = await Promise.all(
    sends.map(async (send) => ({ ...send, route: await deps.messenger.route(send.person) })),
  );
  await deps.db.sendLedger.recordMany(
    routed
      .filter((send) => !isNoRoute(send.route))
      .map(({ key, data }) => {
        const { confirmedMessageId: _confirmed, ...ids } = data;
        return { key, job: { name: data.kind, data: ids } };
      }),
  );
  const results: Array<{ queued: true } | { queued: false; unreachableOn: UnreachableOn }> = [];
  // Bulk adds per platform's queue, in the order given: a fan-out's jobs reach Redis in a few
  // round trips, not one each, so the sends of an area are queued before the previous area's
  // have gone out (one by one, queuing 200 took longer than sending them at 50/s); in slices, so
  // the sends already under way are not held up (add-in-slices.ts).
  const byPlatform = new Map<
    string,
    Array<{ name: string; data: SendJobData; opts: { jobId: string } }>
  >();
  for (const { key, data, route } of routed) {
    if (isNoRoute(route)) {
      results.push({ queued: false, unreachableOn: route.on });
      continue;
    }
    const jobs = byPlatform.get(route.platform) ?? [];
    jobs.push({ name: data.kind, data, opts: { jobId: key } });
    byPlatform.set(route.platform, jobs);
    results.push({ queued: true });
  }
  for (const [platform, jobs] of byPlatform) await addInSlices(deps.queues.send(platform), jobs);
  return results;
}

/** Where someone could not be reached, as one word for job results and logs ("Teams", "nowhere"). */
export function whereUnreachable(on: UnreachableOn): string {
  return on === 'nowhere' ? on : on.platform;
}
