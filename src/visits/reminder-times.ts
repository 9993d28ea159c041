import { DateTime } from 'luxon';
import type { Area } from '../../models/types.js';

/**
 * When reminders go out. Ambassadors are volunteers with jobs and families: a reminder never
 * arrives at night, whatever an area's settings say. All times are local to the area.
 */
export const EARLIEST_REMINDER_HOUR = 8;
export const LATEST_REMINDER_HOUR = 20;

/** The area's reminder hour, kept within 08:00–20:00 local time. */
export function reminderHour(area: Pick<Area, 'settings'>): number {
  const hour = Math.trunc(area.settings.revisitHour);
  return Math.min(LATEST_REMINDER_HOUR, Math.max(EARLIEST_REMINDER_HOUR, hour));
}

/** The instant to remind about a revisit on `revisitDate` ('YYYY-MM-DD'): that day at the reminder hour. */
export function revisitReminderAt(
  area: Pick<Area, 'settings' | 'timeZone'>,
  revisitDate: string,
): Date {
  return atReminderHour(area, DateTime.fromISO(revisitDate, { zone: area.timeZone }));
}

/** The calendar day ('YYYY-MM-DD') in the area of an instant. */
export function localDate(area: Pick<Area, 'timeZone'>, at: Date): string {
  return DateTime.fromJSDate(at, { zone: area.timeZone }).toISODate() ?? '';
}

/** "Remind me in N days": N days after today in the area. */
export function daysFromToday(area: Pick<Area, 'timeZone'>, now: Date, days: number): string {
  return DateTime.fromJSDate(now, { zone: area.timeZone }).plus({ days }).toISODate() ?? '';
}

export interface FirstAttemptDeadlines {
  /** The ambassador is nudged then if nobody has tried the door. */
  nudgeAt: Date;
  /** The coordinator is told then. */
  escalateAt: Date;
  /** Days after moving in (or after the hand-out, if later) at which the coordinator is told. */
  escalateAfterDays: number;
}

/**
 * A household should have had a first try within N days of moving in (the area's
 * firstAttemptDeadlineDays), the coordinator hears after twice that. A household handed out long
 * after it moved in is counted from the hand-out instead, so its ambassador is not nudged on day 1.
 */
export function firstAttemptDeadlines(
  area: Pick<Area, 'settings' | 'timeZone'>,
  moveInDate: Date,
  assignedAt: Date,
): FirstAttemptDeadlines {
  // moveInDate is a calendar date stored at UTC midnight: read its day in UTC.
  const movedIn = DateTime.fromISO(moveInDate.toISOString().slice(0, 10), { zone: area.timeZone });
  const assigned = DateTime.fromJSDate(assignedAt, { zone: area.timeZone }).startOf('day');
  const start = movedIn > assigned ? movedIn : assigned;
  const days = area.settings.firstAttemptDeadlineDays;
  return {
    nudgeAt: atReminderHour(area, start.plus({ days })),
    escalateAt: atReminderHour(area, start.plus({ days: 2 * days })),
    escalateAfterDays: 2 * days,
  };
}

function atReminderHour(area: Pick<Area, 'settings'>, day: DateTime): Date {
  // luxon moves a non-existent local time (DST spring-forward) forward, never back into the night.
  return day.set({ hour: reminderHour(area), minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
