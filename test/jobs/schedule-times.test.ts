import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ASSIGNMENT_CRON } from '../../jobs/assignment-jobs.js';
import { JobQueues } from '../../jobs/job-queues.js';
import { createRedisConnection } from '../../jobs/redis-connection.js';
import { RETENTION_PATTERN } from '../../jobs/retention/retention-queue.js';
import type { Area } from '../../models/types.js';
import {
  daysFromToday,
  firstAttemptDeadlines,
  revisitReminderAt,
} from '../../src/visits/reminder-times.js';
import { REDIS_URL, uniquePrefix } from './support/jobs-harness.js';

const connection = createRedisConnection(REDIS_URL, { forWorker: true });
const queues = new JobQueues(connection, uniquePrefix('dst'));

/**
 * BullMQ counts a scheduler's next run from the later of its start date and Date.now() in this
 * process, so "now" is fixed (only Date is faked; timers and Redis stay real): before every start
 * date below, or in the night the clocks change.
 */
const NOW = '2027-01-10T12:00:00Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await queues.obliterate();
  await queues.close();
  await connection.quit();
});

const area = (settings: Partial<Area['settings']> = {}): Pick<Area, 'settings' | 'timeZone'> => ({
  timeZone: 'Europe/Copenhagen',
  settings: {
    maxAttempts: 2,
    revisitAfterDays: 3,
    revisitHour: 10,
    firstAttemptDeadlineDays: 14,
    assignmentCron: '0 9 1 * *',
    checkInEveryWeeks: 6,
    ...settings,
  },
});

const local = (date: Date) =>
  DateTime.fromJSDate(date, { zone: 'Europe/Copenhagen' }).toFormat('yyyy-MM-dd HH:mm');

/** The next run of a scheduler that starts counting at `from` (default: now). */
async function nextRun(id: string, pattern: string, from?: string): Promise<Date> {
  await queues.schedule.upsertJobScheduler(
    id,
    { pattern, tz: 'Europe/Copenhagen', ...(from ? { startDate: new Date(from) } : {}) },
    { name: 'assign', data: { kind: 'assign', areaId: id } },
  );
  const scheduler = await queues.schedule.getJobScheduler(id);
  return new Date(scheduler?.next ?? 0);
}

describe('schedules across daylight-saving changes (Europe/Copenhagen)', () => {
  it('when the hand-out falls in the months after March and October, then it stays 09:00 local', async () => {
    const april = await nextRun('dst-april', '0 9 1 * *', '2027-03-15T12:00:00Z');
    expect(april.toISOString()).toBe('2027-04-01T07:00:00.000Z');
    const march = await nextRun('dst-march', '0 9 1 * *', '2027-02-15T12:00:00Z');
    expect(march.toISOString()).toBe('2027-03-01T08:00:00.000Z');
    const november = await nextRun('dst-november', '0 9 1 * *', '2027-10-15T12:00:00Z');
    expect(november.toISOString()).toBe('2027-11-01T08:00:00.000Z');
    const october = await nextRun('dst-october', '0 9 1 * *', '2027-09-15T12:00:00Z');
    expect(october.toISOString()).toBe('2027-10-01T07:00:00.000Z');
    for (const run of [april, march, november, october])
      expect(local(run).endsWith('09:00')).toBe(true);
  });

  it('when a daily schedule crosses the change day itself, then 09:00 local stays 09:00', async () => {
    const spring = await nextRun('dst-spring-day', '0 9 * * *', '2027-03-27T12:00:00Z');
    expect(local(spring)).toBe('2027-03-28 09:00');
    const autumn = await nextRun('dst-autumn-day', '0 9 * * *', '2027-10-30T12:00:00Z');
    expect(local(autumn)).toBe('2027-10-31 09:00');
  });

  it('when a worker starts in the spring night the clocks go forward, then every schedule keeps its local time', async () => {
    // 2027-03-28 00:45 UTC is 01:45 in Copenhagen; at 01:00 UTC the clocks jump from 02:00 to 03:00.
    for (const [at, label] of [
      ['2027-03-28T00:45:00Z', 'before'],
      ['2027-03-28T01:15:00Z', 'after'],
    ] as const) {
      vi.setSystemTime(new Date(at));
      expect(local(await nextRun(`spring-hand-out-${label}`, DEFAULT_ASSIGNMENT_CRON))).toBe(
        '2027-04-01 09:00',
      );
      expect(local(await nextRun(`spring-check-ins-${label}`, '0 10 * * *'))).toBe(
        '2027-03-28 10:00',
      );
      expect(local(await nextRun(`spring-retention-${label}`, RETENTION_PATTERN))).toBe(
        '2027-03-28 03:30',
      );
    }
  });

  it('when a worker starts in the autumn night the clocks go back, then every schedule runs once at its local time', async () => {
    // 2027-10-31 00:30 UTC is 02:30 summer time; at 01:00 UTC 03:00 becomes 02:00 again.
    for (const [at, label] of [
      ['2027-10-31T00:30:00Z', 'before'],
      ['2027-10-31T01:30:00Z', 'after'],
    ] as const) {
      vi.setSystemTime(new Date(at));
      expect(local(await nextRun(`autumn-hand-out-${label}`, DEFAULT_ASSIGNMENT_CRON))).toBe(
        '2027-11-01 09:00',
      );
      expect(local(await nextRun(`autumn-check-ins-${label}`, '0 10 * * *'))).toBe(
        '2027-10-31 10:00',
      );
      const retention = await nextRun(`autumn-retention-${label}`, RETENTION_PATTERN);
      expect(retention.toISOString()).toBe('2027-10-31T02:30:00.000Z');
    }
  });

  it('when a revisit falls on a change day, then the reminder is at the area hour local time', () => {
    expect(local(revisitReminderAt(area(), '2027-03-28'))).toBe('2027-03-28 10:00');
    expect(local(revisitReminderAt(area(), '2027-10-31'))).toBe('2027-10-31 10:00');
  });

  it('when an area asks for reminders at night, then they come at 08:00 or 20:00', () => {
    expect(local(revisitReminderAt(area({ revisitHour: 3 }), '2027-01-10'))).toBe(
      '2027-01-10 08:00',
    );
    expect(local(revisitReminderAt(area({ revisitHour: 23 }), '2027-01-10'))).toBe(
      '2027-01-10 20:00',
    );
  });

  it('when a household moves in, then the ambassador is nudged after N days and the coordinator after 2N', () => {
    const deadlines = firstAttemptDeadlines(
      area(),
      new Date('2027-03-20T00:00:00Z'),
      new Date('2027-03-18T10:00:00Z'),
    );
    expect(local(deadlines.nudgeAt)).toBe('2027-04-03 10:00');
    expect(local(deadlines.escalateAt)).toBe('2027-04-17 10:00');
    // Handed out long after moving in: counted from the hand-out, not nudged on day one.
    const late = firstAttemptDeadlines(
      area(),
      new Date('2026-01-02T00:00:00Z'),
      new Date('2027-03-01T08:00:00Z'),
    );
    expect(local(late.nudgeAt)).toBe('2027-03-15 10:00');
  });

  it('when "remind me in 2 days" is pressed late in the evening, then the day counts in local time', () => {
    expect(daysFromToday(area(), new Date('2027-03-27T23:30:00Z'), 2)).toBe('2027-03-30');
  });
});
