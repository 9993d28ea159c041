import type { CheckInFlag } from '../../models/types.js';

/**
 * The port through which the core asks for a check-in's proactive messages. jobs/meetings/
 * implements it with BullMQ (immediate jobs for the first question and alerts, delayed ones for
 * the reminder), with job ids per check-in so nothing goes out twice.
 */
export interface CheckInScheduler {
  /** Sends the first question to the ambassador now (an on-demand check-in). */
  begin(checkInId: string): Promise<void>;
  /** The one reminder when nothing has been answered for a while; then "missed". */
  scheduleReminder(checkInId: string, at: Date): Promise<void>;
  /** Tells the area's coordinators at once (low score, a wish to talk, fewer visits). */
  alert(checkInId: string, flag: CheckInFlag): Promise<void>;
}

/** The reminder comes a day after the latest question, and "missed" a day after the reminder. */
export const CHECK_IN_REMINDER_AFTER_MS = 24 * 60 * 60_000;
