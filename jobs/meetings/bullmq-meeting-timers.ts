import type { JobsOptions, Queue } from 'bullmq';
import type { CheckInFlag } from '../../models/types.js';
import type { CheckInScheduler } from '../../src/check-ins/check-in-timers.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { withinBound } from '../bounded-redis.js';
import type { MeetingTimerScheduler } from '../../src/meetings/meeting-timers.js';
import { timerDueAt, type TimerKind } from '../../src/meetings/timebox.js';
import { meetingJobIds, type MeetingJobData } from './meeting-job-types.js';

const TIMERS: readonly TimerKind[] = ['warn80', 'end'];

/** Finished jobs leave at once, so a job id can be used again (a re-timed item's new timers). */
export const MEETING_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: { age: 14 * 24 * 3600 },
};

/**
 * Both ports of the core (meeting timers, check-in timers) as delayed BullMQ jobs. Delays are
 * counted from the injected clock, the same "now" the flows use.
 */
export class BullmqMeetingTimers implements MeetingTimerScheduler, CheckInScheduler {
  constructor(
    private readonly queue: Queue<MeetingJobData>,
    private readonly clock: Clock,
  ) {}

  async scheduleItem(
    meetingId: string,
    itemIndex: number,
    startedAt: Date,
    timeboxMinutes: number,
  ): Promise<void> {
    // A re-timed item replaces its timers; the old ones would otherwise keep the id.
    await this.cancelItem(meetingId, itemIndex);
    for (const timer of TIMERS) {
      await this.add(
        {
          kind: 'item-timer',
          meetingId,
          itemIndex,
          timer,
          startedAt: startedAt.toISOString(),
          timeboxMinutes,
        },
        meetingJobIds.itemTimer(meetingId, itemIndex, timer),
        timerDueAt(startedAt, timeboxMinutes, timer),
      );
    }
  }

  async cancelItem(meetingId: string, itemIndex: number): Promise<void> {
    for (const timer of TIMERS) {
      // A job that is running right now cannot be removed; it finds the item done and stops.
      await this.queue.remove(meetingJobIds.itemTimer(meetingId, itemIndex, timer)).catch(() => 0);
    }
  }

  async scheduleAgenda(meetingId: string, at: Date): Promise<void> {
    await this.add({ kind: 'agenda', meetingId }, meetingJobIds.agenda(meetingId), at);
  }

  async announceProposal(meetingId: string, proposalId: string): Promise<void> {
    await this.add(
      { kind: 'proposal', meetingId, proposalId },
      meetingJobIds.proposal(meetingId, proposalId),
      this.clock.now(),
    );
  }

  async begin(checkInId: string): Promise<void> {
    await this.add(
      { kind: 'check-in-begin', checkInId },
      meetingJobIds.checkInBegin(checkInId),
      this.clock.now(),
    );
  }

  async scheduleReminder(checkInId: string, at: Date): Promise<void> {
    await this.add(
      { kind: 'check-in-quiet', checkInId },
      meetingJobIds.checkInQuiet(checkInId, at),
      at,
    );
  }

  async alert(checkInId: string, flag: CheckInFlag): Promise<void> {
    await this.add(
      { kind: 'check-in-alert', checkInId, flag },
      meetingJobIds.checkInAlert(checkInId, flag),
      this.clock.now(),
    );
  }

  private async add(data: MeetingJobData, jobId: string, at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - this.clock.now().getTime());
    await this.queue.add(data.kind, data, { ...MEETING_JOB_OPTIONS, jobId, delay });
  }
}

/**
 * The same ports as the flows use them, in the middle of a conversation turn: each call waits
 * for Redis at most `boundMs` and never fails the turn, so "start møde", "næste", a proposal or
 * a check-in answer is answered while Redis is down. The meeting or check-in is in MongoDB
 * already; the worker's reconcile queues its jobs from there.
 */
export class BoundedMeetingTimers implements MeetingTimerScheduler, CheckInScheduler {
  constructor(
    private readonly inner: MeetingTimerScheduler & CheckInScheduler,
    private readonly options: { boundMs?: number; logger?: Logger } = {},
  ) {}

  private bounded(what: string, ids: Record<string, string>, work: () => Promise<void>) {
    return withinBound(work, {
      what,
      ids,
      ...(this.options.boundMs ? { boundMs: this.options.boundMs } : {}),
      ...(this.options.logger ? { logger: this.options.logger } : {}),
    }).then(() => undefined);
  }

  scheduleItem(meetingId: string, itemIndex: number, startedAt: Date, timeboxMinutes: number) {
    return this.bounded('meeting-item-timers', { meetingId }, () =>
      this.inner.scheduleItem(meetingId, itemIndex, startedAt, timeboxMinutes),
    );
  }

  cancelItem(meetingId: string, itemIndex: number) {
    return this.bounded('meeting-item-cancel', { meetingId }, () =>
      this.inner.cancelItem(meetingId, itemIndex),
    );
  }

  scheduleAgenda(meetingId: string, at: Date) {
    return this.bounded('meeting-agenda', { meetingId }, () =>
      this.inner.scheduleAgenda(meetingId, at),
    );
  }

  announceProposal(meetingId: string, proposalId: string) {
    return this.bounded('meeting-proposal', { meetingId }, () =>
      this.inner.announceProposal(meetingId, proposalId),
    );
  }

  begin(checkInId: string) {
    return this.bounded('check-in-begin', { checkInId }, () => this.inner.begin(checkInId));
  }

  scheduleReminder(checkInId: string, at: Date) {
    return this.bounded('check-in-reminder', { checkInId }, () =>
      this.inner.scheduleReminder(checkInId, at),
    );
  }

  alert(checkInId: string, flag: CheckInFlag) {
    return this.bounded('check-in-alert', { checkInId }, () => this.inner.alert(checkInId, flag));
  }
}
