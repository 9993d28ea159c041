/**
 * The port through which the core asks for a meeting's timed work. src/ does not know BullMQ;
 * jobs/meetings/ implements this with delayed jobs, so a restart of the bot or the worker loses
 * no timer. Every job can be rebuilt from MongoDB (the running item's start, the meeting's start),
 * and a job that comes due for an item that is no longer current does nothing, so callers may
 * schedule again without cancelling first.
 */
export interface MeetingTimerScheduler {
  /** The 80 % warning and the end of the item's timebox, counted from when the item started. */
  scheduleItem(
    meetingId: string,
    itemIndex: number,
    startedAt: Date,
    timeboxMinutes: number,
  ): Promise<void>;
  /** Best effort: an item that ended early drops its timers (a survivor finds it done and stops). */
  cancelItem(meetingId: string, itemIndex: number): Promise<void>;
  /** Sends the agenda to the area's ambassadors at `at` (a moment in the past means now). */
  scheduleAgenda(meetingId: string, at: Date): Promise<void>;
  /** Tells the meeting's coordinator at once about an ambassador's proposal, with buttons. */
  announceProposal(meetingId: string, proposalId: string): Promise<void>;
}

/** How long before the meeting the agenda goes to the ambassadors. */
export const AGENDA_LEAD_DAYS = 2;

export function agendaSendAt(startsAt: Date, leadDays = AGENDA_LEAD_DAYS): Date {
  return new Date(startsAt.getTime() - leadDays * 24 * 60 * 60_000);
}
