import { waitsForRevisit } from '../kernel/door-outcomes.js';
import type { NaboDatabase } from '../models/database.js';
import type { Logger } from '../kernel/logger.js';
import { revisitReminderAt } from '../src/visits/reminder-times.js';
import { upsertAssignmentSchedulers } from './assignment-jobs.js';
import { upsertProgrammeReportSchedulers } from './programme-report-jobs.js';
import { sendKeys } from './delivery/send-keys.js';
import type { JobQueues } from './job-queues.js';
import type { BullmqReminderScheduler } from './reminder-jobs.js';

export interface ReconcileReport {
  areas: number;
  revisits: number;
  deadlines: number;
}

/**
 * MongoDB is the source of truth; Redis holds derived work. At every start the worker rebuilds
 * what Redis should hold: one assignment scheduler per area, a revisit reminder for every open
 * visit that is waiting for its next try (due ones fire at once), and the first-visit deadlines
 * of every open visit nobody has tried yet. Deterministic job ids make this a no-op when nothing
 * was lost; reminders already sent (SendLedger) are not queued again.
 */
export async function reconcile(deps: {
  db: NaboDatabase;
  queues: JobQueues;
  reminders: BullmqReminderScheduler;
  logger: Logger;
}): Promise<ReconcileReport> {
  const { db } = deps;
  const areas = await db.areas.list();
  await upsertAssignmentSchedulers(deps.queues, areas);
  await upsertProgrammeReportSchedulers(deps.queues, areas);
  const report: ReconcileReport = { areas: areas.length, revisits: 0, deadlines: 0 };
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
  deps.logger.info({ ...report }, 'reconciled jobs from MongoDB');
  return report;
}
