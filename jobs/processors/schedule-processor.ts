import type { Job } from 'bullmq';
import type { NaboDatabase } from '../../models/database.js';
import type { Visit } from '../../models/types.js';
import { assignmentMonthOf } from '../../src/assignment/assignment-month.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { assignAndAnnounce, type AnnounceDeps } from '../assignment-jobs.js';
import type { AssignmentBatches } from '../delivery/assignment-batch.js';
import type { PersonMessenger } from '../delivery/person-messenger.js';
import { sendKeys } from '../delivery/send-keys.js';
import { enqueueSend, enqueueSends, whereUnreachable } from '../enqueue-send.js';
import type { JobQueues } from '../job-queues.js';
import type { ScheduleJobData, SendJobData } from '../job-types.js';
import type { BullmqReminderScheduler } from '../reminder-jobs.js';
import { queueProgrammeReports } from '../programme-report-jobs.js';
import { expectedAt, invitedPeople } from '../../src/events/community-events.js';

export interface ScheduleProcessorDeps {
  db: NaboDatabase;
  queues: JobQueues;
  messenger: PersonMessenger;
  reminders: BullmqReminderScheduler;
  clock: Clock;
  logger: Logger;
  /** Shared with the send workers of this process (assignment-batch.ts). */
  batches?: AssignmentBatches;
}

/**
 * When the time comes: the monthly hand-out of an area, a revisit reminder, a first-visit
 * deadline. Each checks MongoDB first (is the visit still open, still without a try, still due
 * that day?) and then queues the message; the send queues do the delivering.
 */
export function createScheduleProcessor(deps: ScheduleProcessorDeps) {
  const announceDeps: AnnounceDeps = deps;

  /**
   * A reminder to the ambassador about one of her visits: only while the visit is open and the
   * reminder still has something to say (`stillDue`), queued under its send key.
   */
  async function remindAmbassador(
    visitId: string,
    stillDue: (visit: Visit) => boolean,
    key: (visit: Visit) => string,
    message: (visit: Visit, personId: string) => SendJobData,
  ): Promise<Record<string, number | string>> {
    const visit = await deps.db.visits.findById(visitId);
    if (!visit || visit.status !== 'open' || !stillDue(visit)) return { skipped: 'stale' };
    const ambassador = await deps.db.people.findById(visit.ambassadorId);
    if (!ambassador) return { skipped: 'no_person' };
    const queued = await enqueueSend(deps, ambassador, key(visit), message(visit, ambassador.id));
    return queued.queued ? { queued: 1 } : { unreachable: whereUnreachable(queued.unreachableOn) };
  }

  return async function processSchedule(
    job: Job<ScheduleJobData>,
  ): Promise<Record<string, number | string>> {
    const data = job.data;
    switch (data.kind) {
      case 'assign': {
        const area = await deps.db.areas.findById(data.areaId);
        if (!area) return { skipped: 'no_area' };
        const now = deps.clock.now();
        const month = assignmentMonthOf(now, area.timeZone);
        const { run, announcement } = await assignAndAnnounce(announceDeps, area, month, now);
        return {
          month,
          opened: run.opened.length,
          unassigned: run.plan.unassigned.length,
          ambassadors: announcement.ambassadorsQueued,
        };
      }
      case 'revisit':
        return remindAmbassador(
          data.visitId,
          // A visit closed or given another day since: this reminder has nothing left to say.
          (visit) => visit.revisitDate === data.revisitDate,
          (visit) => sendKeys.revisit(visit.id, data.revisitDate),
          (visit, personId) => ({
            kind: 'revisit',
            visitId: visit.id,
            revisitDate: data.revisitDate,
            personId,
          }),
        );
      case 'first-attempt-nudge':
        return remindAmbassador(
          data.visitId,
          (visit) => visit.attempts.length === 0,
          (visit) => sendKeys.firstAttemptNudge(visit.id),
          (visit, personId) => ({ kind: 'first-attempt-nudge', visitId: visit.id, personId }),
        );
      case 'event-reminder': {
        const event = await deps.db.communityEvents.findById(data.eventId);
        // A draft never sent, or an event already under way: nobody to remind.
        if (!event?.sentAt || event.startsAt.getTime() <= deps.clock.now().getTime()) {
          return { skipped: 'stale' };
        }
        const people = await invitedPeople(deps.db, [event]);
        const results = await enqueueSends(
          deps,
          expectedAt(event).flatMap((personId) => {
            const person = people.get(personId);
            if (!person) return [];
            const data = { kind: 'event-reminder' as const, eventId: event.id, personId };
            return [{ person, key: sendKeys.eventReminder(event.id, personId), data }];
          }),
        );
        return { queued: results.filter((result) => result.queued).length };
      }
      case 'first-attempt-escalation': {
        const visit = await deps.db.visits.findById(data.visitId);
        if (!visit || visit.status !== 'open' || visit.attempts.length > 0)
          return { skipped: 'stale' };
        const coordinators = await deps.db.people.listByArea(visit.areaId, 'coordinator');
        let queued = 0;
        for (const coordinator of coordinators) {
          const result = await enqueueSend(
            deps,
            coordinator,
            sendKeys.firstAttemptEscalation(visit.id, coordinator.id),
            { kind: 'first-attempt-escalation', visitId: visit.id, personId: coordinator.id },
          );
          if (result.queued) queued += 1;
        }
        return { queued };
      }
      case 'programme-report':
        return queueProgrammeReports(deps, data.areaId);
    }
  };
}
