import type { NaboDatabase } from '../models/database.js';
import type { Area, Visit } from '../models/types.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { ReminderScheduler } from '../src/visits/reminder-scheduler.js';
import { eventReminderAt, type EventReminderScheduler } from '../src/events/event-reminders.js';
import {
  firstAttemptDeadlines,
  localDate,
  type FirstAttemptDeadlines,
} from '../src/visits/reminder-times.js';
import { addInSlices } from './add-in-slices.js';
import { scheduleJobIds } from './delivery/send-keys.js';
import type { JobQueues } from './job-queues.js';
import { DEFAULT_TURN_BOUND_MS, withinBound } from './bounded-redis.js';

/**
 * Revisit reminders and first-visit deadlines as delayed jobs in the schedule queue. Job ids are
 * deterministic (visit and day), so scheduling twice — the report flow, then the start-up
 * reconcile — keeps one job. A delay in the past simply means "now".
 */
/** An event's zone when none of its areas says (they all do: areas have a zone). */
const DEFAULT_EVENT_ZONE = 'Europe/Copenhagen';

/** How long a conversation turn waits for Redis to take a reminder. */
export const DEFAULT_REMINDER_BOUND_MS = DEFAULT_TURN_BOUND_MS;

export class BullmqReminderScheduler implements ReminderScheduler, EventReminderScheduler {
  constructor(
    private readonly db: NaboDatabase,
    private readonly queues: JobQueues,
    private readonly clock: Clock,
    private readonly options: { boundMs?: number; logger?: Logger } = {},
  ) {}

  /**
   * Asked in the middle of a conversation turn (a report, a button), so it never holds the reply
   * for longer than the bound: with Redis down the queue would wait for it indefinitely. The
   * visit's revisit date is in MongoDB already, and the worker's reconcile queues the reminder
   * from there; the add itself still completes if Redis comes back in time.
   */
  async scheduleRevisit(visitId: string, at: Date): Promise<void> {
    const visit = await this.db.visits.findById(visitId);
    if (!visit || visit.status !== 'open') return;
    const area = await this.db.areas.findById(visit.areaId);
    if (!area) return;
    await this.bounded('schedule', visitId, () =>
      this.addRevisit(visitId, localDate(area, at), at),
    );
  }

  /** For the reconcile, which has the area and the date at hand already. */
  async addRevisit(visitId: string, revisitDate: string, at: Date): Promise<void> {
    await this.queues.schedule.add(
      'revisit',
      { kind: 'revisit', visitId, revisitDate },
      { jobId: scheduleJobIds.revisit(visitId, revisitDate), delay: this.delayUntil(at) },
    );
  }

  /**
   * The day-before reminder of a community event; one job per event, whoever schedules it. Asked
   * when the coordinator presses "Send", so bounded as the revisit reminder is.
   */
  async scheduleEventReminder(eventId: string, at: Date): Promise<void> {
    await withinBound(
      () =>
        this.queues.schedule.add(
          'event-reminder',
          { kind: 'event-reminder', eventId },
          { jobId: scheduleJobIds.eventReminder(eventId), delay: this.delayUntil(at) },
        ),
      {
        what: 'event-reminder',
        ids: { eventId },
        ...(this.options.boundMs ? { boundMs: this.options.boundMs } : {}),
        ...(this.options.logger ? { logger: this.options.logger } : {}),
      },
    );
  }

  /**
   * The day-before reminders of the sent events still to come whose reminder has not gone out
   * (the worker's reconcile: Redis lost them, or a turn could not queue one while it was down).
   * Returns how many were queued; the job id keeps one per event.
   */
  async rebuildEventReminders(areas: readonly Area[]): Promise<number> {
    const now = this.clock.now();
    const events = await this.db.communityEvents.listUpcoming(
      areas.map((area) => area.id),
      now,
    );
    let queued = 0;
    for (const event of events) {
      if (event.reminderSentAt) continue;
      const zone =
        areas.find((area) => event.areaIds.includes(area.id))?.timeZone ?? DEFAULT_EVENT_ZONE;
      const at = eventReminderAt(event.startsAt, zone, now);
      if (!at) continue;
      await this.queues.schedule.add(
        'event-reminder',
        { kind: 'event-reminder', eventId: event.id },
        { jobId: scheduleJobIds.eventReminder(event.id), delay: this.delayUntil(at) },
      );
      queued += 1;
    }
    return queued;
  }

  async cancel(visitId: string): Promise<void> {
    // Best effort: a reminder that survives finds the visit closed when it comes due and is dropped.
    await this.bounded('cancel', visitId, async () => {
      const delayed = await this.queues.schedule.getDelayed();
      await Promise.all(
        delayed
          .filter((job) => 'visitId' in job.data && job.data.visitId === visitId)
          .map((job) => job.remove().catch(() => undefined)),
      );
    });
  }

  private async bounded(what: string, visitId: string, work: () => Promise<void>): Promise<void> {
    await withinBound(work, {
      what,
      ids: { visitId },
      ...(this.options.boundMs ? { boundMs: this.options.boundMs } : {}),
      ...(this.options.logger ? { logger: this.options.logger } : {}),
    });
  }

  /** The nudge to the ambassador and, later, the word to the coordinator, for a visit without a try. */
  async scheduleFirstAttemptDeadlines(area: Area, visit: Visit, moveInDate: Date): Promise<void> {
    await this.scheduleFirstAttemptDeadlinesOf(area, [{ visit, moveInDate }]);
  }

  /**
   * The same for the visits of a hand-out, queued in a few round trips (bulk adds in slices)
   * rather than two per visit, so announcing an area does not hold up its own messages' senders.
   */
  async scheduleFirstAttemptDeadlinesOf(
    area: Area,
    visits: ReadonlyArray<{ visit: Visit; moveInDate: Date }>,
  ): Promise<void> {
    if (visits.length === 0) return;
    // A hand-out's visits share the moment they were handed out and mostly a few move-in dates:
    // the deadlines are worked out (luxon's zone arithmetic, most of the CPU of announcing an
    // area) once per pair, not once per visit.
    const worked = new Map<string, FirstAttemptDeadlines>();
    const deadlinesOf = (moveInDate: Date, assignedAt: Date) => {
      const pair = `${moveInDate.getTime()}:${assignedAt.getTime()}`;
      let deadlines = worked.get(pair);
      if (!deadlines) {
        deadlines = firstAttemptDeadlines(area, moveInDate, assignedAt);
        worked.set(pair, deadlines);
      }
      return deadlines;
    };
    await addInSlices(
      this.queues.schedule,
      visits.flatMap(({ visit, moveInDate }) => {
        const deadlines = deadlinesOf(moveInDate, visit.createdAt);
        return [
          {
            name: 'first-attempt-nudge',
            data: { kind: 'first-attempt-nudge' as const, visitId: visit.id },
            opts: {
              jobId: scheduleJobIds.firstAttemptNudge(visit.id),
              delay: this.delayUntil(deadlines.nudgeAt),
            },
          },
          {
            name: 'first-attempt-escalation',
            data: { kind: 'first-attempt-escalation' as const, visitId: visit.id },
            opts: {
              jobId: scheduleJobIds.firstAttemptEscalation(visit.id),
              delay: this.delayUntil(deadlines.escalateAt),
            },
          },
        ];
      }),
    );
  }

  private delayUntil(at: Date): number {
    return Math.max(0, at.getTime() - this.clock.now().getTime());
  }
}
