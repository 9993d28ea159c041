import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person, Visit } from '../../models/types.js';
import { revisitReminderAt } from '../../src/visits/reminder-times.js';
import { useTestDatabase } from '../support/database.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from './support/jobs-harness.js';

/**
 * FLUSHDB runs on a Redis database of its own (index 13), never on the shared one, so other
 * people's tests are untouched; the prefix keeps this file apart from anyone else on index 13.
 */
const DEDICATED_REDIS = 'redis://127.0.0.1:6379/13';
const db = useTestDatabase();
const prefix = uniquePrefix('reconcile');
const slack = new RecordingPlatform('slack');
const admin = new Redis(DEDICATED_REDIS, { lazyConnect: true });
let jobs: RunningJobs | undefined;
let area: Area;
let ambassador: Person;
let later: Visit;
let due: Visit;
let untried: Visit;

function start(): Promise<RunningJobs> {
  return startTestJobs(db(), { prefix, platforms: [slack], redisUrl: DEDICATED_REDIS });
}

beforeAll(async () => {
  let ambassadors: Person[];
  ({ area, ambassadors } = await slackEstate(db(), { ambassadors: 1, households: 3 }));
  ambassador = ambassadors[0]!;
  const [first, second, third] = await db().residents.listUnassigned(area.id);
  later = await db().visits.open(first!.id, ambassador.id, '2026-11');
  due = await db().visits.open(second!.id, ambassador.id, '2026-11');
  untried = await db().visits.open(third!.id, ambassador.id, '2026-11');
  await db().visits.recordAttempt(later.id, {
    outcome: 'not_home',
    folderLeft: true,
    revisitDate: '2099-06-01',
  });
  await db().visits.recordAttempt(due.id, {
    outcome: 'postponed',
    folderLeft: null,
    revisitDate: '2026-01-05',
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
  await admin.quit();
});

async function delayedIds(running: RunningJobs): Promise<string[]> {
  return (await running.queues.schedule.getDelayed()).map((job) => job.id ?? '');
}

describe('reconcile at start-up', () => {
  it('when the worker starts, then schedulers, reminders and deadlines are built from MongoDB', async () => {
    jobs = await start();
    expect(jobs.reconciled).toMatchObject({ revisits: 2, deadlines: 1 });
    const ids = await delayedIds(jobs);
    expect(ids).toContain(scheduleJobIds.revisit(later.id, '2099-06-01'));
    expect(ids).toContain(scheduleJobIds.firstAttemptNudge(untried.id));
    expect(ids).toContain(scheduleJobIds.firstAttemptEscalation(untried.id));
    expect(
      await jobs.queues.schedule.getJobScheduler(scheduleJobIds.assignmentScheduler(area.key)),
    ).toBeDefined();
    // The due reminder fires at once and reaches the ambassador, once.
    await waitFor(() => slack.to(ambassador.id).length === 1, 'the due reminder');
    expect(
      slack.to(ambassador.id)[0]!.message.choices?.map((choice) => choice.action.step),
    ).toEqual(['today', 'later', 'close']);
    const job = await jobs.queues.schedule.getJob(scheduleJobIds.revisit(later.id, '2099-06-01'));
    const dueAt = job!.timestamp + job!.delay;
    expect(Math.abs(dueAt - revisitReminderAt(area, '2099-06-01').getTime())).toBeLessThan(100);
  });

  it('when Redis is flushed and the worker restarts, then every reminder is back and none is sent twice', async () => {
    await jobs!.close();
    await admin.flushdb();
    jobs = await start();
    const ids = await delayedIds(jobs);
    expect(ids).toContain(scheduleJobIds.revisit(later.id, '2099-06-01'));
    expect(ids).toContain(scheduleJobIds.firstAttemptNudge(untried.id));
    expect(
      await jobs.queues.schedule.getJobScheduler(scheduleJobIds.assignmentScheduler(area.key)),
    ).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.to(ambassador.id)).toHaveLength(1);
  });
});
