import { waitsForRevisit } from '../kernel/door-outcomes.js';
import type { NaboDatabase } from '../models/database.js';
import type { Area } from '../models/types.js';
import { revisitReminderAt } from '../src/visits/reminder-times.js';
import { scheduleJobIds, sendKeys } from './delivery/send-keys.js';
import type { JobQueues } from './job-queues.js';
import type { BullmqReminderScheduler } from './reminder-jobs.js';

export interface MovedReminders {
  revisits: number;
  deadlines: number;
}

/**
 * An area's reminder settings changed (`nabo area set gellerup --revisit-hour 14`): every
 * reminder already queued for its open visits is taken out and queued again at the new time, so
 * tomorrow's reminder comes at 14:00, not at the old hour. MongoDB says which reminders there
 * should be (as the start-up reconcile does); reminders already sent are left alone.
 */
export async function moveAreaReminders(
  deps: { db: NaboDatabase; queues: JobQueues; reminders: BullmqReminderScheduler },
  area: Area,
): Promise<MovedReminders> {
  const moved: MovedReminders = { revisits: 0, deadlines: 0 };
  for (const visit of await deps.db.visits.listByArea(area.id, { status: 'open' })) {
    if (visit.attempts.length === 0) {
      if ((await deps.db.sendLedger.get(sendKeys.firstAttemptNudge(visit.id)))?.status === 'sent') {
        continue;
      }
      await deps.queues.schedule.remove(scheduleJobIds.firstAttemptNudge(visit.id));
      await deps.queues.schedule.remove(scheduleJobIds.firstAttemptEscalation(visit.id));
      await deps.reminders.scheduleFirstAttemptDeadlines(area, visit, visit.resident.moveInDate);
      moved.deadlines += 1;
      continue;
    }
    if (!waitsForRevisit(visit.outcome) || !visit.revisitDate) continue;
    const key = sendKeys.revisit(visit.id, visit.revisitDate);
    if ((await deps.db.sendLedger.get(key))?.status === 'sent') continue;
    await deps.queues.schedule.remove(scheduleJobIds.revisit(visit.id, visit.revisitDate));
    await deps.reminders.addRevisit(
      visit.id,
      visit.revisitDate,
      revisitReminderAt(area, visit.revisitDate),
    );
    moved.revisits += 1;
  }
  return moved;
}
