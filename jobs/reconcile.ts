import { waitsForRevisit } from '../kernel/door-outcomes.js';
import type { NaboDatabase } from '../models/database.js';
import type { Logger } from '../kernel/logger.js';
import { revisitReminderAt } from '../src/visits/reminder-times.js';
import { upsertAssignmentSchedulers } from './assignment-jobs.js';
import { upsertProgrammeReportSchedulers } from './programme-report-jobs.js';
import { sendKeys } from './delivery/send-keys.js';
import type { JobQueues } from './job-queues.js';
import type { BullmqReminderScheduler } from './reminder-jobs.js';
import type { SendLedgerEntry } from '../models/types.js';
import { isNoRoute, type PersonMessenger } from './delivery/person-messenger.js';
import type { SendJobData } from './job-types.js';

export interface ReconcileReport {
  areas: number;
  revisits: number;
  deadlines: number;
  /** Sends the ledger says are unfinished whose job was gone or given up on: queued again. */
  sends: number;
}

/** BullMQ states in which a job will still run by itself. */
const LIVE_STATES = new Set([
  'waiting',
  'wait',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
]);

/**
 * MongoDB is the source of truth; Redis holds derived work. At every start the worker rebuilds
 * what Redis should hold: one assignment scheduler per area, a revisit reminder for every open
 * visit that is waiting for its next try (due ones fire at once), and the first-visit deadlines
 * of every open visit nobody has tried yet. Deterministic job ids make this a no-op when nothing
 * was lost; reminders already sent (SendLedger) are not queued again.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const { db } = deps;
  const areas = await db.areas.list();
  await upsertAssignmentSchedulers(deps.queues, areas);
  await upsertProgrammeReportSchedulers(deps.queues, areas);
  const report: ReconcileReport = { areas: areas.length, revisits: 0, deadlines: 0, sends: 0 };
  for (const area of areas) {
    const open = await db.visits.listByArea(area.id, { status: 'open' });
    for (const visit of open) {
      if (visit.attempts.length === 0) {
        if ((await db.sendLedger.get(sendKeys.firstAttemptNudge(visit.id)))?.status !== 'sent') {
          await deps.reminders.scheduleFirstAttemptDeadlines(
            area,
            visit,
            visit.resident.moveInDate,
          );
          report.deadlines += 1;
        }
        continue;
      }
      if (!waitsForRevisit(visit.outcome) || !visit.revisitDate) continue;
      const key = sendKeys.revisit(visit.id, visit.revisitDate);
      if ((await db.sendLedger.get(key))?.status === 'sent') continue;
      await deps.reminders.addRevisit(
        visit.id,
        visit.revisitDate,
        revisitReminderAt(area, visit.revisitDate),
      );
      report.revisits += 1;
    }
  }
  report.sends = await reconcileSends(deps);
  deps.logger.info({ ...report }, 'reconciled jobs from MongoDB');
  return report;
}

export interface ReconcileDeps {
  db: NaboDatabase;
  queues: JobQueues;
  reminders: BullmqReminderScheduler;
  messenger: PersonMessenger;
  logger: Logger;
}

/**
 * Every send the ledger says is unfinished (`queued`, or `sending` when a worker died in the
 * middle) gets a job again if its job is gone (Redis lost it) or failed (BullMQ gives up on a job
 * whose worker was killed twice: "stalled more than allowable limit"). Queuing again is safe: the
 * send processor reads the ledger first and asks the platform about a `sending` one.
 */
export async function reconcileSends(
  deps: Pick<ReconcileDeps, 'db' | 'queues' | 'messenger' | 'logger'>,
): Promise<number> {
  let requeued = 0;
  for (const entry of await deps.db.sendLedger.listUnfinished()) {
    if (await requeueSend(deps, entry)) requeued += 1;
  }
  if (requeued > 0) deps.logger.warn({ sends: requeued }, 'lost sends queued again from MongoDB');
  return requeued;
}

async function requeueSend(
  deps: Pick<ReconcileDeps, 'db' | 'queues' | 'messenger' | 'logger'>,
  entry: SendLedgerEntry,
): Promise<boolean> {
  const data = entry.job?.data as SendJobData | undefined;
  if (!data || !entry.job) return false; // recorded before jobs kept their data: nothing to queue
  const person = await deps.db.people.findById(data.personId);
  if (!person) {
    await deps.db.sendLedger.markSkipped(entry.key);
    return false;
  }
  const route = await deps.messenger.route(person);
  // Nowhere to send it now; the send processor records why when a job runs, so one does.
  const platform = isNoRoute(route)
    ? (entry.platform ?? deps.messenger.platformIds[0])
    : route.platform;
  if (!platform) return false;
  const queue = deps.queues.send(platform);
  const job = await queue.getJob(entry.key);
  if (job) {
    const state = await job.getState();
    if (LIVE_STATES.has(state)) return false;
    // Failed or completed while the ledger says unfinished: the job id would swallow a new add.
    await job.remove().catch(() => undefined);
  }
  await queue.add(entry.job.name as SendJobData['kind'], data, { jobId: entry.key });
  return true;
}
