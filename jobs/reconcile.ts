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
  /** Day-before reminders of events still to come, not sent yet. */
  eventReminders: number;
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
  const report: ReconcileReport = {
    areas: areas.length,
    revisits: 0,
    deadlines: 0,
    sends: 0,
    eventReminders: 0,
  };
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
  report.eventReminders = await deps.reminders.rebuildEventReminders(areas);
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
  let stored = entry.job;
  if (!stored) {
    // Recorded by an older Nabo, before entries kept their job: rebuilt from MongoDB, or told.
    stored = await rebuildJob(deps, entry.key);
    if (!stored) {
      deps.logger.warn(
        { sendKey: entry.key, status: entry.status },
        'old send without job data, and nothing in MongoDB to rebuild it from: skipped',
      );
      await deps.db.sendLedger.markSkipped(entry.key);
      return false;
    }
    await deps.db.sendLedger.attachJob(entry.key, stored);
    deps.logger.info({ sendKey: entry.key }, 'old send without job data rebuilt from MongoDB');
  }
  const data = stored.data as SendJobData;
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
  await queue.add(stored.name as SendJobData['kind'], data, { jobId: entry.key });
  return true;
}

const OBJECT_ID = '[0-9a-f]{24}';
const MONTH = String.raw`\d{4}-\d{2}`;
const DAY = String.raw`\d{4}-\d{2}-\d{2}`;
/** Send keys (send-keys.ts) as patterns; an area key may itself contain '-'. */
const KEY_PATTERNS: ReadonlyArray<[SendJobData['kind'], RegExp]> = [
  ['assignment-summary', new RegExp(`^assign-summary-(.+)-(${MONTH})-(${OBJECT_ID})$`)],
  ['assignment', new RegExp(`^assign-(.+)-(${MONTH})-(${OBJECT_ID})$`)],
  ['programme-report', new RegExp(`^programme-report-(.+)-(${MONTH})-(${OBJECT_ID})$`)],
  ['revisit', new RegExp(`^revisit-(${OBJECT_ID})-(${DAY})$`)],
  ['first-attempt-nudge', new RegExp(`^first-attempt-nudge-(${OBJECT_ID})$`)],
  [
    'first-attempt-escalation',
    new RegExp(`^first-attempt-escalation-(${OBJECT_ID})-(${OBJECT_ID})$`),
  ],
  ['event-reminder', new RegExp(`^event-reminder-(${OBJECT_ID})-(${OBJECT_ID})$`)],
];

/**
 * The job of a send whose ledger entry has none, from its key and what MongoDB holds: the area
 * (by key) of an assignment, summary or report, the visit of a reminder or deadline (its
 * ambassador), the event of an event reminder. Undefined when the key is not one of Nabo's or
 * what it names is gone.
 */
async function rebuildJob(
  deps: Pick<ReconcileDeps, 'db'>,
  key: string,
): Promise<{ name: SendJobData['kind']; data: SendJobData } | undefined> {
  for (const [kind, pattern] of KEY_PATTERNS) {
    const match = pattern.exec(key);
    if (!match) continue;
    const [, first = '', second = '', third = ''] = match;
    const data = await rebuiltData(deps, kind, first, second, third);
    return data ? { name: kind, data } : undefined;
  }
  return undefined;
}

async function rebuiltData(
  { db }: Pick<ReconcileDeps, 'db'>,
  kind: SendJobData['kind'],
  first: string,
  second: string,
  third: string,
): Promise<SendJobData | undefined> {
  switch (kind) {
    case 'assignment':
    case 'assignment-summary':
    case 'programme-report': {
      const area = await db.areas.findByKey(first);
      return area ? { kind, areaId: area.id, month: second, personId: third } : undefined;
    }
    case 'revisit': {
      const visit = await db.visits.findById(first);
      return visit
        ? { kind, visitId: visit.id, revisitDate: second, personId: visit.ambassadorId }
        : undefined;
    }
    case 'first-attempt-nudge': {
      const visit = await db.visits.findById(first);
      return visit ? { kind, visitId: visit.id, personId: visit.ambassadorId } : undefined;
    }
    case 'first-attempt-escalation': {
      const visit = await db.visits.findById(first);
      return visit ? { kind, visitId: visit.id, personId: second } : undefined;
    }
    case 'event-reminder': {
      const event = await db.communityEvents.findById(first);
      return event ? { kind, eventId: event.id, personId: second } : undefined;
    }
  }
}
