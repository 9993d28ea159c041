import type { NaboDatabase } from '../models/database.js';
import type { Area } from '../models/types.js';
import {
  runMonthlyAssignment,
  type MonthlyAssignmentRun,
} from '../src/assignment/run-monthly-assignment.js';
import type { UnreachableOn } from '../src/assignment/messages.js';
import type { Logger } from '../kernel/logger.js';
import type { AssignmentBatches } from './delivery/assignment-batch.js';
import type { PersonMessenger } from './delivery/person-messenger.js';
import { scheduleJobIds, sendKeys } from './delivery/send-keys.js';
import { enqueueSends } from './enqueue-send.js';
import type { JobQueues } from './job-queues.js';
import type { BullmqReminderScheduler } from './reminder-jobs.js';

/** The 1st of the month at 09:00 local time, unless the area says otherwise. */
export const DEFAULT_ASSIGNMENT_CRON = '0 9 1 * *';

/**
 * One job scheduler per area, upserted at every worker start: upserting keeps one scheduler and
 * one next job however many workers start, and picks up a changed cron or time zone.
 */
export async function upsertAssignmentSchedulers(
  queues: JobQueues,
  areas: readonly Area[],
): Promise<void> {
  for (const area of areas) {
    await queues.schedule.upsertJobScheduler(
      scheduleJobIds.assignmentScheduler(area.key),
      { pattern: area.settings.assignmentCron || DEFAULT_ASSIGNMENT_CRON, tz: area.timeZone },
      { name: 'assign', data: { kind: 'assign', areaId: area.id } },
    );
  }
}

export interface AnnounceDeps {
  db: NaboDatabase;
  queues: JobQueues;
  messenger: PersonMessenger;
  reminders: BullmqReminderScheduler;
  logger: Logger;
  /** The send workers' batches in this process: they compose from what the announcement read. */
  batches?: AssignmentBatches;
}

export interface Announcement {
  ambassadorsQueued: number;
  coordinatorsQueued: number;
  unreachable: Array<{ personId: string; on: UnreachableOn }>;
}

/**
 * "Tell everyone about this month's hand-out": one message per ambassador with every household
 * they got in the area this month, one summary per coordinator, and first-visit deadlines.
 * Read from MongoDB, not from the run that opened the visits, so announcing again after a crash
 * covers exactly the same visits; the send keys keep it to one message per person.
 */
export async function announceAssignment(
  deps: AnnounceDeps,
  area: Area,
  month: string,
): Promise<Announcement> {
  const visits = (await deps.db.visits.listByArea(area.id, { status: 'open' })).filter(
    (visit) => visit.assignmentMonth === month,
  );
  const inArea = await deps.db.people.listByArea(area.id);
  deps.batches?.keep(area, month, visits, inArea);
  const people = new Map(inArea.map((p) => [p.id, p]));
  const ambassadorIds = [...new Set(visits.map((visit) => visit.ambassadorId))].sort();
  const announcement: Announcement = {
    ambassadorsQueued: 0,
    coordinatorsQueued: 0,
    unreachable: [],
  };

  // Ambassadors first, then the coordinators' summary: recorded together, queued in that order.
  const ambassadors = ambassadorIds.flatMap((id) => people.get(id) ?? []);
  const missing = ambassadorIds.filter((id) => !people.has(id));
  for (const id of missing) {
    const found = await deps.db.people.findById(id);
    if (found) ambassadors.push(found);
  }
  const coordinators = [...people.values()].filter((person) =>
    person.roles.some((role) => role.areaId === area.id && role.role === 'coordinator'),
  );
  const sends = [
    ...ambassadors.map((person) => ({
      person,
      key: sendKeys.assignment(area.key, month, person.id),
      data: { kind: 'assignment' as const, areaId: area.id, month, personId: person.id },
    })),
    ...coordinators.map((person) => ({
      person,
      key: sendKeys.assignmentSummary(area.key, month, person.id),
      data: { kind: 'assignment-summary' as const, areaId: area.id, month, personId: person.id },
    })),
  ];
  const results = await enqueueSends(deps, sends);
  results.forEach((result, index) => {
    const send = sends[index];
    if (!send) return;
    if (!result.queued) {
      announcement.unreachable.push({ personId: send.person.id, on: result.unreachableOn });
    } else if (send.data.kind === 'assignment') announcement.ambassadorsQueued += 1;
    else announcement.coordinatorsQueued += 1;
  });
  await deps.reminders.scheduleFirstAttemptDeadlinesOf(
    area,
    visits
      .filter((visit) => visit.attempts.length === 0)
      .map((visit) => ({ visit, moveInDate: visit.resident.moveInDate })),
  );
  deps.logger.info(
    {
      area: area.key,
      month,
      visits: visits.length,
      ambassadors: announcement.ambassadorsQueued,
      coordinators: announcement.coordinatorsQueued,
      unreachable: announcement.unreachable.length,
    },
    'assignment announced',
  );
  return announcement;
}

/** The scheduled job and `nabo assign` both do this: hand out, then announce. */
export async function assignAndAnnounce(
  deps: AnnounceDeps,
  area: Area,
  month: string,
  now: Date,
): Promise<{ run: MonthlyAssignmentRun; announcement: Announcement }> {
  const run = await runMonthlyAssignment(deps.db, { area, month, now });
  deps.logger.info(
    {
      area: area.key,
      month,
      opened: run.opened.length,
      unassigned: run.plan.unassigned.length,
      skipped: run.skipped,
    },
    'monthly assignment ran',
  );
  const announcement = await announceAssignment(deps, area, month);
  return { run, announcement };
}
