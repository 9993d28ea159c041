import type { CheckInFlag } from '../../models/types.js';
import type { TimerKind } from '../../src/meetings/timebox.js';

/**
 * The meetings queue: timers of the running meeting, the agenda hand-out, proposals, and the
 * check-ins (cadence, first question, reminder, alerts). Job data holds ids only; everything
 * else is read from MongoDB when the job runs, so a job never acts on a stale copy.
 */
export const MEETINGS_QUEUE = 'meetings';
export const CHECK_IN_CADENCE_SCHEDULER = 'check-in-cadence';

export type MeetingJobData =
  | {
      kind: 'item-timer';
      meetingId: string;
      itemIndex: number;
      timer: TimerKind;
      /** ISO instant the item started; with the timebox it tells whether the timer still applies. */
      startedAt: string;
      timeboxMinutes: number;
    }
  | { kind: 'agenda'; meetingId: string }
  | { kind: 'proposal'; meetingId: string; proposalId: string }
  | { kind: 'check-in-cadence' }
  | { kind: 'check-in-begin'; checkInId: string }
  | { kind: 'check-in-quiet'; checkInId: string }
  | { kind: 'check-in-alert'; checkInId: string; flag: CheckInFlag };

/**
 * Job ids that say what they are. BullMQ refuses custom ids with ':' (unless in exactly three
 * parts), so `meeting:{id}:item:{n}:warn80` is written with dashes.
 */
export const meetingJobIds = {
  itemTimer: (meetingId: string, itemIndex: number, timer: TimerKind) =>
    `meeting-${meetingId}-item-${itemIndex}-${timer}`,
  agenda: (meetingId: string) => `meeting-${meetingId}-agenda`,
  proposal: (meetingId: string, proposalId: string) =>
    `meeting-${meetingId}-proposal-${proposalId}`,
  checkInBegin: (checkInId: string) => `check-in-${checkInId}-begin`,
  /** The time is part of the id: each quiet check is its own job (one reschedules the next). */
  checkInQuiet: (checkInId: string, at: Date) => `check-in-${checkInId}-quiet-${at.getTime()}`,
  checkInAlert: (checkInId: string, flag: CheckInFlag) => `check-in-${checkInId}-alert-${flag}`,
};

/** Send-ledger keys: one message for one purpose to one person, at most once. */
export const meetingSendKeys = {
  itemTimer: (
    meetingId: string,
    itemIndex: number,
    timer: TimerKind,
    startedAt: Date,
    timebox: number,
  ) => `meeting-${meetingId}-item-${itemIndex}-${timer}-${startedAt.getTime()}-${timebox}`,
  agenda: (meetingId: string, personId: string) => `meeting-${meetingId}-agenda-${personId}`,
  proposal: (meetingId: string, proposalId: string, personId: string) =>
    `meeting-${meetingId}-proposal-${proposalId}-${personId}`,
  checkInBegin: (checkInId: string) => `check-in-${checkInId}-begin`,
  checkInReminder: (checkInId: string) => `check-in-${checkInId}-reminder`,
  checkInAlert: (checkInId: string, flag: CheckInFlag, personId: string) =>
    `check-in-${checkInId}-alert-${flag}-${personId}`,
};
