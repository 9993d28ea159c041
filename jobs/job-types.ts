/**
 * What jobs carry. Ids only: names, addresses and message text are read from MongoDB when the job
 * runs, so nothing personal stays in Redis after a job finishes.
 */

/** Jobs of the schedule queue: when something should happen. */
export type ScheduleJobData =
  | { kind: 'assign'; areaId: string }
  | { kind: 'revisit'; visitId: string; revisitDate: string }
  | { kind: 'first-attempt-nudge'; visitId: string }
  | { kind: 'first-attempt-escalation'; visitId: string }
  | { kind: 'programme-report'; areaId: string }
  | { kind: 'event-reminder'; eventId: string };

/** Jobs of a send queue: one message to one person. */
export type SendJobData = (
  | { kind: 'assignment'; areaId: string; month: string }
  | { kind: 'assignment-summary'; areaId: string; month: string }
  | { kind: 'revisit'; visitId: string; revisitDate: string }
  | { kind: 'first-attempt-nudge'; visitId: string }
  | { kind: 'first-attempt-escalation'; visitId: string }
  | { kind: 'programme-report'; areaId: string; month: string }
  | { kind: 'event-reminder'; eventId: string }
) & {
  personId: string;
  /**
   * Set in Redis as soon as the platform confirmed the send, before the ledger is marked sent:
   * a retry that finds the ledger still pending then knows the message did go out.
   */
  confirmedMessageId?: string;
};

export type SendOutcome =
  | { status: 'sent'; platform: string }
  | { status: 'already_sent' }
  | { status: 'stale' }
  | { status: 'unreachable'; reason: string };
