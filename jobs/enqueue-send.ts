import type { NaboDatabase } from '../models/database.js';
import type { Person } from '../models/types.js';
import type { UnreachableOn } from '../src/assignment/messages.js';
import { isNoRoute, type PersonMessenger } from './delivery/person-messenger.js';
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

/** Where someone could not be reached, as one word for job results and logs ("Teams", "nowhere"). */
export function whereUnreachable(on: UnreachableOn): string {
  return on === 'nowhere' ? on : on.platform;
}
