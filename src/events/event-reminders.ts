import { DateTime } from 'luxon';

/**
 * The port through which the core asks for the day-before reminder of an event; jobs/ implements
 * it with a delayed job. Idempotent per event: scheduling twice keeps one reminder, and a reminder
 * whose event is gone or already started sends nothing.
 */
export interface EventReminderScheduler {
  scheduleEventReminder(eventId: string, at: Date): Promise<void>;
}

/** The hour of the day before at which those coming are reminded, in the area's zone. */
export const EVENT_REMINDER_HOUR = 10;

/**
 * 10:00 local on the day before the event; null when that moment has passed already (an event
 * announced for tomorrow afternoon needs no reminder on top of the invitation).
 */
export function eventReminderAt(startsAt: Date, zone: string, now: Date): Date | null {
  const at = DateTime.fromJSDate(startsAt, { zone })
    .minus({ days: 1 })
    .set({ hour: EVENT_REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
  return at.getTime() > now.getTime() ? at : null;
}
