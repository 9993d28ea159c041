import type { Person } from '../models/types.js';
import type { UnreachableOn } from '../src/assignment/messages.js';
import { isNoRoute, type PersonMessenger } from './delivery/person-messenger.js';
import type { JobQueues } from './job-queues.js';
import type { SendJobData } from './job-types.js';

/**
 * Queues one message for a person on the platform they are reached on; the send key is the job
 * id, so queuing the same message twice (a retried fan-out, a second worker) keeps one job.
 * Returns where the person cannot be reached instead of queuing nothing silently.
 */
export async function enqueueSend(
  queues: JobQueues,
  messenger: PersonMessenger,
  person: Person,
  key: string,
  data: SendJobData,
): Promise<{ queued: true } | { queued: false; unreachableOn: UnreachableOn }> {
  const route = await messenger.route(person);
  if (isNoRoute(route)) return { queued: false, unreachableOn: route.on };
  await queues.send(route.platform).add(data.kind, data, { jobId: key });
  return { queued: true };
}

/** Where someone could not be reached, as one word for job results and logs ("Teams", "nowhere"). */
export function whereUnreachable(on: UnreachableOn): string {
  return on === 'nowhere' ? on : on.platform;
}
